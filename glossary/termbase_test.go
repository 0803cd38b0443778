package glossary

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// hitAlphabet mixes what normalisation changes (full-width letters, digits
// and punctuation, ideographic and other spaces, ㈠ → (一), ① → 1, invalid
// bytes) with what it keeps, so that the raw and normalised scans meet.
var hitAlphabet = []string{"金", "砖", "国", "家", "一", "1", "S", "Ｓ", "１", "，", ",", "　", " ", "\t", "㈠", "①", "(", "\xff", "、", "ﬁ", "f"}

func fromHitAlphabet(b []byte) string {
	var s strings.Builder
	for _, c := range b {
		s.WriteString(hitAlphabet[int(c)%len(hitAlphabet)])
	}
	return s.String()
}

func FuzzHits(f *testing.F) {
	f.Add([]byte{0, 1, 2, 3, 0xff, 4, 0xff, 6, 5}, []byte{0, 1, 2, 3, 11, 12, 14, 3, 7, 8, 9, 10, 4})
	f.Add([]byte{6, 11, 0}, []byte{7, 12, 12, 0, 1, 6, 13, 0})
	f.Add([]byte{4, 0xff, 15, 0}, []byte{14, 16, 15, 0, 17, 4})
	f.Add([]byte{19, 2, 0xff, 5, 5}, []byte{19, 2, 20, 20, 2, 8, 8})
	f.Fuzz(func(t *testing.T, spec, text []byte) {
		if len(spec) > 200 || len(text) > 2000 {
			t.Skip()
		}
		var entries []Entry
		for i, part := range strings.Split(string(spec), "\xff") {
			if i < 8 {
				entries = append(entries, Entry{ZH: fromHitAlphabet([]byte(part)), EN: "x", Status: StatusApproved})
			}
		}
		tb := Compile(entries)
		source := fromHitAlphabet(text)
		for _, h := range tb.Hits(source) {
			if h.Start < 0 || h.End > len(source) || h.Start >= h.End {
				t.Fatalf("hit %+v out of %q", h, source)
			}
			if !utf8.RuneStart(source[h.Start]) || h.End < len(source) && !utf8.RuneStart(source[h.End]) {
				t.Fatalf("hit %+v not on rune boundaries of %q", h, source)
			}
			if h.Text != source[h.Start:h.End] || Normalize(h.Text) != Normalize(h.Entry.ZH) {
				t.Fatalf("hit %+v: %q does not normalise to the term %q", h, h.Text, Normalize(h.Entry.ZH))
			}
		}
		checkScanRaw(t, tb, source)
		// The raw scan, when it is allowed, finds what the normalised one does.
		if tb.rawSafe(source) {
			if raw, norm := scanned(tb, source, tb.scan), scanned(tb, source, tb.scanNormalised); !slices.Equal(raw, norm) {
				t.Fatalf("terms %q in %q: raw scan %v, normalised %v", tb.terms, source, raw, norm)
			}
		}
	})
}

// checkScanRaw checks that scanRaw, rawSafe and the scan in one pass, says
// what rawSafe does and, when it is, finds what Matcher.Scan finds.
func checkScanRaw(t *testing.T, tb *Termbase, source string) (safe bool, matches int) {
	t.Helper()
	got, ok := tb.scanRaw(source, nil)
	if safe := tb.rawSafe(source); ok != safe {
		t.Fatalf("terms %q, source %q: scanRaw says safe %v, rawSafe %v", tb.terms, source, ok, safe)
	}
	if want := tb.matcher.FindAll(source); ok && !slices.Equal(got, want) {
		t.Fatalf("terms %q, source %q: scanRaw %v, Scan %v", tb.terms, source, got, want)
	}
	return ok, len(got)
}

// TestScanRaw compares scanRaw with rawSafe and Matcher.Scan on random
// texts against random termbases, made of characters that are safe, unsafe
// or unsafe only when a term has spaces or that character's normal form:
// ideographs, ASCII, spaces, punctuation, full-width forms, and broken
// UTF-8 (a lead byte without its continuation, a stray continuation byte).
func TestScanRaw(t *testing.T) {
	alphabet := append([]string{"中", "国", "合作", "伙伴", "关系", "a", "A", "ａ", "Ａ", "。", "“", "”", "—", "…", "、", "《", "》",
		"\n", "\u3000", "\u00a0", "e\u0301", "é", "\xe4", "\xe4\xb8", "\x80", "\xbf", "\xef\xbc", "\xc0\x80", "\xf0\x9f\x98\x80", "Ⅲ", "III"}, hitAlphabet...)
	rng := rand.New(rand.NewPCG(3, 4))
	text := func(n int) string {
		var s strings.Builder
		for range rng.IntN(n) {
			s.WriteString(alphabet[rng.IntN(len(alphabet))])
		}
		return s.String()
	}
	var safe, unsafe, matches int
	check := func(tb *Termbase, source string) {
		if ok, n := checkScanRaw(t, tb, source); ok {
			safe++
			matches += n
		} else {
			unsafe++
		}
	}
	for range 2000 {
		var entries []Entry
		for range 1 + rng.IntN(8) {
			entries = append(entries, Entry{ZH: text(5), EN: "x", Status: StatusApproved})
		}
		tb := Compile(entries)
		for range 20 {
			check(tb, text(30))
		}
		for _, term := range tb.terms { // texts with terms in them, so that matches are found
			check(tb, text(6)+term+text(6)+term)
		}
	}
	if safe < 1000 || unsafe < 1000 || matches < 1000 {
		t.Errorf("%d texts safe with %d matches, %d unsafe: too few of some", safe, matches, unsafe)
	}
	t.Logf("%d texts safe with %d matches, %d unsafe", safe, matches, unsafe)
}

func scanned(tb *Termbase, source string, scan func(string, func(int, int, int))) [][3]int {
	var out [][3]int
	scan(source, func(term, start, end int) { out = append(out, [3]int{term, start, end}) })
	return out
}

// TestRawScan checks that nearly all seed clauses, as scraped, are scanned
// without normalising, and give the same terms as normalised.
func TestRawScan(t *testing.T) {
	tb := Compile(seedGlossary())
	clauses, raw, terms := seedClauses(), 0, 0
	for _, c := range clauses {
		if tb.rawSafe(c) {
			raw++
		}
		got, want := scanned(tb, c, tb.scan), scanned(tb, c, tb.scanNormalised)
		if !slices.Equal(got, want) {
			t.Errorf("%s: scan %v, normalised %v", c, got, want)
		}
		terms += len(got)
	}
	if raw < len(clauses)*95/100 || terms < 200 {
		t.Errorf("%d of %d clauses scanned raw, %d terms", raw, len(clauses), terms)
	}
	for _, s := range []string{"１０００亿美元", "Ｇ２０", "\xff金砖"} {
		if tb.rawSafe(s) {
			t.Errorf("%q is scanned raw though terms have digits or it has invalid bytes", s)
		}
	}
}

// TestRawSafeRunes checks the shortcut for CJK ideographs against Normalize
// for every character of the range.
func TestRawSafeRunes(t *testing.T) {
	for r := rune(0x4000); r <= 0x9FFF; r++ {
		if s := string(r); Normalize("a"+s+"a") != "a"+s+"a" {
			t.Fatalf("U+%04X changes under Normalize but is treated as stable", r)
		}
	}
}

// An edit leaves the clauses an entry's term matches as they were when it
// keeps the Chinese (as normalised) and the entry is compiled before and
// after.
func TestSameMatches(t *testing.T) {
	e := Entry{ZH: "支持", EN: "support", Status: StatusApproved}
	with := func(f func(*Entry)) Entry {
		c := e
		f(&c)
		return c
	}
	for _, tc := range []struct {
		name  string
		after Entry
		same  bool
	}{
		{"the English", with(func(c *Entry) { c.EN, c.Forbidden = "backing", []string{"support"} }), true},
		{"proposed", with(func(c *Entry) { c.Status = StatusProposed }), true},
		{"the Chinese with a space after it", with(func(c *Entry) { c.ZH = "支持 " }), true},
		{"the Chinese", with(func(c *Entry) { c.ZH = "相互支持" }), false},
		{"deprecated", with(func(c *Entry) { c.Status = StatusDeprecated }), false},
	} {
		if got := SameMatches(e, tc.after); got != tc.same {
			t.Errorf("%s: SameMatches %v, want %v", tc.name, got, tc.same)
		}
	}
	if SameMatches(with(func(c *Entry) { c.Status = StatusDeprecated }), e) {
		t.Error("from deprecated: the term starts matching, yet SameMatches")
	}
}
