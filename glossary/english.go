package glossary

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
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
	key           string    // folded form without article and without the last word's ending
	text          string    // as in the glossary
	headLen       int32     // key up to its first space is searched for: the rest may be spaced more widely
	headKey       uint8     // wordKey of the head, for renderings that start with a word
	head8         uint64    // the head's first eight bytes (fewer if shorter), little-endian, for headAt
	headMask      uint64    // 0xFF in each byte of head8 that is the head's
	endings       endingSet // endings the last word may take after key
	acronym       bool      // a plural s must be lower case in the text
	wordStart     bool      // key starts with a letter or digit: nothing word-like may precede
	wordEnd       bool      // key ends in a word: nothing word-like may follow the ending
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
	r := &rendering{text: text, caseSensitive: caseSensitive}
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
	r.headLen = int32(len(r.key))
	if i := strings.IndexByte(r.key, ' '); i >= 0 {
		r.headLen = int32(i)
	}
	if r.headLen >= 2 {
		r.headKey = wordKey(r.key[0], r.key[1])
	}
	for j := range min(8, int(r.headLen)) {
		r.head8 |= uint64(r.key[j]) << (8 * j)
		r.headMask |= 0xFF << (8 * j)
	}
	return r
}

func (r *rendering) head() string { return r.key[:r.headLen] }

// headAt says whether s has r's head at i: hasPrefix(s[i:], r.head()), with
// the first eight bytes compared in one load where s has the room (its
// capacity: bytes past its length are masked off). Most candidates a word
// index gives differ there.
//
// With ci, s is plain ASCII whose letters compare lower-cased (see
// foldedText).
func (r *rendering) headAt(s []byte, ci bool, i int) bool {
	n := int(r.headLen)
	if i+n > len(s) {
		return false
	}
	if b := s[i:cap(s)]; len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		if ci {
			x += (inRange(x&^highBits, 'A', 'Z') &^ x) >> 2 // lower-cased, as foldInPlace does: ASCII letters only
		}
		if x&r.headMask != r.head8 {
			return false
		}
		return n <= 8 || equalAt(s[i+8:i+n], ci, r.key[8:n])
	}
	return equalAt(s[i:i+n], ci, r.key[:n])
}

// equalAt says whether b is p, ASCII letters of b lower-cased with ci.
func equalAt(b []byte, ci bool, p string) bool {
	if !ci {
		return string(b) == p
	}
	if len(b) != len(p) {
		return false
	}
	for k := range len(b) {
		if asciiLower(b[k]) != p[k] {
			return false
		}
	}
	return true
}

// hasPrefixAt is hasPrefix(f.s[j:], p) in f's matching form (see ci).
func (f *foldedText) hasPrefixAt(j int, p string) bool {
	return len(f.s)-j >= len(p) && equalAt(f.s[j:j+len(p)], f.ci, p)
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
func inflections(w string, acronym bool) (string, endingSet) {
	if !isASCII(w) {
		return w, sEnding // English plural rules are for English words
	}
	lower := strings.ToLower(w)
	has := func(suffix string) bool { return strings.HasSuffix(lower, suffix) }
	sibilant := func(s string) bool {
		return strings.HasSuffix(s, "s") || strings.HasSuffix(s, "x") || strings.HasSuffix(s, "z") ||
			strings.HasSuffix(s, "ch") || strings.HasSuffix(s, "sh")
	}
	switch {
	case acronym || len(w) < 3:
		return w, sEnding
	case has("ies") && len(w) > 4:
		return w[:len(w)-3], yEndings(w)
	case has("y") && !strings.ContainsAny(lower[len(lower)-2:len(lower)-1], "aeiou"):
		return w[:len(w)-1], yEndings(w)
	case has("sses") || (has("es") && sibilant(lower[:len(lower)-2]) && !has("ses")):
		return w[:len(w)-2], esEnding
	case sibilant(lower) && (has("ss") || !has("s")):
		return w, esEnding
	case has("s") && !has("us") && !has("is"):
		return w[:len(w)-1], sEnding
	}
	return w, sEnding
}

// endingSet is the endings a last word may take, longest first (see
// endingLists).
type endingSet uint8

const (
	noEnding endingSet = iota
	sEnding
	esEnding
	yEnding
	yEndingCapital
)

var endingLists = [...][]string{
	noEnding:       {""},
	sEnding:        {"s", ""},
	esEnding:       {"es", ""},
	yEnding:        {"ies", "y"},
	yEndingCapital: {"IES", "Y"},
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
func yEndings(w string) endingSet {
	if unicode.IsUpper(rune(w[len(w)-1])) {
		return yEndingCapital
	}
	return yEnding
}

// english is an English text with its folded forms, made on first use: one
// lower-cased for most entries, one as written for case-sensitive ones. The
// buffers are kept for the next text (see reset).
//
// English that folds in place (see inPlace), most English, is folded and
// indexed once: its form as written is the text itself, matched where the
// lower-cased form's index says a word starts with the rendering's letters
// in either case (see wordKey); separators are matched as they are (see
// isSep).
type english struct {
	orig         string
	lower, exact foldedText
	// want has bit wordKey set for the heads of the renderings to be
	// looked for, all bits if not known: the word index of English that
	// folds in place leaves out the other words (see indexInPlace).
	want  uint64
	ascii bool // orig was folded and found to be plain ASCII
}

// foldedText is an English text in matching form (see fold).
//
// English that folds in place is not copied: s is the text itself, and
// for the lower-cased form ci says that its letters compare lower-cased
// (see foldedText.at), as its fold's would; separators are matched as they
// are (see isSep). Only a rendering looked for without the word index
// needs the fold itself (see lowered).
type foldedText struct {
	done bool
	s    []byte // the text in matching form; folding in place: the text itself, not to be written to
	ci   bool   // s is the text as written, standing for its lower-cased fold
	buf  []byte // the fold's buffer, kept for the next text
	offs []int  // offs[i]: offset in orig of the character that gave byte i of s; empty: i itself
	of   *words // the index to use, if not words: the lower-cased form's, for the text as written
	words
}

// lowered is s folded: s itself unless ci, else its lower-cased copy, made
// in buf (see foldInPlace).
func (f *foldedText) lowered() []byte {
	if !f.ci {
		return f.s
	}
	f.buf, _ = foldInPlace(f.buf[:0], unsafe.String(unsafe.SliceData(f.s), len(f.s)), true)
	f.s, f.ci = f.buf, false
	return f.s
}

// words indexes where the words of a folded text start, by their first two
// bytes, so that a rendering is looked for only where it could begin.
type words struct {
	indexed bool
	starts  []int32 // offsets of the word characters that do not follow one
	// The starts chained by key (see wordKey), in order: next[key], for key
	// < wordKeys, is 1 + the first start with that key; next[wordKeys+k] is
	// 1 + the next start after starts[k] with the same key; 0: none.
	next []int32
}

// first is 1 + the first start with key, 0 if none; after start k-1 comes
// start next(k)-1.
func (w *words) first(key uint8) int32 { return w.next[key] }
func (w *words) after(k int32) int32   { return w.next[wordKeys+k-1] }

// wordKey hashes the first two bytes of a word into few enough keys that
// the index stays in a couple of cache lines. ASCII case is ignored, so
// that one index serves a text lower-cased and as written, and so are
// separators: folded text has a space where the text as written has one
// of them (see keyByte).
func wordKey(b0, b1 byte) uint8 { return (keyByte[b0]*31 + keyByte[b1]) % wordKeys }

// keyByte is what wordKey makes of a byte: ASCII letters lower-cased,
// separators (isSep) a space.
var keyByte = func() (t [256]byte) {
	for b := range t {
		t[b] = byte(b)
		if isSep(byte(b)) {
			t[b] = ' '
		}
	}
	for b := 'A'; b <= 'Z'; b++ {
		t[b] = byte(b) + 'a' - 'A'
	}
	return t
}()

func asciiLower(b byte) byte {
	if 'A' <= b && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

const wordKeys = 64

// keyHeads is how a chaining starts: the tail of each key's chain is its
// head (see words.next).
var keyHeads = func() (t [wordKeys]int32) {
	for k := range t {
		t[k] = int32(k)
	}
	return t
}()

// indexWords returns the index of f's words, made on first use.
func (f *foldedText) indexWords() *words {
	if f.of != nil {
		return f.of
	}
	if !f.indexed {
		f.indexNow()
	}
	return &f.words
}

func (f *foldedText) indexNow() {
	f.starts = wordStarts(f.starts[:0], f.s)
	f.index(f.s)
}

// index chains the starts of s by key.
func (w *words) index(s []byte) {
	w.indexed = true
	w.next = slices.Grow(w.next[:0], wordKeys+len(w.starts))[:wordKeys+len(w.starts)]
	clear(w.next[:wordKeys])
	tail := keyHeads
	for k, i := range w.starts {
		var b1 byte
		if int(i)+1 < len(s) {
			b1 = s[i+1]
		}
		key := wordKey(s[i], b1)
		w.next[wordKeys+k] = 0
		w.next[tail[key]] = int32(k + 1)
		tail[key] = int32(wordKeys + k)
	}
}

// wordStarts appends to dst the offsets of the word characters of s that do
// not follow one.
func wordStarts(dst []int32, s []byte) []int32 {
	inWord := false
	for i, c := range string(s) {
		word := isWord(c)
		if word && !inWord {
			dst = append(dst, int32(i))
		}
		inWord = word
	}
	return dst
}

func (f *foldedText) orig(i int) int {
	if len(f.offs) == 0 {
		return i
	}
	return f.offs[i]
}

func newEnglish(text string) *english { return &english{orig: text, want: allKeys} }

// allKeys is english.want when any rendering may be looked for.
const allKeys = ^uint64(0)

// wantKey is r's bit in english.want: none if r is not found through the
// word index.
func (r *rendering) wantKey() uint64 {
	if !r.wordStart || r.headLen < 2 {
		return 0
	}
	return 1 << r.headKey
}

// plainASCII says whether e is known to be plain ASCII: it was folded,
// and found to be.
func (e *english) plainASCII() bool { return e.ascii }

// reset makes e stand for text, reusing its buffers, any rendering to be
// looked for in it.
func (e *english) reset(text string) {
	e.orig, e.want, e.ascii = text, allKeys, false
	e.lower.done, e.exact.done = false, false
	e.lower.s, e.exact.s = nil, nil // they may be the last text: not to be kept alive
}

// folded is e in the matching form for caseSensitive renderings, made on
// first use (foldNow); the rest of the time it is a look-up, inlined.
func (e *english) folded(caseSensitive bool) *foldedText {
	f := &e.lower
	if caseSensitive {
		f = &e.exact
	}
	if !f.done {
		e.foldNow(caseSensitive)
	}
	return f
}

func (e *english) foldNow(caseSensitive bool) {
	f := &e.lower
	if caseSensitive {
		f = &e.exact
	}
	f.done = true
	f.of, f.ci = nil, false
	f.offs = f.offs[:0]
	if caseSensitive {
		if lower := e.folded(false); len(lower.offs) == 0 { // folds in place
			f.s = unsafe.Slice(unsafe.StringData(e.orig), len(e.orig))
			f.of = &lower.words
			return
		}
	} else if ok, ascii := indexInPlace(&f.words, e.orig, e.want); ok {
		f.s, f.ci = unsafe.Slice(unsafe.StringData(e.orig), len(e.orig)), true
		e.ascii = ascii
		return
	}
	f.buf, f.offs = appendFold(f.buf[:0], f.offs, e.orig, !caseSensitive)
	f.s = f.buf
	f.starts = wordStarts(f.starts[:0], f.s)
	f.index(f.s)
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
	for i := 0; i < len(s); {
		c, size := rune(s[i]), 1
		if c >= utf8.RuneSelf {
			c, size = utf8.DecodeRuneInString(s[i:])
		}
		at := i
		i += size
		var how foldAction
		if c, how = foldChar(c, lower); how == foldSep {
			if pending < 0 {
				pending = at
			}
			continue
		} else if how == foldDrop {
			continue
		}
		if pending >= 0 && len(dst) > start {
			dst = append(dst, ' ')
			offs = append(offs, pending)
		}
		pending = -1
		if c < utf8.RuneSelf {
			dst = append(dst, byte(c))
			offs = append(offs, at)
			continue
		}
		n := len(dst)
		dst = utf8.AppendRune(dst, c)
		for range len(dst) - n {
			offs = append(offs, at)
		}
	}
	offs = append(offs, len(s))
	return dst, offs
}

// foldAction is what fold does with a character (see foldChar).
type foldAction uint8

const (
	foldKeep foldAction = iota // written, as foldChar returns it
	foldSep                    // part of a separator run: one space
	foldDrop                   // left out: soft hyphens, zero-width characters
)

// foldChar is what fold makes of one character: the one place that says
// how English is put in matching form (see fold).
func foldChar(c rune, lower bool) (rune, foldAction) {
	if c < utf8.RuneSelf {
		switch {
		case c == ' ' || c == '-' || '\t' <= c && c <= '\r':
			return c, foldSep
		case lower && 'A' <= c && c <= 'Z':
			return c + 'a' - 'A', foldKeep
		}
		return c, foldKeep
	}
	switch {
	case unicode.IsSpace(c) || isHyphen(c):
		return c, foldSep
	case c == '\u00AD' || c == '\u200B' || c == '\u2060' || c == '\uFEFF':
		return c, foldDrop
	case c == '’' || c == '‘' || c == 'ʼ' || c == '′':
		return '\'', foldKeep
	case lower:
		return unicode.ToLower(c), foldKeep
	}
	return c, foldKeep
}

// Most English folds in place: every byte of its fold is where it is in
// the text, so that the text can stand for its fold (see foldedText) and
// offsets need no table. ASCII does, and so do the non-ASCII characters that
// fold to themselves in either case and are neither separators nor part of
// words: the Chinese punctuation, dashes and double quotes translators leave
// or use (，、“”—…). A curly apostrophe, a non-ASCII letter or space, or
// invalid UTF-8 does not.

// inPlace says whether the character c, size bytes of the text, folds in
// place (see above).
func inPlace(c rune, size int) bool {
	if c == utf8.RuneError && size == 1 || isWord(c) {
		return false
	}
	f, how := foldChar(c, true)
	return f == c && how == foldKeep
}

// inPlaceFrom checks the characters that start at the non-ASCII bytes of
// s[i:i+8], marked 0x80 in high, from offset from on (the bytes before it
// are inside a character checked already). It returns where the last one
// ends, and false at the first that does not fold in place.
func inPlaceFrom(s string, i int, high uint64, from int) (int, bool) {
	for ; high != 0; high &= high - 1 {
		p := i + bits.TrailingZeros64(high)/8
		if p < from {
			continue
		}
		c, size := utf8.DecodeRuneInString(s[p:])
		if !inPlace(c, size) {
			return from, false
		}
		from = p + size
	}
	return from, true
}

// foldInPlace is fold for English that folds in place (see above), eight
// bytes at a time, as indexInPlace does: separators become spaces but runs
// of them are left as they are (matching allows them), and non-ASCII bytes
// are left as they are. Folding changes no word's start or key, so
// indexInPlace's index of the text is the fold's. ok is false, and the rest
// to be ignored, for any other text.
func foldInPlace(dst []byte, s string, lower bool) (folded []byte, ok bool) {
	// Written to dst padded with zeros to whole chunks, and eight bytes
	// more of room, so that headAt can load eight bytes at any offset.
	size := (len(s) + 7) &^ 7
	dst = slices.Grow(dst[:0], size+8)[:size]
	checked := 0 // see inPlaceFrom
	for i := 0; i < size; i += 8 {
		x := chunkAt(s, i)
		high := x & highBits
		if high != 0 {
			if checked, ok = inPlaceFrom(s, i, high, checked); !ok {
				return dst, false
			}
		}
		// The tests on the bytes without their high bit, so that no sum
		// carries into the next byte, then the non-ASCII ones dropped.
		a := x &^ high
		if lower {
			x += (inRange(a, 'A', 'Z') &^ high) >> 2 // 0x80 >> 2: + 'a' - 'A'
		}
		if sep := (inRange(a, '\t', '\r') | inRange(a, '-', '-')) &^ high; sep != 0 {
			m := sep >> 7 * 0xFF // 0xFF in each separator byte
			x = x&^m | ' '*lowBits&m
		}
		binary.LittleEndian.PutUint64(dst[i:], x)
	}
	return dst[:len(s)], true
}

// indexInPlace indexes the words of s into w, as wordStarts and words.index
// do, if s folds in place (else ok is false), but only the words whose key
// (see wordKey) has its bit set in want: a clause looks for a few
// renderings, and most of its words start none of them. ascii says whether
// s is plain ASCII.
//
// It works on eight bytes at a time: English is most of what a check
// reads, and a loop byte by byte over it cost as much as the automaton's
// scan of the Chinese. It does nothing else, so that the loop's values
// stay in registers (with the fold in the same loop, they did not).
func indexInPlace(w *words, s string, want uint64) (ok, ascii bool) {
	size := (len(s) + 7) &^ 7
	starts := slices.Grow(w.starts[:0], size)[:size] // room for a word at every byte
	next := slices.Grow(w.next[:0], wordKeys+size)[:wordKeys+size]
	clear(next[:wordKeys])
	tail := keyHeads
	n := 0
	var prevWord uint64 // 0x80 if the byte before the chunk is a word byte
	checked := -1       // see inPlaceFrom; -1 while s is ASCII so far
	for i := 0; i < size; i += 8 {
		x := chunkAt(s, i)
		var word uint64
		if high := x & highBits; high == 0 {
			word = inRange(x|0x20*lowBits, 'a', 'z') | inRange(x, '0', '9')
		} else if checked, ok = inPlaceFrom(s, i, high, max(checked, 0)); ok {
			a := x &^ high // see foldInPlace; non-ASCII bytes are not word bytes here
			word = (inRange(a|0x20*lowBits, 'a', 'z') | inRange(a, '0', '9')) &^ high
		} else {
			w.starts, w.next = starts[:0], next[:wordKeys]
			return false, false
		}
		for st := word &^ (word<<8 | prevWord); st != 0; st &= st - 1 {
			p := i + bits.TrailingZeros64(st)/8
			var b1 byte
			if p+1 < len(s) {
				b1 = s[p+1]
			}
			key := (s[p]|0x20)*31 + keyByte[b1] // wordKey: s[p] is a letter or digit, and |0x20 is keyByte for those
			key %= wordKeys
			if want>>key&1 == 0 {
				continue
			}
			starts[n] = int32(p)
			next[wordKeys+n] = 0
			next[tail[key]] = int32(n + 1)
			tail[key] = int32(wordKeys + n)
			n++
		}
		prevWord = word >> 56
	}
	w.starts, w.next, w.indexed = starts[:n], next[:wordKeys+n], true
	return true, checked < 0
}

// chunkAt is the eight bytes of s from i, little-endian, zeros past its end.
func chunkAt(s string, i int) uint64 {
	if i+8 <= len(s) {
		return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))
	}
	return lastChunk(s, i)
}

// lastChunk is chunkAt for the last, short chunk.
func lastChunk(s string, i int) uint64 {
	var last [8]byte
	copy(last[:], s[i:])
	return binary.LittleEndian.Uint64(last[:])
}

// Eight bytes at a time: lowBits has 1 in each byte, highBits 0x80.
const (
	lowBits  = 0x0101010101010101
	highBits = 0x8080808080808080
)

// inRange has 0x80 in each byte of x, all ASCII, that is between lo and hi
// inclusive, 0 in the others. No byte carries into the next: each sum stays
// below 0x100.
func inRange(x uint64, lo, hi byte) uint64 {
	return (x + lowBits*uint64(0x80-lo)) &^ (x + lowBits*uint64(0x7F-hi)) & highBits
}

func isHyphen(c rune) bool {
	return c == '-' || (c >= '\u2010' && c <= '\u2013') || c == '\u2212' || c == '\uFE63' || c == '\uFF0D'
}

func isWord(c rune) bool { return unicode.IsLetter(c) || unicode.IsDigit(c) }

// find appends to dst the non-overlapping occurrences of r in e from the
// left, skipping those that overlap a span in skip.
func (r *rendering) find(dst []Occurrence, e *english, skip []Occurrence) []Occurrence {
	f := e.folded(r.caseSensitive)
	from := 0
	if w := f.indexWords(); r.wordStart && r.headLen >= 2 {
		// A rendering that starts with a word starts where a word of the
		// text does, one whose first two bytes are those of the rendering.
		for k := w.first(r.headKey); k > 0; k = w.after(k) {
			i := int(w.starts[k-1])
			if i < from || !r.headAt(f.s, f.ci, i) {
				continue
			}
			if end := r.matchAt(f, e.orig, i, true); end >= 0 {
				dst = appendOccurrence(dst, r, e.orig, f, i, end, skip)
				from = end
			}
		}
		return dst
	}
	f.lowered() // bytes.Index needs the fold itself
	for from < len(f.s) {
		i := bytes.Index(f.s[from:], []byte(r.head()))
		if i < 0 {
			break
		}
		i += from
		if end := r.matchAt(f, e.orig, i, false); end >= 0 {
			dst = appendOccurrence(dst, r, e.orig, f, i, end, skip)
			from = end
		} else {
			from = i + 1 // head starts with a whole character: no match begins inside it
		}
	}
	return dst
}

// appendOccurrence appends r found at [i, end) in f, unless it overlaps a
// span in skip.
func appendOccurrence(dst []Occurrence, r *rendering, orig string, f *foldedText, i, end int, skip []Occurrence) []Occurrence {
	o := Occurrence{Start: f.orig(i), End: origEnd(orig, f.orig(end-1)), Rendering: r.text}
	o.Text = orig[o.Start:o.End]
	if overlapsAny(o, skip) {
		return dst
	}
	return append(dst, o)
}

// matchAt says where an occurrence of r whose head is at i in f ends,
// ending and possessive included, or -1 if it is not r there. atWord says
// that a word starts at i (the word index said so): no word precedes it.
func (r *rendering) matchAt(f *foldedText, orig string, i int, atWord bool) int {
	if r.wordStart && i > 0 && !atWord {
		if c, _ := utf8.DecodeLastRune(f.s[:i]); isWord(c) {
			return -1
		}
	}
	// The rest of the key: a space in it matches a run of separators.
	j := i + int(r.headLen)
	s, ci := f.s, f.ci
	for k := int(r.headLen); k < len(r.key); k++ {
		c := r.key[k]
		if c == ' ' {
			if j == len(s) || !isSep(s[j]) {
				return -1
			}
			for j++; j < len(s) && isSep(s[j]); j++ {
			}
			continue
		}
		if j == len(s) || s[j] != c && !(ci && asciiLower(s[j]) == c) {
			return -1
		}
		j++
	}
	if !r.wordEnd {
		return j
	}
	for _, ending := range endingLists[r.endings] {
		if !f.hasPrefixAt(j, ending) {
			continue
		}
		k := j + len(ending)
		if r.acronym && ending == "s" && orig[f.orig(j)] != 's' {
			continue // BRICS is not the plural of BRIC
		}
		if f.hasPrefixAt(k, "'s") && boundary(f.s, k+2) {
			return k + 2
		}
		if boundary(f.s, k) {
			return k
		}
	}
	return -1
}

// isSep says whether b separates words: a space in folded text, any ASCII
// whitespace or hyphen in ASCII text as written (see english). Folded text
// has no other separators, nor a rendering's key any at all.
func isSep(b byte) bool { return b == ' ' || b == '-' || '\t' <= b && b <= '\r' }

func hasPrefix(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && string(b[:len(prefix)]) == prefix
}

// boundary says whether no word character follows offset i.
func boundary(s []byte, i int) bool {
	if i == len(s) {
		return true
	}
	if b := s[i]; b < utf8.RuneSelf {
		return !asciiWord[b]
	}
	c, _ := utf8.DecodeRune(s[i:])
	return !isWord(c)
}

// asciiWord is isWord for ASCII.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWord(rune(c))
	}
	return t
}()

// origEnd is the end of the character that starts at i in s.
func origEnd(s string, i int) int {
	if s[i] < utf8.RuneSelf {
		return i + 1
	}
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
	flat := make([]rendering, len(rs))
	for i, r := range rs {
		flat[i] = *r
	}
	return appendAll(nil, flat, e, skip)
}

// appendAll is findAll appending to dst.
func appendAll(dst []Occurrence, rs []rendering, e *english, skip []Occurrence) []Occurrence {
	n := len(dst)
	for i := range rs {
		dst = rs[i].find(dst, e, skip)
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
