package exchange

// TBX glossaries.
//
// WriteTBX writes TBX v3 (ISO 30042:2019) in the TBX-Basic dialect, DCA
// style, valid against the TBX core RELAX NG schema and the TBX-Basic DCA
// Schematron. One glossary.Entry becomes one conceptEntry:
//
//	<conceptEntry id="c{ID}">                     id "e{n}" (n-th entry, from 1) when ID is 0
//	  <note>{Note}</note>                          only when there is a note (in the zh
//	                                               langSec if it starts like a label below)
//	  <note>zhen-status: {Status}</note>           only when Status is set
//	  <note>zhen-case-sensitive: true</note>       only when CaseSensitive
//	  <note>zhen-pos: {POS}</note>                 only when POS is not in TBX-Basic's picklist
//	  <langSec xml:lang="zh">
//	    <termSec><term>{ZH}</term>
//	      <termNote type="partOfSpeech">{POS}</termNote></termSec>   POS in the picklist only
//	  </langSec>
//	  <langSec xml:lang="en">
//	    <termSec><term>{EN}</term>
//	      <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
//	    one termSec per variant:   administrativeStatus admittedTerm-admn-sts
//	    one termSec per forbidden: administrativeStatus deprecatedTerm-admn-sts
//	  </langSec>
//	</conceptEntry>
//
// Why notes: TBX-Basic has no data category for an entry's workflow status
// or for case-sensitive matching, its partOfSpeech picklist is only
// adjective, noun, verb, adverb and other, and its only free-text element
// without a picklist is <note> (descrip is limited to subjectField, context
// and definition, admin to customerSubset, projectSubset and source). So
// these travel as concept-level notes with a "zhen-…: " label, in the way
// TBX-Basic's own example labels notes ("G-Source: …"): other tools show
// them as readable notes, and ReadTBX reads them back.
//
// ReadTBX reads that and, more generally, TBX v3 in DCA or DCT style and
// TBX 2008 <martif> files (termEntry/langSet/tig or ntig/term):
//   - langSec/langSet tagged zh, zh-CN, zh-Hans, zh-SG … give ZH;
//     traditional-Chinese tags (zh-Hant, zh-TW, zh-HK, zh-MO) and other
//     languages are ignored;
//   - en, en-US, en-GB … give EN, Variants and Forbidden by the
//     administrativeStatus of each term (termNote, or the DCT element):
//     the first preferred term (standardized, legal and regulated count as
//     preferred) is EN, else the first term without a status, else the first
//     admitted term; the other admitted or unmarked terms are Variants;
//     deprecated and superseded terms are Forbidden;
//   - ZH is chosen among the Chinese terms the same way; other Chinese
//     synonyms are dropped, as an Entry has one zh term;
//   - POS is a zhen-pos note, else the partOfSpeech of the zh term, else of
//     the English term; Note joins the other notes of the concept (at any
//     level, except inside langSecs of other languages) with newlines;
//   - Status is the zhen-status note, else "approved" as in ReadGlossaryCSV;
//     CaseSensitive is the zhen-case-sensitive note, else false.

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"strconv"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
)

// tbxNS is the TBX v3 namespace.
const tbxNS = "urn:iso:std:iso:30042:ed-2"

// The labels of the concept-level notes that carry what TBX-Basic has no
// data category for.
const (
	notePOS           = "zhen-pos:"
	noteStatus        = "zhen-status:"
	noteCaseSensitive = "zhen-case-sensitive:"
)

// TBX-Basic's administrativeStatus values as WriteTBX uses them.
const (
	admnPreferred  = "preferredTerm-admn-sts"
	admnAdmitted   = "admittedTerm-admn-sts"
	admnDeprecated = "deprecatedTerm-admn-sts"
)

// tbxPartsOfSpeech is TBX-Basic's partOfSpeech picklist.
var tbxPartsOfSpeech = map[string]bool{"adjective": true, "noun": true, "other": true, "verb": true, "adverb": true}

// tbxHead starts every TBX file. The xml-model instructions name the schemas
// as TBX-Basic's own examples do; validators run offline ignore them.
const tbxHead = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0"?>
<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron"?>
<tbx xmlns="` + tbxNS + `" type="TBX-Basic" style="dca" xml:lang="en">
  <tbxHeader>
    <fileDesc>
      <sourceDesc>
        <p>Zhen glossary: Chinese (zh) terms and their English (en) renderings</p>
      </sourceDesc>
    </fileDesc>
  </tbxHeader>
  <text>
`

// WriteTBX streams glossary entries as a TBX v3 TBX-Basic DCA document,
// mapped as described at the top of this file. Each conceptEntry is written
// as soon as its entry arrives, so memory does not grow with the glossary.
// Entry IDs must be unique (they name the concepts).
//
// Text is cleaned as in WriteGlossaryCSV: characters XML cannot carry are
// dropped, CR becomes LF, the ends are trimmed and empty renderings are left
// out. Entries whose zh or en is then empty are skipped, since a TBX term
// cannot be empty; n counts the concepts written. An error from the iterator
// stops the export and is returned as is, leaving the document
// unterminated, so a truncated export never passes for a complete one.
func WriteTBX(w io.Writer, entries iter.Seq2[glossary.Entry, error]) (n int, err error) {
	return WriteTBXLang(w, "", entries)
}

// WriteTBXLang is WriteTBX with the English langSecs tagged lang (the
// corpus's target language: en-GB, en-US or en; "" is en).
func WriteTBXLang(w io.Writer, lang string, entries iter.Seq2[glossary.Entry, error]) (n int, err error) {
	enOpen := "        </langSec>\n        <langSec xml:lang=\"" + escapeString(cmp.Or(lang, "en"), true) + "\">\n"
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.WriteString(tbxHead)
	var scratch [24]byte
	pos := 0
	for e, err := range entries {
		if err != nil {
			return n, err
		}
		pos++
		zh, en := cleanText(e.ZH), cleanText(e.EN)
		if zh == "" || en == "" {
			continue
		}
		if n == 0 {
			// The schema wants at least one conceptEntry in a body, so an
			// empty glossary gets an empty <text>.
			bw.WriteString("    <body>\n")
		}
		bw.WriteString(`      <conceptEntry id="`)
		if e.ID != 0 {
			bw.WriteByte('c')
			bw.Write(strconv.AppendUint(scratch[:0], uint64(e.ID), 10))
		} else {
			bw.WriteByte('e')
			bw.Write(strconv.AppendInt(scratch[:0], int64(pos), 10))
		}
		bw.WriteString("\">\n")
		if err := writeConcept(bw, e, zh, en, enOpen); err != nil {
			return n, err
		}
		n++
	}
	if n > 0 {
		bw.WriteString("    </body>\n")
	}
	bw.WriteString("  </text>\n</tbx>\n")
	return n, bw.Flush()
}

// writeConcept writes the body of a conceptEntry and its end tag. Write
// errors are sticky in bufio.Writer: the last write reports the first.
func writeConcept(bw *bufio.Writer, e glossary.Entry, zh, en, enOpen string) error {
	note := func(label, text string) {
		bw.WriteString("        <note>")
		writeEscaped(bw, label, false)
		writeEscaped(bw, text, false)
		bw.WriteString("</note>\n")
	}
	userNote := cleanText(e.Note)
	if _, _, ok := zhenNote(userNote); ok {
		// It would be read as a label at the concept level, so it goes into
		// the zh langSec below, where ReadTBX takes notes as they are.
	} else if userNote != "" {
		note("", userNote)
		userNote = ""
	}
	if s := cleanText(e.Status); s != "" {
		note(noteStatus+" ", s)
	}
	if e.CaseSensitive {
		note(noteCaseSensitive+" ", "true")
	}
	pos := cleanText(e.POS)
	if pos != "" && !tbxPartsOfSpeech[pos] {
		note(notePOS+" ", pos)
		pos = ""
	}

	bw.WriteString("        <langSec xml:lang=\"zh\">\n")
	if userNote != "" {
		bw.WriteString("  ")
		note("", userNote)
	}
	writeTermSec(bw, zh, "partOfSpeech", pos)
	bw.WriteString(enOpen)
	writeTermSec(bw, en, "administrativeStatus", admnPreferred)
	for _, v := range e.Variants {
		if v = cleanText(v); v != "" {
			writeTermSec(bw, v, "administrativeStatus", admnAdmitted)
		}
	}
	for _, f := range e.Forbidden {
		if f = cleanText(f); f != "" {
			writeTermSec(bw, f, "administrativeStatus", admnDeprecated)
		}
	}
	_, err := bw.WriteString("        </langSec>\n      </conceptEntry>\n")
	return err
}

// writeTermSec writes a termSec for term with one termNote of noteType,
// or none when value is empty. noteType and value need no escaping.
func writeTermSec(bw *bufio.Writer, term, noteType, value string) {
	bw.WriteString("          <termSec>\n            <term>")
	writeEscaped(bw, term, false)
	bw.WriteString("</term>\n")
	if value != "" {
		bw.WriteString(`            <termNote type="`)
		bw.WriteString(noteType)
		bw.WriteString(`">`)
		bw.WriteString(value)
		bw.WriteString("</termNote>\n")
	}
	bw.WriteString("          </termSec>\n")
}

// ReadTBX reads glossary entries from a TBX file: TBX v3 (<tbx>, DCA or DCT
// style) or TBX 2008 (<martif>), mapped as described at the top of this
// file. Entries come back with ID 0, in file order. The file must be UTF-8
// (a UTF-16 file with a byte order mark, as some CAT tools export, is
// converted).
//
// It is all-or-nothing: the first problem is returned as a *LineError and no
// entries are returned. Problems are XML that is not well-formed (with the
// line encoding/xml reports), a root that is not <tbx> or <martif>, an
// encoding other than UTF-8, and concepts without a Chinese term, without an
// English term, with only deprecated English terms, with an unreadable
// zhen-status or zhen-case-sensitive note, or whose Chinese term an earlier
// concept already has (compared as glossary.Normalize keys). Concept errors
// name the concept's id and give the line of its start tag. Nesting,
// attributes and tokens beyond xmlGuard's limits are refused with the line
// of the tag or token. Other errors come from r.
func ReadTBX(r io.Reader) ([]glossary.Entry, error) {
	tr := &tbxReader{seen: make(map[string]string)}
	tr.dec, tr.guard = newXMLDecoder(r, "TBX", false, &tr.badCharset)
	if err := tr.read(); err != nil {
		return nil, err
	}
	return tr.entries, nil
}

// tbxReader is ReadTBX's state while it walks the token stream.
type tbxReader struct {
	dec        *xml.Decoder
	guard      *xmlGuard // between the file and dec
	badCharset string    // an encoding the file declares and we do not read
	root       string    // the root element's name, once read
	entries    []glossary.Entry
	seen       map[string]string // normalised zh → the concept that has it
	concepts   int               // concepts seen, for those without an id

	depth   int         // of the element being read; the root is 1
	concept *tbxConcept // the open conceptEntry/termEntry, or nil
	lang    tbxLang     // the language of the open langSec/langSet
	langAt  int         // its depth
	term    *tbxTerm    // the open termSec/tig/ntig, or nil
	termAt  int         // its depth

	capture   tbxField // what the text being captured is, or 0
	captureAt int      // depth of the element whose text is captured
	text      strings.Builder
}

type tbxLang int

const (
	langNone  tbxLang = iota // not inside a language section
	langZH                   // simplified Chinese
	langEN                   // English
	langOther                // ignored
)

type tbxField int

const (
	fieldNone tbxField = iota
	fieldTerm
	fieldStatus
	fieldPOS
	fieldNote
	fieldConceptNote // a note directly in the concept: may be a zhen- label
)

type tbxConcept struct {
	elem, id string // element name (conceptEntry, termEntry) and id
	line     int
	depth    int
	zh, en   []tbxTerm
	notes    []string

	pos, status   string
	posSet        bool
	caseSensitive bool
}

type tbxTerm struct{ text, status, pos string }

func (tr *tbxReader) read() error {
	for {
		tok, err := tr.dec.Token()
		if err == io.EOF {
			if tr.root == "" {
				return &LineError{Line: 1, Msg: "empty file or not XML: expected a TBX document (<tbx> or <martif>)"}
			}
			return nil
		}
		if err != nil {
			return tr.syntaxError(err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			tr.depth++
			if err := tr.start(t); err != nil {
				return err
			}
		case xml.EndElement:
			if err := tr.end(); err != nil {
				return err
			}
			tr.depth--
		case xml.CharData:
			if tr.capture != fieldNone {
				tr.text.Write(t)
			}
		}
	}
}

func (tr *tbxReader) syntaxError(err error) error {
	if refused := tr.guard.refusal(); refused != nil {
		return refused
	}
	var le *LineError // from newXMLDecoder's conversion
	if errors.As(err, &le) {
		return le
	}
	if tr.badCharset != "" {
		return &LineError{Line: 1, Msg: fmt.Sprintf("file is encoded as %s: save it as UTF-8", tr.badCharset), Err: err}
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return &LineError{Line: se.Line, Msg: "not well-formed XML: " + se.Msg, Err: err}
	}
	return fmt.Errorf("exchange: reading TBX: %w", err)
}

func (tr *tbxReader) line() int {
	line, _ := tr.dec.InputPos()
	return line
}

func (tr *tbxReader) start(t xml.StartElement) error {
	name := t.Name.Local
	if tr.depth == 1 {
		if tr.root != "" {
			return &LineError{Line: tr.line(), Msg: fmt.Sprintf("element <%s> after the end of <%s>: a file holds one document", name, tr.root)}
		}
		if name != "tbx" && name != "martif" {
			return &LineError{Line: tr.line(), Msg: fmt.Sprintf("root element <%s> is not TBX: expected <tbx> (TBX v3) or <martif> (TBX 2008)", name)}
		}
		tr.root = name
		return nil
	}
	c := tr.concept
	switch {
	case tr.capture != fieldNone:
		// markup inside captured text, such as <hi>: its text counts
	case c == nil:
		if name == "conceptEntry" || name == "termEntry" {
			tr.concepts++
			tr.concept = &tbxConcept{elem: name, id: attr(t, "id"), line: tr.line(), depth: tr.depth}
		}
	case name == "langSec" || name == "langSet":
		if tr.lang == langNone {
			tr.lang, tr.langAt = langOf(attr(t, "lang")), tr.depth
		}
	case name == "note":
		switch {
		case tr.depth == c.depth+1:
			tr.startCapture(fieldConceptNote)
		case tr.lang != langOther:
			tr.startCapture(fieldNote)
		}
	case tr.lang != langZH && tr.lang != langEN:
		// outside the zh and en sections only notes count
	case tr.term == nil:
		if name == "termSec" || name == "tig" || name == "ntig" {
			tr.term, tr.termAt = &tbxTerm{}, tr.depth
		}
	case name == "term":
		tr.startCapture(fieldTerm)
	case name == "administrativeStatus" || name == "normativeAuthorization": // DCT style
		tr.startCapture(fieldStatus)
	case name == "partOfSpeech":
		tr.startCapture(fieldPOS)
	case name == "termNote":
		switch attr(t, "type") {
		case "administrativeStatus", "normativeAuthorization":
			tr.startCapture(fieldStatus)
		case "partOfSpeech":
			tr.startCapture(fieldPOS)
		}
	}
	return nil
}

func (tr *tbxReader) startCapture(f tbxField) {
	tr.capture, tr.captureAt = f, tr.depth
	tr.text.Reset()
}

func (tr *tbxReader) end() error {
	c := tr.concept
	switch {
	case tr.capture != fieldNone && tr.depth == tr.captureAt:
		text := strings.TrimSpace(tr.text.String())
		field := tr.capture
		tr.capture = fieldNone
		if err := tr.field(field, text); err != nil {
			return &LineError{Line: tr.line(), Msg: fmt.Sprintf("%s %s: %v", c.elem, tr.conceptName(c), err)}
		}
	case tr.term != nil && tr.depth == tr.termAt:
		if tr.term.text != "" {
			if tr.lang == langZH {
				c.zh = append(c.zh, *tr.term)
			} else {
				c.en = append(c.en, *tr.term)
			}
		}
		tr.term = nil
	case tr.lang != langNone && tr.depth == tr.langAt:
		tr.lang = langNone
	case c != nil && tr.depth == c.depth:
		tr.concept = nil
		e, err := c.entry()
		if err != nil {
			return &LineError{Line: c.line, Msg: fmt.Sprintf("%s %s: %v", c.elem, tr.conceptName(c), err)}
		}
		key := glossary.Normalize(e.ZH)
		if first, dup := tr.seen[key]; dup {
			return &LineError{Line: c.line, Msg: fmt.Sprintf("%s %s: zh term %q is already in %s: merge the two concepts", c.elem, tr.conceptName(c), clip(e.ZH), first)}
		}
		tr.seen[key] = c.elem + " " + tr.conceptName(c)
		tr.entries = append(tr.entries, e)
	}
	return nil
}

// conceptName is how errors name a concept: its id, or its position.
func (tr *tbxReader) conceptName(c *tbxConcept) string {
	if c.id != "" {
		return strconv.Quote(c.id)
	}
	return fmt.Sprintf("#%d (no id)", tr.concepts)
}

// field stores captured text.
func (tr *tbxReader) field(f tbxField, text string) error {
	c := tr.concept
	switch f {
	case fieldTerm:
		if tr.term.text == "" {
			tr.term.text = text
		}
	case fieldStatus:
		tr.term.status = text
	case fieldPOS:
		tr.term.pos = text
	case fieldConceptNote:
		if label, value, ok := zhenNote(text); ok {
			return c.label(label, value)
		}
		fallthrough
	case fieldNote:
		if text != "" {
			c.notes = append(c.notes, text)
		}
	}
	return nil
}

// zhenNote splits a note written as "zhen-…: value".
func zhenNote(text string) (label, value string, ok bool) {
	for _, l := range []string{noteStatus, noteCaseSensitive, notePOS} {
		if v, ok := strings.CutPrefix(text, l); ok {
			return l, strings.TrimSpace(v), true
		}
	}
	return "", "", false
}

// label applies a "zhen-…:" note.
func (c *tbxConcept) label(label, value string) error {
	switch label {
	case noteStatus:
		s := strings.ToLower(value)
		if !glossary.ValidStatus(s) {
			return fmt.Errorf("note %q: the status must be %s, %s or %s",
				clip(label+" "+value), glossary.StatusProposed, glossary.StatusApproved, glossary.StatusDeprecated)
		}
		c.status = s
	case noteCaseSensitive:
		v, ok := parseBool(value)
		if !ok {
			return fmt.Errorf("note %q: expected true or false", clip(label+" "+value))
		}
		c.caseSensitive = v
	case notePOS:
		c.pos, c.posSet = value, true
	}
	return nil
}

// Ranks of administrative statuses, best first.
const (
	rankPreferred = iota
	rankUnmarked
	rankAdmitted
	rankForbidden
)

// statusRank ranks an administrativeStatus value such as
// preferredTerm-admn-sts; the suffix may be missing.
func statusRank(status string) int {
	s := strings.ToLower(strings.TrimSpace(status))
	s = strings.TrimSuffix(s, "-admn-sts")
	s = strings.TrimSuffix(s, "term")
	switch s {
	case "preferred", "standardized", "legal", "regulated":
		return rankPreferred
	case "admitted":
		return rankAdmitted
	case "deprecated", "superseded":
		return rankForbidden
	}
	return rankUnmarked
}

// best returns the index of the best-ranked term, the first among equals.
func best(terms []tbxTerm) (int, int) {
	at, rank := -1, rankForbidden+1
	for i, t := range terms {
		if r := statusRank(t.status); r < rank {
			at, rank = i, r
		}
	}
	return at, rank
}

func (c *tbxConcept) entry() (glossary.Entry, error) {
	if len(c.zh) == 0 {
		return glossary.Entry{}, errors.New("no Chinese term (a langSec with xml:lang zh or zh-CN holding a term)")
	}
	if len(c.en) == 0 {
		return glossary.Entry{}, errors.New("no English term (a langSec with xml:lang en or en-US holding a term)")
	}
	zi, _ := best(c.zh)
	ei, rank := best(c.en)
	if rank == rankForbidden {
		return glossary.Entry{}, errors.New("all its English terms are deprecated or superseded: none can be the approved rendering")
	}
	e := glossary.Entry{
		ZH:            c.zh[zi].text,
		EN:            c.en[ei].text,
		Note:          strings.Join(c.notes, "\n"),
		Status:        c.status,
		CaseSensitive: c.caseSensitive,
	}
	for i, t := range c.en {
		switch {
		case i == ei:
		case statusRank(t.status) == rankForbidden:
			e.Forbidden = append(e.Forbidden, t.text)
		default:
			e.Variants = append(e.Variants, t.text)
		}
	}
	switch {
	case c.posSet:
		e.POS = c.pos
	case c.zh[zi].pos != "":
		e.POS = c.zh[zi].pos
	default:
		e.POS = c.en[ei].pos
	}
	if e.Status == "" {
		e.Status = glossary.StatusApproved
	}
	return e, nil
}

// attr returns the value of t's attribute local, in any namespace.
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// langOf classifies a language tag.
func langOf(tag string) tbxLang {
	subtags := strings.Split(strings.ToLower(strings.ReplaceAll(strings.TrimSpace(tag), "_", "-")), "-")
	switch subtags[0] {
	case "en":
		return langEN
	case "zh":
		for _, s := range subtags[1:] {
			switch s {
			case "hans":
				return langZH
			case "hant", "tw", "hk", "mo":
				return langOther
			}
		}
		return langZH
	}
	return langOther
}
