package segment

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// chromeRE matches the end of a statement header on the scraped web page:
// the publication date and the page chrome after it,
//
//	2011-06-17[字体：大 中 小]      打印本页
//
// tolerating any spacing (ASCII, ideographic, no-break), full-width
// brackets and colon, and a missing or bracketed 打印本页. The date is the
// anchor that tells a statement header from body text.
var chromeRE = regexp.MustCompile(
	`([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})` + ws + `[\[［【]` + ws + `字体` + ws + `[:：]` + ws +
		`大` + ws + `中` + ws + `小` + ws + `[\]］】]` +
		`(?:` + ws + `[\[［【]?` + ws + `打印本页` + ws + `[\]］】]?)?`)

// ws is any run of spaces, including none.
const ws = `[\s\x{3000}\x{00A0}]*`

// markerReach is how far from 字体 a marker may start or end. The regexp
// runs only in that window around each 字体, found by a fast literal
// search, which is many times faster than scanning all text with it.
const markerReach = 256

// findMarkers returns the submatch indexes of chromeRE in text, like
// FindAllStringSubmatchIndex.
func findMarkers(text string) [][]int {
	var out [][]int
	for from := 0; ; {
		i := strings.Index(text[from:], "字体")
		if i < 0 {
			return out
		}
		i += from
		if !digitBracketBefore(text[from:i]) {
			from = i + len("字体") // cheap rejection of body text
			continue
		}
		lo, hi := max(from, i-markerReach), min(len(text), i+markerReach)
		m := chromeRE.FindStringSubmatchIndex(text[lo:hi])
		if m == nil || lo+m[0] > i || lo+m[1] <= i {
			from = i + len("字体") // not a marker, or not this 字体's
			continue
		}
		for k := range m {
			m[k] += lo
		}
		out = append(out, m)
		from = m[1]
	}
}

// digitBracketBefore reports whether s ends like the text before 字体 in a
// marker: a digit, optional spaces, an opening bracket, optional spaces.
func digitBracketBefore(s string) bool {
	s = strings.TrimRightFunc(s, unicode.IsSpace)
	r, w := utf8.DecodeLastRuneInString(s)
	if r != '[' && r != '［' && r != '【' {
		return false
	}
	s = strings.TrimRightFunc(s[:len(s)-w], unicode.IsSpace)
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}

// Split turns decoded text into documents. Two forms are recognised:
//
//   - The scraped web-page form: one or more statements, each a title, a
//     YYYY-MM-DD publication date and page chrome ([字体：大 中 小] 打印本页),
//     followed by its body. Line breaks were lost in scraping, so a title is
//     often glued to the end of the previous statement; see titleStart.
//     Text before the first title (page labels) is dropped.
//   - Plain text: one document, one paragraph per line. The first line is
//     the title when it is short and has no sentence punctuation, otherwise
//     the title comes from the file name. The date is the first 年月日 date
//     in the first paragraphs, or "".
//
// In both forms a paragraph break is a newline or a run of two or more
// whitespace characters (ASCII, ideographic U+3000, no-break), and
// paragraphs are trimmed. A trailing signature block is detected as in
// signatureStart. name is only used for a fallback title and for errors.
func Split(name, text string) ([]Document, error) {
	if strings.TrimFunc(text, unicode.IsSpace) == "" {
		return nil, fileErr(name, "contains no text")
	}
	var docs []Document
	if marks := findMarkers(text); marks != nil {
		docs = splitScraped(name, text, marks)
	} else {
		docs = []Document{splitPlain(name, text)}
	}
	for i := range docs {
		finish(&docs[i])
	}
	return docs, nil
}

// splitScraped cuts the scraped form at its chrome markers. For marker k,
// the text between the previous marker and this one holds the body of
// statement k-1 followed by the title of statement k.
func splitScraped(name, text string, marks [][]int) []Document {
	docs := make([]Document, len(marks))
	prevEnd := 0 // end of the previous marker: start of the previous body
	for k, m := range marks {
		frags := fragments(text, prevEnd, m[0])
		title := span{m[0], m[0]}
		if len(frags) > 0 {
			title = frags[len(frags)-1]
			frags = frags[:len(frags)-1]
		}
		// context: the previous statement's body, to help find its place name.
		context := text[prevEnd:title.start]
		cuts := titleStart(text[title.start:title.end], k == 0, context)
		pieces := splitAt(title, cuts)
		title = pieces[len(pieces)-1]
		if k > 0 {
			prev := &docs[k-1]
			prev.Paragraphs = appendTexts(prev.Paragraphs, text, frags)
			prev.Paragraphs = appendTexts(prev.Paragraphs, text, pieces[:len(pieces)-1])
		}
		docs[k].Title = cleanTitle(text[title.start:title.end])
		if docs[k].Title == "" {
			docs[k].Title = fileTitle(name)
		}
		docs[k].Date, _ = isoDateFromParts(text, m)
		prevEnd = m[1]
	}
	last := &docs[len(docs)-1]
	last.Paragraphs = appendTexts(last.Paragraphs, text, fragments(text, prevEnd, len(text)))
	return docs
}

// splitPlain reads text as one document with one paragraph per line.
func splitPlain(name, text string) Document {
	frags := fragments(text, 0, len(text))
	var doc Document
	var scan []string // where to look for the publication date
	if len(frags) > 1 && looksLikeTitle(text[frags[0].start:frags[0].end]) {
		doc.Title = cleanTitle(text[frags[0].start:frags[0].end])
		scan = append(scan, doc.Title)
		frags = frags[1:]
	} else {
		doc.Title = fileTitle(name)
	}
	doc.Paragraphs = appendTexts(nil, text, frags)
	for i := 0; i < len(doc.Paragraphs) && i < datePeekParagraphs; i++ {
		scan = append(scan, doc.Paragraphs[i])
	}
	for _, s := range scan {
		if d := findChineseDates(s); d != nil {
			doc.Date = d[0].iso
			break
		}
	}
	return doc
}

// datePeekParagraphs is how many leading paragraphs of plain text are
// searched for the publication date.
const datePeekParagraphs = 3

// maxTitleRunes bounds a first line that may serve as a plain-text title.
const maxTitleRunes = 64

// looksLikeTitle reports whether a first line can be a title: short, not a
// section heading, without sentence punctuation and not ending in a comma
// or colon.
func looksLikeTitle(line string) bool {
	if utf8.RuneCountInString(line) > maxTitleRunes || headingLen(line) > 0 {
		return false
	}
	if strings.ContainsAny(line, "。！？；") {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(line)
	return !strings.ContainsRune("，,：:、!?;.", last)
}

// finish marks the signature block, fills SignedDate and SignedPlace and
// segments every paragraph into clauses.
func finish(doc *Document) {
	sig := signatureStart(doc.Paragraphs)
	doc.SignedDate, doc.SignedPlace = signedAt(doc.Paragraphs[sig:])
	for i, p := range doc.Paragraphs {
		for _, c := range Clauses(p) {
			c.Paragraph = i
			if i >= sig {
				c.Kind = KindSignature
			}
			doc.Clauses = append(doc.Clauses, c)
		}
	}
}

// span is a byte range of the input text.
type span struct{ start, end int }

// fragments returns the trimmed, non-empty paragraphs of text[from:to]. A
// break is a whitespace run that contains a line break or is at least two
// characters long; a single space inside a paragraph is kept.
func fragments(text string, from, to int) []span {
	var out []span
	start := from
	for i := from; i < to; {
		r, w := utf8.DecodeRuneInString(text[i:to])
		if !unicode.IsSpace(r) {
			i += w
			continue
		}
		j, n, newline := i, 0, false
		for j < to {
			r2, w2 := utf8.DecodeRuneInString(text[j:to])
			if !unicode.IsSpace(r2) {
				break
			}
			n++
			newline = newline || isLineBreak(r2)
			j += w2
		}
		if n >= 2 || newline {
			out = appendTrimmed(out, text, start, i)
			start = j
		}
		i = j
	}
	return appendTrimmed(out, text, start, to)
}

// isLineBreak reports whether r ends a line (Split may get text that did
// not pass through Decode, so CR and the Unicode separators count too).
func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

// appendTrimmed appends text[start:end] without outer whitespace, if any
// text remains.
func appendTrimmed(out []span, text string, start, end int) []span {
	s := text[start:end]
	trimmed := strings.TrimLeftFunc(s, unicode.IsSpace)
	start += len(s) - len(trimmed)
	end = start + len(strings.TrimRightFunc(trimmed, unicode.IsSpace))
	if start < end {
		out = append(out, span{start, end})
	}
	return out
}

// splitAt cuts sp at the given offsets (relative to sp.start, ascending)
// into len(cuts)+1 pieces, some possibly empty or blank.
func splitAt(sp span, cuts []int) []span {
	var out []span
	text := sp
	for _, c := range cuts {
		out = append(out, span{text.start, sp.start + c})
		text.start = sp.start + c
	}
	return append(out, text)
}

// appendTexts appends the trimmed, non-empty texts of spans to paras.
func appendTexts(paras []string, text string, spans []span) []string {
	for _, sp := range spans {
		if s := strings.TrimFunc(text[sp.start:sp.end], unicode.IsSpace); s != "" {
			paras = append(paras, s)
		}
	}
	return paras
}

// isoDateFromParts validates the YYYY-M-D date captured by chromeRE.
func isoDateFromParts(text string, m []int) (string, bool) {
	num := func(a, b int) int {
		n := 0
		for _, c := range text[a:b] {
			n = n*10 + int(c-'0')
		}
		return n
	}
	return isoDate(num(m[2], m[3]), num(m[4], m[5]), num(m[6], m[7]))
}

// cleanTitle trims a title and drops a trailing （全文） ("full text").
func cleanTitle(s string) string {
	s = strings.TrimFunc(s, unicode.IsSpace)
	for _, suffix := range []string{"（全文）", "(全文)"} {
		s = strings.TrimSuffix(s, suffix)
	}
	return strings.TrimFunc(s, unicode.IsSpace)
}

// fileTitle derives a title from a file name: the base name without its
// extension.
func fileTitle(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		name = name[:i]
	}
	if name = strings.TrimFunc(name, unicode.IsSpace); name == "" {
		return "untitled"
	}
	return name
}
