// Package stats counts a corpus for a project manager: Chinese characters,
// English words, clauses and their statuses per statement (Count), and the
// leverage analysis before work starts (Analyze): how many clauses and
// characters are repetitions within the corpus or match the translation
// memory, in the bands CAT tools quote by. It is pure: the store streams
// the clauses in, the memory is a function.
package stats

import (
	"iter"
	"unicode"
)

// Statuses are the clause statuses, in workflow order: every by_status
// object has all six keys.
var Statuses = []string{"untranslated", "draft", "translated", "submitted", "approved", "rejected"}

// ChineseCharacters counts the characters of s that are work to translate:
// letters (Han, but also Latin letters of an acronym in the Chinese) and
// numbers (digits, full-width digits, ①), by Unicode category (L*, N*).
// Punctuation (P*: ，。、；：“”《》（）), symbols (S*: ￥ %), separators (Z*:
// spaces, the ideographic space), marks (M*) and control or format
// characters (C*) do not count.
func ChineseCharacters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsNumber(r) {
			n++
		}
	}
	return n
}

// EnglishWords counts the words of s: runs of letters, digits and marks
// (categories L*, N*, M*), where a single joiner between two such runs
// keeps them one word: an apostrophe (' ’), a hyphen (- ‐ ‑), a full stop or
// comma (U.S, 1,000, 3.5), a slash (and/or), an ampersand or a currency
// sign (US$100). So "US$100", "2015", "Good-Neighbourliness", "don't" and
// "1,000" are one word each; "China, Russia" is two; a dash standing alone
// (" — ") and other punctuation are none.
func EnglishWords(s string) int {
	n := 0
	inWord := false // the previous rune is part of a word
	joiner := false // the previous rune is a joiner right after a word
	for _, r := range s {
		switch {
		case wordRune(r):
			if !inWord && !joiner {
				n++
			}
			inWord, joiner = true, false
		case inWord && isJoiner(r):
			inWord, joiner = false, true
		default:
			inWord, joiner = false, false
		}
	}
	return n
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r) }

func isJoiner(r rune) bool {
	switch r {
	case '\'', '’', '-', '‐', '‑', '.', ',', '/', '&', '$', '€', '£', '¥':
		return true
	}
	return false
}

// Clause is one clause as the counts need it, streamed by the store in
// import order (statement by statement in the order they were imported,
// each in reading order).
type Clause struct {
	ID       uint
	Document uint
	Marker   bool   // a numbering marker (一、 （二）): not work, counted apart
	Source   string // the Chinese
	Key      string // the Chinese normalised (glossary.Normalize): what makes two clauses the same
	Target   string // the current English, whatever its status
	Approved string // the approved English ("" if none)
	Status   string
}

// Document is a statement the counts are for.
type Document struct {
	ID    uint
	Title string
	Date  string
}

// Counts are one statement's counts, or the corpus's.
type Counts struct {
	ChineseCharacters int `json:"chinese_characters"` // of the clauses' Chinese, markers left out
	// EnglishWords counts the approved English (what exports deliver by
	// default); EnglishWordsCurrent the current English of every clause,
	// drafts and work under review too (the translators' output so far).
	EnglishWords        int            `json:"english_words"`
	EnglishWordsCurrent int            `json:"english_words_current"`
	Clauses             int            `json:"clauses"`   // markers left out
	ByStatus            map[string]int `json:"by_status"` // of those clauses, every status present
	Markers             int            `json:"markers"`   // numbering markers: not work, not in the counts above
}

func newCounts() Counts {
	c := Counts{ByStatus: make(map[string]int, len(Statuses))}
	for _, s := range Statuses {
		c.ByStatus[s] = 0
	}
	return c
}

func (c *Counts) add(cl Clause) {
	if cl.Marker {
		c.Markers++
		return
	}
	c.Clauses++
	c.ByStatus[cl.Status]++
	c.ChineseCharacters += ChineseCharacters(cl.Source)
	c.EnglishWords += EnglishWords(cl.Approved)
	c.EnglishWordsCurrent += EnglishWords(cl.Target)
}

func (c *Counts) plus(o Counts) {
	c.ChineseCharacters += o.ChineseCharacters
	c.EnglishWords += o.EnglishWords
	c.EnglishWordsCurrent += o.EnglishWordsCurrent
	c.Clauses += o.Clauses
	c.Markers += o.Markers
	for k, v := range o.ByStatus {
		c.ByStatus[k] += v
	}
}

// DocumentCounts are a statement's counts.
type DocumentCounts struct {
	ID    uint   `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Counts
}

// Report is what `zhen stats` and GET /api/v1/stats answer.
type Report struct {
	Documents []DocumentCounts `json:"documents"`
	Total     Counts           `json:"total"`
}

// Count counts the clauses of docs. rows may come in any order and may
// hold clauses of other statements (left out); only one Counts per
// statement is kept, never the clauses.
func Count(docs []Document, rows iter.Seq2[Clause, error]) (Report, error) {
	r := Report{Documents: make([]DocumentCounts, len(docs)), Total: newCounts()}
	at := make(map[uint]int, len(docs))
	for i, d := range docs {
		r.Documents[i] = DocumentCounts{ID: d.ID, Title: d.Title, Date: d.Date, Counts: newCounts()}
		at[d.ID] = i
	}
	for cl, err := range rows {
		if err != nil {
			return Report{}, err
		}
		if i, ok := at[cl.Document]; ok {
			r.Documents[i].add(cl)
		}
	}
	for _, d := range r.Documents {
		r.Total.plus(d.Counts)
	}
	return r, nil
}
