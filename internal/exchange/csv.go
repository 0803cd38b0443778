package exchange

import (
	"bufio"
	"encoding/csv"
	"io"
	"iter"
	"strconv"
	"strings"
)

// csvHeader is WriteCSV's column layout. ReadTranslationsCSV finds zh, en and
// clause_id by name, so an exported file can be edited and imported again.
// clause_number counts from 1, as the interface does.
var csvHeader = []string{"document", "clause_id", "clause_number", "zh", "en", "status", "updated_by", "updated_at"}

// WriteCSV streams units as RFC 4180 CSV: UTF-8, CRLF record ends, the
// header in csvHeader, one row per unit (untranslated ones included, with an
// empty en cell) and updated_at in RFC 3339 UTC with microseconds
// (2006-01-02T15:04:05.000000Z, see exportTimeLayout; empty when unknown),
// which ReadTranslationsCSV reads back so that an import can tell whether
// the clause changed in Zhen after the export. With
// bom it starts with a UTF-8 byte order mark, which Excel needs to show
// Chinese. n counts the rows written after the header.
//
// Text cells are made safe for spreadsheets, see csvCell: a cell that a
// spreadsheet would run as a formula is prefixed with an apostrophe (OWASP
// "CSV injection"), and ReadTranslationsCSV removes that prefix again.
func WriteCSV(w io.Writer, bom bool, units iter.Seq2[Unit, error]) (n int, err error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	// A 64 KiB buffer (csv.Writer's own is 4 KiB, which csv.NewWriter keeps
	// when given a larger bufio.Writer): a sixteenth of the write calls.
	cw := csv.NewWriter(bufio.NewWriterSize(w, 64<<10))
	cw.UseCRLF = true
	if err := cw.Write(csvHeader); err != nil {
		return 0, err
	}
	rec := make([]string, len(csvHeader))
	for u, err := range units {
		if err != nil {
			return n, err
		}
		rec[0] = csvCell(u.DocumentTitle)
		rec[1] = strconv.FormatUint(uint64(u.ClauseID), 10)
		rec[2] = strconv.Itoa(u.Number())
		rec[3] = csvCell(u.Source)
		rec[4] = csvCell(u.Target)
		rec[5] = csvCell(u.Status)
		rec[6] = csvCell(u.UpdatedBy)
		rec[7] = ""
		if !u.UpdatedAt.IsZero() {
			rec[7] = u.UpdatedAt.UTC().Format(exportTimeLayout)
		}
		// csv.Writer buffers, and its write errors are sticky: Write
		// reports a failed destination on the following rows.
		if err := cw.Write(rec); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	return n, cw.Error()
}

// exportTimeLayout is how CSV and XLIFF exports write a clause's update
// time: RFC 3339 in UTC with exactly six fractional digits. Microseconds are
// what PostgreSQL keeps, so a time read back compares equal to the stored
// one at that precision, and fixed width keeps the column tidy.
const exportTimeLayout = "2006-01-02T15:04:05.000000Z07:00"

// csvCell prepares text for a CSV cell:
//   - characters XML cannot carry are dropped, as in TMX, so that every
//     export can be imported again (ReadTranslationsCSV refuses them);
//   - CR and CRLF become LF: with UseCRLF, encoding/csv writes line breaks
//     inside cells as CRLF and silently drops a bare CR, and its reader turns
//     CRLF back into LF; normalising first keeps round trips exact;
//   - formula-like text gets a leading apostrophe (see formulaLike).
func csvCell(s string) string {
	s = xmlSafe(s)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	if formulaLike(s) {
		return "'" + s
	}
	return s
}

// formulaLike reports whether a spreadsheet could run s as a formula once
// leading apostrophes are removed: it starts with = + - @ tab or CR (the
// OWASP list), or LF, which encoding/csv writes as CRLF.
//
// Looking past apostrophes makes the export prefix reversible: =1 is written
// as '=1, and text that already reads '=1 gets a second apostrophe; removing
// one apostrophe from a cell for which formulaLike(cell[1:]) holds restores
// either exactly.
func formulaLike(s string) bool {
	s = strings.TrimLeft(s, "'")
	return s != "" && strings.IndexByte("=+-@\t\r\n", s[0]) >= 0
}

// unneutralise undoes csvCell's formula prefix.
func unneutralise(s string) string {
	if strings.HasPrefix(s, "'") && formulaLike(s[1:]) {
		return s[1:]
	}
	return s
}
