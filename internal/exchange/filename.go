package exchange

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxTitleRunes caps the title part of an export's file name: 60 Chinese
// characters are 180 bytes, which with the date and the extension stays
// under the 255 bytes most file systems allow in a name.
const MaxTitleRunes = 60

// FileName is the name of one statement's export: its date and a short
// title, "2013-03-23 合作共赢、深化全面战略协作伙伴关系.tmx" (see ShortTitle), and
// an ASCII name for clients that cannot take the other,
// "2013-03-23-statement-4.tmx". ext has its dot. Without a date the name is
// the title alone; without a usable title, "statement-ID".
func FileName(id uint, date, title, ext string) (name, ascii string) {
	short := ShortTitle(title)
	fallback := "statement-" + strconv.FormatUint(uint64(id), 10)
	date = safeName(date)
	if short == "" {
		short = fallback
	}
	name, ascii = short, fallback
	if date != "" {
		name, ascii = date+" "+short, date+"-"+fallback
	}
	return name + ext, ascii + ext
}

// CorpusFileName is the name of an export of the whole corpus, or of the
// glossary: what ("corpus", "glossary") and the day, "zhen-corpus-2026-12-06.tmx".
func CorpusFileName(what string, day time.Time, ext string) string {
	return "zhen-" + what + "-" + day.Format("2006-01-02") + ext
}

// ShortTitle is a statement title made short and safe for a file name:
// the subject after 关于 ("…关于合作共赢、深化全面战略协作伙伴关系的联合声明" gives
// "合作共赢、深化全面战略协作伙伴关系"), without the kind of document at its end
// (的联合声明, 联合公报 …) or a "（全文）" (full text), without characters a file system or a shell
// treats specially (path separators, control characters, < > : " | ? *),
// whitespace collapsed, no leading or trailing dots or spaces, and at most
// MaxTitleRunes characters.
func ShortTitle(title string) string {
	t := safeName(title)
	if _, after, ok := strings.Cut(t, "关于"); ok && strings.TrimSpace(after) != "" {
		t = after
	}
	for _, full := range []string{"（全文）", "(全文)"} {
		t = strings.TrimSpace(strings.TrimSuffix(t, full))
	}
	for _, kind := range titleKinds {
		if rest, ok := strings.CutSuffix(t, kind); ok && strings.TrimSpace(rest) != "" {
			t = rest
			break
		}
	}
	t = strings.Trim(t, " .")
	if utf8.RuneCountInString(t) > MaxTitleRunes {
		r := []rune(t)[:MaxTitleRunes]
		t = strings.TrimRightFunc(string(r), func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) || r == '.' })
	}
	return t
}

// titleKinds are the kinds of document a title ends with, longest first.
var titleKinds = []string{"的联合声明", "的联合公报", "的联合宣言", "的联合新闻公报", "联合声明", "联合公报", "联合宣言", "的声明"}

// safeName keeps of s what is safe in a file name on Linux, macOS and
// Windows: no control or format characters, no path separators or the
// characters Windows refuses (replaced by a space), whitespace collapsed to
// single spaces, no leading or trailing spaces and dots.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\<>:"|?*`, r), unicode.IsSpace(r):
			return ' '
		case r == utf8.RuneError, unicode.IsControl(r), unicode.Is(unicode.Cf, r), !isXMLChar(r):
			return -1
		}
		return r
	}, strings.ToValidUTF8(s, ""))
	return strings.Trim(strings.Join(strings.Fields(s), " "), " .")
}
