package exchange

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

// TestTMXRoundTrip: WriteTMX → ReadTMX gives back the texts, ids, props,
// versions and dates (TMX dates have whole seconds).
func TestTMXRoundTrip(t *testing.T) {
	units, want := tmxTestUnits()
	var buf bytes.Buffer
	if _, err := WriteTMX(&buf, TMXOptions{ToolVersion: "1.2.3"}, seqOf(units)); err != nil {
		t.Fatal(err)
	}
	got, err := ReadTMX(bytes.NewReader(writeAndRead(t, buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("%d units, want %d", len(got), len(want))
	}
	for i, u := range got {
		w := want[i]
		if u.TUID != strconv.Itoa(int(w.ClauseID)) || u.Source != w.Source || u.Target != w.Target ||
			u.SourceLang != "zh-CN" || u.TargetLang != "en-US" || u.Version != w.Version || u.ChangeID != w.ChangedBy {
			t.Errorf("unit %d = {%s %.40q %.40q %s %s v%d %q}, want {%d %.40q %.40q zh-CN en-US v%d %q}", i,
				u.TUID, u.Source, u.Target, u.SourceLang, u.TargetLang, u.Version, u.ChangeID,
				w.ClauseID, w.Source, w.Target, w.Version, w.ChangedBy)
		}
		if !u.CreationDate.Equal(w.CreatedAt.Truncate(time.Second)) || !u.ChangeDate.Equal(w.ChangedAt.Truncate(time.Second)) {
			t.Errorf("unit %d: dates %v %v, want %v %v", i, u.CreationDate, u.ChangeDate, w.CreatedAt, w.ChangedAt)
		}
		wantProps := []TMProp{
			{"x-document", w.DocumentTitle}, {"x-document-id", strconv.Itoa(int(w.DocumentID))},
			{"x-clause-number", strconv.Itoa(w.Index + 1)}, {"x-status", w.Status}, {"x-version", strconv.Itoa(w.Version)},
		}
		if w.ApprovedBy != "" {
			wantProps = append(wantProps, TMProp{"x-approved-by", w.ApprovedBy}, TMProp{"x-approved-at", w.ApprovedAt.UTC().Format("20060102T150405Z")})
		}
		if fmt.Sprint(u.Props) != fmt.Sprint(wantProps) || u.Prop("x-status") != w.Status || u.Prop("nope") != "" {
			t.Errorf("unit %d: props %q, want %q", i, u.Props, wantProps)
		}
		if i > 0 && u.Line <= got[i-1].Line {
			t.Errorf("unit %d: line %d does not follow %d", i, u.Line, got[i-1].Line)
		}
	}
}

// tmx wraps tus in a TMX 1.4 document whose first tu starts on line 5.
func tmx(tus string) string {
	return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="zh-CN" datatype="plaintext"/>
<body>
` + tus + `
</body>
</tmx>
`
}

// tu is a minimal Chinese→English tu.
func tu(id, zh, en string) string {
	return `<tu tuid="` + id + `"><tuv xml:lang="zh-CN"><seg>` + zh + `</seg></tuv><tuv xml:lang="en-US"><seg>` + en + `</seg></tuv></tu>`
}

func TestReadTMX(t *testing.T) {
	date := func(s string) time.Time {
		d, err := time.Parse(tmxDateLayout, s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name string
		in   string
		want []TMUnit
	}{
		{"plain", tmx(tu("1", "你好", "Hello")),
			[]TMUnit{{Line: 5, TUID: "1", Source: "你好", Target: "Hello", SourceLang: "zh-CN", TargetLang: "en-US"}}},
		{"inline elements: markup removed, text kept",
			tmx(`<tu><tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>你好<ept i="1">&lt;/b&gt;</ept><ph x="2">{1}</ph></seg></tuv>` +
				`<tuv xml:lang="en-US"><seg><hi type="x-bold">Hel<sub>l</sub>o</hi><it pos="begin">[</it><ut>x</ut></seg></tuv></tu>`),
			[]TMUnit{{Line: 5, Source: "<b>你好</b>{1}", Target: "Hello[x", SourceLang: "zh-CN", TargetLang: "en-US"}}},
		{"TMX 1.1 lang, other languages ignored, notes and tuv props skipped",
			strings.Replace(tmx(`<tu tuid="a"><note>n</note><tuv lang="ru"><seg>Привет</seg></tuv><tuv lang="ZH-tw"><prop type="p">x</prop><seg>你好</seg></tuv><tuv lang="en"><seg>Hi</seg></tuv><tuv lang="en-GB"><seg>Hello</seg></tuv></tu>`), `version="1.4"`, `version="1.1"`, 1),
			[]TMUnit{{Line: 5, TUID: "a", Source: "你好", Target: "Hi", SourceLang: "ZH-tw", TargetLang: "en"}}},
		{"OmegaT-style tuv dates; tu dates win",
			tmx("<tu>\n<tuv xml:lang=\"zh-CN\"><seg>一</seg></tuv><tuv xml:lang=\"en-US\" changeid=\"omt\" changedate=\"20250102T030405Z\" creationdate=\"20250101T000000Z\"><seg>One</seg></tuv></tu>\n" +
				`<tu changedate="20260102T030405Z" changeid="zhen"><tuv xml:lang="zh-CN"><seg>二</seg></tuv><tuv xml:lang="en-US" changeid="omt" changedate="20250102T030405Z"><seg>Two</seg></tuv></tu>`),
			[]TMUnit{
				{Line: 5, Source: "一", Target: "One", SourceLang: "zh-CN", TargetLang: "en-US", ChangeID: "omt", ChangeDate: date("20250102T030405Z"), CreationDate: date("20250101T000000Z")},
				{Line: 7, Source: "二", Target: "Two", SourceLang: "zh-CN", TargetLang: "en-US", ChangeID: "zhen", ChangeDate: date("20260102T030405Z")},
			}},
		{"srclang *all*, BOM, CRLF, whitespace kept",
			"\uFEFF" + strings.ReplaceAll(strings.Replace(tmx(tu("1", " 你好\n", "Hello&#13;")), `srclang="zh-CN"`, `srclang="*all*"`, 1), "\n", "\r\n"),
			[]TMUnit{{Line: 5, TUID: "1", Source: " 你好\n", Target: "Hello\r", SourceLang: "zh-CN", TargetLang: "en-US"}}},
		{"props and x-version", tmx(`<tu tuid="9"><prop type="x-version">12</prop><prop type="x-status">approved</prop><tuv xml:lang="zh"><seg>九</seg></tuv><tuv xml:lang="en"><seg>Nine</seg></tuv></tu>`),
			[]TMUnit{{Line: 5, TUID: "9", Source: "九", Target: "Nine", SourceLang: "zh", TargetLang: "en", Version: 12, Props: []TMProp{{"x-version", "12"}, {"x-status", "approved"}}}}},
		{"UTF-16", string(utf16LE(strings.Replace(tmx(tu("1", "你好😀", "Hello")), "UTF-8", "UTF-16", 1))),
			[]TMUnit{{Line: 5, TUID: "1", Source: "你好😀", Target: "Hello", SourceLang: "zh-CN", TargetLang: "en-US"}}},
		{"GBK declared", strings.Replace(tmx(tu("1", gbkNiHao, "Hello")), "UTF-8", "GBK", 1),
			[]TMUnit{{Line: 5, TUID: "1", Source: "你好", Target: "Hello", SourceLang: "zh-CN", TargetLang: "en-US"}}},
		{"empty body", tmx(""), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadTMX(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestReadTMXErrors(t *testing.T) {
	ok := tu("1", "你好", "Hello")
	header := `srclang="zh-CN"`
	tests := []struct {
		name string
		in   string
		line int
		msg  string
	}{
		{"empty", "", 1, "empty file or not XML: expected a TMX document"},
		{"not XML", "\n\nHello", 3, `text "Hello" outside the root element`},
		{"wrong root", "<?xml version=\"1.0\"?>\n\n<martif/>", 3, "root element <martif> is not TMX"},
		{"XLIFF", "<xliff version=\"1.2\"/>", 1, "this is an XLIFF file"},
		{"TMX 2", "<tmx version=\"2.0\"/>", 1, `TMX version "2.0" is not supported`},
		{"no header", "<tmx version=\"1.4\">\n<body>" + ok + "</body></tmx>", 2, "<body> without a <header>"},
		{"header-less, body-less", "<tmx version=\"1.4\">\n</tmx>", 2, "no <header>"},
		{"no srclang", strings.Replace(tmx(ok), header, "", 1), 3, "the <header> has no srclang"},
		{"de-DE→fr-FR", strings.Replace(tmx(`<tu><tuv xml:lang="de-DE"><seg>Hallo</seg></tuv><tuv xml:lang="fr-FR"><seg>Salut</seg></tuv></tu>`), header, `srclang="de-DE"`, 1),
			3, "this TMX is de-DE→fr-FR; Zhen imports Chinese→English only"},
		{"en→zh", strings.Replace(tmx(ok), header, `srclang="en-US"`, 1), 3, "this TMX is en-US→zh-CN; Zhen imports Chinese→English only"},
		{"foreign srclang, no units", strings.Replace(tmx(""), header, `srclang="ja"`, 1), 3, "source language is ja"},
		{"tu without English", tmx(ok + "\n" + `<tu tuid="2"><tuv xml:lang="zh-CN"><seg>再见</seg></tuv><tuv xml:lang="fr"><seg>Salut</seg></tuv></tu>`),
			6, `tu "2" has no English (en…) tuv (its languages: zh-CN, fr)`},
		{"tu without Chinese", tmx(`<tu><tuv xml:lang="ja"><seg>こんにちは</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>`), 5, "tu has no Chinese (zh…) tuv (its languages: ja, en)"},
		{"Zhuang is not Chinese", tmx(`<tu><tuv xml:lang="za"><seg>x</seg></tuv><tuv xml:lang="en"><seg>Hello</seg></tuv></tu>`), 5, "no Chinese"},
		{"tu without tuvs", tmx(`<tu tuid="x"/>`), 5, "its languages: none"},
		{"empty English", tmx(tu("1", "你好", " ")), 5, `tu "1" has an empty English segment`},
		{"empty Chinese", tmx(tu("1", "", "Hello")), 5, "empty Chinese segment"},
		{"tuv without a language", tmx("<tu tuid=\"3\">\n<tuv><seg>你好</seg></tuv></tu>"), 6, `tuv without xml:lang in tu "3"`},
		{"tuv without seg", tmx(`<tu><tuv xml:lang="zh"><seg>你好</seg></tuv><tuv xml:lang="en"></tuv></tu>`), 5, "tuv en has no <seg>"},
		{"two segs", tmx("<tu><tuv xml:lang=\"zh\"><seg>你好</seg>\n<seg>再见</seg></tuv></tu>"), 6, "second <seg>"},
		{"duplicate tuid", tmx(ok + "\n" + tu("2", "二", "Two") + "\n" + tu("1", "再见", "Bye")), 7, `tuid "1" at line 7 repeats the tu at line 5`},
		{"bad changedate", tmx(strings.Replace(ok, `<tu tuid="1"`, `<tu tuid="1" changedate="2024-01-02 08:30"`, 1)), 5, `changedate "2024-01-02 08:30" is not a TMX date`},
		{"bad tuv date", tmx("<tu>\n" + `<tuv xml:lang="zh" creationdate="20240102T083005"><seg>你好</seg></tuv></tu>`), 6, "creationdate"},
		{"bad x-version", tmx(`<tu><prop type="x-version">v2</prop><tuv xml:lang="zh"><seg>你好</seg></tuv><tuv xml:lang="en"><seg>Hi</seg></tuv></tu>`), 5, `x-version "v2"`},
		{"truncated", tmx(ok)[:strings.Index(tmx(ok), "Hello")], 5, "truncated"},
		{"unclosed seg", tmx(`<tu><tuv xml:lang="zh"><seg>你好</tuv></tu>`), 5, "element <seg> closed by </tuv>"},
		{"control character", tmx("\n" + tu("1", "你好", "He&#x1F;llo")), 6, "illegal character code U+001F"},
		{"raw control character", tmx(tu("1", "你\x00好", "Hello")), 5, "illegal character code U+0000"},
		{"invalid UTF-8 (GBK not declared)", tmx(tu("1", gbkNiHao, "Hello")), 5, "invalid UTF-8"},
		{"other encoding", strings.Replace(tmx(ok), "UTF-8", "Shift_JIS", 1), 1, "encoded as Shift_JIS: save it as UTF-8"},
		{"second root", tmx(ok) + "<tmx/>", 8, "after the end of the root element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			units, err := ReadTMX(strings.NewReader(tt.in))
			checkLineError(t, units, err, tt.line, tt.msg)
			t.Log(err)
		})
	}
}

// TestReadTMXValidatorSamples reads the validators' samples. Two that
// validate_tmx.sh refuses are read on purpose: bad_header.tmx lacks header
// attributes that only the DTD needs, and bad_nolang.tmx tags a tuv with
// TMX 1.1's lang, which ReadTMX accepts.
func TestReadTMXValidatorSamples(t *testing.T) {
	dir := filepath.Join(testkit.ValidatorsDir(t), "samples")
	read := func(name string) ([]TMUnit, error) {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return ReadTMX(bytes.NewReader(data))
	}
	good := map[string]int{"good.tmx": 2, "good_public.tmx": 2, "good_nodoctype.tmx": 2, "peer_issues.tmx": 6, "bad_header.tmx": 1, "bad_nolang.tmx": 1}
	for name, n := range good {
		units, err := read(name)
		if err != nil || len(units) != n {
			t.Errorf("%s: %d units, %v; want %d", name, len(units), err, n)
		}
	}
	units, _ := read("good_public.tmx")
	if len(units) == 2 && (units[1].Target != `There are 3 files; the price is ¥12.50 & "tax" <incl.>` || units[0].ChangeID != "bob" || units[0].Prop("x-doc") != "doc1.txt") {
		t.Errorf("good_public.tmx read as %+v", units)
	}
	for _, bad := range []struct {
		name string
		line int
		msg  string
	}{
		{"bad_structure.tmx", 5, "has no <seg>"},
		{"bad_units.tmx", 5, "not a TMX date"},
		{"bad_wellformed.tmx", 5, "not well-formed XML"},
		{"good12.xlf", 2, "this is an XLIFF file"},
	} {
		units, err := read(bad.name)
		checkLineError(t, units, err, bad.line, bad.msg)
	}
}

// TestReadTMXStreams reads a TMX that is produced as it is read, with a big
// note in every tu (which ReadTMX skips), and measures the live heap while
// the last tu is being produced: a reader that kept the document (or read
// it whole before parsing) would hold tens of megabytes, a streaming one
// about its result.
func TestReadTMXStreams(t *testing.T) {
	if testing.Short() {
		t.Skip("reads a 40 MB TMX")
	}
	const n = 5000
	g := &tmxGenerator{n: n, note: strings.Repeat("备注 note ", 700)} // ~8 KB
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	units, err := ReadTMX(g)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != n || units[n-1].TUID != strconv.Itoa(n) {
		t.Fatalf("%d units, want %d", len(units), n)
	}
	grew := int64(g.heap) - int64(before.HeapAlloc)
	t.Logf("read %d MB of TMX; live heap grew by %d KiB while reading", g.written>>20, grew>>10)
	if grew > g.written/8 {
		t.Errorf("live heap grew by %d KiB reading %d KiB: ReadTMX is not streaming", grew>>10, g.written>>10)
	}
}

// tmxGenerator produces a TMX of n units as it is read and records the
// live heap (after a GC) when it produces the last tu.
type tmxGenerator struct {
	n, i    int
	note    string
	buf     []byte
	written int64
	heap    uint64
}

func (g *tmxGenerator) Read(p []byte) (int, error) {
	for len(g.buf) == 0 {
		switch {
		case g.i == 0:
			g.buf = []byte(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<tmx version=\"1.4\"><header srclang=\"zh-CN\"/><body>\n")
		case g.i <= g.n:
			g.buf = fmt.Appendf(g.buf, "<tu tuid=\"%d\"><note>%s</note><tuv xml:lang=\"zh-CN\"><seg>第%d条</seg></tuv><tuv xml:lang=\"en-US\"><seg>Article %d</seg></tuv></tu>\n", g.i, g.note, g.i, g.i)
			if g.i == g.n {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				g.heap = ms.HeapAlloc
			}
		case g.i == g.n+1:
			g.buf = []byte("</body></tmx>\n")
		default:
			return 0, io.EOF
		}
		g.i++
	}
	k := copy(p, g.buf)
	g.buf = g.buf[k:]
	g.written += int64(k)
	return k, nil
}

// FuzzReadTMX: ReadTMX never panics, and what it accepts obeys its
// contract and survives WriteTMX → ReadTMX unchanged.
func FuzzReadTMX(f *testing.F) {
	units, _ := tmxTestUnits()
	for i := range units {
		units[i].Source, units[i].Target = clip(units[i].Source), clip(units[i].Target)
	}
	var buf bytes.Buffer
	WriteTMX(&buf, TMXOptions{}, seqOf(units[:10]))
	f.Add(buf.Bytes())
	f.Add([]byte(tmx(`<tu tuid="a"><tuv lang="zh-TW"><seg><bpt i="1">&lt;b&gt;</bpt>你好</seg></tuv><tuv xml:lang="en" changedate="20250102T030405Z"><seg>Hi&#13;</seg></tuv></tu>`)))
	f.Add([]byte(strings.Replace(tmx(tu("1", "你好", "Hello")), `srclang="zh-CN"`, `srclang="de"`, 1)))
	f.Add(utf16LE(tmx(tu("1", "你好", "Hello"))))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := ReadTMX(bytes.NewReader(data))
		if err != nil {
			var le *LineError
			if !errors.As(err, &le) || le.Line < 1 || got != nil {
				t.Fatalf("error %v (%T) with %d units: want a *LineError with a line and nothing read", err, err, len(got))
			}
			return
		}
		seen := map[string]bool{}
		var back []Unit
		for i, u := range got {
			if strings.TrimSpace(u.Source) == "" || strings.TrimSpace(u.Target) == "" || !isLang(u.SourceLang, "zh") || !isLang(u.TargetLang, "en") ||
				u.Version < 0 || u.Line < 1 || i > 0 && u.Line < got[i-1].Line || u.TUID != "" && seen[u.TUID] {
				t.Fatalf("unit %d breaks the contract: %+v", i, u)
			}
			for _, s := range []string{u.Source, u.Target, u.TUID, u.ChangeID} {
				if !utf8.ValidString(s) || strings.ContainsFunc(s, notXMLChar) {
					t.Fatalf("unit %d: text %q is not XML text", i, s)
				}
			}
			seen[u.TUID] = true
			back = append(back, Unit{ClauseID: uint(i + 1), Source: u.Source, Target: u.Target, Version: u.Version, ChangedAt: u.ChangeDate})
		}
		var out bytes.Buffer
		if _, err := WriteTMX(&out, TMXOptions{}, seqOf(back)); err != nil {
			t.Fatal(err)
		}
		again, err := ReadTMX(&out)
		if err != nil {
			t.Fatalf("re-export not readable: %v\n%s", err, out.Bytes())
		}
		if len(again) != len(got) {
			t.Fatalf("re-export has %d units, want %d", len(again), len(got))
		}
		for i, u := range again {
			w := got[i]
			if u.Source != w.Source || u.Target != w.Target || u.Version != w.Version || !u.ChangeDate.Equal(w.ChangeDate) {
				t.Fatalf("unit %d changed in a round trip: %+v → %+v", i, w, u)
			}
		}
	})
}
