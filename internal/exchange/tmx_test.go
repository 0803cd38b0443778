package exchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

// trickyTexts are segment texts that break naive writers; want is what must
// come back from the file (characters XML cannot carry are stripped).
var trickyTexts = []struct{ name, in, want string }{
	{"markup", `Tom & Jerry <b>"bold"</b> it's > 2`, `Tom & Jerry <b>"bold"</b> it's > 2`},
	{"script", `<script>alert(1)</script>`, `<script>alert(1)</script>`},
	{"entities as text", `&amp; &lt; &#x41; &nbsp;`, `&amp; &lt; &#x41; &nbsp;`},
	{"cdata end", `]]> <![CDATA[x]]>`, `]]> <![CDATA[x]]>`},
	{"line breaks", "one\ntwo\r\nthree\rfour", "one\ntwo\r\nthree\rfour"},
	{"tab and spaces", "  a\tb  ", "  a\tb  "},
	{"C0 controls", "a\x01b\x0bc\x00d\x1fe\x7f", "abcde\x7f"},
	{"noncharacters", "x\uFFFEy\uFFFFz", "xyz"},
	{"invalid UTF-8", "a\xffb\xed\xa0\x80c", "abc"}, // \xed\xa0\x80 is a lone surrogate
	{"emoji", "😀 👍🏽 🇨🇳 family 👨‍👩‍👧", "😀 👍🏽 🇨🇳 family 👨‍👩‍👧"},
	{"full-width", "（一）“双方”：同意；！？　、《联合国宪章》", "（一）“双方”：同意；！？　、《联合国宪章》"},
	{"C1 and U+FFFD", "nel\u0085 repl\uFFFD", "nel\u0085 repl\uFFFD"},
	{"long", longText, longText},
}

// tmxTestUnits builds about 50 units: every tricky text as source and as
// target, plain ones, and some without a target (which WriteTMX skips).
func tmxTestUnits() (units []Unit, want []Unit) {
	created := time.Date(2024, 1, 2, 8, 30, 5, 0, time.FixedZone("CST", 8*3600))
	for i := range 50 {
		tr := trickyTexts[i%len(trickyTexts)]
		u := Unit{
			ClauseID:      uint(1000 + i),
			DocumentID:    uint(i%3 + 1),
			DocumentTitle: fmt.Sprintf(`联合声明 <%d> & "Joint" Statement`, i%3),
			Index:         i,
			Source:        fmt.Sprintf("第%d条：", i) + tr.in,
			Target:        tr.in + fmt.Sprintf(" #%d", i),
			Status:        []string{"approved", "draft", `odd "status" <x>`}[i%3],
			CreatedAt:     created,
			UpdatedAt:     created.Add(time.Duration(i) * time.Minute),
			UpdatedBy:     []string{"alice", "", `bob "the reviewer" <b@x>`}[i%3],
			Version:       i * 3 % 17,
			CreatedBy:     []string{"tr <1>", "", "alice"}[i%3],
		}
		u.ChangedBy, u.ChangedAt = u.UpdatedBy, u.UpdatedAt
		if i%3 == 0 {
			u.ApprovedBy, u.ApprovedAt = "carol & co", u.UpdatedAt.Add(time.Hour)
		}
		switch {
		case i%7 == 6:
			u.CreatedAt, u.UpdatedAt, u.ChangedAt = time.Time{}, time.Time{}, time.Time{}
		case i%11 == 10:
			u.Source, u.Target = fmt.Sprintf("第%d条", i), fmt.Sprintf("Article %d", i)
		}
		units = append(units, u)
		w := u
		w.Source = strings.Replace(u.Source, tr.in, tr.want, 1)
		w.Target = strings.Replace(u.Target, tr.in, tr.want, 1)
		if i%10 == 9 {
			units[i].Target = "" // untranslated: not a TM unit
			continue
		}
		want = append(want, w)
	}
	// an empty source is skipped too
	units = append(units, Unit{ClauseID: 9999, Target: "orphan"})
	return units, want
}

// The parsed form of a TMX file, for checking WriteTMX's output with an
// independent parser (encoding/xml). Children keeps props and tuvs in order.
type parsedTMX struct {
	Version string `xml:"version,attr"`
	Header  struct {
		Attrs []xml.Attr `xml:",any,attr"`
	} `xml:"header"`
	TUs []struct {
		Attrs    []xml.Attr `xml:",any,attr"`
		Children []struct {
			XMLName xml.Name
			Type    string `xml:"type,attr"`
			Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Text    string `xml:",chardata"`
			Seg     string `xml:"seg"`
		} `xml:",any"`
	} `xml:"body>tu"`
}

func attrMap(attrs []xml.Attr) map[string]string {
	m := make(map[string]string)
	for _, a := range attrs {
		m[a.Name.Local] = a.Value
	}
	return m
}

var tmxDateRE = regexp.MustCompile(`^\d{8}T\d{6}Z$`)

func TestWriteTMX(t *testing.T) {
	units, want := tmxTestUnits()
	now := time.Date(2026, 11, 24, 23, 5, 9, 0, time.FixedZone("CST", 8*3600))
	var buf bytes.Buffer
	n, err := WriteTMX(&buf, TMXOptions{ToolVersion: "1.2.3", Now: now}, seqOf(units))
	if err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Fatalf("n = %d, want %d", n, len(want))
	}
	out := buf.Bytes()
	path := writeFile(t, "export.tmx", out)

	t.Run("bytes", func(t *testing.T) {
		const prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\">\n"
		if !bytes.HasPrefix(out, []byte(prolog)) {
			t.Errorf("output does not start with the TMX prolog:\n%.200s", out)
		}
		checkXMLOutput(t, out)
		if bytes.Contains(out, []byte(`changeid=""`)) {
			t.Error("empty changeid written instead of omitted")
		}
	})

	t.Run("parsed back", func(t *testing.T) {
		var doc parsedTMX
		if err := xml.Unmarshal(out, &doc); err != nil {
			t.Fatal(err)
		}
		h := attrMap(doc.Header.Attrs)
		wantHeader := map[string]string{
			"creationtool": "Zhen", "creationtoolversion": "1.2.3", "segtype": "sentence", "o-tmf": "Zhen",
			"adminlang": "en-US", "srclang": "zh-CN", "datatype": "plaintext", "creationdate": "20261124T150509Z",
		}
		if doc.Version != "1.4" {
			t.Errorf("tmx version = %q", doc.Version)
		}
		for k, v := range wantHeader {
			if h[k] != v {
				t.Errorf("header %s = %q, want %q", k, h[k], v)
			}
		}
		if len(doc.TUs) != len(want) {
			t.Fatalf("%d <tu>, want %d", len(doc.TUs), len(want))
		}
		for i, tu := range doc.TUs {
			w := want[i]
			a := attrMap(tu.Attrs)
			if a["tuid"] != strconv.Itoa(int(w.ClauseID)) {
				t.Errorf("tu %d: tuid %q, want %d", i, a["tuid"], w.ClauseID)
			}
			for _, name := range []string{"creationdate", "changedate"} {
				if d, ok := a[name]; ok != !w.CreatedAt.IsZero() || (ok && !tmxDateRE.MatchString(d)) {
					t.Errorf("tu %d: %s=%q (present %v), want YYYYMMDDThhmmssZ iff the time is known", i, name, d, ok)
				}
			}
			if !w.CreatedAt.IsZero() {
				if got, exp := a["creationdate"], w.CreatedAt.UTC().Format("20060102T150405Z"); got != exp {
					t.Errorf("tu %d: creationdate %q, want %q (UTC)", i, got, exp)
				}
			}
			if id, ok := a["changeid"]; id != w.ChangedBy || ok != (w.ChangedBy != "") {
				t.Errorf("tu %d: changeid %q (present %v), want %q", i, id, ok, w.ChangedBy)
			}
			if id, ok := a["creationid"]; id != w.CreatedBy || ok != (w.CreatedBy != "") {
				t.Errorf("tu %d: creationid %q (present %v), want %q", i, id, ok, w.CreatedBy)
			}

			var names, props []string
			var segs = map[string]string{}
			for _, c := range tu.Children {
				names = append(names, c.XMLName.Local)
				switch c.XMLName.Local {
				case "prop":
					props = append(props, c.Type+"="+c.Text)
				case "tuv":
					segs[c.Lang] = c.Seg
				}
			}
			wantProps := []string{
				"x-document=" + w.DocumentTitle,
				"x-document-id=" + strconv.Itoa(int(w.DocumentID)),
				"x-clause-number=" + strconv.Itoa(w.Index+1),
				"x-status=" + w.Status,
				"x-version=" + strconv.Itoa(w.Version),
			}
			if w.ApprovedBy != "" {
				wantProps = append(wantProps, "x-approved-by="+w.ApprovedBy)
				if !w.ApprovedAt.IsZero() {
					wantProps = append(wantProps, "x-approved-at="+w.ApprovedAt.UTC().Format("20060102T150405Z"))
				}
			}
			if got, want := strings.Join(names, " "), strings.Repeat("prop ", len(wantProps))+"tuv tuv"; got != want {
				t.Errorf("tu %d: children %q, want %d props before two tuvs", i, got, len(wantProps))
			}
			if strings.Join(props, "\n") != strings.Join(wantProps, "\n") {
				t.Errorf("tu %d: props %q, want %q", i, props, wantProps)
			}
			if segs["zh-CN"] != w.Source {
				t.Errorf("tu %d: zh-CN seg %.80q, want %.80q", i, segs["zh-CN"], w.Source)
			}
			if segs["en-US"] != w.Target {
				t.Errorf("tu %d: en-US seg %.80q, want %.80q", i, segs["en-US"], w.Target)
			}
		}
	})

	t.Run("validate_tmx.sh", func(t *testing.T) {
		out, code := testkit.RunValidator(t, "validate_tmx.sh", path)
		t.Logf("validate_tmx.sh %s → exit %d\n%s", path, code, out)
		if code != 0 {
			t.Errorf("validate_tmx.sh rejected the export (exit %d)", code)
		}
		if !strings.Contains(out, fmt.Sprintf("units=%d with_zh+en=%d errors=0", len(want), len(want))) {
			t.Errorf("translate-toolkit did not see %d complete units", len(want))
		}
	})

	t.Run("peer_check_tmx.py", func(t *testing.T) {
		// poterminology, which peer_check_tmx.py runs, is superlinear in
		// segment length and does not finish on the 240 KB segments (they
		// pass validate_tmx.sh above), so the peer check gets the rest.
		var short []Unit
		for _, u := range units {
			if len(u.Source) < 10_000 && len(u.Target) < 10_000 {
				short = append(short, u)
			}
		}
		var buf bytes.Buffer
		if _, err := WriteTMX(&buf, TMXOptions{ToolVersion: "1.2.3", Now: now}, seqOf(short)); err != nil {
			t.Fatal(err)
		}
		path := writeFile(t, "peer.tmx", buf.Bytes())
		// Informational by default: exit 0 means it ran (1 only with
		// --strict, 2 if pofilter itself failed). Its findings are logged.
		out, code := testkit.RunValidator(t, "peer_check_tmx.py", path)
		t.Logf("peer_check_tmx.py %s → exit %d\n%s", path, code, out)
		if code != 0 || !strings.Contains(out, "unit(s) flagged") {
			t.Errorf("peer_check_tmx.py did not run through (exit %d)", code)
		}
	})
}

// TestValidatorCatchesBrokenTMX makes sure a failing validator fails the
// test: a unit without its English tuv must be rejected.
func TestValidatorCatchesBrokenTMX(t *testing.T) {
	var buf bytes.Buffer
	if _, err := WriteTMX(&buf, TMXOptions{}, seqOf([]Unit{syntheticUnit(1)})); err != nil {
		t.Fatal(err)
	}
	broken := regexp.MustCompile(`(?s)<tuv xml:lang="en-US">.*?</tuv>`).ReplaceAll(buf.Bytes(), nil)
	out, code := testkit.RunValidator(t, "validate_tmx.sh", writeFile(t, "broken.tmx", broken))
	if code == 0 {
		t.Errorf("validate_tmx.sh accepted a unit without an English tuv:\n%s", out)
	}
}

func TestWriteTMXOptions(t *testing.T) {
	tests := []struct {
		name                          string
		opt                           TMXOptions
		wantSrc, wantTgt, wantVersion string
	}{
		{"defaults", TMXOptions{}, "zh-CN", "en-US", "unknown"},
		{"custom", TMXOptions{ToolVersion: "v0.9", SourceLang: "zh-Hans", TargetLang: "en-GB"}, "zh-Hans", "en-GB", "v0.9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := WriteTMX(&buf, tt.opt, seqOf([]Unit{syntheticUnit(0)})); err != nil {
				t.Fatal(err)
			}
			var doc parsedTMX
			if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
				t.Fatal(err)
			}
			h := attrMap(doc.Header.Attrs)
			if h["srclang"] != tt.wantSrc || h["creationtoolversion"] != tt.wantVersion {
				t.Errorf("header srclang=%q creationtoolversion=%q", h["srclang"], h["creationtoolversion"])
			}
			if !tmxDateRE.MatchString(h["creationdate"]) {
				t.Errorf("header creationdate %q is not YYYYMMDDThhmmssZ", h["creationdate"])
			}
			var langs []string
			for _, c := range doc.TUs[0].Children {
				if c.XMLName.Local == "tuv" {
					langs = append(langs, c.Lang)
				}
			}
			if len(langs) != 2 || langs[0] != tt.wantSrc || langs[1] != tt.wantTgt {
				t.Errorf("tuv langs %q, want [%s %s]", langs, tt.wantSrc, tt.wantTgt)
			}
		})
	}
}

func TestWriteTMXErrors(t *testing.T) {
	errDB := errors.New("database went away")
	t.Run("iterator error", func(t *testing.T) {
		units := func(yield func(Unit, error) bool) {
			for i := range 3 {
				if !yield(syntheticUnit(i), nil) {
					return
				}
			}
			if yield(Unit{}, errDB) {
				t.Error("WriteTMX asked for more units after an error")
			}
		}
		var buf bytes.Buffer
		n, err := WriteTMX(&buf, TMXOptions{}, units)
		if !errors.Is(err, errDB) || n != 3 {
			t.Errorf("n, err = %d, %v; want 3, %v", n, err, errDB)
		}
	})
	t.Run("writer error", func(t *testing.T) {
		errFull := errors.New("disk full")
		units := func(yield func(Unit, error) bool) {
			for i := range 1_000_000 {
				if !yield(syntheticUnit(i), nil) {
					return
				}
			}
			t.Error("WriteTMX consumed every unit despite the failing writer")
		}
		_, err := WriteTMX(failingWriter{errFull}, TMXOptions{}, units)
		if !errors.Is(err, errFull) {
			t.Errorf("err = %v, want %v", err, errFull)
		}
	})
}

type failingWriter struct{ err error }

func (f failingWriter) Write([]byte) (int, error) { return 0, f.err }

func TestWriteEscaped(t *testing.T) {
	tests := []struct {
		in         string
		text, attr string
	}{
		{"plain 中文", "plain 中文", "plain 中文"},
		{`a&b<c>d"e'f`, "a&amp;b&lt;c&gt;d&quot;e'f", "a&amp;b&lt;c&gt;d&quot;e'f"},
		{"l1\nl2\r\n\tx", "l1\nl2&#13;\n\tx", "l1&#10;l2&#13;&#10;&#9;x"},
		{"\x00\x01\x08\x0b\x0c\x1f", "", ""},
		{"a\uFFFEb\uFFFFc\xffd\xed\xbf\xbfe", "abcde", "abcde"},
		{"\U0010FFFF 😀 \uFFFD", "\U0010FFFF 😀 \uFFFD", "\U0010FFFF 😀 \uFFFD"},
	}
	for _, tt := range tests {
		if got := escapeString(tt.in, false); got != tt.text {
			t.Errorf("text %q → %q, want %q", tt.in, got, tt.text)
		}
		if got := escapeString(tt.in, true); got != tt.attr {
			t.Errorf("attr %q → %q, want %q", tt.in, got, tt.attr)
		}
	}
}
