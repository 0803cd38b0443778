package exchange

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/glossary"
)

// The readers of files users bring are fuzzed: whatever the bytes, they
// return either an error (a *LineError where they can name a line) or
// results that are valid UTF-8 and survive a round trip through the
// matching writer.

func FuzzReadTranslationsCSV(f *testing.F) {
	for _, s := range []string{
		"zh,en\n双方认为。,The two sides believe.\n",
		"\uFEFFdocument,clause_id,index,zh,en,status,updated_by,updated_at\r\n甲,7,0,双方,'=SUM(A1),draft,x,2026-01-02T03:04:05.000006Z\r\n",
		"zh,en\n\"a\nb\",\"c,\"\"d\"\"\"\n",
		"en,zh\nx,\n",
		"zh;en\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, err := ReadTranslationsCSV(bytes.NewReader(data))
		if err != nil {
			if pairs != nil {
				t.Fatal("pairs returned with an error")
			}
			return
		}
		for _, p := range pairs {
			if !utf8.ValidString(p.Source) || !utf8.ValidString(p.Target) || p.Source == "" || p.Line < 2 {
				t.Fatalf("bad pair %+v", p)
			}
		}
	})
}

func FuzzReadGlossary(f *testing.F) {
	var tbx bytes.Buffer
	WriteTBX(&tbx, entriesOf([]glossary.Entry{{ZH: "金砖国家", EN: "BRICS", Forbidden: []string{"BRIC"}, Status: glossary.StatusApproved}}))
	f.Add([]byte("zh,en,variants,forbidden\n金砖国家,BRICS,BRICS countries,BRIC|BRICs\n"), false)
	f.Add(tbx.Bytes(), true)
	f.Add([]byte(`<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig><term>六方会谈</term></tig></langSet><langSet xml:lang="en"><tig><term>Six-Party Talks</term></tig></langSet></termEntry></body></text></martif>`), true)
	f.Fuzz(func(t *testing.T, data []byte, isTBX bool) {
		name := "g.csv"
		if isTBX {
			name = "g.tbx"
		}
		entries, err := ReadGlossary(name, bytes.NewReader(data))
		if err != nil {
			if entries != nil {
				t.Fatal("entries returned with an error")
			}
			return
		}
		for _, e := range entries {
			if !utf8.ValidString(e.ZH) || !utf8.ValidString(e.EN) {
				t.Fatalf("invalid UTF-8 in %+v", e)
			}
		}
		// What was read writes out as a TBX that reads back the same terms.
		var out bytes.Buffer
		if _, err := WriteTBX(&out, entriesOf(entries)); err != nil {
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("write: %v", err)
			}
			return
		}
		back, err := ReadTBX(&out)
		if err != nil || len(back) != len(entries) {
			t.Fatalf("TBX round trip: %d entries, %d back, %v", len(entries), len(back), err)
		}
	})
}
