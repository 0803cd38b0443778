package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// entriesOf yields entries the way a streamed database query would.
func entriesOf(entries []glossary.Entry) iter.Seq2[glossary.Entry, error] {
	return func(yield func(glossary.Entry, error) bool) {
		for _, e := range entries {
			if !yield(e, nil) {
				return
			}
		}
	}
}

// seedEntries are the recurring terms of the seed corpus.
func seedEntries() []glossary.Entry {
	return []glossary.Entry{
		{ID: 1, ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries"}, Forbidden: []string{"BRIC"},
			POS: "noun", Note: "An acronym: never spell it out.", Status: glossary.StatusApproved, CaseSensitive: true},
		{ID: 2, ZH: "上海合作组织", EN: "Shanghai Cooperation Organisation", Variants: []string{"SCO"},
			Forbidden: []string{"Shanghai Cooperation Organization"}, POS: "noun", Status: glossary.StatusApproved},
		{ID: 3, ZH: "二十国集团", EN: "Group of Twenty", Variants: []string{"G20"}, POS: "noun", Status: glossary.StatusApproved},
		{ID: 4, ZH: "全面战略协作伙伴关系", EN: "comprehensive strategic partnership of coordination",
			POS: "名词短语", Status: glossary.StatusProposed},
		{ID: 5, ZH: "六方会谈", EN: "Six-Party Talks", Status: glossary.StatusApproved, CaseSensitive: true},
	}
}

// trickyEntries survive both glossary formats unchanged: markup and quote
// characters, formulas, list separators and backslashes inside renderings,
// line breaks, full-width text and emoji, empty lists, parts of speech that
// are not in TBX-Basic's picklist.
func trickyEntries() []glossary.Entry {
	return []glossary.Entry{
		{ID: 1, ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", "the BRICS"}, Forbidden: []string{"BRIC"},
			POS: "noun", Note: `Use "BRICS" & never <BRIC>; it's plural.`, Status: glossary.StatusApproved, CaseSensitive: true},
		{ID: 2, ZH: "=SUM(1)", EN: "+1",
			Variants:  []string{"-x", "@y", "'=z", "a|b", `back\slash`, `trailing\`, `\|`, `\\`, `|lead`, "=1|=2"},
			Forbidden: []string{"=bad", "｜全角｜", "'"},
			POS:       "专有名词", Note: "line one\nline two\n\n=SUM(A1), \"quoted\" 'single'", Status: glossary.StatusProposed},
		{ID: 3, ZH: "全面战略协作伙伴关系", EN: "comprehensive strategic partnership of coordination", Status: glossary.StatusDeprecated},
		{ID: 4, ZH: "（一）“双方”，同意；", EN: "ＦＵＬＬ　ｗｉｄｔｈ & <tags>", Variants: []string{"😀 emoji 👍🏽"},
			Forbidden: []string{"two\nlines"}, POS: "Noun", Note: "-starts with a dash", Status: glossary.StatusApproved},
		{ID: 5, ZH: "@提及", EN: "-minus", POS: "verb", Note: "@mention", Status: glossary.StatusApproved},
		{ID: 6, ZH: "六方会谈", EN: "Six-Party Talks", Note: "]]> and &amp; literally, zhen-status: inside", Status: glossary.StatusApproved},
	}
}

// checkEntries compares imported entries with what was exported: IDs are
// not carried, and an empty list reads back as nil.
func checkEntries(t *testing.T, got, want []glossary.Entry) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d entries, want %d", len(got), len(want))
	}
	for i := range min(len(got), len(want)) {
		w := want[i]
		w.ID = 0
		g := got[i]
		if g.ID != 0 {
			t.Errorf("entry %d: ID %d, want 0", i, g.ID)
		}
		if g.ZH != w.ZH || g.EN != w.EN || g.POS != w.POS || g.Note != w.Note || g.Status != w.Status ||
			g.CaseSensitive != w.CaseSensitive || !slices.Equal(g.Variants, w.Variants) || !slices.Equal(g.Forbidden, w.Forbidden) {
			t.Errorf("entry %d:\n got  %#v\n want %#v", i, g, w)
		}
		if g.Variants != nil && len(g.Variants) == 0 || g.Forbidden != nil && len(g.Forbidden) == 0 {
			t.Errorf("entry %d: empty lists should be nil: %#v", i, g)
		}
	}
}

// writeGlossaryCSVFile exports entries to a file in a temporary directory.
func writeGlossaryCSVFile(t *testing.T, bom bool, entries []glossary.Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "glossary.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := WriteGlossaryCSV(f, bom, entriesOf(entries))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	if n != len(entries) {
		t.Errorf("n = %d, want %d", n, len(entries))
	}
	return path
}

func readGlossaryCSVFile(t *testing.T, path string) ([]glossary.Entry, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadGlossaryCSV(f)
}

func TestGlossaryCSVRoundTrip(t *testing.T) {
	for _, bom := range []bool{false, true} {
		t.Run(fmt.Sprintf("bom=%v", bom), func(t *testing.T) {
			entries := trickyEntries()
			path := writeGlossaryCSVFile(t, bom, entries)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			header := "zh,en,variants,forbidden,pos,note,status,case_sensitive\r\n"
			if bom {
				header = "\uFEFF" + header
			}
			if !bytes.HasPrefix(data, []byte(header)) {
				t.Errorf("file starts %.80q, want %q", data, header)
			}
			rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF")))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			wantRow1 := []string{"金砖国家", "BRICS", "BRICS countries|the BRICS", "BRIC", "noun", `Use "BRICS" & never <BRIC>; it's plural.`, "approved", "true"}
			if !slices.Equal(rows[1], wantRow1) {
				t.Errorf("row 1 = %q, want %q", rows[1], wantRow1)
			}
			// Formula-like cells start with an apostrophe; separators inside
			// renderings are escaped.
			wantRow2 := []string{"'=SUM(1)", "'+1", `'-x|@y|'=z|a\|b|back\slash|trailing\\|\\\||\\\\|\|lead|=1\|=2`, "'=bad|｜全角｜|'", "专有名词"}
			if !slices.Equal(rows[2][:5], wantRow2) {
				t.Errorf("row 2 = %q, want %q", rows[2][:5], wantRow2)
			}
			if !bytes.Contains(data, []byte("\r\n")) || bytes.Count(data, []byte("\r\n")) < len(entries)+1 {
				t.Error("records do not end in CRLF")
			}

			got, err := readGlossaryCSVFile(t, path)
			if err != nil {
				t.Fatal(err)
			}
			checkEntries(t, got, entries)
		})
	}
}

func TestWriteGlossaryCSVCleans(t *testing.T) {
	in := []glossary.Entry{
		{ID: 1, ZH: "  金砖国家\x01 ", EN: " BRICS\r\n", Variants: []string{"", "  ", " BRICS countries ", "a\rb"},
			Forbidden: []string{"\x00"}, POS: " noun ", Note: "\r\nfirst\r\nsecond\rthird  ", Status: "approved"},
		{ID: 2, ZH: "没有英文", EN: "  "},           // skipped: no English
		{ID: 3, ZH: "\x02", EN: "control only"}, // skipped: no Chinese
		{ID: 4, ZH: "状态", EN: "status", Status: ""},
	}
	var buf bytes.Buffer
	n, err := WriteGlossaryCSV(&buf, false, entriesOf(in))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("n = %d, want 2", n)
	}
	got, err := ReadGlossaryCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	checkEntries(t, got, []glossary.Entry{
		{ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", "a\nb"}, POS: "noun", Note: "first\nsecond\nthird", Status: "approved"},
		{ZH: "状态", EN: "status", Status: "approved"}, // an empty status reads as approved
	})
}

func TestGlossaryListItems(t *testing.T) {
	items := []string{"a", "|", `\`, `\\`, `\|`, `|\`, `a\b`, `a\\b`, `a\|b`, `x\`, `||`, `\a\`, "中文｜全角"}
	var sb strings.Builder
	cell := joinItems(&sb, items)
	if got := splitItems(cell); !slices.Equal(got, items) {
		t.Errorf("%q split into %q, want %q", cell, got, items)
	}
	for _, item := range items {
		sb.Reset()
		escapeItem(&sb, item)
		if got := splitItems(sb.String()); !slices.Equal(got, []string{item}) {
			t.Errorf("%q escaped as %q reads back as %q", item, sb.String(), got)
		}
	}
	// Hand-written cells: spaces and empty items are dropped, a backslash
	// that escapes nothing stays.
	for cell, want := range map[string][]string{
		"":                   nil,
		" | |":               nil,
		" a | b ||c|":        {"a", "b", "c"},
		`C:\dir | x\|y`:      {`C:\dir`, "x|y"},
		`ends with \\| next`: {`ends with \`, "next"},
	} {
		if got := splitItems(cell); !slices.Equal(got, want) {
			t.Errorf("splitItems(%q) = %q, want %q", cell, got, want)
		}
	}
}

func TestReadGlossaryCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []glossary.Entry
	}{
		{
			name: "zh and en only",
			in:   "zh,en\r\n金砖国家,BRICS\r\n",
			want: []glossary.Entry{{ZH: "金砖国家", EN: "BRICS", Status: "approved"}},
		},
		{
			name: "any order and case, aliases, extra columns, BOM, LF",
			in: "\uFEFFComment, Case-Sensitive ,EN-US,Status,Forbidden,zh-CN,Variants,POS,NOTE\n" +
				"ignored,Yes,BRICS,Proposed, BRIC ,金砖国家, BRICS countries | the BRICS |,noun, 复数 \n" +
				"x,0,SCO,,,上海合作组织,,,\n" +
				",,,,,,,,\n" + // blank row, skipped
				"x,,G20,deprecated,,二十国集团,,,\n",
			want: []glossary.Entry{
				{ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", "the BRICS"}, Forbidden: []string{"BRIC"},
					POS: "noun", Note: "复数", Status: "proposed", CaseSensitive: true},
				{ZH: "上海合作组织", EN: "SCO", Status: "approved"},
				{ZH: "二十国集团", EN: "G20", Status: "deprecated"},
			},
		},
		{
			name: "case_sensitive spellings",
			in:   "zh,en,case_sensitive\n一,one,TRUE\n二,two,1\n三,three,no\n四,four,\n五,five,False\n",
			want: []glossary.Entry{
				{ZH: "一", EN: "one", Status: "approved", CaseSensitive: true},
				{ZH: "二", EN: "two", Status: "approved", CaseSensitive: true},
				{ZH: "三", EN: "three", Status: "approved"},
				{ZH: "四", EN: "four", Status: "approved"},
				{ZH: "五", EN: "five", Status: "approved"},
			},
		},
		{
			name: "formula prefix removed, literal formulas kept",
			in:   "zh,en,variants\n'=1,'@x,'-a|b\n=2,+y,=c\n",
			want: []glossary.Entry{
				{ZH: "=1", EN: "@x", Variants: []string{"-a", "b"}, Status: "approved"},
				{ZH: "=2", EN: "+y", Variants: []string{"=c"}, Status: "approved"},
			},
		},
		{name: "header only", in: "zh,en,variants\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadGlossaryCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkEntries(t, got, tt.want)
		})
	}
}

func TestReadGlossaryCSVErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		line     int
		msg      string
		sentinel error
	}{
		{"empty file", "", 1, "empty file", nil},
		{"missing en column", "zh,english,variants\r\n金砖国家,BRICS,\r\n", 1, "no en column", nil},
		{"missing zh column", "chinese,en\r\n金砖国家,BRICS\r\n", 1, "no zh column", nil},
		{"two zh columns", "zh,ZH-cn,en\r\n金砖国家,金砖国家,BRICS\r\n", 1, "same thing", nil},
		{"two status columns", "zh,en,status,Status\r\n一,one,approved,approved\r\n", 1, "same thing", nil},
		{"empty zh", "zh,en\r\n金砖国家,BRICS\r\n  ,SCO\r\n", 3, "zh cell is empty", nil},
		{"empty en", "zh,en,note\r\n金砖国家,BRICS,\r\n上海合作组织,,n\r\n", 3, "en cell is empty", nil},
		{"bad status", "zh,en,status\r\n金砖国家,BRICS,approved\r\n\"上海\n合作组织\",SCO,final\r\n", 3, `status "final"`, nil},
		{"bad case_sensitive", "zh,en,case_sensitive\r\n金砖国家,BRICS,maybe\r\n", 2, `case_sensitive "maybe"`, nil},
		{"duplicate zh", "zh,en\r\n金砖国家,BRICS\r\n上海合作组织,SCO\r\n金砖国家,BRICS countries\r\n", 4, "already on line 2", nil},
		{"duplicate zh up to width", "zh,en\r\n二十国集团（G20）,G20\r\n二十国集团(Ｇ20),Group of Twenty\r\n", 3, "already on line 2", nil},
		{"ragged row", "zh,en,variants\r\n金砖国家,BRICS,\r\n上海合作组织,SCO\r\n", 3, "2 cells but the header has 3", csv.ErrFieldCount},
		{"bad quotes", "zh,en\r\n金砖国家,\"BRICS\"x\r\n", 2, "bad quoting", csv.ErrQuote},
		{"GBK", "zh,en\r\n" + gbkZhongWen + ",Chinese\r\n", 2, "save it as UTF-8", nil},
		{"control character in a list", "zh,en,forbidden\r\n金砖国家,BRICS,\"BRIC\n\x07\"\r\n", 3, "forbidden cell contains U+0007", nil},
		{"mojibake note", "zh,en,note\r\n金砖国家,BRICS,ä½\u00a0å¥½\r\n", 2, "mojibake", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeFile(t, "glossary.csv", []byte(tt.in))
			entries, err := readGlossaryCSVFile(t, path)
			checkLineError(t, entries, err, tt.line, tt.msg)
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.sentinel)
			}
			t.Log(err)
		})
	}
}

// TestReadGlossaryCSVValidatorSamples reads the validators' CSV samples,
// which have zh-CN and en-US columns among others, as glossaries.
func TestReadGlossaryCSVValidatorSamples(t *testing.T) {
	dir := filepath.Join(testkit.ValidatorsDir(t), "samples")
	got, err := readGlossaryCSVFile(t, filepath.Join(dir, "good_bom_crlf.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ZH != "你好，世界！" || got[0].EN != "Hello, world!" || got[0].Note != "comma, inside" {
		t.Errorf("good_bom_crlf.csv read as %+v", got)
	}
	for file, line := range map[string]int{"bad_gbk.csv": 2, "bad_quotes.csv": 2, "bad_ragged.csv": 3, "bad_mojibake.csv": 2} {
		got, err := readGlossaryCSVFile(t, filepath.Join(dir, file))
		var le *LineError
		if got != nil || !errors.As(err, &le) || le.Line != line {
			t.Errorf("%s: %d entries, err %v; want a *LineError at line %d", file, len(got), err, line)
		}
	}
}

func TestGlossaryCSVValidator(t *testing.T) {
	testkit.ValidatorsDir(t)
	for name, entries := range map[string][]glossary.Entry{"seed": seedEntries(), "tricky": trickyEntries()} {
		t.Run(name, func(t *testing.T) {
			path := writeGlossaryCSVFile(t, true, entries)
			out, code := testkit.RunValidator(t, "validate_csv.py", path, "--zh-col", "0", "--en-col", "1", "--csvkit")
			t.Logf("validate_csv.py → exit %d\n%s", code, out)
			if code != 0 || !strings.Contains(out, "RESULT: PASS") {
				t.Errorf("validate_csv.py rejected the export (exit %d)", code)
			}
			if strings.Contains(out, "formula injection") {
				t.Error("validate_csv.py found a formula-like cell")
			}
		})
	}
	// The validator fails a broken export: a row whose en cell is empty.
	data, err := os.ReadFile(writeGlossaryCSVFile(t, true, seedEntries()))
	if err != nil {
		t.Fatal(err)
	}
	broken := bytes.Replace(data, []byte(",Group of Twenty,"), []byte(",,"), 1)
	if bytes.Equal(broken, data) {
		t.Fatal("could not break the file")
	}
	out, code := testkit.RunValidator(t, "validate_csv.py", writeFile(t, "broken.csv", broken), "--zh-col", "0", "--en-col", "1", "--csvkit")
	if code == 0 {
		t.Errorf("validate_csv.py accepted a row without English:\n%s", out)
	}
}

func TestWriteGlossaryCSVErrors(t *testing.T) {
	errDB := errors.New("database went away")
	entries := func(yield func(glossary.Entry, error) bool) {
		if yield(seedEntries()[0], nil) {
			yield(glossary.Entry{}, errDB)
		}
	}
	n, err := WriteGlossaryCSV(&bytes.Buffer{}, true, entries)
	if !errors.Is(err, errDB) || n != 1 {
		t.Errorf("n, err = %d, %v; want 1, %v", n, err, errDB)
	}
	errFull := errors.New("disk full")
	for _, bom := range []bool{false, true} {
		if _, err := WriteGlossaryCSV(failingWriter{errFull}, bom, entriesOf(seedEntries())); !errors.Is(err, errFull) {
			t.Errorf("bom=%v: err = %v, want %v", bom, err, errFull)
		}
	}
}
