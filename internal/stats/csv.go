package stats

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// CSVHeader is the analysis CSV's header: one row per statement with a
// clauses and a characters column per band, then a "total" row, the shape
// a project manager pastes into a quote (a row per statement, the bands
// side by side as a memoQ or Trados analysis grid shows them).
var CSVHeader = func() []string {
	h := []string{"document_id", "date", "title", "clauses", "chinese_characters"}
	for _, b := range BandNames {
		h = append(h, b+"_clauses", b+"_characters")
	}
	return h
}()

// WriteCSV writes the analysis as CSV (RFC 4180, CRLF), starting with a
// UTF-8 byte order mark so that Excel shows the Chinese titles. Titles a
// spreadsheet would run as a formula get a leading apostrophe.
func WriteCSV(w io.Writer, a Analysis) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	row := func(id, date, title string, l Leverage) error {
		rec := []string{id, date, cell(title), strconv.Itoa(l.Clauses), strconv.Itoa(l.ChineseCharacters)}
		for b := Repetition; b <= NoMatch; b++ {
			t := l.Bands.Of(b)
			rec = append(rec, strconv.Itoa(t.Clauses), strconv.Itoa(t.ChineseCharacters))
		}
		return cw.Write(rec)
	}
	for _, d := range a.Documents {
		if err := row(strconv.FormatUint(uint64(d.ID), 10), d.Date, d.Title, d.Leverage); err != nil {
			return err
		}
	}
	if err := row("total", "", "", a.Total); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// cell keeps a title on one line and out of a spreadsheet's formulas.
func cell(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	if t := strings.TrimLeft(s, "'"); t != "" && strings.IndexByte("=+-@\t", t[0]) >= 0 {
		return "'" + s
	}
	return s
}
