package glossary

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFindRendering(t *testing.T) {
	cases := []struct {
		name          string
		rendering     string
		caseSensitive bool
		text          string
		want          []string // the texts found, in order
	}{
		{"whole word: BRIC is not in BRICS", "BRIC", false, "the BRICS countries and BRICSX", nil},
		{"whole word: BRICS is not in BRICSX", "BRICS", false, "BRICSX and XBRICS", nil},
		{"acronym plural is a lower-case s", "BRIC", false, "the BRICs and the BRIC", []string{"BRICs", "BRIC"}},
		{"possessive, straight and curly", "SCO", false, "the SCO's charter and the SCO’s members", []string{"SCO's", "SCO’s"}},
		{"plural", "summit", false, "two summits and a summit", []string{"summits", "summit"}},
		{"y → ies", "member country", false, "member countries, member country's rights", []string{"member countries", "member country's"}},
		{"plural rendering finds the singular", "BRICS countries", false, "a BRICS country", []string{"BRICS country"}},
		{"plural possessive", "country", false, "the countries' interests", []string{"countries"}},
		{"sibilant plural", "process", false, "peace processes", []string{"processes"}},
		{"not a longer word", "partnership", false, "partnerships, partnershipping", []string{"partnerships"}},
		{"hyphen ≈ space", "good-neighbourliness", false, "good neighbourliness and good-neighbourliness", []string{"good neighbourliness", "good-neighbourliness"}},
		{"space ≈ hyphen", "six party talks", false, "the Six-Party Talks", []string{"Six-Party Talks"}},
		{"whitespace runs and line breaks", "BRICS countries", false, "BRICS \n  countries", []string{"BRICS \n  countries"}},
		{"en dash", "China-Russia relations", false, "China–Russia relations", []string{"China–Russia relations"}},
		{"leading article ignored", "the United Nations", false, "support United Nations efforts", []string{"United Nations"}},
		{"article in the text is not part of it", "United Nations", false, "the United Nations", []string{"United Nations"}},
		{"only a space ends an article", "A-share", false, "A-shares and shares", []string{"A-shares"}},
		{"case-insensitive by default", "Group of Twenty", false, "the group of twenty", []string{"group of twenty"}},
		{"case-sensitive", "US", true, "let us call the US, the US's allies, USA", []string{"US", "US's"}},
		{"punctuation inside must match", "U.S.", true, "the U.S. and the US", []string{"U.S."}},
		{"punctuation between words is not flexible", "BRICS countries", false, "BRICS, countries", nil},
		{"non-overlapping", "ab ab", false, "ab ab ab ab", []string{"ab ab", "ab ab"}},
		{"non-ASCII punctuation in a rendering is literal", "China—Russia", false, "China—Russia ties, China-Russia", []string{"China—Russia"}},
		{"empty rendering", "", false, "anything", nil},
		{"article alone is kept", "the", false, "the end", []string{"the"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, o := range FindRendering(c.text, c.rendering, c.caseSensitive) {
				if o.Text != c.text[o.Start:o.End] || o.Rendering != c.rendering {
					t.Errorf("occurrence %+v does not match the text", o)
				}
				got = append(got, o.Text)
			}
			if !slices.Equal(got, c.want) {
				t.Errorf("FindRendering(%q, %q) = %q, want %q", c.text, c.rendering, got, c.want)
			}
		})
	}
}

// TestFindAllRenderings checks that nested renderings count once.
func TestFindAllRenderings(t *testing.T) {
	rs := []*rendering{compileRendering("BRICS", false), compileRendering("BRICS countries", false)}
	got := findAll(rs, newEnglish("BRICS countries and BRICS"), nil)
	if len(got) != 2 || got[0].Text != "BRICS countries" || got[1].Text != "BRICS" {
		t.Errorf("findAll = %+v", got)
	}
}

func FuzzEnglish(f *testing.F) {
	for _, s := range [][2]string{
		{"the BRICS countries' BRICs", "BRIC"}, {"SCO’s", "the SCO"}, {"member-countries", "member country"},
		{"ＵＳ us U.S.", "US"}, {"US-\tUS's\nU-S US'S Us", "U S"}, {"Summit'S SUMMITS the-G20\v", "G20"}, {"\xff\xfe-- ’s", "’s"}, {"İstanbul İ", "i̇"}, {"a\u00adb", "ab"}, {"ies", "ies"},
	} {
		f.Add(s[0], s[1], false)
		f.Add(s[0], s[1], true)
	}
	f.Fuzz(func(t *testing.T, text, r string, caseSensitive bool) {
		if len(text) > 4096 || len(r) > 256 {
			t.Skip("matching is linear in the text times the rendering: long inputs only slow the fuzzer")
		}
		end := 0
		for _, o := range FindRendering(text, r, caseSensitive) {
			if o.Start < end || o.End <= o.Start || o.End > len(text) || o.Text != text[o.Start:o.End] {
				t.Fatalf("bad occurrence %+v in %q (previous ended at %d)", o, text, end)
			}
			if !utf8.ValidString(text) {
				continue
			}
			if !utf8.RuneStart(text[o.Start]) || o.End < len(text) && !utf8.RuneStart(text[o.End]) {
				t.Fatalf("occurrence %+v not on rune boundaries in %q", o, text)
			}
			end = o.End
		}
		// The byte-for-byte fold of ASCII text finds what the general one does.
		if rc := compileRendering(r, caseSensitive); rc != nil {
			if _, _, ascii := foldASCII(nil, nil, text, true); ascii {
				slow := newEnglish(text)
				for _, f := range []*foldedText{&slow.lower, &slow.exact} {
					f.done = true
					f.s, f.offs = appendFold(nil, nil, text, f == &slow.lower)
				}
				if fast, general := rc.find(nil, newEnglish(text), nil), rc.find(nil, slow, nil); !slices.Equal(fast, general) {
					t.Fatalf("%q in %q: ASCII fold finds %+v, general fold %+v", r, text, fast, general)
				}
				// Case-sensitive renderings are matched in the text as written with
				// the lower-cased form's index: as in a fold of their own.
				own := newEnglish(text)
				own.exact.done = true
				own.exact.s, own.exact.starts, _ = foldASCII(nil, nil, text, false)
				own.exact.index(own.exact.s)
				if shared, own := rc.find(nil, newEnglish(text), nil), rc.find(nil, own, nil); !slices.Equal(shared, own) {
					t.Fatalf("%q in %q: shared index finds %+v, own fold %+v", r, text, shared, own)
				}
			}
		}
		tb := Compile([]Entry{{ZH: "金砖国家", EN: r, Variants: []string{text}, Forbidden: []string{r + "s"}, Status: StatusApproved, CaseSensitive: caseSensitive}})
		tb.CheckClause(Clause{Source: "金砖国家" + text, Target: text + r})
		_ = Report(tb, slices.Values([]Clause{{Source: "金砖国家", Target: strings.Repeat(text, 2)}}))
	})
}

// TestFoldASCII checks the eight-bytes-at-a-time fold and its word starts
// against a byte-by-byte reference, at every length around the chunk size.
func TestFoldASCII(t *testing.T) {
	const alphabet = "aZz09-\t\r\n @[`{/:AbY'.s"
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 40 {
		for range 200 {
			b := make([]byte, n)
			for i := range b {
				b[i] = alphabet[rng.IntN(len(alphabet))]
			}
			text := string(b)
			for _, lower := range []bool{false, true} {
				got, starts, ok := foldASCII(nil, nil, text, lower)
				var want []byte
				for i := range len(text) {
					c := text[i]
					switch {
					case c == '-' || c >= '\t' && c <= '\r':
						c = ' '
					case lower && 'A' <= c && c <= 'Z':
						c += 'a' - 'A'
					}
					want = append(want, c)
				}
				if !ok || string(got) != string(want) || !slices.Equal(starts, wordStarts(nil, want)) {
					t.Fatalf("foldASCII(%q, %v) = %q %v %v, want %q %v", text, lower, got, starts, ok, want, wordStarts(nil, want))
				}
			}
			if n > 0 {
				b[rng.IntN(n)] = 0x80 + byte(rng.IntN(0x80))
				if _, _, ok := foldASCII(nil, nil, string(b), true); ok {
					t.Fatalf("foldASCII(%q) took non-ASCII for ASCII", b)
				}
			}
		}
	}
}
