// Package docout builds the translated statement — the English document a
// client receives — from a statement's clauses, and writes it as plain
// text, HTML, DOCX, or a bilingual DOCX (a table Chinese | English with each
// clause's status, for clients and reviewers to annotate).
//
// It is pure: clauses in, bytes out; no SQL, no HTTP. The caller reads the
// statement and its clauses (internal/workbench.Statement turns the store's
// into these).
//
// The English document is:
//
//   - the title and the publication date of the statement;
//   - one block per paragraph, in order: a paragraph's clauses joined as
//     English joins sentences (one space, none before closing punctuation),
//     its numbering marker (a clause of kind heading, whose English Zhen
//     writes in the statement's numbering style) first; a paragraph that is
//     only a marker (一 on a line of its own) is a heading;
//   - the signature block (clauses of kind signature) at the end.
//
// Approved English only, by default: a clause without approved English is
// shown as missing ("[not approved: 中文]"). With AllStatuses, the newest
// English of every clause: English not yet approved is marked as a draft
// ("… [draft]" in text, highlighted with a note in HTML and DOCX), and a
// clause without any English as untranslated ("[untranslated: 中文]").
package docout

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/numbering"
)

// Clause kinds, as internal/segment names them.
const (
	KindText      = "text"
	KindHeading   = "heading"
	KindSignature = "signature"
)

// StatusApproved is the status of a clause whose newest English is approved.
const StatusApproved = "approved"

// Clause is one clause of the statement with its English.
type Clause struct {
	ID             uint
	Position       int // 0-based order in the statement
	Paragraph      int // 0-based paragraph
	Kind           string
	Source         string // the Chinese
	Target         string // the newest English
	ApprovedTarget string // the approved English ("" if none)
	Status         string // untranslated, draft, translated, submitted, approved, rejected
}

// Document is what the statement says of itself.
type Document struct {
	ID             uint
	Title          string // the statement's title (Chinese, as imported)
	Date           string // publication date YYYY-MM-DD, or ""
	NumberingStyle string // the style in force (the statement's or the corpus default)
}

// Options choose what the English document carries.
type Options struct {
	// AllStatuses: the newest English of every clause, drafts marked; else
	// approved English only.
	AllStatuses bool
	// Title is the English title (workbench.Statement gives the
	// statement's english_title); "" keeps the statement's Chinese title,
	// marked as such.
	Title string
	// Language is the English's language tag (en, en-GB, en-US); "" is en.
	Language string
}

// State says how a clause's English stands in the document.
type State string

const (
	Approved State = "approved" // approved English (or a numbering marker)
	Draft    State = "draft"    // English not yet approved (AllStatuses only)
	Missing  State = "missing"  // no English to show: the Chinese stands in
)

// Piece is one clause in the English document.
type Piece struct {
	ClauseID uint   `json:"clause_id"`
	Number   int    `json:"number"` // the clause's number as the interface counts (from 1)
	Kind     string `json:"kind"`
	Source   string `json:"source"`
	English  string `json:"english"` // "" when Missing
	State    State  `json:"state"`
	Status   string `json:"status"` // the clause's status
	// Lead is what goes before this piece's English in its block: "" for
	// the first piece and before closing punctuation, else one space.
	Lead string `json:"lead"`
}

// Block kinds.
const (
	BlockHeading   = "heading"   // a paragraph that is only a numbering marker
	BlockParagraph = "paragraph" // sentences, with their marker first
	BlockSignature = "signature" // a line of the signature block
)

// Block is one paragraph of the statement.
type Block struct {
	Kind      string  `json:"kind"`
	Paragraph int     `json:"paragraph"` // the Chinese paragraph it translates (0-based)
	Pieces    []Piece `json:"pieces"`
}

// Statement is the English document, ready to write.
type Statement struct {
	DocumentID  uint    `json:"document_id"`
	Title       string  `json:"title"`
	TitleLang   string  `json:"title_lang"` // "zh-CN" when the title is the Chinese one
	SourceTitle string  `json:"source_title"`
	Date        string  `json:"date"`      // YYYY-MM-DD or ""
	DateText    string  `json:"date_text"` // "17 June 2011"
	Language    string  `json:"language"`
	AllStatuses bool    `json:"all_statuses"`
	Blocks      []Block `json:"blocks"`
	Drafts      int     `json:"drafts"`  // clauses shown with draft English
	Missing     int     `json:"missing"` // clauses shown without English
}

// Build makes the English document of a statement from its clauses (in any
// order: they are put in position order).
func Build(d Document, clauses []Clause, o Options) Statement {
	lang := o.Language
	if lang == "" {
		lang = "en"
	}
	s := Statement{DocumentID: d.ID, Title: d.Title, TitleLang: "zh-CN", SourceTitle: d.Title, Date: d.Date, DateText: DateText(d.Date),
		Language: lang, AllStatuses: o.AllStatuses}
	if t := strings.TrimSpace(o.Title); t != "" {
		s.Title, s.TitleLang = t, lang
	}
	cs := slices.Clone(clauses)
	slices.SortStableFunc(cs, func(a, b Clause) int { return cmp.Compare(a.Position, b.Position) })
	var body, signature []Block
	for i := 0; i < len(cs); {
		j := i
		for j < len(cs) && cs[j].Paragraph == cs[i].Paragraph {
			j++
		}
		b := Block{Kind: BlockParagraph, Paragraph: cs[i].Paragraph}
		headings, signatures := 0, 0
		for _, c := range cs[i:j] {
			p := piece(c, d.NumberingStyle, o.AllStatuses)
			switch p.State {
			case Draft:
				s.Drafts++
			case Missing:
				s.Missing++
			}
			if len(b.Pieces) > 0 {
				p.Lead = lead(b.Pieces[len(b.Pieces)-1], p)
			}
			b.Pieces = append(b.Pieces, p)
			switch c.Kind {
			case KindHeading:
				headings++
			case KindSignature:
				signatures++
			}
		}
		switch n := j - i; {
		case headings == n:
			b.Kind = BlockHeading
		case signatures == n:
			b.Kind = BlockSignature
		}
		if b.Kind == BlockSignature {
			signature = append(signature, b)
		} else {
			body = append(body, b)
		}
		i = j
	}
	s.Blocks = append(body, signature...)
	return s
}

// piece chooses a clause's English.
func piece(c Clause, style string, all bool) Piece {
	p := Piece{ClauseID: c.ID, Number: c.Position + 1, Kind: c.Kind, Source: c.Source, Status: c.Status}
	switch {
	case all && strings.TrimSpace(c.Target) != "":
		p.English, p.State = c.Target, Draft
		if c.Status == StatusApproved || c.Target == c.ApprovedTarget {
			p.State = Approved
		}
	case strings.TrimSpace(c.ApprovedTarget) != "":
		p.English, p.State = c.ApprovedTarget, Approved
	default:
		p.State = Missing
		// A marker Zhen knows reads in the statement's style even when
		// its English was cleared: the system writes it, it is no one's
		// work to approve.
		if c.Kind == KindHeading {
			if en, ok := numbering.English(c.Source, numbering.Style(style)); ok {
				p.English, p.State = en, Approved
			}
		}
	}
	p.English = strings.TrimSpace(p.English)
	return p
}

// lead is the space between two pieces of a block: English puts one space
// between sentences and after a numbering marker, none before closing
// punctuation or after an opening bracket or quote.
func lead(prev, p Piece) string {
	if p.State != Missing {
		if r, _ := utf8.DecodeRuneInString(p.English); strings.ContainsRune(",.;:!?)]}”’%…", r) {
			return ""
		}
	}
	if prev.State != Missing {
		if r, _ := utf8.DecodeLastRuneInString(prev.English); strings.ContainsRune("([{“‘", r) {
			return ""
		}
	}
	return " "
}

// Marker is the visible note after a draft's English and before a missing
// clause's Chinese in plain text.
func (s Statement) Marker(p Piece) string {
	switch p.State {
	case Draft:
		return "[draft]"
	case Missing:
		if s.AllStatuses {
			return "[untranslated: " + p.Source + "]"
		}
		return "[not approved: " + p.Source + "]"
	}
	return ""
}

// Text is a block's English as plain text, drafts and missing clauses
// marked.
func (s Statement) Text(b Block) string {
	var sb strings.Builder
	for _, p := range b.Pieces {
		sb.WriteString(p.Lead)
		switch p.State {
		case Approved:
			sb.WriteString(p.English)
		case Draft:
			sb.WriteString(p.English + " " + s.Marker(p))
		case Missing:
			sb.WriteString(s.Marker(p))
		}
	}
	return sb.String()
}

// Source is a block's Chinese, its clauses concatenated as imported.
func (b Block) Source() string {
	var sb strings.Builder
	for _, p := range b.Pieces {
		sb.WriteString(p.Source)
	}
	return sb.String()
}

// DateText writes YYYY-MM-DD as English does ("17 June 2011"); anything
// else is returned as it is.
func DateText(iso string) string {
	t, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	return t.Format("2 January 2006")
}

// clean drops what XML 1.0 cannot carry (control characters but tab,
// line feed and carriage return; U+FFFE, U+FFFF; invalid UTF-8) and turns
// the remaining line breaks and tabs into spaces.
func clean(s string) string {
	ok := true
	for _, r := range s {
		if r == utf8.RuneError || r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0x7F && r < 0xA0) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			return ' '
		case r == utf8.RuneError || r < 0x20 || r == 0xFFFE || r == 0xFFFF || (r >= 0x7F && r < 0xA0):
			return -1
		case unicode.Is(unicode.Cs, r):
			return -1
		}
		return r
	}, s)
}
