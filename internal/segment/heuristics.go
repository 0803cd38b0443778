package segment

import (
	"slices"
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
// (a) after the last 年月日 date followed by 于 come the places of signing:
// one or more runs of 2–6 Han characters joined by 、 和 与 及 (于莫斯科和北京);
// see placeLen for which reading wins. A title never begins with a
// conjunction or punctuation (badTitleStart): such a cut would leave a
// place of signing in the title. A
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

// placeLen returns the byte length of the place or places of signing at
// the start of s (莫斯科, 莫斯科和北京, 莫斯科、北京), which run straight
// into a title, or 0 if none can be told apart. Candidates are lists of
// 1..maxPlaces places of 2..6 Han characters joined by a separator
// (placeSeparator); one that would leave a title beginning with a
// conjunction or punctuation (badTitleStart) is never taken. Of the rest:
// the one followed by a space; else the shortest followed by a title
// opening; else the longest whose places the previous statement mentions
// ("在<place>"); else the longest made of known places of signing; else
// the shortest.
func placeLen(s, context string) int {
	cands := placeCandidates(s)
	var ok []placeCandidate
	for _, c := range cands {
		if !badTitleStart(s[c.end:]) {
			ok = append(ok, c)
		}
	}
	if len(ok) == 0 {
		return 0
	}
	for _, c := range ok {
		if unicode.IsSpace(firstRune(s[c.end:])) {
			return c.end // a space after the place settles it
		}
	}
	for _, c := range ok {
		if hasOpening(s[c.end:]) {
			return c.end
		}
	}
	for k := len(ok) - 1; k >= 0; k-- {
		if inContext(ok[k].places, context) {
			return ok[k].end
		}
	}
	for k := len(ok) - 1; k >= 0; k-- {
		if allKnown(ok[k].places) {
			return ok[k].end
		}
	}
	return ok[0].end
}

// maxPlaces bounds how many places one signature names.
const maxPlaces = 4

// placeCandidate is a possible end of the places of signing at the start
// of a text, and the places up to it.
type placeCandidate struct {
	end    int
	places []string
}

// placeCandidates returns every way the start of s can be read as a list
// of places, by ascending end. A candidate must leave some text after it
// (the title). A place does not contain a conjunction after its first
// character: 莫斯科和北京 is two places, 和田 one.
func placeCandidates(s string) []placeCandidate {
	var out []placeCandidate
	var walk func(i int, places []string)
	walk = func(i int, places []string) {
		j := i
		for n := 1; n <= maxPlaceRunes && j < len(s); n++ {
			r, w := utf8.DecodeRuneInString(s[j:])
			if !unicode.Is(unicode.Han, r) || n > 1 && placeSeparator(s[j:]) > 0 {
				break
			}
			j += w
			if n < minPlaceRunes || j >= len(s) {
				continue
			}
			list := append(places[:len(places):len(places)], s[i:j])
			out = append(out, placeCandidate{j, list})
			if sep := placeSeparator(s[j:]); sep > 0 && len(list) < maxPlaces {
				walk(j+sep, list)
			}
		}
	}
	walk(0, nil)
	slices.SortStableFunc(out, func(a, b placeCandidate) int { return a.end - b.end })
	return slices.CompactFunc(out, func(a, b placeCandidate) bool { return a.end == b.end })
}

// placeSeparator returns the byte length of a separator between two places
// of signing at the start of s (、 和 与 及), or 0. 和平, 和谐 and 和睦 begin
// words, not a second place.
func placeSeparator(s string) int {
	for _, sep := range []string{"、", "，", "和", "与", "及"} {
		if strings.HasPrefix(s, sep) && !startsWord(s) {
			return len(sep)
		}
	}
	return 0
}

// conjunctionWords are words that begin with a conjunction's character but
// may begin a title.
var conjunctionWords = []string{"和平", "和谐", "和睦", "与会", "及时", "并肩", "而今"}

func startsWord(s string) bool {
	for _, w := range conjunctionWords {
		if strings.HasPrefix(s, w) {
			return true
		}
	}
	return false
}

// badTitleStart reports whether a title cannot begin s: a title never
// begins with punctuation or a conjunction (和 与 及 并 而 或 以及), which
// is the tail of a list of places cut too early.
func badTitleStart(s string) bool {
	r := firstRune(s)
	if s == "" || unicode.IsPunct(r) || unicode.IsSymbol(r) {
		return true
	}
	if startsWord(s) {
		return false
	}
	for _, c := range []string{"和", "与", "及", "并", "而", "或", "以及"} {
		if strings.HasPrefix(s, c) {
			return true
		}
	}
	return false
}

// inContext reports whether the previous statement mentions the places:
// the first as "在<place>", every one somewhere.
func inContext(places []string, context string) bool {
	if !strings.Contains(context, "在"+places[0]) {
		return false
	}
	for _, p := range places[1:] {
		if !strings.Contains(context, p) {
			return false
		}
	}
	return true
}

// knownPlaces are cities where statements of this kind are often signed,
// and whose names are not two characters long or run into a title.
var knownPlaces = map[string]bool{
	"北京": true, "上海": true, "天津": true, "重庆": true, "广州": true, "深圳": true, "杭州": true,
	"南京": true, "西安": true, "青岛": true, "大连": true, "厦门": true, "三亚": true, "武汉": true,
	"成都": true, "昆明": true, "哈尔滨": true, "乌鲁木齐": true,
	"莫斯科": true, "圣彼得堡": true, "喀山": true, "索契": true, "乌法": true, "叶卡捷琳堡": true,
	"符拉迪沃斯托克": true, "新西伯利亚": true, "明斯克": true, "阿斯塔纳": true, "阿拉木图": true,
	"比什凯克": true, "杜尚别": true, "塔什干": true, "撒马尔罕": true, "阿什哈巴德": true,
	"乌兰巴托": true, "新德里": true, "伊斯兰堡": true, "德黑兰": true, "安卡拉": true,
	"巴西利亚": true, "约翰内斯堡": true, "德班": true, "开普敦": true, "华盛顿": true, "纽约": true,
	"日内瓦": true, "伦敦": true, "巴黎": true, "柏林": true, "东京": true, "首尔": true, "平壤": true,
	"河内": true, "雅加达": true,
}

func allKnown(places []string) bool {
	for _, p := range places {
		if !knownPlaces[p] {
			return false
		}
	}
	return true
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
	if utf8.RuneCountInString(p) > maxSignatureRunes || headingLen(p) != 0 {
		return false
	}
	// The places after the date may be a list: …于莫斯科、北京.
	if dates := findChineseDates(p); dates != nil {
		if d := dates[len(dates)-1]; signedPlaces(p[d.end:]) != nil {
			p = p[:d.end]
		}
	}
	return !strings.ContainsAny(p, "。！？；!?;，,：:、")
}

// signedAt returns the date and place of signing from the signature block:
// the last date in it, and the places after that date (minus 于), joined
// with 、 whatever the signature joins them with (莫斯科和北京 and
// 莫斯科、北京 are both "莫斯科、北京").
func signedAt(sig []string) (date, place string) {
	for i := len(sig) - 1; i >= 0; i-- {
		dates := findChineseDates(sig[i])
		if dates == nil {
			continue
		}
		d := dates[len(dates)-1]
		return d.iso, strings.Join(signedPlaces(sig[i][d.end:]), "、")
	}
	return "", ""
}

// maxPlaceListRunes bounds the text after a signature's date that is read
// as its places.
const maxPlaceListRunes = 30

// signedPlaces reads the text after a signature's date: an optional 于 and
// one or more places of Han characters (· allowed) separated by 、 ， 和 与
// or 及. A conjunction separates only places of two characters or more on
// both sides. nil if the text is anything else.
func signedPlaces(rest string) []string {
	rest = strings.TrimFunc(rest, unicode.IsSpace)
	rest = strings.TrimLeftFunc(strings.TrimPrefix(rest, "于"), unicode.IsSpace)
	if rest == "" || utf8.RuneCountInString(rest) > maxPlaceListRunes {
		return nil
	}
	var places []string
	start := 0
	for i := 0; i < len(rest); {
		r, w := utf8.DecodeRuneInString(rest[i:])
		if r == '、' || r == '，' {
			places = append(places, rest[start:i])
			start = i + w
		} else if n := placeSeparator(rest[i:]); n > 0 && utf8.RuneCountInString(rest[start:i]) >= minPlaceRunes &&
			utf8.RuneCountInString(rest[i+n:]) >= minPlaceRunes {
			places = append(places, rest[start:i])
			start = i + n
			w = n
		}
		i += w
	}
	places = append(places, rest[start:])
	for k, p := range places {
		p = strings.TrimFunc(p, unicode.IsSpace)
		if n := utf8.RuneCountInString(p); n == 0 || n > 10 || !allHan(p) {
			return nil
		}
		places[k] = p
	}
	return places
}

func allHan(s string) bool {
	for _, r := range s {
		if !unicode.Is(unicode.Han, r) && r != '·' {
			return false
		}
	}
	return true
}
