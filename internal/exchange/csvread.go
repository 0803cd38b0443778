package exchange

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Pair is a zh/en pair read from a translations CSV (ReadTranslationsCSV)
// or an XLIFF file (ReadXLIFF). The fields that tell whether a clause changed
// in Zhen after the export are UpdatedAt (CSV and XLIFF) and Version (XLIFF).
type Pair struct {
	Line     int  // CSV: line on which the row starts (the header is usually line 1); XLIFF: line of the <trans-unit>
	ClauseID uint // 0 if there is no clause_id column or its cell is empty (XLIFF: always set)
	Source   string
	Target   string // may be empty: the row carries no translation

	Status    string    // CSV: the status cell as exported (draft, approved …), "" without a status column; XLIFF: ""
	UpdatedAt time.Time // the clause's update time at export (UTC, microseconds); zero when the file has none
	Version   int       // XLIFF: the clause version at export; 0 when absent (and always for CSV)
	State     string    // XLIFF: the <target> state attribute as the file has it ("" when none); CSV: ""
}

// LineError is a problem found at a line of an imported file.
type LineError struct {
	Line int
	Msg  string
	Err  error // the underlying error, such as a *csv.ParseError; may be nil
}

func (e *LineError) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

func (e *LineError) Unwrap() error { return e.Err }

// ReadTranslationsCSV reads zh/en pairs from a CSV whose header row names at
// least a zh and an en column. Columns are found by name, case-insensitively
// and in any order; language-tagged names such as zh-CN or en_US count too,
// optional clause_id, status and updated_at columns (as WriteCSV writes
// them) fill Pair.ClauseID, Status and UpdatedAt, and other columns are
// ignored. updated_at must be RFC 3339 (WriteCSV writes microseconds; any
// fraction, or none, is accepted) and comes back in UTC; an empty cell
// leaves UpdatedAt zero. A leading UTF-8 BOM is skipped, rows whose cells are all empty
// (spreadsheets leave them) are skipped, and the apostrophe WriteCSV puts
// before formula-like text is removed.
//
// It is all-or-nothing: the first problem is returned as a *LineError (not
// UTF-8, no zh or en column, ragged row, bad quoting, empty zh cell,
// characters XML cannot carry, double-encoded "mojibake" text, bad
// clause_id, bad updated_at) and no pairs are returned. Other errors come from r.
func ReadTranslationsCSV(r io.Reader) ([]Pair, error) {
	pairs, _, err := ReadTranslationsCSVLang(r)
	return pairs, err
}

// ReadTranslationsCSVLang is ReadTranslationsCSV that also gives the name
// of the en column as the header has it (en, en-US, en_GB …): the English
// the file names.
func ReadTranslationsCSVLang(r io.Reader) ([]Pair, string, error) {
	var cols columns
	var pairs []Pair
	var lang string
	err := readCSV(r,
		func(header []string, line int) (err error) {
			cols, err = findColumns(header, line)
			if err == nil {
				lang = strings.TrimSpace(header[cols.en])
			}
			return err
		},
		func(rec []string, line int) error {
			p, err := cols.pair(rec, line)
			if err != nil {
				return err
			}
			pairs = append(pairs, p)
			return nil
		})
	if err != nil {
		return nil, "", err
	}
	return pairs, lang, nil
}

// readCSV drives an import of a CSV file with a header row, for
// ReadTranslationsCSV and ReadGlossaryCSV. It skips a leading UTF-8 BOM,
// hands the header to header, and every later row that is not blank to row,
// with the line on which it starts. Before that it reports, as a
// *LineError, an empty file, cells that are not UTF-8, bad quoting and rows
// whose width differs from the header's. The callbacks may keep the strings
// of rec but not rec itself. The first error stops the import.
func readCSV(r io.Reader, header, row func(rec []string, line int) error) error {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true // every cell is copied into a string anyway
	// FieldsPerRecord stays 0: every row must be as wide as the header.

	head, err := cr.Read()
	if err == io.EOF {
		return &LineError{Line: 1, Msg: "empty file: expected a header row naming a zh and an en column"}
	}
	if err != nil {
		return csvParseError(err, len(head), len(head))
	}
	if err := checkUTF8(cr, head); err != nil {
		return err
	}
	width := len(head)
	line, _ := cr.FieldPos(0)
	if err := header(head, line); err != nil {
		return err
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvParseError(err, len(rec), width)
		}
		if err := checkUTF8(cr, rec); err != nil {
			return err
		}
		if allBlank(rec) {
			continue
		}
		line, _ := cr.FieldPos(0)
		if err := row(rec, line); err != nil {
			return err
		}
	}
}

// columns holds the positions of the columns ReadTranslationsCSV uses.
type columns struct {
	zh, en, id, status, updated int // -1 when absent
}

var translationColumns = []columnSpec{
	{name: "zh", lang: true}, {name: "en", lang: true}, {name: "clause_id"}, {name: "status"}, {name: "updated_at"},
}

func findColumns(header []string, line int) (columns, error) {
	pos, err := locateColumns(header, line, translationColumns)
	if err != nil {
		return columns{}, err
	}
	return columns{zh: pos[0], en: pos[1], id: pos[2], status: pos[3], updated: pos[4]}, nil
}

var underscores = strings.NewReplacer("-", "_", " ", "_")

// columnSpec is a column an importer looks for by name.
type columnSpec struct {
	name string // lower case, words joined by _
	lang bool   // a language: zh also matches zh-CN, zh_Hans and so on
}

// locateColumns finds the columns of specs in a header row: names are
// compared trimmed and case-insensitively, "-" and " " count as "_", and a
// language column may carry a region or script. pos[i] is the position of
// specs[i], or -1 when the header lacks it. A zh and an en column must be
// among specs and are required; two columns for the same spec are an error.
func locateColumns(header []string, line int, specs []columnSpec) (pos []int, err error) {
	pos = make([]int, len(specs))
	for i := range pos {
		pos[i] = -1
	}
	for i, name := range header {
		n := strings.ToLower(strings.TrimSpace(name))
		key := underscores.Replace(n)
		for j, spec := range specs {
			if spec.lang && !isLangColumn(n, spec.name) || !spec.lang && key != spec.name {
				continue
			}
			if pos[j] >= 0 {
				return nil, &LineError{Line: line, Msg: fmt.Sprintf("columns %q and %q name the same thing: keep one", header[pos[j]], name)}
			}
			pos[j] = i
			break
		}
	}
	var missing []string
	for j, spec := range specs {
		if pos[j] < 0 && spec.lang {
			missing = append(missing, spec.name)
		}
	}
	if missing != nil {
		return nil, &LineError{Line: line, Msg: fmt.Sprintf("header row has no %s column (found %s); it must name a zh and an en column",
			strings.Join(missing, " or "), strings.Join(header, ", "))}
	}
	return pos, nil
}

// isLangColumn reports whether a lower-cased header name is lang, alone or
// with a region or script (zh-CN, zh_Hans, en-US).
func isLangColumn(name, lang string) bool {
	rest, ok := strings.CutPrefix(name, lang)
	return ok && (rest == "" || rest[0] == '-' || rest[0] == '_')
}

func (c columns) pair(rec []string, line int) (Pair, error) {
	p := Pair{Line: line}
	if strings.TrimSpace(rec[c.zh]) == "" {
		return p, &LineError{Line: line, Msg: "zh cell is empty"}
	}
	if err := checkCell("zh", rec[c.zh], line); err != nil {
		return p, err
	}
	if err := checkCell("en", rec[c.en], line); err != nil {
		return p, err
	}
	if c.id >= 0 {
		if s := strings.TrimSpace(rec[c.id]); s != "" {
			id, err := strconv.ParseUint(s, 10, 0)
			if err != nil || id == 0 {
				return p, &LineError{Line: line, Msg: fmt.Sprintf("clause_id %q is not a positive whole number", clip(s))}
			}
			p.ClauseID = uint(id)
		}
	}
	if c.status >= 0 {
		p.Status = unneutralise(strings.TrimSpace(rec[c.status]))
	}
	if c.updated >= 0 {
		if s := strings.TrimSpace(rec[c.updated]); s != "" {
			at, err := time.Parse(time.RFC3339, s)
			if err != nil {
				return p, &LineError{Line: line, Err: err, Msg: fmt.Sprintf(
					"updated_at %q is not an RFC 3339 time such as 2026-01-02T15:04:05.000000Z (did a spreadsheet reformat it? keep the cell as exported, or delete the column)",
					clip(s))}
			}
			p.UpdatedAt = at.UTC()
		}
	}
	p.Source = unneutralise(rec[c.zh])
	p.Target = unneutralise(rec[c.en])
	return p, nil
}

// checkCell refuses the text of an imported cell that holds characters XML
// cannot carry, or that is double-encoded "mojibake". name is the column's,
// line the one on which the row starts.
func checkCell(name, text string, line int) error {
	if i := strings.IndexFunc(text, notXMLChar); i >= 0 {
		r, _ := utf8.DecodeRuneInString(text[i:])
		return &LineError{
			Line: line + strings.Count(text[:i], "\n"),
			Msg:  fmt.Sprintf("%s cell contains %U, a control character TMX/XML cannot carry: remove it", name, r),
		}
	}
	if fixed, ok := undoMojibake(text); ok {
		return &LineError{Line: line, Msg: fmt.Sprintf(
			"%s cell %q is mojibake: UTF-8 text that was read as Windows-1252/Latin-1 and saved again (repaired it would read %q); save the original as UTF-8 again",
			name, clip(text), clip(fixed))}
	}
	return nil
}

// checkUTF8 reports the first cell of rec that is not UTF-8. Legacy Chinese
// encodings (GBK/GB18030, what Excel saves as "CSV" on a Chinese Windows) never
// produce the bytes of a comma, quote or line break inside a character, so
// such a file still parses as CSV and the problem shows up here, per cell.
func checkUTF8(cr *csv.Reader, rec []string) error {
	for i, cell := range rec {
		if utf8.ValidString(cell) {
			continue
		}
		line, _ := cr.FieldPos(i)
		bad := 0
		for bad < len(cell) {
			r, size := utf8.DecodeRuneInString(cell[bad:])
			if r == utf8.RuneError && size == 1 {
				break
			}
			bad += size
		}
		return &LineError{
			Line: line + strings.Count(cell[:bad], "\n"),
			Msg:  `text is not UTF-8 (GBK/GB18030 or another legacy encoding?): save it as UTF-8 (in Excel: "CSV UTF-8")`,
		}
	}
	return nil
}

// csvParseError turns an encoding/csv error into a *LineError with advice.
func csvParseError(err error, got, want int) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("exchange: reading CSV: %w", err)
	}
	var msg string
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		msg = fmt.Sprintf("row has %d cells but the header has %d: a cell with a comma must be quoted", got, want)
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		msg = fmt.Sprintf(`bad quoting (%v): a cell containing " must be enclosed in quotes and its own quotes doubled ("")`, pe.Err)
		if pe.StartLine != pe.Line {
			msg += fmt.Sprintf("; the row starts on line %d", pe.StartLine)
		}
	default:
		msg = pe.Err.Error()
	}
	return &LineError{Line: pe.Line, Msg: msg, Err: err}
}

func allBlank(rec []string) bool {
	for _, cell := range rec {
		if strings.TrimSpace(cell) != "" {
			return false
		}
	}
	return true
}

// clip shortens s for an error message.
func clip(s string) string {
	const limit = 40
	if utf8.RuneCountInString(s) <= limit {
		return s
	}
	return string([]rune(s)[:limit]) + "…"
}

// cp1252 maps the characters Windows-1252 puts at 0x80–0x9F back to their
// bytes. Every other character up to U+00FF is its own byte (Latin-1); that
// includes the C1 controls that the five unassigned positions decode to.
var cp1252 = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87,
	'ˆ': 0x88, '‰': 0x89, 'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E,
	'‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97,
	'˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F,
}

// undoMojibake recognises UTF-8 that was decoded as Windows-1252 or Latin-1
// and encoded as UTF-8 again ("ä½ å¥½" for "你好"), the usual result of
// opening a UTF-8 CSV without a BOM in Excel and saving it. It maps s back
// to bytes and reports the repaired text if that is UTF-8 with at least one
// non-ASCII character. Genuine text almost never qualifies: it would need a
// letter such as Ã or ä followed by symbols such as ‚ © or ½.
func undoMojibake(s string) (string, bool) {
	multi := false
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := cp1252[r]; r > 0xFF && !ok {
			return "", false // e.g. a Chinese character: real text, not mojibake
		}
		multi = true
	}
	if !multi {
		return "", false
	}
	b := make([]byte, 0, len(s))
	for _, r := range s {
		if c, ok := cp1252[r]; ok {
			r = rune(c)
		}
		b = append(b, byte(r))
	}
	if !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}
