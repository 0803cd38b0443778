package main

import (
	"encoding/json"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// zhen check's own JSON for a finding is byte for byte encoding/json's,
// whatever the texts hold.
func TestFindingJSONAsEncodingJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"", "BRICS", "金砖国家", "“x”", `"`, `\`, "<b>&", "\n\r\t\b\f", "\x00\x01\x1f\x7f", "\u2028\u2029", "\xff\xfe", "é", "😀", "a\xe2\x82", "/", "—…", "\xe2"}
	text := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for i := range 3000 {
		f := qa.Finding{Finding: glossary.Finding{Kind: text(), Severity: text(), ClauseID: uint(rng.Uint32()), DocumentID: uint(rng.IntN(100)),
			Source: text(), Target: text(), Term: text(), Expected: text(), Found: text(), Message: text(), Code: text()}, Key: text()}
		for range rng.IntN(4) {
			if f.Params == nil {
				f.Params = map[string]string{}
			}
			f.Params[text()] = text()
		}
		if i%3 == 0 {
			f.Dismissed = &store.Dismissal{ID: 4, FindingKey: f.Key, ClauseID: f.ClauseID, Kind: f.Kind, Reason: text(), Author: "wang", CreatedAt: time.Date(2026, 12, 6, 15, 0, 0, 0, time.UTC)}
		}
		want, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := appendFindingJSON(nil, f)
		if err != nil || string(got) != string(want) {
			t.Fatalf("%+v:\n got %s\nwant %s (%v)", f, got, want, err)
		}
	}
}
