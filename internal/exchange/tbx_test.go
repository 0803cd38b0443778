package exchange

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// writeTBXFile exports entries to a file in a temporary directory.
func writeTBXFile(t *testing.T, entries []glossary.Entry) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "glossary.tbx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	n, err := WriteTBX(f, entriesOf(entries))
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

func readTBXFile(t *testing.T, path string) ([]glossary.Entry, error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return ReadTBX(f)
}

func TestTBXRoundTrip(t *testing.T) {
	for name, entries := range map[string][]glossary.Entry{"seed": seedEntries(), "tricky": trickyEntries()} {
		t.Run(name, func(t *testing.T) {
			got, err := readTBXFile(t, writeTBXFile(t, entries))
			if err != nil {
				t.Fatal(err)
			}
			checkEntries(t, got, entries)
		})
	}
}

// TestWriteTBX pins the layout of one concept (see the top of tbx.go).
func TestWriteTBX(t *testing.T) {
	var buf bytes.Buffer
	n, err := WriteTBX(&buf, entriesOf([]glossary.Entry{{
		ID: 7, ZH: "金砖国家", EN: "BRICS", Variants: []string{"BRICS countries", " "}, Forbidden: []string{"BRIC"},
		POS: "noun", Note: `"BRICS" & <never> BRIC`, Status: glossary.StatusApproved, CaseSensitive: true,
	}}))
	if err != nil || n != 1 {
		t.Fatalf("n, err = %d, %v", n, err)
	}
	want := `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>Zhen glossary: Chinese (zh) terms and their English (en) renderings</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
    <body>
      <conceptEntry id="c7">
        <note>&quot;BRICS&quot; &amp; &lt;never&gt; BRIC</note>
        <note>zhen-status: approved</note>
        <note>zhen-case-sensitive: true</note>
        <langSec xml:lang="zh">
          <termSec>
            <term>金砖国家</term>
            <termNote type="partOfSpeech">noun</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec>
            <term>BRICS</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>BRICS countries</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>BRIC</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestWriteTBXEdgeCases(t *testing.T) {
	in := []glossary.Entry{
		{ZH: "没有编号", EN: "no ID", POS: "Proper Noun"},      // id e1; POS not in the picklist
		{ID: 9, ZH: "没有英文", EN: " \x01 "},                  // skipped
		{ZH: "\x7f控制\x00", EN: "ctrl\x0b", Note: "a\x1bb"}, // id e3; DEL is allowed in XML
		{ID: 4, ZH: "标签", EN: "label", Note: "zhen-status: deprecated is what this note says"},
	}
	var buf bytes.Buffer
	n, err := WriteTBX(&buf, entriesOf(in))
	if err != nil || n != 3 {
		t.Fatalf("n, err = %d, %v; want 3", n, err)
	}
	out := buf.String()
	for _, want := range []string{`<conceptEntry id="e1">`, `<conceptEntry id="e3">`, `<conceptEntry id="c4">`, "<note>zhen-pos: Proper Noun</note>"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s", want)
		}
	}
	if strings.Contains(out, "没有英文") || strings.Contains(out, "\x00") || strings.Contains(out, "\x1b") {
		t.Error("output holds a skipped entry or a control character")
	}
	got, err := ReadTBX(&buf)
	if err != nil {
		t.Fatal(err)
	}
	checkEntries(t, got, []glossary.Entry{
		{ZH: "没有编号", EN: "no ID", POS: "Proper Noun", Status: "approved"},
		{ZH: "\x7f控制", EN: "ctrl", Note: "ab", Status: "approved"},
		// A note that reads like a label survives as a note.
		{ZH: "标签", EN: "label", Note: "zhen-status: deprecated is what this note says", Status: "approved"},
	})

	// An empty glossary is a valid document without a body.
	buf.Reset()
	if n, err := WriteTBX(&buf, entriesOf(nil)); err != nil || n != 0 {
		t.Fatalf("n, err = %d, %v", n, err)
	}
	if strings.Contains(buf.String(), "<body>") {
		t.Error("empty export has a <body>, which needs a conceptEntry")
	}
	if got, err := ReadTBX(&buf); err != nil || len(got) != 0 {
		t.Errorf("empty export read as %v, %v", got, err)
	}
}

func TestWriteTBXErrors(t *testing.T) {
	errDB := errors.New("database went away")
	entries := func(yield func(glossary.Entry, error) bool) {
		if yield(seedEntries()[0], nil) {
			yield(glossary.Entry{}, errDB)
		}
	}
	var buf bytes.Buffer
	n, err := WriteTBX(&buf, entries)
	if !errors.Is(err, errDB) || n != 1 {
		t.Errorf("n, err = %d, %v; want 1, %v", n, err, errDB)
	}
	errFull := errors.New("disk full")
	if _, err := WriteTBX(failingWriter{errFull}, entriesOf(seedEntries())); !errors.Is(err, errFull) {
		t.Errorf("err = %v, want %v", err, errFull)
	}
}

// TestTBXValidator runs the independent TBX validator (RELAX NG core schema
// with xmllint and jing, content checks with lxml) on exports.
func TestTBXValidator(t *testing.T) {
	testkit.ValidatorsDir(t)
	for name, entries := range map[string][]glossary.Entry{"seed": seedEntries(), "tricky": trickyEntries()} {
		t.Run(name, func(t *testing.T) {
			path := writeTBXFile(t, entries)
			out, code := testkit.RunValidator(t, "validate_tbx.sh", path)
			t.Logf("validate_tbx.sh → exit %d\n%s", code, out)
			if code != 0 || !strings.Contains(out, "RESULT: PASS") || !strings.Contains(out, "OK: xmllint relaxng") {
				t.Errorf("validate_tbx.sh rejected the export (exit %d)", code)
			}
		})
	}
}

// TestValidatorCatchesBrokenTBX makes sure a failing validator fails the
// tests: exports with a concept that lost its English, or with a term
// outside a termSec, must be rejected.
func TestValidatorCatchesBrokenTBX(t *testing.T) {
	testkit.ValidatorsDir(t)
	data, err := os.ReadFile(writeTBXFile(t, seedEntries()))
	if err != nil {
		t.Fatal(err)
	}
	for name, broken := range map[string][]byte{
		"no English": regexp.MustCompile(`(?s)<langSec xml:lang="en">.*?</langSec>`).ReplaceAll(data, nil),
		"no termSec": bytes.Replace(data, []byte("<termSec>"), []byte("<termGrp>"), 1),
	} {
		if bytes.Equal(broken, data) {
			t.Fatalf("%s: could not break the file", name)
		}
		out, code := testkit.RunValidator(t, "validate_tbx.sh", writeFile(t, "broken.tbx", broken))
		if code == 0 {
			t.Errorf("%s: validate_tbx.sh accepted a broken file:\n%s", name, out)
		}
	}
}

// TestTBXBasicSchematron checks exports against the TBX-Basic DCA
// Schematron, which validate_tbx.sh skips when SchXslt is absent. It
// compiles the Schematron with the ISO skeleton that ships with lxml and
// runs it with Saxon-HE (both Debian packages the validators already need);
// without them it skips.
func TestTBXBasicSchematron(t *testing.T) {
	sch := filepath.Join(testkit.ValidatorsDir(t), "tbx", "TBX-Basic_DCA.sch")
	const (
		saxon    = "/usr/share/java/Saxon-HE.jar"
		skeleton = "/usr/lib/python3/dist-packages/lxml/isoschematron/resources/xsl/iso-schematron-xslt1/iso_svrl_for_xslt1.xsl"
	)
	java, err := exec.LookPath("java")
	for _, f := range []string{saxon, skeleton} {
		if _, serr := os.Stat(f); serr != nil && err == nil {
			err = serr
		}
	}
	if err != nil {
		t.Skipf("Saxon-HE or the ISO Schematron skeleton is missing: %v", err)
	}
	transform := func(src, xsl, out string) {
		t.Helper()
		cmd := exec.Command(java, "-cp", saxon, "net.sf.saxon.Transform", "-s:"+src, "-xsl:"+xsl, "-o:"+out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("saxon %s: %v\n%s", filepath.Base(src), err, msg)
		}
	}
	// The skeleton is XSLT 1.0 and refuses queryBinding="xslt2"; Saxon runs
	// the XPath 2.0 of the rules (matches()) all the same.
	text, err := os.ReadFile(sch)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	schema := filepath.Join(dir, "basic.sch")
	if err := os.WriteFile(schema, bytes.Replace(text, []byte(`queryBinding="xslt2"`), []byte(`queryBinding="xslt"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	compiled := filepath.Join(dir, "basic.xsl")
	transform(schema, skeleton, compiled)

	// One Saxon run checks every file of a directory.
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	files := map[string]string{"bad_dialect.tbx": filepath.Join(filepath.Dir(sch), "..", "samples", "bad_dialect.tbx")}
	for name, entries := range map[string][]glossary.Entry{"seed.tbx": seedEntries(), "tricky.tbx": trickyEntries()} {
		files[name] = writeTBXFile(t, entries)
	}
	for _, d := range []string{in, out} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for name, path := range files {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(in, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	transform(in, compiled, out)
	for name := range files {
		report, err := os.ReadFile(filepath.Join(out, name+".xml")) // Saxon adds .xml
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(report, []byte("fired-rule")) {
			t.Fatalf("the Schematron checked nothing in %s", name)
		}
		failed := bytes.Count(report, []byte("<svrl:failed-assert"))
		t.Logf("%s: %d failed assertions", name, failed)
		switch {
		case name == "bad_dialect.tbx" && failed == 0: // the same check fails the validators' bad sample
			t.Error("the Schematron passed bad_dialect.tbx")
		case name != "bad_dialect.tbx" && failed != 0:
			t.Errorf("%s: %d failed TBX-Basic assertions\n%s", name, failed, report)
		}
	}
}

func TestReadTBXValidatorSamples(t *testing.T) {
	dir := testkit.ValidatorsDir(t)
	good := map[string][]glossary.Entry{
		"samples/good_basic_dca.tbx": {
			{ZH: "翻译记忆库", EN: "translation memory", POS: "noun", Status: "approved"},
			{ZH: "术语表", EN: "glossary", Status: "approved"},
		},
		"samples/good_martif.tbx": {{ZH: "术语表", EN: "glossary", Status: "approved"}},
	}
	for file, want := range good {
		got, err := readTBXFile(t, filepath.Join(dir, file))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		checkEntries(t, got, want)
	}
	bad := []struct {
		file string
		line int
		msg  string
	}{
		{"samples/bad_core.tbx", 5, `conceptEntry "c1": no Chinese term`}, // langSec without xml:lang
		{"samples/bad_dialect.tbx", 10, `conceptEntry "c2": no English term`},
		{"tbx/Example_Astronomy_DCA_VALID.tbx", 19, `conceptEntry "c1": no Chinese term`}, // English and Spanish
		{"tbx/Example_Astronomy_DCT_VALID.tbx", 15, `conceptEntry "c1": no Chinese term`},
	}
	for _, tt := range bad {
		got, err := readTBXFile(t, filepath.Join(dir, tt.file))
		t.Logf("%s: %v", tt.file, err)
		checkLineError(t, got, err, tt.line, tt.msg)
	}
}

// tbxDoc wraps concepts in a TBX v3 document; the first concept starts on
// line 3.
func tbxDoc(concepts string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>
` + concepts + `
</body></text></tbx>
`
}

func TestReadTBX(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []glossary.Entry
	}{
		{
			name: "statuses, languages, notes and markup",
			in: tbxDoc(`<conceptEntry id="x">
  <descrip type="subjectField">diplomacy</descrip>
  <note> Concept note. </note>
  <langSec xml:lang="fr"><note>ignored</note><termSec><term>BRICS (fr)</term></termSec></langSec>
  <langSec xml:lang="zh-Hant"><termSec><term>金磚國家</term></termSec></langSec>
  <langSec xml:lang="zh-CN"><termSec><term>金砖
    国家</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
  <langSec xml:lang="en-GB">
    <termSec><term>BRIC</term><termNote type="administrativeStatus">supersededTerm-admn-sts</termNote></termSec>
    <termSec><term>BRICS countries</term></termSec>
    <termSec><term>the <hi type="bold">BRICS</hi></term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
      <note>Term note.</note></termSec>
    <termSec><term>BRICS group</term><termNoteGrp><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termNoteGrp></termSec>
    <termSec><term>Brics</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
  </langSec>
</conceptEntry>
<conceptEntry id="y"><langSec xml:lang="ZH_hans_cn"><termSec><term>上合组织</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>SCO</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
  <termSec><term>the SCO</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>`),
			want: []glossary.Entry{
				{ZH: "金砖\n    国家", EN: "the BRICS", Variants: []string{"BRICS countries", "BRICS group"}, Forbidden: []string{"BRIC", "Brics"},
					POS: "noun", Note: "Concept note.\nTerm note.", Status: "approved"},
				{ZH: "上合组织", EN: "SCO", Variants: []string{"the SCO"}, Status: "approved"},
			},
		},
		{
			name: "zhen labels; English part of speech when Chinese has none",
			in: tbxDoc(`<conceptEntry id="a">
  <note>zhen-status: Deprecated</note><note>zhen-case-sensitive: yes</note>
  <langSec xml:lang="zh"><termSec><term>美国</term></termSec></langSec>
  <langSec xml:lang="en"><termSec><term>US</term><termNote type="partOfSpeech">noun</termNote></termSec></langSec>
</conceptEntry>`),
			want: []glossary.Entry{{ZH: "美国", EN: "US", POS: "noun", Status: "deprecated", CaseSensitive: true}},
		},
		{
			name: "TBX v3 DCT style",
			in: `<tbx xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min" type="TBX-Basic" style="dct" xml:lang="en">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text><body>
<conceptEntry id="d"><langSec xml:lang="zh"><termSec><term>六方会谈</term><min:partOfSpeech>noun</min:partOfSpeech></termSec></langSec>
<langSec xml:lang="en"><termSec><term>six-way talks</term><min:administrativeStatus>admittedTerm-admn-sts</min:administrativeStatus></termSec>
<termSec><term>Six-Party Talks</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec></langSec></conceptEntry>
</body></text></tbx>`,
			want: []glossary.Entry{{ZH: "六方会谈", EN: "Six-Party Talks", Variants: []string{"six-way talks"}, POS: "noun", Status: "approved"}},
		},
		{
			name: "TBX 2008 martif with tig and ntig",
			in: `<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></martifHeader><text><body>
<termEntry id="t1"><note>n</note><langSet xml:lang="zh-CN"><tig><term>二十国集团</term></tig></langSet>
<langSet xml:lang="en-US"><ntig><termGrp><term>Group of Twenty</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termGrp></ntig>
<ntig><termGrp><term>G20</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termGrp></ntig>
<tig><term>G-20</term><termNote type="normativeAuthorization">deprecatedTerm</termNote></tig></langSet></termEntry>
</body></text></martif>`,
			want: []glossary.Entry{{ZH: "二十国集团", EN: "Group of Twenty", Variants: []string{"G20"}, Forbidden: []string{"G-20"}, Note: "n", Status: "approved"}},
		},
		{
			name: "no concepts",
			in:   `<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader><text/></tbx>`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadTBX(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			checkEntries(t, got, tt.want)
		})
	}
}

// utf16LE encodes s as UTF-16LE with a byte order mark.
func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func TestReadTBXUTF16(t *testing.T) {
	doc := strings.Replace(tbxDoc(`<conceptEntry id="u"><langSec xml:lang="zh"><termSec><term>六方会谈</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>Six-Party Talks</term></termSec></langSec></conceptEntry>`), "UTF-8", "UTF-16", 1)
	got, err := readTBXFile(t, writeFile(t, "utf16.tbx", utf16LE(doc)))
	if err != nil {
		t.Fatal(err)
	}
	checkEntries(t, got, []glossary.Entry{{ZH: "六方会谈", EN: "Six-Party Talks", Status: "approved"}})
}

func TestReadTBXErrors(t *testing.T) {
	zhEN := `<langSec xml:lang="zh"><termSec><term>金砖国家</term></termSec></langSec><langSec xml:lang="en"><termSec><term>BRICS</term></termSec></langSec>`
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"empty file", "", 1, "expected a TBX document"},
		{"not XML", "zh,en\n金砖国家,BRICS\n", 1, "expected a TBX document"},
		{"two roots", tbxDoc(`<conceptEntry id="a">`+zhEN+`</conceptEntry>`) + "<tbx/>", 5, "a file holds one document"},
		{"unclosed element", tbxDoc(`<conceptEntry id="a">` + zhEN + "\n<note>x</conceptEntry>"), 4, "not well-formed XML"},
		{"truncated", tbxDoc(`<conceptEntry id="a">` + zhEN + `</conceptEntry>`)[:300], 3, "not well-formed XML"},
		{"undefined entity", tbxDoc("\n\n" + `<conceptEntry id="a"><note>&nbsp;</note>` + zhEN + `</conceptEntry>`), 5, "&nbsp;"},
		{"control character", tbxDoc(`<conceptEntry id="a"><note>&#1;</note>` + zhEN + `</conceptEntry>`), 3, "U+0001"},
		{"wrong root", `<?xml version="1.0"?>` + "\n<tmx version=\"1.4\"><body/></tmx>", 2, "root element <tmx> is not TBX"},
		{"GBK", `<?xml version="1.0" encoding="GBK"?><tbx/>`, 1, "encoded as GBK: save it as UTF-8"},
		{"no Chinese", tbxDoc(`<conceptEntry id="a">` + zhEN + "</conceptEntry>\n" +
			`<conceptEntry id="b"><langSec xml:lang="zh-TW"><termSec><term>金磚國家</term></termSec></langSec><langSec xml:lang="en"><termSec><term>BRICS</term></termSec></langSec></conceptEntry>`),
			4, `conceptEntry "b": no Chinese term`},
		{"no English", tbxDoc("\n" + `<conceptEntry id="a"><langSec xml:lang="zh"><termSec><term>金砖国家</term></termSec></langSec>` +
			`<langSec xml:lang="en"><termSec><term> </term></termSec></langSec></conceptEntry>`), 4, `conceptEntry "a": no English term`},
		{"only deprecated English", tbxDoc(`<conceptEntry id="a"><langSec xml:lang="zh"><termSec><term>金砖国家</term></termSec></langSec>` +
			`<langSec xml:lang="en"><termSec><term>BRIC</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec></conceptEntry>`),
			3, `conceptEntry "a": all its English terms are deprecated`},
		{"bad zhen-status", tbxDoc(`<conceptEntry id="a">` + "\n<note>zhen-status: final</note>" + zhEN + `</conceptEntry>`), 4, `conceptEntry "a": note "zhen-status: final"`},
		{"bad zhen-case-sensitive", tbxDoc(`<conceptEntry id="a"><note>zhen-case-sensitive: sometimes</note>` + zhEN + `</conceptEntry>`), 3, "expected true or false"},
		{"duplicate Chinese", tbxDoc(`<conceptEntry id="a">` + zhEN + "</conceptEntry>\n\n" +
			`<conceptEntry id="b">` + strings.Replace(zhEN, "金砖国家", " 金砖国家 ", 1) + `</conceptEntry>`), 5, `conceptEntry "b": zh term "金砖国家" is already in conceptEntry "a"`},
		{"martif without id", `<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh"><tig><term>术语</term></tig></langSet></termEntry></body></text></martif>`,
			1, "termEntry #1 (no id): no English term"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readTBXFile(t, writeFile(t, "in.tbx", []byte(tt.in)))
			t.Log(err)
			checkLineError(t, got, err, tt.line, tt.msg)
		})
	}
}
