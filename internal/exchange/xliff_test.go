package exchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

// xliffTestUnits builds three documents' worth of units: every tricky text
// as source and as target, every status, untranslated clauses, a
// formula-like text, and a unit without Chinese (which WriteXLIFF skips).
// want holds the units as they must come back, one per trans-unit.
func xliffTestUnits() (units, want []Unit) {
	statuses := []string{"untranslated", "draft", "translated", "submitted", "approved", "rejected", "odd <status>"}
	at := time.Date(2024, 1, 2, 8, 30, 5, 123456789, time.FixedZone("CST", 8*3600))
	texts := append(trickyTexts[:len(trickyTexts):len(trickyTexts)],
		struct{ name, in, want string }{"formula", "=SUM(A1)", "=SUM(A1)"},
		struct{ name, in, want string }{"quotes", `<b>&"'`, `<b>&"'`},
	)
	for i := range 60 {
		tr := texts[i%len(texts)]
		u := Unit{
			ClauseID:      uint(2000 + i),
			DocumentID:    uint(i/20 + 1),
			DocumentTitle: []string{`联合声明 <1> & "Joint"`, "", "第三份\x01文件"}[i/20],
			Index:         i % 20,
			Source:        fmt.Sprintf("第%d条：", i) + tr.in,
			Target:        tr.in + fmt.Sprintf(" #%d", i),
			Status:        statuses[i%len(statuses)],
			UpdatedAt:     at.Add(time.Duration(i) * time.Hour),
			Version:       i % 7,
		}
		if i%9 == 8 {
			u.Target = "" // untranslated: a trans-unit without <target>
		}
		if i%13 == 12 {
			u.UpdatedAt = time.Time{}
		}
		units = append(units, u)
		w := u
		w.Source = strings.Replace(u.Source, tr.in, tr.want, 1)
		w.Target = strings.Replace(u.Target, tr.in, tr.want, 1)
		want = append(want, w)
	}
	// Chinese that is nothing but characters XML cannot carry, or blank:
	// no trans-unit (XLIFF needs a source).
	units = append(units[:30:30], append([]Unit{
		{ClauseID: 9998, DocumentID: 2, Source: "\x01\x02", Target: "gone"},
		{ClauseID: 9999, DocumentID: 2, Source: "  \n", Target: "gone"},
	}, units[30:]...)...)
	return units, want
}

// parsedXLIFF is an XLIFF 1.2 file as an independent parser (encoding/xml's
// Unmarshal, not ReadXLIFF) sees it.
type parsedXLIFF struct {
	XMLName xml.Name `xml:"urn:oasis:names:tc:xliff:document:1.2 xliff"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Original   string `xml:"original,attr"`
		Datatype   string `xml:"datatype,attr"`
		SourceLang string `xml:"source-language,attr"`
		TargetLang string `xml:"target-language,attr"`
		ToolID     string `xml:"tool-id,attr"`
		Date       string `xml:"date,attr"`
		Tool       struct {
			ID      string `xml:"tool-id,attr"`
			Name    string `xml:"tool-name,attr"`
			Version string `xml:"tool-version,attr"`
		} `xml:"header>tool"`
		Units []struct {
			ID       string `xml:"id,attr"`
			Resname  string `xml:"resname,attr"`
			Space    string `xml:"http://www.w3.org/XML/1998/namespace space,attr"`
			Approved string `xml:"approved,attr"`
			Source   struct {
				Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				Text string `xml:",chardata"`
			} `xml:"source"`
			Target *struct {
				Lang  string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
				State string `xml:"state,attr"`
				Text  string `xml:",chardata"`
			} `xml:"target"`
			Contexts []struct {
				Type string `xml:"context-type,attr"`
				Text string `xml:",chardata"`
			} `xml:"context-group>context"`
		} `xml:"body>trans-unit"`
	} `xml:"file"`
}

func TestWriteXLIFF(t *testing.T) {
	units, want := xliffTestUnits()
	now := time.Date(2026, 11, 24, 23, 5, 9, 0, time.FixedZone("CST", 8*3600))
	var buf bytes.Buffer
	n, err := WriteXLIFF(&buf, XLIFFOptions{ToolVersion: "1.2.3", Now: now}, seqOf(units))
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Fatalf("n = %d, want %d", n, len(want))
	}
	out := buf.Bytes()
	path := writeFile(t, "export.xlf", out)

	t.Run("bytes", func(t *testing.T) {
		const prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n"
		if !bytes.HasPrefix(out, []byte(prolog)) {
			t.Errorf("output does not start with the XLIFF prolog:\n%.200s", out)
		}
		checkXMLOutput(t, out)
	})

	t.Run("parsed back", func(t *testing.T) {
		var doc parsedXLIFF
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		if doc.Version != "1.2" || len(doc.Files) != 3 {
			t.Fatalf("version %q, %d files; want 1.2 and one file per document (3)", doc.Version, len(doc.Files))
		}
		originals := []string{`联合声明 <1> & "Joint"`, "document-2", "第三份文件"}
		k := 0
		for i, f := range doc.Files {
			if f.Original != originals[i] || f.Datatype != "plaintext" || f.SourceLang != "zh-CN" || f.TargetLang != "en-US" ||
				f.ToolID != "zhen" || f.Tool.ID != "zhen" || f.Tool.Name != "Zhen" || f.Tool.Version != "1.2.3" || f.Date != "2026-11-24T15:05:09Z" {
				t.Errorf("file %d: %+v", i, f)
			}
			for _, tu := range f.Units {
				w := want[k]
				k++
				if tu.ID != strconv.Itoa(int(w.ClauseID)) || tu.Resname != strconv.Itoa(w.Index) || tu.Space != "preserve" {
					t.Errorf("trans-unit %s: id/resname/xml:space %q %q %q, want %d %d preserve", tu.ID, tu.ID, tu.Resname, tu.Space, w.ClauseID, w.Index)
				}
				if tu.Source.Text != w.Source || tu.Source.Lang != "zh-CN" {
					t.Errorf("trans-unit %s: source %.60q (%s), want %.60q", tu.ID, tu.Source.Text, tu.Source.Lang, w.Source)
				}
				state, approved := xliffState(w.Status)
				switch {
				case w.Target == "" && tu.Target != nil:
					t.Errorf("trans-unit %s: a <target> for a clause without English", tu.ID)
				case w.Target == "":
				case tu.Target == nil:
					t.Errorf("trans-unit %s: no <target>", tu.ID)
				case tu.Target.Text != w.Target || tu.Target.Lang != "en-US" || tu.Target.State != state:
					t.Errorf("trans-unit %s: target %.60q (%s, state %q), want %.60q (state %q)", tu.ID, tu.Target.Text, tu.Target.Lang, tu.Target.State, w.Target, state)
				}
				if got := tu.Approved == "yes"; got != (approved && w.Target != "") {
					t.Errorf("trans-unit %s: approved=%q for status %q", tu.ID, tu.Approved, w.Status)
				}
				wantCtx := []string{"x-zhen-version=" + strconv.Itoa(w.Version)}
				if !w.UpdatedAt.IsZero() {
					wantCtx = append(wantCtx, "x-zhen-updated-at="+w.UpdatedAt.UTC().Format("2006-01-02T15:04:05.000000Z"))
				}
				var ctx []string
				for _, c := range tu.Contexts {
					ctx = append(ctx, c.Type+"="+c.Text)
				}
				if strings.Join(ctx, " ") != strings.Join(wantCtx, " ") {
					t.Errorf("trans-unit %s: contexts %q, want %q", tu.ID, ctx, wantCtx)
				}
			}
		}
		if k != len(want) {
			t.Errorf("%d trans-units, want %d", k, len(want))
		}
	})

	t.Run("round trip", func(t *testing.T) {
		pairs, err := ReadXLIFF(bytes.NewReader(out))
		if err != nil {
			t.Fatal(err)
		}
		if len(pairs) != len(want) {
			t.Fatalf("%d pairs, want %d", len(pairs), len(want))
		}
		for i, p := range pairs {
			w := want[i]
			state, _ := xliffState(w.Status)
			if w.Target == "" {
				state = ""
			}
			wantAt := w.UpdatedAt.Truncate(time.Microsecond).UTC()
			if p.ClauseID != w.ClauseID || p.Source != w.Source || p.Target != w.Target || p.Version != w.Version ||
				p.UpdatedAt != wantAt || p.State != state || p.Status != "" {
				t.Errorf("pair %d = {%d %.40q %.40q v%d %v %q}, want {%d %.40q %.40q v%d %v %q}", i,
					p.ClauseID, p.Source, p.Target, p.Version, p.UpdatedAt, p.State,
					w.ClauseID, w.Source, w.Target, w.Version, wantAt, state)
			}
			if i > 0 && p.Line <= pairs[i-1].Line {
				t.Errorf("pair %d: line %d does not follow line %d", i, p.Line, pairs[i-1].Line)
			}
		}
	})

	t.Run("validate_xliff.sh", func(t *testing.T) {
		vout, code := testkit.RunValidator(t, "validate_xliff.sh", path)
		t.Logf("validate_xliff.sh %s → exit %d\n%s", path, code, vout)
		if code != 0 {
			t.Errorf("validate_xliff.sh rejected the export (exit %d)", code)
		}
		if !strings.Contains(vout, "OK: schema-valid") || !strings.Contains(vout, fmt.Sprintf("units=%d errors=0", len(want))) {
			t.Errorf("the schema or translate-toolkit did not accept %d units", len(want))
		}
	})
}

func TestXLIFFStates(t *testing.T) {
	tests := []struct {
		status, state string
		approved      bool
	}{
		{"untranslated", "needs-translation", false},
		{"draft", "needs-review-translation", false},
		{"translated", "translated", false},
		{"submitted", "needs-review-translation", false},
		{"approved", "final", true},
		{"rejected", "needs-translation", false},
		{"", "", false},
		{"Approved", "", false},
	}
	for _, tt := range tests {
		if state, approved := xliffState(tt.status); state != tt.state || approved != tt.approved {
			t.Errorf("xliffState(%q) = %q, %v; want %q, %v", tt.status, state, approved, tt.state, tt.approved)
		}
	}
}

func TestWriteXLIFFOptions(t *testing.T) {
	var buf bytes.Buffer
	u := syntheticUnit(0)
	if _, err := WriteXLIFF(&buf, XLIFFOptions{SourceLang: "zh-Hans", TargetLang: "en-GB"}, seqOf([]Unit{u})); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, s := range []string{`source-language="zh-Hans" target-language="en-GB"`, `<source xml:lang="zh-Hans">`, `<target xml:lang="en-GB" state="final">`, `tool-name="Zhen"/>`} {
		if !strings.Contains(out, s) {
			t.Errorf("output lacks %s:\n%s", s, out)
		}
	}
	if m := regexp.MustCompile(` date="([^"]+)"`).FindStringSubmatch(out); m == nil {
		t.Error("no file date")
	} else if _, err := time.Parse(time.RFC3339, m[1]); err != nil {
		t.Errorf("file date %q: %v", m[1], err)
	}
}

// TestWriteXLIFFEmpty: an export without units is still schema-valid (the
// content check then fails for want of units, as it should).
func TestWriteXLIFFEmpty(t *testing.T) {
	var buf bytes.Buffer
	n, err := WriteXLIFF(&buf, XLIFFOptions{}, seqOf(nil))
	if err != nil || n != 0 {
		t.Fatalf("n, err = %d, %v", n, err)
	}
	pairs, err := ReadXLIFF(bytes.NewReader(buf.Bytes()))
	if err != nil || len(pairs) != 0 {
		t.Errorf("read back %d pairs, %v", len(pairs), err)
	}
	vout, _ := testkit.RunValidator(t, "validate_xliff.sh", writeFile(t, "empty.xlf", buf.Bytes()))
	if !strings.Contains(vout, "OK: schema-valid") {
		t.Errorf("empty export is not schema-valid:\n%s", vout)
	}
}

// TestValidatorCatchesBrokenXLIFF makes sure a failing validator fails the
// test: a trans-unit without its id, or with an unknown state, is rejected.
func TestValidatorCatchesBrokenXLIFF(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteXLIFF(&buf, XLIFFOptions{}, seqOf([]Unit{syntheticUnit(1)})); err != nil {
		t.Fatal(err)
	}
	for name, broken := range map[string][]byte{
		"no id":     regexp.MustCompile(` id="\d+"`).ReplaceAll(buf.Bytes(), nil),
		"bad state": bytes.ReplaceAll(buf.Bytes(), []byte(`state="final"`), []byte(`state="done"`)),
	} {
		out, code := testkit.RunValidator(t, "validate_xliff.sh", writeFile(t, "broken.xlf", broken))
		if code == 0 {
			t.Errorf("%s: validate_xliff.sh accepted it:\n%s", name, out)
		}
	}
}

func TestWriteXLIFFErrors(t *testing.T) {
	errDB := errors.New("database went away")
	units := func(yield func(Unit, error) bool) {
		for i := range 3 {
			if !yield(syntheticUnit(i), nil) {
				return
			}
		}
		if yield(Unit{}, errDB) {
			t.Error("WriteXLIFF asked for more units after an error")
		}
	}
	var buf bytes.Buffer
	n, err := WriteXLIFF(&buf, XLIFFOptions{}, units)
	if !errors.Is(err, errDB) || n != 3 {
		t.Errorf("n, err = %d, %v; want 3, %v", n, err, errDB)
	}
	errFull := errors.New("disk full")
	many := func(yield func(Unit, error) bool) {
		for i := range 1_000_000 {
			if !yield(syntheticUnit(i), nil) {
				return
			}
		}
		t.Error("WriteXLIFF consumed every unit despite the failing writer")
	}
	if _, err := WriteXLIFF(failingWriter{errFull}, XLIFFOptions{}, many); !errors.Is(err, errFull) {
		t.Errorf("err = %v, want %v", err, errFull)
	}
}

// xlf wraps trans-units in an XLIFF 1.2 document whose first trans-unit is
// on line 5.
func xlf(units string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="d" datatype="plaintext" source-language="zh-CN" target-language="en-US">
<body>
` + units + `
</body>
</file>
</xliff>
`
}

func TestReadXLIFF(t *testing.T) {
	ctx := func(v string) string {
		return `<context-group purpose="information"><context context-type="x-zhen-version">` + v + `</context></context-group>`
	}
	tests := []struct {
		name string
		in   string
		want []Pair
	}{
		{"plain", xlf(`<trans-unit id="7"><source>你好</source><target state="translated">Hello</target>` + ctx("3") + `</trans-unit>`),
			[]Pair{{Line: 5, ClauseID: 7, Source: "你好", Target: "Hello", State: "translated", Version: 3}}},
		{"no target, empty target, no version", xlf("<trans-unit id=\"1\"><source>一</source></trans-unit>\n<trans-unit id=\"2\"><source>二</source><target/></trans-unit>"),
			[]Pair{{Line: 5, ClauseID: 1, Source: "一"}, {Line: 6, ClauseID: 2, Source: "二"}}},
		{"BOM and CRLF", "\uFEFF" + strings.ReplaceAll(xlf("<trans-unit id=\"1\"><source>一\n二</source><target>one\ntwo&#13;</target></trans-unit>"), "\n", "\r\n"),
			[]Pair{{Line: 5, ClauseID: 1, Source: "一\n二", Target: "one\ntwo\r"}}},
		{"groups, notes, alt-trans, seg-source and other namespaces ignored", xlf(`<group id="g"><group><trans-unit id="5" xmlns:o="urn:other">
<source>你好</source><seg-source><mrk mtype="seg" mid="1">你好</mrk></seg-source><target>Hello</target>
<alt-trans><source>你好吗</source><target>How are you</target></alt-trans><note>n</note><o:x>y</o:x></trans-unit></group></group>`),
			[]Pair{{Line: 5, ClauseID: 5, Source: "你好", Target: "Hello"}}},
		{"inline elements unwrapped", xlf(`<trans-unit id="9"><source>你<g id="1">好</g><x id="2"/></source><target><mrk mtype="x-term">Hel</mrk>lo<ph id="3">{1}</ph></target></trans-unit>`),
			[]Pair{{Line: 5, ClauseID: 9, Source: "你好", Target: "Hello{1}"}}},
		{"language variants", strings.Replace(xlf(`<trans-unit id="1"><source xml:lang="zh-Hans">你好</source><target xml:lang="EN_gb">Hello</target></trans-unit>`), `source-language="zh-CN" target-language="en-US"`, `source-language="ZH-TW" target-language="en"`, 1),
			[]Pair{{Line: 5, ClauseID: 1, Source: "你好", Target: "Hello"}}},
		{"XLIFF 1.1", strings.Replace(xlf(`<trans-unit id="1"><source>你好</source></trans-unit>`), `version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"`, `version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"`, 1),
			[]Pair{{Line: 5, ClauseID: 1, Source: "你好"}}},
		{"updated-at and state kept as written", xlf(`<trans-unit id="1"><source>你好</source><target state="x-custom">Hi</target><context-group><context context-type="x-zhen-updated-at">2026-11-03T17:30:00.5+08:00</context><context context-type="sourcefile">a.txt</context></context-group></trans-unit>`),
			[]Pair{{Line: 5, ClauseID: 1, Source: "你好", Target: "Hi", State: "x-custom", UpdatedAt: time.Date(2026, 11, 3, 9, 30, 0, 500000000, time.UTC)}}},
		{"GB18030 declared", strings.Replace(xlf("<trans-unit id=\"1\"><source>\xc4\xe3\xba\xc3</source></trans-unit>"), `encoding="UTF-8"`, `encoding="GB18030"`, 1),
			[]Pair{{Line: 5, ClauseID: 1, Source: "你好"}}},
		{"UTF-16 with BOM", string(utf16LE(strings.Replace(xlf(`<trans-unit id="1"><source>你好😀</source></trans-unit>`), "UTF-8", "UTF-16", 1))),
			[]Pair{{Line: 5, ClauseID: 1, Source: "你好😀"}}},
		{"no units", xlf(""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadXLIFF(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadXLIFFErrors(t *testing.T) {
	unit := `<trans-unit id="1"><source>你好</source><target>Hello</target></trans-unit>`
	// the same id in two <file>s
	twoFiles := strings.Replace(xlf(unit), "</file>", "</file>\n<file original=\"e\" datatype=\"plaintext\" source-language=\"zh\" target-language=\"en\"><body>\n"+unit+"\n</body></file>", 1)
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"empty", "", 1, "empty file or not XML"},
		{"not XML", "zh,en\n你好,Hello\n", 1, "outside the root element"},
		{"wrong root", "<?xml version=\"1.0\"?>\n<html><body/></html>", 2, "root element <html> is not XLIFF"},
		{"TMX", "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"/>", 2, "this is a TMX file"},
		{"XLIFF 2.0", "<?xml version=\"1.0\"?>\n<xliff version=\"2.0\" xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" srcLang=\"zh\"/>", 2, "XLIFF 2.0 is not supported"},
		{"unknown version", "\n<xliff version=\"1.5\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\"/>", 2, `XLIFF version "1.5" is not supported`},
		{"foreign namespace", "<xliff version=\"1.2\" xmlns=\"urn:example\"/>", 1, "not XLIFF 1.2"},
		{"truncated", xlf(unit)[:strings.Index(xlf(unit), "</source>")], 5, "truncated"},
		{"mismatched tags", xlf(`<trans-unit id="1"><source>你好</target></trans-unit>`), 5, "not well-formed XML"},
		{"control character", xlf("\n" + `<trans-unit id="1"><source>你好</source><target>He&#1;llo</target></trans-unit>`), 6, "illegal character code U+0001"},
		{"raw control character", xlf("<trans-unit id=\"1\"><source>你\x0b好</source></trans-unit>"), 5, "illegal character code U+000B"},
		{"U+FFFE", xlf(`<trans-unit id="1"><source>你好&#xFFFE;</source></trans-unit>`), 5, "U+FFFE"},
		{"invalid UTF-8", xlf("<trans-unit id=\"1\"><source>\xc4\xe3</source></trans-unit>"), 5, "invalid UTF-8"},
		{"HTML entity", xlf(`<trans-unit id="1"><source>你好&nbsp;</source></trans-unit>`), 5, "&nbsp;"},
		{"other encoding", strings.Replace(xlf(unit), "UTF-8", "ISO-8859-1", 1), 1, "encoded as ISO-8859-1: save it as UTF-8"},
		{"no source-language", strings.Replace(xlf(unit), ` source-language="zh-CN"`, "", 1), 3, "has no source-language"},
		{"no target-language", strings.Replace(xlf(unit), ` target-language="en-US"`, "", 1), 3, "has no target-language"},
		{"fr→de", strings.Replace(xlf(unit), `source-language="zh-CN" target-language="en-US"`, `source-language="fr" target-language="de"`, 1), 3, "only Chinese→English files: this file is fr→de"},
		{"en→zh", strings.Replace(xlf(unit), `source-language="zh-CN" target-language="en-US"`, `source-language="en-US" target-language="zh-CN"`, 1), 3, "this file is en-US→zh-CN"},
		{"Zhuang is not Chinese", strings.Replace(xlf(unit), `source-language="zh-CN"`, `source-language="za"`, 1), 3, "this file is za→en-US"},
		{"source xml:lang", xlf("\n" + `<trans-unit id="1"><source xml:lang="ja">こんにちは</source></trans-unit>`), 6, `<source xml:lang="ja">`},
		{"target xml:lang", xlf(`<trans-unit id="1"><source>你好</source><target xml:lang="fr">Salut</target></trans-unit>`), 5, `<target xml:lang="fr">`},
		{"no id", xlf("\n\n" + `<trans-unit><source>你好</source></trans-unit>`), 7, "trans-unit without an id"},
		{"non-numeric id", xlf(`<trans-unit id="hello.world"><source>你好</source></trans-unit>`), 5, `id "hello.world" is not a Zhen clause id`},
		{"id zero", xlf(`<trans-unit id="0"><source>你好</source></trans-unit>`), 5, "not a Zhen clause id"},
		{"negative id", xlf(`<trans-unit id="-3"><source>你好</source></trans-unit>`), 5, "not a Zhen clause id"},
		{"duplicate id", xlf(unit + "\n\n" + strings.Replace(unit, `id="1"`, `id="01"`, 1)), 7, `id "01" repeats the trans-unit at line 5`},
		{"duplicate id across files", twoFiles, 9, "repeats the trans-unit at line 5"},
		{"no source", xlf(`<trans-unit id="1"><target>Hello</target></trans-unit>`), 5, "has no <source>"},
		{"blank source", xlf(`<trans-unit id="1"><source> </source><target>Hello</target></trans-unit>`), 5, "empty source"},
		{"two targets", xlf("<trans-unit id=\"1\"><source>你好</source><target>a</target>\n<target>b</target></trans-unit>"), 6, "second <target>"},
		{"bad version", xlf("<trans-unit id=\"1\"><source>你好</source>\n<context-group><context context-type=\"x-zhen-version\">three</context></context-group></trans-unit>"), 6, `x-zhen-version "three"`},
		{"bad updated-at", xlf(`<trans-unit id="1"><source>你好</source><context-group><context context-type="x-zhen-updated-at">yesterday</context></context-group></trans-unit>`), 5, `x-zhen-updated-at "yesterday"`},
		{"text after the root", xlf(unit) + "\ntrailing", 10, `text "trailing" outside the root element: not an XLIFF document`},
		{"second root", xlf(unit) + "<xliff/>", 9, "after the end of the root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pairs, err := ReadXLIFF(strings.NewReader(tt.in))
			checkLineError(t, pairs, err, tt.line, tt.msg)
			t.Log(err)
		})
	}
}

// TestReadXLIFFValidatorSamples: the validators' good 1.2 sample is read;
// the bad ones are refused.
func TestReadXLIFFValidatorSamples(t *testing.T) {
	dir := filepath.Join(testkit.ValidatorsDir(t), "samples")
	read := func(name string) ([]Pair, error) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return ReadXLIFF(bytes.NewReader(data))
	}
	pairs, err := read("good12.xlf")
	if err != nil {
		t.Fatal(err)
	}
	want := []Pair{
		{Line: 6, ClauseID: 1, Source: "你好，世界！", Target: "Hello, world!", State: "translated"},
		{Line: 7, ClauseID: 2, Source: "共有 3 个文件。", Target: "There are 3 files.", State: "final"},
	}
	if fmt.Sprint(pairs) != fmt.Sprint(want) {
		t.Errorf("good12.xlf: got %+v\nwant %+v", pairs, want)
	}
	for _, bad := range []struct {
		name string
		line int
		msg  string
	}{
		{"bad12.xlf", 5, "without an id"},
		{"good20.xlf", 2, "XLIFF 2.0 is not supported"},
		{"bad20.xlf", 2, "XLIFF 2.0 is not supported"},
	} {
		pairs, err := read(bad.name)
		checkLineError(t, pairs, err, bad.line, bad.msg)
	}
}

// FuzzReadXLIFF: ReadXLIFF never panics, and what it accepts obeys its
// contract and survives WriteXLIFF → ReadXLIFF unchanged.
func FuzzReadXLIFF(f *testing.F) {
	var buf bytes.Buffer
	units, _ := xliffTestUnits()
	for i := range units {
		units[i].Source = clip(units[i].Source) // keep the seeds small
		units[i].Target = clip(units[i].Target)
	}
	WriteXLIFF(&buf, XLIFFOptions{}, seqOf(units[:12]))
	f.Add(buf.Bytes())
	f.Add([]byte(xlf(`<trans-unit id="1"><source>你<g id="1">好</g></source><target state="final">Hi&#13;</target></trans-unit>`)))
	f.Add([]byte(xlf(`<group><trans-unit id="2"><source>二</source><context-group><context context-type="x-zhen-version">4</context></context-group></trans-unit></group>`)))
	f.Add(utf16LE(xlf(`<trans-unit id="3"><source>三</source></trans-unit>`)))
	f.Add([]byte("\uFEFF<xliff version=\"1.2\"/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		pairs, err := ReadXLIFF(bytes.NewReader(data))
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 || pairs != nil {
				t.Fatalf("error %v (%T) with %d pairs: want a *LineError with a line and nothing read", err, err, len(pairs))
			}
			return
		}
		seen := map[uint]bool{}
		var back []Unit
		for i, p := range pairs {
			if p.ClauseID == 0 || seen[p.ClauseID] || strings.TrimSpace(p.Source) == "" || p.Version < 0 || p.Line < 1 ||
				i > 0 && p.Line < pairs[i-1].Line || p.Status != "" {
				t.Fatalf("pair %d breaks the contract: %+v", i, p)
			}
			for _, s := range []string{p.Source, p.Target, p.State} {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, notXMLChar) {
					t.Fatalf("pair %d: text %q is not XML text", i, s)
				}
			}
			seen[p.ClauseID] = true
			back = append(back, Unit{ClauseID: p.ClauseID, Source: p.Source, Target: p.Target, Version: p.Version, UpdatedAt: p.UpdatedAt})
		}
		var out bytes.Buffer
		if _, err := WriteXLIFF(&out, XLIFFOptions{}, seqOf(back)); err != nil {
			t.Fatal(err)
		}
		again, err := ReadXLIFF(&out)
		if err != nil {
			t.Fatalf("re-export not readable: %v\n%s", err, out.Bytes())
		}
		if len(again) != len(pairs) {
			t.Fatalf("re-export has %d units, want %d", len(again), len(pairs))
		}
		for i, p := range again {
			w := pairs[i]
			wantAt := w.UpdatedAt.Truncate(time.Microsecond)
			if y := wantAt.Year(); y < 1 || y > 9999 {
				wantAt = time.Time{}
			}
			if p.ClauseID != w.ClauseID || p.Source != w.Source || p.Target != w.Target || p.Version != w.Version || !p.UpdatedAt.Equal(wantAt) {
				t.Fatalf("unit %d changed in a round trip: %+v → %+v", i, w, p)
			}
		}
	})
}
