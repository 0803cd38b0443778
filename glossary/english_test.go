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
		{"BRICS，the SCO’s “SCO” — SCOs…", "SCO"}, {"《Belt-and-Road》、Belt and Road。", "Belt and Road"}, {"G20«x g20«X", "g20«x"},
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
			if _, ascii := foldIndexed(new(words), text, true, allKeys); ascii {
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
				own.exact.s, _ = foldIndexed(&own.exact.words, text, false, allKeys)
				if shared, own := rc.find(nil, newEnglish(text), nil), rc.find(nil, own, nil); !slices.Equal(shared, own) {
					t.Fatalf("%q in %q: shared index finds %+v, own fold %+v", r, text, shared, own)
				}
			}
		}
		// A word index of only the rendering's key finds what a whole one does.
		if rc := compileRendering(r, caseSensitive); rc != nil && rc.wantKey() != 0 {
			only := newEnglish(text)
			only.want = rc.wantKey()
			if got, want := rc.find(nil, only, nil), rc.find(nil, newEnglish(text), nil); !slices.Equal(got, want) {
				t.Fatalf("%q in %q: index of its key finds %+v, whole index %+v", r, text, got, want)
			}
		}
		tb := Compile([]Entry{{ZH: "金砖国家", EN: r, Variants: []string{text}, Forbidden: []string{r + "s"}, Status: StatusApproved, CaseSensitive: caseSensitive}})
		tb.CheckClause(Clause{Source: "金砖国家" + text, Target: text + r})
		_ = report(t, tb, slices.Values([]Clause{{Source: "金砖国家", Target: strings.Repeat(text, 2)}}))
	})
}

// foldIndexed is foldInPlace with w indexed as indexInPlace indexes the
// text for the keys in want: the two a check does.
func foldIndexed(w *words, s string, lower bool, want uint64) ([]byte, bool) {
	folded, ok := foldInPlace(nil, s, lower)
	if ok {
		ok, _ = indexInPlace(w, s, want)
	}
	return folded, ok
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
				var w words
				got, ok := foldIndexed(&w, text, lower, allKeys)
				starts := w.starts
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
					t.Fatalf("foldInPlace(%q, %v) = %q %v %v, want %q %v", text, lower, got, starts, ok, want, wordStarts(nil, want))
				}
				// Its index is words.index's of what it folded.
				ref := words{starts: wordStarts(nil, want)}
				ref.index(want)
				if !slices.Equal(w.next, ref.next) {
					t.Fatalf("foldInPlace(%q, %v) indexes %v, words.index %v", text, lower, w.next, ref.next)
				}
				// Indexing without folding indexes the same.
				var only words
				if ok, ascii := indexInPlace(&only, text, allKeys); !ok || !ascii || !slices.Equal(only.starts, w.starts) || !slices.Equal(only.next, w.next) {
					t.Fatalf("indexInPlace(%q) = %v %v %v %v, foldInPlace's %v %v", text, ok, ascii, only.starts, only.next, w.starts, w.next)
				}
				// With some keys wanted, the chains of those keys and none else.
				keys := rng.Uint64() & rng.Uint64()
				var part words
				foldIndexed(&part, text, lower, keys)
				for key := range uint8(wordKeys) {
					var all, got []int32
					if keys>>key&1 != 0 {
						all = chain(&w, key)
					}
					if got = chain(&part, key); !slices.Equal(got, all) {
						t.Fatalf("foldInPlace(%q, %v, %#x): key %d chains %v, want %v", text, lower, keys, key, got, all)
					}
				}
			}
			if n > 0 {
				b[rng.IntN(n)] = 0x80 + byte(rng.IntN(0x80))
				if _, ok := foldIndexed(new(words), string(b), true, allKeys); ok {
					t.Fatalf("foldInPlace(%q) took invalid UTF-8 as folding in place", b)
				}
			}
		}
	}
}

// TestFoldInPlace checks the eight-bytes-at-a-time fold and index of
// English with non-ASCII characters against the general fold: the same
// bytes, the same word starts, where the characters fold in place; refused
// where one does not.
func TestFoldInPlace(t *testing.T) {
	inPlaceChars := []string{"，", "。", "“", "”", "—", "…", "、", "《", "\u00ab", "\u00b7", "²", "€", "\ufffd"}
	notInPlace := []string{"’", "é", "É", "中", "\u00a0", "\u3000", "\u00ad", "\u2010", "－", "Ⓐ", "\xff", "\xe2\x80"}
	const ascii = "aZz09-\t @[`{AbY's."
	rng := rand.New(rand.NewPCG(7, 8))
	for range 4000 {
		var b strings.Builder
		for range rng.IntN(30) {
			if rng.IntN(4) == 0 {
				b.WriteString(inPlaceChars[rng.IntN(len(inPlaceChars))])
			} else {
				b.WriteByte(ascii[rng.IntN(len(ascii))])
			}
		}
		text := b.String()
		for _, lower := range []bool{false, true} {
			var w words
			got, ok := foldIndexed(&w, text, lower, allKeys)
			want, offs := appendFold(nil, nil, text, lower)
			// The general fold trims and squeezes separator runs, the one in
			// place turns each into spaces: compare the words.
			if !ok || strings.Join(strings.Fields(string(got)), " ") != string(want) {
				t.Fatalf("foldInPlace(%q, %v) = %q %v, general fold %q", text, lower, got, ok, want)
			}
			var starts []int32
			for _, i := range wordStarts(nil, want) {
				starts = append(starts, int32(offs[i]))
			}
			if !slices.Equal(w.starts, starts) {
				t.Fatalf("foldInPlace(%q) word starts %v, general fold's %v", text, w.starts, starts)
			}
		}
		if ok, ascii := indexInPlace(new(words), text, allKeys); !ok || ascii != isASCII(text) {
			t.Fatalf("indexInPlace(%q) = %v, %v", text, ok, ascii)
		}
		bad := notInPlace[rng.IntN(len(notInPlace))]
		at := rng.IntN(len(text) + 1)
		for at > 0 && at < len(text) && !utf8.RuneStart(text[at]) {
			at--
		}
		spoilt := text[:at] + bad + text[at:]
		if _, ok := foldIndexed(new(words), spoilt, true, allKeys); ok {
			t.Fatalf("foldInPlace(%q) took %q as folding in place", spoilt, bad)
		}
		if ok, _ := indexInPlace(new(words), spoilt, allKeys); ok {
			t.Fatalf("indexInPlace(%q) took %q as folding in place", spoilt, bad)
		}
	}
}

// TestHeadAt checks the one-load head comparison against hasPrefix, with
// heads of every length around eight bytes, at every offset, whatever lies
// past the text's length in its capacity.
func TestHeadAt(t *testing.T) {
	const alphabet = "ab Ab'1"
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		key := make([]byte, 1+rng.IntN(12))
		for i := range key {
			key[i] = alphabet[rng.IntN(len(alphabet))]
		}
		r := compileRendering(string(key), true)
		if r == nil || r.headLen == 0 {
			continue
		}
		n := rng.IntN(24)
		buf := make([]byte, n+rng.IntN(16))
		for i := range buf {
			buf[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if rng.IntN(2) == 0 && n >= int(r.headLen) { // plant the head
			copy(buf[rng.IntN(n-int(r.headLen)+1):], r.head())
		}
		s := buf[:n]
		for i := 0; i <= n; i++ {
			if got, want := r.headAt(s, false, i), hasPrefix(s[i:], r.head()); got != want {
				t.Fatalf("headAt(%q (cap %q), %d) for head %q = %v, want %v", s, buf, i, r.head(), got, want)
			}
		}
		// Plain ASCII as written, against its lower-cased fold.
		lr := compileRendering(string(key), false)
		if lr == nil || lr.headLen == 0 {
			continue
		}
		text := s[:n:n] // as the text itself is: nothing past its end
		folded, _ := foldInPlace(nil, string(text), true)
		for i := 0; i <= n; i++ {
			if got, want := lr.headAt(text, true, i), hasPrefix(folded[i:], lr.head()); got != want {
				t.Fatalf("headAt(%q, ci, %d) for head %q = %v, want %v", text, i, lr.head(), got, want)
			}
		}
	}
}

// chain is the starts of w's chain for key, in order.
func chain(w *words, key uint8) []int32 {
	var out []int32
	for k := w.first(key); k > 0; k = w.after(k) {
		out = append(out, w.starts[k-1])
	}
	return out
}
