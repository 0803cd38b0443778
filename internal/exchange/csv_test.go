package exchange

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

// csvTexts survive WriteCSV → ReadTranslationsCSV unchanged.
var csvTexts = []string{
	"=SUM(A1)", "+1", "-2", "@x", "\tindented", "=1+1", "-", "'=already quoted", "''=two", "'plain", "'",
	`he said "hi", then left`, "a,b,,c", `"`, `""`,
	"first line\nsecond line\n\nfourth", "\nleading newline", "trailing newline\n",
	`<script>alert(1)</script> & more`, "😀 👍🏽", "（一）“双方”，同意；！？　", "  spaces  ", longText,
}

func csvTestUnits() []Unit {
	// nanoseconds: the file keeps microseconds (truncated)
	at := time.Date(2024, 1, 2, 8, 30, 5, 123456789, time.FixedZone("CST", 8*3600))
	var units []Unit
	for i, text := range csvTexts {
		units = append(units, Unit{
			ClauseID:      uint(100 + i),
			DocumentID:    7,
			DocumentTitle: "=HYPERLINK(\"http://x\")",
			Index:         i,
			Source:        "第" + fmt.Sprint(i) + "条" + text,
			Target:        text,
			Status:        "draft",
			UpdatedAt:     at,
			UpdatedBy:     "@alice",
		})
		// the same text as the whole zh cell, to exercise the zh prefix
		units = append(units, Unit{ClauseID: uint(500 + i), Index: i, Source: text, Target: "EN " + text})
	}
	return units
}

func TestWriteCSV(t *testing.T) {
	units := csvTestUnits()
	for _, bom := range []bool{false, true} {
		t.Run(fmt.Sprintf("bom=%v", bom), func(t *testing.T) {
			var buf bytes.Buffer
			n, err := WriteCSV(&buf, bom, seqOf(units))
			if err != nil {
				t.Fatal(err)
			}
			if n != len(units) {
				t.Errorf("n = %d, want %d", n, len(units))
			}
			out := buf.Bytes()
			header := "document,clause_id,clause_number,zh,en,status,updated_by,updated_at\r\n"
			if bom {
				header = "\uFEFF" + header
			}
			if !bytes.HasPrefix(out, []byte(header)) {
				t.Errorf("file starts %.80q, want %q", out, header)
			}

			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(out, []byte("\uFEFF"))))
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			first := rows[1]
			wantFirst := []string{`'=HYPERLINK("http://x")`, "100", "1" /* the clause number counts from 1, as the interface does */, "第0条=SUM(A1)", "'=SUM(A1)", "draft", "'@alice", "2024-01-02T00:30:05.123456Z"}
			if !slices.Equal(first, wantFirst) {
				t.Errorf("first row %q, want %q", first, wantFirst)
			}
			if rows[2][7] != "" {
				t.Errorf("updated_at for a zero time = %q, want empty", rows[2][7])
			}
			for _, row := range rows[1:] {
				for _, cell := range row {
					if cell != "" && strings.ContainsRune("=+-@\t\r\n", rune(cell[0])) {
						t.Errorf("cell %.40q would run as a formula", cell)
					}
				}
			}

			t.Run("validate_csv.py", func(t *testing.T) {
				path := writeFile(t, "export.csv", out)
				vout, code := testkit.RunValidator(t, "validate_csv.py", path, "--zh-col", "3", "--en-col", "4", "--csvkit")
				t.Logf("validate_csv.py %s --zh-col 3 --en-col 4 --csvkit → exit %d\n%s", path, code, vout)
				if code != 0 {
					t.Errorf("validate_csv.py rejected the export (exit %d)", code)
				}
				if strings.Contains(vout, "formula injection") {
					t.Error("validate_csv.py found formula-like cells")
				}
			})
		})
	}
}

func TestCSVRoundTrip(t *testing.T) {
	units := csvTestUnits()
	units = append(units, Unit{ClauseID: 900, Source: "未翻译", Target: ""})
	for _, bom := range []bool{false, true} {
		t.Run(fmt.Sprintf("bom=%v", bom), func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := WriteCSV(&buf, bom, seqOf(units)); err != nil {
				t.Fatal(err)
			}
			pairs, err := ReadTranslationsCSV(bytes.NewReader(writeAndRead(t, buf.Bytes())))
			if err != nil {
				t.Fatal(err)
			}
			if len(pairs) != len(units) {
				t.Fatalf("%d pairs, want %d", len(pairs), len(units))
			}
			line := 1
			for i, p := range pairs {
				u := units[i]
				if p.ClauseID != u.ClauseID || p.Source != u.Source || p.Target != u.Target {
					t.Errorf("pair %d = {%d %.40q %.40q}, want {%d %.40q %.40q}",
						i, p.ClauseID, p.Source, p.Target, u.ClauseID, u.Source, u.Target)
				}
				// The importer compares times at the file's precision.
				if want := u.UpdatedAt.Truncate(time.Microsecond).UTC(); p.UpdatedAt != want || p.Status != u.Status {
					t.Errorf("pair %d: updated_at %v status %q, want %v %q", i, p.UpdatedAt, p.Status, want, u.Status)
				}
				if p.Version != 0 || p.State != "" {
					t.Errorf("pair %d: version %d state %q from a CSV", i, p.Version, p.State)
				}
				if p.Line <= line {
					t.Errorf("pair %d: line %d does not follow line %d", i, p.Line, line)
				}
				line = p.Line
			}
		})
	}
}

// writeAndRead passes data through a real file.
func writeAndRead(t *testing.T, data []byte) []byte {
	t.Helper()
	b, err := os.ReadFile(writeFile(t, "roundtrip.csv", data))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestCSVRoundTripNormalises documents the two deliberate changes: characters
// XML cannot carry are dropped and CR/CRLF line breaks come back as LF.
func TestCSVRoundTripNormalises(t *testing.T) {
	tests := []struct{ in, want string }{
		{"a\x01b\x0bc", "abc"},
		{"one\r\ntwo\rthree", "one\ntwo\nthree"},
		{"\r=1", "\n=1"},
		{"x\uFFFEy\xffz", "xyz"},
	}
	for _, tt := range tests {
		var buf bytes.Buffer
		if _, err := WriteCSV(&buf, false, seqOf([]Unit{{ClauseID: 1, Source: "中" + tt.in, Target: tt.in}})); err != nil {
			t.Fatal(err)
		}
		pairs, err := ReadTranslationsCSV(&buf)
		if err != nil {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if pairs[0].Source != "中"+tt.want || pairs[0].Target != tt.want {
			t.Errorf("%q came back as %q / %q, want %q", tt.in, pairs[0].Source, pairs[0].Target, tt.want)
		}
	}
}

func TestReadTranslationsCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Pair
	}{
		{
			name: "minimal",
			in:   "zh,en\r\n你好,Hello\r\n",
			want: []Pair{{Line: 2, Source: "你好", Target: "Hello"}},
		},
		{
			name: "any order, any case, extra columns, LF, BOM",
			in:   "\uFEFFNote, EN ,Clause_ID,ZH\n备注,Hello,42,你好\nx,,,再见\n",
			want: []Pair{{Line: 2, ClauseID: 42, Source: "你好", Target: "Hello"}, {Line: 3, Source: "再见"}},
		},
		{
			name: "language-tagged names",
			in:   "id,zh-CN,en_US\n1,你好,Hello\n",
			want: []Pair{{Line: 2, Source: "你好", Target: "Hello"}},
		},
		{
			name: "multi-line cells and line numbers",
			in:   "zh,en\r\n\"第一行\r\n第二行\",\"He said \"\"hi\"\"\r\nthen, left\"\r\n你好,Hello\r\n",
			want: []Pair{
				{Line: 2, Source: "第一行\n第二行", Target: "He said \"hi\"\nthen, left"},
				{Line: 5, Source: "你好", Target: "Hello"},
			},
		},
		{
			name: "formula prefix removed",
			in:   "zh,en\n'=1+1,'=SUM(A1)\n'+1,'-2\n'@x,'plain\n''=x,'\n",
			want: []Pair{
				{Line: 2, Source: "=1+1", Target: "=SUM(A1)"},
				{Line: 3, Source: "+1", Target: "-2"},
				{Line: 4, Source: "@x", Target: "'plain"},
				{Line: 5, Source: "'=x", Target: "'"},
			},
		},
		{
			name: "blank rows skipped",
			in:   "zh,en\n你好,Hello\n,\n\n再见,Bye\n , \n",
			want: []Pair{{Line: 2, Source: "你好", Target: "Hello"}, {Line: 5, Source: "再见", Target: "Bye"}},
		},
		{
			name: "header only",
			in:   "zh,en\n",
		},
		{
			name: "status and updated_at, as exported or edited",
			in: "clause_id,zh,en,status,updated_at\n" +
				"1,你好,Hello,draft,2026-11-03T09:30:00.123456Z\n" +
				"2,再见,Bye, approved ,2026-11-03T17:30:00+08:00\n" +
				"3,谢谢,Thanks,,\n" +
				"4,请,Please,'=odd,2026-11-03T09:30:00.1234567Z\n",
			want: []Pair{
				{Line: 2, ClauseID: 1, Source: "你好", Target: "Hello", Status: "draft", UpdatedAt: time.Date(2026, 11, 3, 9, 30, 0, 123456000, time.UTC)},
				{Line: 3, ClauseID: 2, Source: "再见", Target: "Bye", Status: "approved", UpdatedAt: time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)},
				{Line: 4, ClauseID: 3, Source: "谢谢", Target: "Thanks"},
				{Line: 5, ClauseID: 4, Source: "请", Target: "Please", Status: "=odd", UpdatedAt: time.Date(2026, 11, 3, 9, 30, 0, 123456700, time.UTC)},
			},
		},
		{
			name: "updated at, spelt as a phrase",
			in:   "zh,en,Updated At\n你好,Hello,2026-11-03T09:30:00Z\n",
			want: []Pair{{Line: 2, Source: "你好", Target: "Hello", UpdatedAt: time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC)}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadTranslationsCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// gbk holds 你好 and 中文 in GBK, as Excel on a Chinese Windows saves "CSV".
const gbkNiHao, gbkZhongWen = "\xc4\xe3\xba\xc3", "\xd6\xd0\xce\xc4"

func TestReadTranslationsCSVErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		line     int
		msg      string // part of the message
		sentinel error  // wrapped error, if any
	}{
		{"GBK file", "id,zh,en\r\n1," + gbkNiHao + ",Hello\r\n", 2, "save it as UTF-8", nil},
		{"GBK header", gbkZhongWen + ",en\r\n你好,Hello\r\n", 1, "save it as UTF-8", nil},
		{"GBK after BOM", "\uFEFFzh,en\r\n你好,Hello\r\n" + gbkNiHao + ",Hi\r\n", 3, "not UTF-8", nil},
		{"GBK inside a multi-line cell", "zh,en\r\n\"你好\r\n" + gbkNiHao + "\",Hi\r\n", 3, "not UTF-8", nil},
		{"UTF-16", "\xff\xfez\x00h\x00,\x00e\x00n\x00\n\x00", 1, "not UTF-8", nil},
		{"missing en column", "id,zh,english\r\n1,你好,Hello\r\n", 1, "no en column", nil},
		{"missing both", "a,b\r\n1,2\r\n", 1, "no zh or en column", nil},
		{"duplicate zh", "zh,zh-CN,en\r\n1,2,3\r\n", 1, "same thing", nil},
		{"empty file", "", 1, "empty file", nil},
		{"ragged row", "zh,en\r\n你好,Hello\r\n再见,Bye,extra\r\n", 3, "3 cells but the header has 2", csv.ErrFieldCount},
		{"short row", "zh,en,note\r\n你好,Hello,n\r\n再见,Bye\r\n", 3, "2 cells but the header has 3", csv.ErrFieldCount},
		{"bare quote", "zh,en\r\n你好,He said \"hi\"\r\n", 2, "bad quoting", csv.ErrBareQuote},
		{"text after quote", "zh,en\r\n\"你好\"x,Hello\r\n", 2, "bad quoting", csv.ErrQuote},
		{"unterminated quote", "zh,en\r\n你好,Hello\r\n\"再见,Bye\r\n谢谢,Thanks\r\n", 4, "the row starts on line 3", csv.ErrQuote},
		{"empty zh", "zh,en\r\n你好,Hello\r\n,Bye\r\n", 3, "zh cell is empty", nil},
		{"blank zh", "clause_id,zh,en\r\n1,你好,Hello\r\n2,  ,Bye\r\n", 3, "zh cell is empty", nil},
		{"control char in en", "zh,en\r\n你好,He\x01llo\r\n", 2, "U+0001", nil},
		{"control char on second line of a cell", "zh,en\r\n你好,\"one\ntwo\x0b\"\r\n", 3, "U+000B", nil},
		{"NUL in zh", "zh,en\r\n你\x00好,Hello\r\n", 2, "U+0000", nil},
		{"U+FFFF", "zh,en\r\n你好\uFFFF,Hello\r\n", 2, "U+FFFF", nil},
		{"mojibake zh", "zh,en\r\n你好,Hello\r\nä½\u00a0å¥½ä¸–ç•Œ,Hello world\r\n", 3, "mojibake", nil},
		{"mojibake en", "zh,en\r\n引号,Itâ€™s\r\n", 2, "mojibake", nil},
		{"bad clause_id", "clause_id,zh,en\r\nabc,你好,Hello\r\n", 2, "clause_id", nil},
		{"updated_at reformatted by a spreadsheet", "zh,en,updated_at\r\n你好,Hello,2026-11-03T09:30:00Z\r\n再见,Bye,2026/11/3 9:30\r\n", 3, "updated_at \"2026/11/3 9:30\" is not an RFC 3339 time", nil},
		{"updated_at without a zone", "zh,en,updated_at\r\n你好,Hello,2026-11-03T09:30:00\r\n", 2, "RFC 3339", nil},
		{"two updated_at columns", "zh,en,updated_at,Updated-At\r\n你好,Hello,,\r\n", 1, "same thing", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := ReadTranslationsCSV(strings.NewReader(tt.in))
			checkLineError(t, pairs, err, tt.line, tt.msg)
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("error %v does not wrap %v", err, tt.sentinel)
			}
		})
	}
}

// checkLineError wants a *LineError at line whose message contains msg,
// and nothing read (all or nothing).
func checkLineError[T any](t *testing.T, got []T, err error, line int, msg string) {
	t.Helper()
	if got != nil {
		t.Errorf("got %d results with an error, want none", len(got))
	}
	var le *LineError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v (%T), want *LineError", err, err)
	}
	if le.Line != line {
		t.Errorf("line %d, want %d: %v", le.Line, line, err)
	}
	if !strings.HasPrefix(err.Error(), fmt.Sprintf("line %d: ", le.Line)) || !strings.Contains(err.Error(), msg) {
		t.Errorf("error %q, want \"line %d: …%s…\"", err, line, msg)
	}
}

// TestReadValidatorSamples feeds the validators' own hand-made samples to the
// importer: the bad ones must be refused at the right line, the good ones read.
func TestReadValidatorSamples(t *testing.T) {
	dir := filepath.Join(testkit.ValidatorsDir(t), "samples")
	bad := []struct {
		file string
		line int
		msg  string
	}{
		{"bad_gbk.csv", 2, "save it as UTF-8"}, // 你好 in GBK
		{"bad_quotes.csv", 2, "bad quoting"},   // "你好"x
		{"bad_ragged.csv", 3, "3"},             // a row with an extra cell
		{"bad_mojibake.csv", 2, "mojibake"},    // 你好世界 via Windows-1252
		{"bad_mojibake2.csv", 2, "mojibake"},   // 中文 via Latin-1
	}
	for _, tt := range bad {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pairs, err := ReadTranslationsCSV(f)
			checkLineError(t, pairs, err, tt.line, tt.msg)
			t.Log(err)
		})
	}
	good := []struct {
		file string
		want []Pair
	}{
		{"good_bom_crlf.csv", []Pair{
			{Line: 2, Source: "你好，世界！", Target: "Hello, world!"},
			{Line: 3, Source: "他说：“你好”\n第二行", Target: "He said \"hi\"\nsecond line"},
			{Line: 6, Source: "价格 ¥12.50", Target: "Price ¥12.50"},
		}},
		{"good_nobom_lf.csv", []Pair{
			{Line: 2, Source: "你好，世界！", Target: "Hello, world!"},
			{Line: 3, Source: "他说：“你好”\n第二行", Target: "He said \"hi\"\nsecond line"},
			{Line: 6, Source: "价格 ¥12.50", Target: "Price ¥12.50"},
		}},
		// Literal formulas without the apostrophe are read as they are.
		{"warn_formula.csv", []Pair{
			{Line: 2, Source: "=1+1", Target: "=SUM(A1)"},
			{Line: 3, Source: "你好", Target: "Hello"},
		}},
	}
	for _, tt := range good {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := ReadTranslationsCSV(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestWriteCSVErrors(t *testing.T) {
	errDB := errors.New("database went away")
	units := func(yield func(Unit, error) bool) {
		if yield(syntheticUnit(0), nil) {
			yield(Unit{}, errDB)
		}
	}
	n, err := WriteCSV(&bytes.Buffer{}, true, units)
	if !errors.Is(err, errDB) || n != 1 {
		t.Errorf("n, err = %d, %v; want 1, %v", n, err, errDB)
	}
	errFull := errors.New("disk full")
	if _, err := WriteCSV(failingWriter{errFull}, false, seqOf([]Unit{syntheticUnit(0)})); !errors.Is(err, errFull) {
		t.Errorf("err = %v, want %v", err, errFull)
	}
}
