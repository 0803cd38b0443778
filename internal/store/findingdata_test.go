package store

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
)

// A finding reads back as it was written, whatever its texts hold; what is
// not the stored form (a finding written as JSON by an older version, a
// cut one) is refused, not read as something else.
func TestFindingDataReadsBack(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"", ":", "12:", "金砖国家", "BRICS", "“BRIC”", "0", "a:b:c", "\n", "1:x", strings.Repeat("长", 300)}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(4) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 2000 {
		f := glossary.Finding{Kind: text(), Severity: text(), ClauseID: uint(rng.Uint32()), DocumentID: uint(rng.IntN(1000)),
			Source: text(), Target: text(), Term: text(), Expected: text(), Found: text(), Message: text(), Code: text()}
		for range rng.IntN(4) {
			if f.Params == nil {
				f.Params = map[string]string{}
			}
			f.Params[text()] = text()
		}
		var got glossary.Finding
		if err := decodeFinding(encodeFinding(f), &got); err != nil || !reflect.DeepEqual(got, f) {
			t.Fatalf("%+v read back as %+v (%v)", f, got, err)
		}
	}
	f := glossary.Finding{Kind: glossary.KindTermMissing, ClauseID: 7, DocumentID: 2, Term: "金砖国家", Message: "m",
		Code: glossary.CodeTermMissing, Params: map[string]string{"term": "金砖国家", "use": "BRICS"}}
	old, _ := json.Marshal(f)
	data := encodeFinding(f)
	// Version 2's form: the ten fields up to the message, no code or params.
	var v2 strings.Builder
	for _, s := range []string{f.Kind, "", "7", "2", "", "", f.Term, "", "", f.Message} {
		v2.WriteString(strconv.Itoa(len(s)) + ":" + s)
	}
	for _, bad := range []string{string(old), data[:len(data)-1], data + "x", "", "3:abc", "-1:" + data, v2.String(),
		strings.Replace(data, "term_missing1:2", "term_missing1:3", 1), strings.Replace(data, "term_missing1:2", "term_missing1:1", 1)} {
		var got glossary.Finding
		if err := decodeFinding(bad, &got); err == nil {
			t.Errorf("%q read as %+v", bad, got)
		}
	}
}
