package exchange

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"html"
	"io"
	"iter"
	"strconv"
	"time"
)

// FindingLine is one row of the QA report: a finding (open or dismissed)
// with the clause it is about.
type FindingLine struct {
	DocumentID    uint
	DocumentTitle string
	Clause        int // the clause's number as the interface shows it, from 1
	ClauseID      uint
	Chinese       string
	English       string
	Kind          string
	Severity      string
	Message       string
	DismissedBy   string // "" while open
	DismissedWhy  string
	DismissedAt   time.Time
}

// findingsCSVHeader is the QA report's CSV column layout.
var findingsCSVHeader = []string{"document", "statement", "clause", "clause_id", "zh", "en", "kind", "severity", "message", "state", "dismissed_by", "dismissed_reason", "dismissed_at"}

// WriteFindingsCSV streams the QA report as RFC 4180 CSV (UTF-8, CRLF,
// cells made safe for spreadsheets as in WriteCSV); with bom it starts
// with a UTF-8 byte order mark for Excel. The clause column counts from 1,
// as the interface does. n counts the rows after the header.
func WriteFindingsCSV(w io.Writer, bom bool, lines iter.Seq2[FindingLine, error]) (n int, err error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(findingsCSVHeader); err != nil {
		return 0, err
	}
	rec := make([]string, len(findingsCSVHeader))
	for l, err := range lines {
		if err != nil {
			cw.Flush()
			return n, err
		}
		rec[0] = strconv.FormatUint(uint64(l.DocumentID), 10)
		rec[1] = csvCell(l.DocumentTitle)
		rec[2] = strconv.Itoa(l.Clause)
		rec[3] = strconv.FormatUint(uint64(l.ClauseID), 10)
		rec[4] = csvCell(l.Chinese)
		rec[5] = csvCell(l.English)
		rec[6] = csvCell(l.Kind)
		rec[7] = csvCell(l.Severity)
		rec[8] = csvCell(l.Message)
		rec[9], rec[10], rec[11], rec[12] = "open", "", "", ""
		if l.DismissedBy != "" {
			rec[9], rec[10], rec[11] = "dismissed", csvCell(l.DismissedBy), csvCell(l.DismissedWhy)
			if !l.DismissedAt.IsZero() {
				rec[12] = l.DismissedAt.UTC().Format(time.RFC3339)
			}
		}
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// ReportLabels are the QA report's words, in the language it is written
// in (the English ones by default).
type ReportLabels struct {
	Title, Generated, Statement, Clause, Chinese, English, Kind, Message, State, Dismissed, Open, By, Total, None string
}

// EnglishReportLabels are the QA report's words in English.
var EnglishReportLabels = ReportLabels{Title: "QA report", Generated: "Generated", Statement: "Statement", Clause: "Clause",
	Chinese: "Chinese", English: "English", Kind: "Kind", Message: "Finding", State: "Open or dismissed", Dismissed: "Dismissed", Open: "open", By: "by",
	Total: "%d findings: %d open, %d dismissed", None: "No findings."}

// WriteFindingsHTML streams the QA report as one complete, printable HTML
// document: a section and a table per statement (the header row repeats
// on every printed page), every text escaped, totals at the end. scope
// names what the report covers (a statement's title, or the corpus).
func WriteFindingsHTML(w io.Writer, scope string, generated time.Time, lb ReportLabels, lines iter.Seq2[FindingLine, error]) (n int, err error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	e := func(s string) string { return html.EscapeString(xmlSafe(s)) }
	fmt.Fprintf(bw, `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>%s — %s</title>
<style>
body { font: 11pt/1.4 system-ui, "Noto Sans", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; margin: 0 0 .2em; }
h2 { font-size: 1.15em; margin: 1.6em 0 .4em; break-after: avoid; }
p.meta { color: #555; margin: 0 0 1em; }
table { border-collapse: collapse; width: 100%%; }
th, td { border: 1px solid #bbb; padding: .3em .45em; text-align: left; vertical-align: top; }
th { background: #eee; }
td.n { text-align: right; white-space: nowrap; }
td.zh { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; }
tr.dismissed td { color: #666; background: #f7f7f7; }
.state { white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
@media print { body { margin: 0; font-size: 9pt; } @page { size: A4 landscape; margin: 12mm; } }
</style>
</head>
<body>
<h1>%s — %s</h1>
<p class="meta">%s %s</p>
`, e(lb.Title), e(scope), e(lb.Title), e(scope), e(lb.Generated), generated.UTC().Format("2006-01-02 15:04 UTC"))
	doc, open, dismissed := uint(0), 0, 0
	head := fmt.Sprintf("<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		e(lb.Clause), e(lb.Chinese), e(lb.English), e(lb.Kind), e(lb.Message), e(lb.State))
	for l, err := range lines {
		if err != nil {
			bw.Flush()
			return n, err
		}
		if n == 0 || l.DocumentID != doc {
			if n > 0 {
				bw.WriteString("</tbody>\n</table>\n</section>\n")
			}
			doc = l.DocumentID
			fmt.Fprintf(bw, "<section>\n<h2>%s %d: %s</h2>\n%s", e(lb.Statement), l.DocumentID, e(l.DocumentTitle), head)
		}
		state := e(lb.Open)
		class := ""
		if l.DismissedBy != "" {
			class = ` class="dismissed"`
			state = e(lb.Dismissed) + " " + e(lb.By) + " " + e(l.DismissedBy)
			if !l.DismissedAt.IsZero() {
				state += ", " + l.DismissedAt.UTC().Format(time.DateOnly)
			}
			if l.DismissedWhy != "" {
				state += ": " + e(l.DismissedWhy)
			}
			dismissed++
		} else {
			open++
		}
		_, err = fmt.Fprintf(bw, "<tr%s><td class=\"n\">%d</td><td class=\"zh\" lang=\"zh-CN\">%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"state\">%s</td></tr>\n",
			class, l.Clause, e(l.Chinese), e(l.English), e(l.Kind), e(l.Message), state)
		if err != nil {
			return n, err
		}
		n++
	}
	if n > 0 {
		bw.WriteString("</tbody>\n</table>\n</section>\n")
		fmt.Fprintf(bw, "<p class=\"meta\">%s</p>\n", e(fmt.Sprintf(lb.Total, n, open, dismissed)))
	} else {
		fmt.Fprintf(bw, "<p>%s</p>\n", e(lb.None))
	}
	bw.WriteString("</body>\n</html>\n")
	return n, bw.Flush()
}
