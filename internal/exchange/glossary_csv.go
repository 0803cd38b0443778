package exchange

import (
	"encoding/csv"
	"fmt"
	"io"
	"iter"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
)

// glossaryCSVHeader is WriteGlossaryCSV's column layout, which
// ReadGlossaryCSV reads back by name.
var glossaryCSVHeader = []string{"zh", "en", "variants", "forbidden", "pos", "note", "status", "case_sensitive"}

// listSep separates the items of the variants and forbidden cells. Inside an
// item, a literal | is written \| (see escapeItem).
const listSep = '|'

// WriteGlossaryCSV streams glossary entries as RFC 4180 CSV: UTF-8 (with a
// byte order mark when bom, for Excel), CRLF record ends, the header
// zh,en,variants,forbidden,pos,note,status,case_sensitive and one row per
// entry. Variants and forbidden renderings share a cell each, separated by
// "|"; a "|" inside a rendering is written "\|" and a backslash before "|",
// before another backslash or at the end of a rendering is doubled, so that
// ReadGlossaryCSV splits the cell exactly as it was. case_sensitive is "true"
// or "false". IDs are not written: entries are matched by their zh term.
//
// Text is cleaned as ReadGlossaryCSV would read it: characters XML cannot
// carry are dropped, CR becomes LF, and the ends of every text are trimmed;
// empty renderings are left out of their lists. Entries whose zh or en is
// then empty are skipped, since ReadGlossaryCSV refuses such rows; n counts
// the rows written after the header. Formula-like cells get the apostrophe
// prefix described at csvCell, which ReadGlossaryCSV removes. An error from
// the iterator stops the export and is returned as is.
func WriteGlossaryCSV(w io.Writer, bom bool, entries iter.Seq2[glossary.Entry, error]) (n int, err error) {
	if bom {
		if _, err := io.WriteString(w, "\uFEFF"); err != nil {
			return 0, err
		}
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(glossaryCSVHeader); err != nil {
		return 0, err
	}
	rec := make([]string, len(glossaryCSVHeader))
	var sb strings.Builder
	for e, err := range entries {
		if err != nil {
			return n, err
		}
		zh, en := cleanText(e.ZH), cleanText(e.EN)
		if zh == "" || en == "" {
			continue
		}
		rec[0] = csvCell(zh)
		rec[1] = csvCell(en)
		rec[2] = csvCell(joinItems(&sb, e.Variants))
		rec[3] = csvCell(joinItems(&sb, e.Forbidden))
		rec[4] = csvCell(cleanText(e.POS))
		rec[5] = csvCell(cleanText(e.Note))
		rec[6] = csvCell(cleanText(e.Status))
		rec[7] = "false"
		if e.CaseSensitive {
			rec[7] = "true"
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

// cleanText is text as the glossary importers read it: without characters
// XML cannot carry, with CR and CRLF as LF, and trimmed.
func cleanText(s string) string {
	s = xmlSafe(s)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// joinItems joins the cleaned, non-empty items with listSep, escaping each.
func joinItems(sb *strings.Builder, items []string) string {
	sb.Reset()
	for _, item := range items {
		item = cleanText(item)
		if item == "" {
			continue
		}
		if sb.Len() > 0 {
			sb.WriteByte(listSep)
		}
		escapeItem(sb, item)
	}
	return sb.String()
}

// escapeItem writes item so that splitItems reads it back whole: "|" becomes
// "\|", and a backslash is doubled where splitItems would otherwise take it
// for an escape, that is before "|" or "\" and at the end of the item. Other
// backslashes (a\b) are written as they are and read back as they are.
func escapeItem(sb *strings.Builder, item string) {
	for i := 0; i < len(item); i++ {
		switch c := item[i]; {
		case c == listSep:
			sb.WriteString(`\|`)
		case c == '\\' && (i+1 == len(item) || item[i+1] == '\\' || item[i+1] == listSep):
			sb.WriteString(`\\`)
		default:
			sb.WriteByte(c)
		}
	}
}

// splitItems splits a list cell at every "|" not escaped as "\|", turns
// "\|" and "\\" into "|" and "\" (any other backslash stays), trims the
// items and drops empty ones. It returns nil for an empty list.
func splitItems(cell string) []string {
	var items []string
	var cur strings.Builder
	flush := func() {
		if s := strings.TrimSpace(cur.String()); s != "" {
			items = append(items, s)
		}
		cur.Reset()
	}
	for i := 0; i < len(cell); i++ {
		c := cell[i]
		switch {
		case c == '\\' && i+1 < len(cell) && (cell[i+1] == '\\' || cell[i+1] == listSep):
			i++
			cur.WriteByte(cell[i])
		case c == listSep:
			flush()
		default:
			cur.WriteByte(c)
		}
	}
	flush()
	return items
}

// glossaryColumns are the columns ReadGlossaryCSV knows, in the order of the
// glossaryCol constants.
var glossaryColumns = []columnSpec{
	{name: "zh", lang: true}, {name: "en", lang: true},
	{name: "variants"}, {name: "forbidden"}, {name: "pos"}, {name: "note"}, {name: "status"}, {name: "case_sensitive"},
}

const (
	colZH = iota
	colEN
	colVariants
	colForbidden
	colPOS
	colNote
	colStatus
	colCaseSensitive
)

// ReadGlossaryCSV reads glossary entries from a CSV whose header row names
// its columns: zh and en are required; variants, forbidden, pos, note,
// status and case_sensitive are optional. Names are matched
// case-insensitively and in any order ("-" or a space may stand for "_", and
// zh/en may carry a region such as zh-CN); other columns are ignored. Every
// cell is trimmed and the apostrophe WriteGlossaryCSV puts before
// formula-like text is removed. The variants and forbidden cells are lists
// separated by "|" ("\|" is a literal "|", "\\" a backslash), whose items are
// trimmed and whose empty items are dropped; an empty list is nil.
//
// An empty or missing status means "approved": a glossary file is normally a
// reviewed term list handed in by whoever keeps it, and entries that should
// wait for review can say "proposed". Status is case-insensitive.
// case_sensitive accepts true/false, yes/no, 1/0 and empty (false).
// Entries come back with ID 0, in file order.
//
// It is all-or-nothing: the first problem is returned as a *LineError and no
// entries are returned. Beyond the problems ReadTranslationsCSV reports (not
// UTF-8, ragged rows, bad quoting, characters XML cannot carry, mojibake, no
// zh or en column) these are: an empty zh or en cell, an unknown status or
// case_sensitive value, and a zh term already given on an earlier line
// (compared as glossary.Normalize keys, so full-width and half-width
// spellings count as the same term).
func ReadGlossaryCSV(r io.Reader) ([]glossary.Entry, error) {
	var pos []int
	var entries []glossary.Entry
	type first struct {
		line int
		zh   string
	}
	seen := make(map[string]first) // normalised zh → where it was first
	err := readCSV(r,
		func(header []string, line int) (err error) {
			pos, err = locateColumns(header, line, glossaryColumns)
			return err
		},
		func(rec []string, line int) error {
			e, err := glossaryRow(rec, line, pos)
			if err != nil {
				return err
			}
			key := glossary.Normalize(e.ZH)
			if f, dup := seen[key]; dup {
				as := ""
				if f.zh != e.ZH {
					as = fmt.Sprintf(" (as %q)", clip(f.zh))
				}
				return &LineError{Line: line, Msg: fmt.Sprintf("zh term %q is already on line %d%s: give each term one row, with all its renderings", clip(e.ZH), f.line, as)}
			}
			seen[key] = first{line, e.ZH}
			entries = append(entries, e)
			return nil
		})
	if err != nil {
		return nil, err
	}
	return entries, nil
}

// glossaryRow reads one data row; pos locates glossaryColumns.
func glossaryRow(rec []string, line int, pos []int) (glossary.Entry, error) {
	var cells [colCaseSensitive + 1]string
	for i, p := range pos {
		if p < 0 {
			continue
		}
		if err := checkCell(glossaryColumns[i].name, rec[p], line); err != nil {
			return glossary.Entry{}, err
		}
		cells[i] = unneutralise(strings.TrimSpace(rec[p]))
	}
	e := glossary.Entry{
		ZH:        strings.TrimSpace(cells[colZH]),
		EN:        strings.TrimSpace(cells[colEN]),
		Variants:  splitItems(cells[colVariants]),
		Forbidden: splitItems(cells[colForbidden]),
		POS:       strings.TrimSpace(cells[colPOS]),
		Note:      strings.TrimSpace(cells[colNote]),
		Status:    strings.ToLower(strings.TrimSpace(cells[colStatus])),
	}
	if e.ZH == "" {
		return e, &LineError{Line: line, Msg: "zh cell is empty"}
	}
	if e.EN == "" {
		return e, &LineError{Line: line, Msg: "en cell is empty: every term needs its approved English"}
	}
	if e.Status == "" {
		e.Status = glossary.StatusApproved
	}
	if !glossary.ValidStatus(e.Status) {
		return e, &LineError{Line: line, Msg: fmt.Sprintf("status %q is not one of %s, %s, %s",
			clip(cells[colStatus]), glossary.StatusProposed, glossary.StatusApproved, glossary.StatusDeprecated)}
	}
	cs, ok := parseBool(cells[colCaseSensitive])
	if !ok {
		return e, &LineError{Line: line, Msg: fmt.Sprintf("case_sensitive %q is not true or false (yes/no, 1/0 and empty also do)", clip(cells[colCaseSensitive]))}
	}
	e.CaseSensitive = cs
	return e, nil
}

// parseBool reads a yes/no cell: true/false, yes/no, 1/0 in any case, empty
// for false.
func parseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "1":
		return true, true
	case "false", "no", "0", "":
		return false, true
	}
	return false, false
}
