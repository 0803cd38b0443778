package glossary

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// English matching
//
// A rendering is found in an English text when it occurs there as whole
// words, with these allowances, because translators inflect and punctuate
// terms and that is not an error:
//
//   - case is ignored, unless the entry is case-sensitive ("US" vs "us") or
//     the rendering is an acronym, written without lower-case letters
//     (BRICS is not BRICs, nor SCO "sco");
//   - runs of whitespace and hyphens are one separator, so
//     good-neighbourliness is good neighbourliness, and a line break inside a
//     multi-word rendering does not hide it;
//   - curly and straight apostrophes are the same;
//   - a leading article of the rendering (the, a, an) is not required;
//   - the last word may be plural or possessive: summits, countries for
//     country, SCO's, SCO’s, countries'; a rendering given in the plural
//     also finds the singular. An acronym (last word without lower-case
//     letters) takes only a lower-case plural s: BRICs is the plural of BRIC,
//     BRICS is another name.
//
// Whole words: the rendering must not continue a letter or digit on either
// side, so BRIC is not found in BRICS, nor BRICS in BRICSX.

// Occurrence is a rendering found in an English text.
type Occurrence struct {
	Start, End int    // byte offsets in the English text
	Text       string // the English there, as written: "SCO’s", "BRICS countries"
	Rendering  string // the glossary form it stands for: "SCO"
}

// FindRendering returns the non-overlapping occurrences of rendering in
// text, from the left, under the English matching rules.
func FindRendering(text, rendering string, caseSensitive bool) []Occurrence {
	r := compileRendering(rendering, caseSensitive)
	if r == nil {
		return nil
	}
	return r.find(nil, newEnglish(text), nil)
}

// rendering is an English form of a term compiled for matching.
type rendering struct {
	text          string   // as in the glossary
	key           string   // folded form without article and without the last word's ending
	head          []byte   // key up to its first space: what to search for (the rest may be spaced more widely)
	endings       []string // endings the last word may take after key, longest first
	acronym       bool     // a plural s must be lower case in the text
	wordStart     bool     // key starts with a letter or digit: nothing word-like may precede
	wordEnd       bool     // key ends in a word: nothing word-like may follow the ending
	caseSensitive bool
}

// compileRendering returns nil for a rendering with nothing to search for.
func compileRendering(text string, caseSensitive bool) *rendering {
	bare := cutArticle(text)
	if strings.IndexFunc(bare, unicode.IsUpper) >= 0 && strings.IndexFunc(bare, unicode.IsLower) < 0 {
		caseSensitive = true // an acronym: its case is its meaning (BRICS, BRICs)
	}
	key, _ := fold(bare, !caseSensitive)
	if key == "" {
		return nil
	}
	r := &rendering{text: text, caseSensitive: caseSensitive, endings: []string{""}}
	first, _ := utf8.DecodeRuneInString(key)
	last, _ := utf8.DecodeLastRuneInString(key)
	r.wordStart, r.wordEnd = isWord(first), isWord(last)
	r.key = key
	if r.wordEnd {
		// The last word as the glossary writes it decides whether it is an acronym.
		word := lastWord(strings.TrimRightFunc(text, func(c rune) bool { return !isWord(c) }))
		r.acronym = strings.IndexFunc(word, unicode.IsUpper) >= 0 && strings.IndexFunc(word, unicode.IsLower) < 0
		stem, endings := inflections(lastWord(key), r.acronym)
		r.key = key[:len(key)-len(lastWord(key))] + stem
		r.endings = endings
	}
	r.head = []byte(r.key)
	if i := strings.IndexByte(r.key, ' '); i >= 0 {
		r.head = r.head[:i]
	}
	return r
}

// cutArticle drops a leading "the", "a" or "an" and the space after it,
// whatever the case, when something follows. Only a space ends the article:
// "A-share" keeps its A.
func cutArticle(text string) string {
	t := strings.TrimSpace(text)
	i := strings.IndexFunc(t, unicode.IsSpace)
	if i < 0 {
		return t
	}
	switch strings.ToLower(t[:i]) {
	case "the", "a", "an":
		return strings.TrimSpace(t[i:])
	}
	return t
}

// lastWord returns the trailing run of letters and digits of s.
func lastWord(s string) string {
	end := len(s)
	for end > 0 {
		c, size := utf8.DecodeLastRuneInString(s[:end])
		if !isWord(c) {
			break
		}
		end -= size
	}
	return s[end:]
}

// inflections splits a last word into the stem every form starts with and
// the endings that complete it: country → countr + (ies, y); summits →
// summit + (s, ""); process → process + (es, ""). Acronyms only take s.
func inflections(w string, acronym bool) (string, []string) {
	if !isASCII(w) {
		return w, []string{"s", ""} // English plural rules are for English words
	}
	lower := strings.ToLower(w)
	has := func(suffix string) bool { return strings.HasSuffix(lower, suffix) }
	sibilant := func(s string) bool {
		return strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") || strings.HasSuffix(s, "z") ||
			strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh")
	}
	switch {
	case acronym || len(w) < 3:
		return w, []string{"s", ""}
	case has("ies") && len(w) > 4:
		return w[:len(w)-3], yEndings(w)
	case has("y") && !strings.ContainsAny(lower[len(lower)-2:len(lower)-1], "aeiou"):
		return w[:len(w)-1], yEndings(w)
	case has("sses") || (has("es") && sibilant(lower[:len(lower)-2]) && !has("ses")):
		return w[:len(w)-2], []string{"es", ""}
	case sibilant(lower) && (has("ss") || !has("s")):
		return w, []string{"es", ""}
	case has("s") && !has("us") && !has("is"):
		return w[:len(w)-1], []string{"s", ""}
	}
	return w, []string{"s", ""}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// yEndings keeps the case of the word: COUNTRY → IES, Y.
func yEndings(w string) []string {
	if unicode.IsUpper(rune(w[len(w)-1])) {
		return []string{"IES", "Y"}
	}
	return []string{"ies", "y"}
}

// english is an English text with its folded forms, made on first use: one
// lower-cased for most entries, one as written for case-sensitive ones. The
// buffers are kept for the next text (see reset).
type english struct {
	orig         string
	lower, exact foldedText
}

// foldedText is an English text in matching form (see fold).
type foldedText struct {
	done bool
	s    []byte
	offs []int // offs[i]: offset in orig of the character that gave byte i of s; empty: i itself
}

func (f *foldedText) orig(i int) int {
	if len(f.offs) == 0 {
		return i
	}
	return f.offs[i]
}

func newEnglish(text string) *english { return &english{orig: text} }

// reset makes e stand for text, reusing its buffers.
func (e *english) reset(text string) {
	e.orig = text
	e.lower.done, e.exact.done = false, false
}

func (e *english) folded(caseSensitive bool) *foldedText {
	f := &e.lower
	if caseSensitive {
		f = &e.exact
	}
	if !f.done {
		f.done = true
		var ok bool
		f.offs = f.offs[:0]
		if f.s, ok = appendFoldASCII(f.s[:0], e.orig, !caseSensitive); !ok {
			f.s, f.offs = appendFold(f.s[:0], f.offs, e.orig, !caseSensitive)
		}
	}
	return f
}

// fold puts English in matching form: whitespace and hyphen runs become one
// space, ends trimmed, apostrophes straight, soft hyphens and zero-width
// characters dropped, letters lower-cased if asked. offs maps each byte of
// the result to the offset of its character in s.
func fold(s string, lower bool) (string, []int) {
	b, offs := appendFold(nil, nil, s, lower)
	return string(b), offs
}

// appendFold is fold appending to dst and offs.
func appendFold(dst []byte, offs []int, s string, lower bool) ([]byte, []int) {
	dst = slices.Grow(dst, len(s))
	offs = slices.Grow(offs, len(s)+1)
	start := len(dst)
	pending := -1 // offset of a separator run not yet written
	for i, c := range s {
		switch {
		case unicode.IsSpace(c) || isHyphen(c):
			if pending < 0 {
				pending = i
			}
			continue
		case c == '\u00AD' || c == '\u200B' || c == '\u2060' || c == '\uFEFF':
			continue
		case c == '’' || c == '‘' || c == 'ʼ' || c == '′':
			c = '\''
		case lower:
			c = unicode.ToLower(c)
		}
		if pending >= 0 && len(dst) > start {
			dst = append(dst, ' ')
			offs = append(offs, pending)
		}
		pending = -1
		n := len(dst)
		dst = utf8.AppendRune(dst, c)
		for range len(dst) - n {
			offs = append(offs, i)
		}
	}
	offs = append(offs, len(s))
	return dst, offs
}

// appendFoldASCII is fold for the common case of plain ASCII English, byte
// for byte so that offsets need no table: separators become spaces but runs
// of them are left as they are (matching allows them). ok is false, and dst
// to be ignored, for any other text.
func appendFoldASCII(dst []byte, s string, lower bool) (folded []byte, ok bool) {
	table := &asciiExact
	if lower {
		table = &asciiLower
	}
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	out := dst[n:]
	for i := range len(out) {
		c := s[i]
		if c >= utf8.RuneSelf {
			return dst, false
		}
		out[i] = table[c]
	}
	return dst, true
}

// asciiExact and asciiLower map each ASCII byte to its folded form.
var asciiExact, asciiLower = func() (exact, lower [utf8.RuneSelf]byte) {
	for c := range byte(utf8.RuneSelf) {
		exact[c] = c
		if c == '-' || c >= '\t' && c <= '\r' {
			exact[c] = ' '
		}
		lower[c] = exact[c]
		if 'A' <= c && c <= 'Z' {
			lower[c] = c + 'a' - 'A'
		}
	}
	return exact, lower
}()

func isHyphen(c rune) bool {
	return c == '-' || (c >= '\u2010' && c <= '\u2013') || c == '\u2212' || c == '\uFE63' || c == '\uFF0D'
}

func isWord(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// find appends to dst the non-overlapping occurrences of r in e from the
// left, skipping those that overlap a span in skip.
func (r *rendering) find(dst []Occurrence, e *english, skip []Occurrence) []Occurrence {
	f := e.folded(r.caseSensitive)
	for from := 0; from < len(f.s); {
		i := bytes.Index(f.s[from:], r.head)
		if i < 0 {
			break
		}
		i += from
		end := r.matchAt(f, e.orig, i)
		if end < 0 {
			_, size := utf8.DecodeRune(f.s[i:])
			from = i + size
			continue
		}
		o := Occurrence{Start: f.orig(i), End: origEnd(e.orig, f.orig(end-1)), Rendering: r.text}
		o.Text = e.orig[o.Start:o.End]
		if !overlapsAny(o, skip) {
			dst = append(dst, o)
		}
		from = end
	}
	return dst
}

// matchAt says where an occurrence of r's key at i ends in f, ending and
// possessive included, or -1 if the key there is not r. A space of the key
// matches a run of spaces.
func (r *rendering) matchAt(f *foldedText, orig string, i int) int {
	if r.wordStart && i > 0 {
		if c, _ := utf8.DecodeLastRune(f.s[:i]); isWord(c) {
			return -1
		}
	}
	j := i
	for k := 0; k < len(r.key); k++ {
		if j == len(f.s) || f.s[j] != r.key[k] {
			return -1
		}
		j++
		if r.key[k] == ' ' {
			for j < len(f.s) && f.s[j] == ' ' {
				j++
			}
		}
	}
	if !r.wordEnd {
		return j
	}
	for _, ending := range r.endings {
		if !hasPrefix(f.s[j:], ending) {
			continue
		}
		k := j + len(ending)
		if r.acronym && ending == "s" && orig[f.orig(j)] != 's' {
			continue // BRICS is not the plural of BRIC
		}
		if hasPrefix(f.s[k:], "'s") && boundary(f.s, k+2) {
			return k + 2
		}
		if boundary(f.s, k) {
			return k
		}
	}
	return -1
}

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// boundary says whether no word character follows offset i.
func boundary(s []byte, i int) bool {
	c, _ := utf8.DecodeRune(s[i:])
	return i == len(s) || !isWord(c)
}

// origEnd is the end of the character that starts at i in s.
func origEnd(s string, i int) int {
	_, size := utf8.DecodeRuneInString(s[i:])
	return i + size
}

func overlapsAny(o Occurrence, spans []Occurrence) bool {
	for _, s := range spans {
		if s.Start < o.End && o.Start < s.End {
			return true
		}
	}
	return false
}

// findAll finds several renderings at once, keeping, where occurrences of
// different renderings overlap, the leftmost and then the longest: "BRICS
// countries" counts once, not also as "BRICS".
func findAll(rs []*rendering, e *english, skip []Occurrence) []Occurrence {
	return appendAll(nil, rs, e, skip)
}

// appendAll is findAll appending to dst.
func appendAll(dst []Occurrence, rs []*rendering, e *english, skip []Occurrence) []Occurrence {
	n := len(dst)
	for _, r := range rs {
		dst = r.find(dst, e, skip)
	}
	all := dst[n:]
	if len(rs) < 2 || len(all) < 2 {
		return dst
	}
	slices.SortFunc(all, func(a, b Occurrence) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return b.End - a.End
	})
	kept := all[:0]
	for _, o := range all {
		if len(kept) == 0 || o.Start >= kept[len(kept)-1].End {
			kept = append(kept, o)
		}
	}
	return dst[:n+len(kept)]
}
