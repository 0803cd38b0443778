package docout

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
)

// Format is a way to write the English document; its name is the CLI's
// and the API's value.
type Format string

const (
	Text          Format = "text"
	HTML          Format = "html"
	DOCX          Format = "docx"
	BilingualDOCX Format = "bilingual-docx"
)

// Formats lists every format.
var Formats = []Format{Text, HTML, DOCX, BilingualDOCX}

// ParseFormat reads a format name; ok is false for any other.
func ParseFormat(s string) (Format, bool) {
	for _, f := range Formats {
		if string(f) == s {
			return f, true
		}
	}
	return "", false
}

const docxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

// ContentType is the format's media type.
func (f Format) ContentType() string {
	switch f {
	case Text:
		return "text/plain; charset=utf-8"
	case HTML:
		return "text/html; charset=utf-8"
	}
	return docxType
}

// FileSuffix ends a file name of the format: the language(s) and the
// extension.
func (f Format) FileSuffix() string {
	switch f {
	case Text:
		return "-en.txt"
	case HTML:
		return "-en.html"
	case BilingualDOCX:
		return "-zh-en.docx"
	}
	return "-en.docx"
}

// Write writes the statement in a format.
func Write(w io.Writer, f Format, s Statement) error {
	switch f {
	case Text:
		return WriteText(w, s)
	case HTML:
		return WriteHTML(w, s)
	case DOCX:
		return WriteDOCX(w, s)
	case BilingualDOCX:
		return WriteBilingualDOCX(w, s)
	}
	return fmt.Errorf("docout: unknown format %q", f)
}

// WriteText writes the English document as UTF-8 plain text: the title,
// the date, then the blocks with an empty line between them (the lines of
// the signature block together), drafts marked "[draft]".
func WriteText(w io.Writer, s Statement) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(oneLine(s.Title) + "\n")
	if s.DateText != "" {
		bw.WriteString(s.DateText + "\n")
	}
	prev := ""
	for _, b := range s.Blocks {
		if !(b.Kind == BlockSignature && prev == BlockSignature) {
			bw.WriteString("\n")
		}
		bw.WriteString(oneLine(s.Text(b)) + "\n")
		prev = b.Kind
	}
	return bw.Flush()
}

// oneLine keeps a block on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(clean(s)), " ")
}

// WriteHTML writes the English document as a complete HTML page: lang on
// the page and on every piece of Chinese, drafts highlighted with a note,
// every clause's piece carrying its id (data-clause).
func WriteHTML(w io.Writer, s Statement) error {
	bw := bufio.NewWriter(w)
	e := func(t string) string { return html.EscapeString(clean(t)) }
	fmt.Fprintf(bw, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n", e(s.Language), e(s.Title))
	bw.WriteString(`<style>
body { font-family: Georgia, "Times New Roman", "Noto Serif CJK SC", "Noto Sans CJK SC", serif; max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #111; }
h1 { font-size: 1.5em; line-height: 1.3; }
h2 { font-size: 1.15em; margin-top: 1.5em; }
.date { color: #444; }
.signature { margin-top: 2em; }
.signature p { margin: 0.2em 0; }
mark.draft { background: #fff3a0; }
mark.missing { background: #e4e4e4; }
.note { font-size: 0.8em; font-style: italic; color: #6b5900; }
.notice { border-left: 4px solid #d4b000; padding: 0.3em 0.8em; background: #fffbe0; }
</style>
</head>
<body>
<article>
`)
	fmt.Fprintf(bw, "<h1%s>%s</h1>\n", langAttr(s.TitleLang, s.Language), e(s.Title))
	if s.Date != "" {
		fmt.Fprintf(bw, "<p class=\"date\"><time datetime=\"%s\">%s</time></p>\n", e(s.Date), e(s.DateText))
	}
	if s.Drafts > 0 || s.Missing > 0 {
		fmt.Fprintf(bw, "<p class=\"notice\">%s</p>\n", e(notice(s)))
	}
	inSignature := false
	for _, b := range s.Blocks {
		if b.Kind == BlockSignature && !inSignature {
			bw.WriteString("<div class=\"signature\">\n")
			inSignature = true
		}
		tag := "p"
		if b.Kind == BlockHeading {
			tag = "h2"
		}
		fmt.Fprintf(bw, "<%s data-paragraph=\"%d\">", tag, b.Paragraph+1)
		for _, p := range b.Pieces {
			bw.WriteString(p.Lead)
			fmt.Fprintf(bw, "<span data-clause=\"%d\">", p.ClauseID)
			switch p.State {
			case Approved:
				bw.WriteString(e(p.English))
			case Draft:
				fmt.Fprintf(bw, "<mark class=\"draft\" title=\"%s\">%s</mark> <span class=\"note\">[draft]</span>", e("draft, not approved: "+p.Status), e(p.English))
			case Missing:
				what := "not approved"
				if s.AllStatuses {
					what = "untranslated"
				}
				fmt.Fprintf(bw, "<mark class=\"missing\"><span class=\"note\">[%s]</span> <span lang=\"zh-CN\">%s</span></mark>", what, e(p.Source))
			}
			bw.WriteString("</span>")
		}
		fmt.Fprintf(bw, "</%s>\n", tag)
	}
	if inSignature {
		bw.WriteString("</div>\n")
	}
	bw.WriteString("</article>\n</body>\n</html>\n")
	return bw.Flush()
}

func langAttr(lang, page string) string {
	if lang == page {
		return ""
	}
	return ` lang="` + html.EscapeString(lang) + `"`
}

// notice explains the marks of a document that has drafts or missing
// clauses.
func notice(s Statement) string {
	var parts []string
	if s.Drafts > 0 {
		parts = append(parts, fmt.Sprintf("%s highlighted and marked [draft] %s not been approved.", plural(s.Drafts, "clause"), hasHave(s.Drafts)))
	}
	if s.Missing > 0 {
		if s.AllStatuses {
			parts = append(parts, fmt.Sprintf("%s no English yet: the Chinese is shown, marked [untranslated].", plural(s.Missing, "clause")+" "+hasHave(s.Missing)))
		} else {
			parts = append(parts, fmt.Sprintf("%s no approved English: the Chinese is shown, marked [not approved].", plural(s.Missing, "clause")+" "+hasHave(s.Missing)))
		}
	}
	return strings.Join(parts, " ")
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func hasHave(n int) string {
	if n == 1 {
		return "has"
	}
	return "have"
}
