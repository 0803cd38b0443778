package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where does a glued title begin?
//
// In the scraped form the text right before a date marker is the title,
// but lost line breaks glue it to whatever preceded it:
//
//	(a) …二0一一年六月十六日于莫斯科中华人民共和国和俄罗斯联邦关于…  previous signature date + place
//	(b) …不懈努力。中国和俄罗斯关于…                                  previous statement's last sentence
//	(c) 2011全面战略协作伙伴关系中国国家主席胡锦涛…                    page-section label before the first title
//
// (b) the title starts after the last clause terminator (the same rule as
// Clauses, so 。” and brackets are handled alike).
// (a) after the last 年月日 date followed by 于, the place name is a run of
// 2–6 Han characters; the shortest run followed by a typical title opening
// (titleOpenings, or any 中) wins; failing that, the longest run that the
// previous statement mentions as "在<place>"; failing that, two characters
// (most Chinese names of cities have two). A space after the run ends it. A
// date in Chinese numerals (二0一一年…) directly followed by a title
// opening, with no 于, also ends a signature.
// (c) only for the first title: a leading four-digit year and a label of at
// most maxLabelRunes Han characters, ending where a title opening begins.

// titleOpenings are common first words of Chinese statement titles.
var titleOpenings = []string{
	"中华人民共和国", "全国人民代表大会", "国务院", "中国", "中俄", "中方", "中共",
	"关于", "俄罗斯", "上海合作组织", "金砖国家",
}

const (
	minPlaceRunes = 2
	maxPlaceRunes = 6
	minLabelRunes = 2
	maxLabelRunes = 20
)

// titleStart returns the byte offsets, ascending, at which frag (the text
// run before a date marker) is cut; the last cut is where the title
// begins, earlier pieces belong to the previous statement. No cuts means
// the whole fragment is the title. context is the previous statement's
// body, used to recognise its place name.
func titleStart(frag string, first bool, context string) []int {
	var cuts []int
	start := 0
	if cl := appendSentences(nil, frag); len(cl) > 1 {
		start = len(frag) - len(cl[len(cl)-1].Text)
		cuts = append(cuts, start)
	}
	if i := afterSignatureDate(frag[start:], context+frag[:start]); i > 0 {
		cuts = append(cuts, start+i)
	} else if first {
		if i := afterYearLabel(frag[start:]); i > 0 {
			cuts = append(cuts, start+i)
		}
	}
	return cuts
}

// afterSignatureDate returns the offset in s just after a signature's
// date and place (case a), or 0.
func afterSignatureDate(s, context string) int {
	dates := findChineseDates(s)
	for k := len(dates) - 1; k >= 0; k-- {
		d := dates[k]
		rest := withSpace(s, d.end)
		if strings.HasPrefix(s[rest:], "于") {
			at := rest + len("于")
			if n := placeLen(s[at:], context); n > 0 {
				return withSpace(s, at+n)
			}
			continue
		}
		if r := firstRune(s[d.start:]); !isArabicDigit(r) && rest < len(s) && hasOpening(s[rest:]) {
			return rest // 二0一一年六月十六日中华人民共和国…
		}
	}
	return 0
}

// placeLen returns the byte length of the place name at the start of s,
// which runs straight into a title, or 0 if none can be told apart.
func placeLen(s, context string) int {
	// Candidate ends after 2..6 Han characters, leaving a title behind.
	var ends []int
	i := 0
	for n := 1; n <= maxPlaceRunes && i < len(s); n++ {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		i += w
		if n >= minPlaceRunes && i < len(s) {
			ends = append(ends, i)
		}
	}
	if len(ends) == 0 {
		return 0
	}
	if last := ends[len(ends)-1]; unicode.IsSpace(firstRune(s[last:])) {
		return last // a space after the place settles it
	}
	for _, e := range ends {
		if hasOpening(s[e:]) {
			return e
		}
	}
	for k := len(ends) - 1; k >= 0; k-- {
		if strings.Contains(context, "在"+s[:ends[k]]) {
			return ends[k]
		}
	}
	return ends[0]
}

// afterYearLabel returns the offset where the title starts after a leading
// four-digit year and section label (case c), or 0.
func afterYearLabel(frag string) int {
	if len(frag) < 4 || numeralLen(frag, func(r rune) bool { return r >= '0' && r <= '9' }, 4) != 4 {
		return 0
	}
	if r := firstRune(frag[4:]); !unicode.Is(unicode.Han, r) || r == '年' || r == '月' {
		return 0
	}
	var starts []int // candidate title starts after a label of 2+ runes
	i := 4
	for n := 1; n <= maxLabelRunes+1 && i < len(frag); n++ {
		r, w := utf8.DecodeRuneInString(frag[i:])
		if !unicode.Is(unicode.Han, r) {
			break
		}
		if n > minLabelRunes {
			starts = append(starts, i)
		}
		i += w
	}
	for _, p := range starts {
		if hasOpening(frag[p:]) {
			return p
		}
	}
	return 0
}

// hasOpening reports whether s starts with a typical title opening or,
// failing that, with 中 (China-side titles nearly always start with it).
func hasOpening(s string) bool {
	if strings.HasPrefix(s, "中") {
		return true
	}
	for _, o := range titleOpenings {
		if strings.HasPrefix(s, o) {
			return true
		}
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// The signature block
//
// A statement may end with its signatures: offices, names, （签字）, and
// the date and place of signing, each a short paragraph, sometimes glued
// (弗·弗·普京二○一五年五月八日于莫斯科). signatureStart takes the trailing run
// of at most maxSignatureParas paragraphs that are short (maxSignatureRunes)
// and carry no sentence or list punctuation and are not headings, and
// accepts it only if some paragraph in it holds a 年月日 date or 签字, and
// it is not the whole document.

const (
	maxSignatureRunes = 40
	maxSignatureParas = 12
)

// signatureStart returns the index of the first signature paragraph, or
// len(paras) when the document has no signature block.
func signatureStart(paras []string) int {
	start, marked := len(paras), false
	for i := len(paras) - 1; i >= 0 && len(paras)-i <= maxSignatureParas; i-- {
		p := paras[i]
		if !isSignatureLine(p) {
			break
		}
		if strings.Contains(p, "签字") || findChineseDates(p) != nil {
			marked = true
		}
		start = i
	}
	if !marked || start == 0 {
		return len(paras)
	}
	return start
}

func isSignatureLine(p string) bool {
	return utf8.RuneCountInString(p) <= maxSignatureRunes &&
		!strings.ContainsAny(p, "。！？；!?;，,：:、") &&
		headingLen(p) == 0
}

// signedAt returns the date and place of signing from the signature block:
// the last date in it, and the short Han text after that date (minus 于).
func signedAt(sig []string) (date, place string) {
	for i := len(sig) - 1; i >= 0; i-- {
		dates := findChineseDates(sig[i])
		if dates == nil {
			continue
		}
		d := dates[len(dates)-1]
		rest := strings.TrimFunc(sig[i][d.end:], unicode.IsSpace)
		rest = strings.TrimLeftFunc(strings.TrimPrefix(rest, "于"), unicode.IsSpace)
		if n := utf8.RuneCountInString(rest); n > 0 && n <= 10 && allHan(rest) {
			place = rest
		}
		return d.iso, place
	}
	return "", ""
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return false
		}
	}
	return true
}
