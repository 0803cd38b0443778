package glossary

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/stop"
)

// Finding kinds: stable identifiers, stored with reviewers' dismissals.
const (
	KindTermMissing         = "term_missing"         // the term's rendering is not (or not every time) in the English
	KindTermForbidden       = "term_forbidden"       // a forbidden rendering is in the English
	KindUntranslated        = "untranslated"         // no English, or the English is still Chinese
	KindPunctuation         = "punctuation"          // Chinese punctuation left in the English
	KindSegmentInconsistent = "segment_inconsistent" // the same Chinese is translated differently elsewhere
)

// Severities.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityInfo    = "info"
)

// Clause is what the checks need of a clause.
type Clause struct {
	ID, DocumentID uint
	Source, Target string // Chinese, English
}

// Finding is one problem in a clause.
type Finding struct {
	Kind       string `json:"kind"`
	Severity   string `json:"severity"`
	ClauseID   uint   `json:"clause_id"`
	DocumentID uint   `json:"document_id"`
	Source     string `json:"source"`
	Target     string `json:"target"`
	Term       string `json:"term"`     // the Chinese term when the finding is about one, else ""
	Expected   string `json:"expected"` // e.g. "BRICS (or: BRICS countries)"
	Found      string `json:"found"`    // what the English has: the forbidden phrase, the other translation, the marks …
	Message    string `json:"message"`  // what is wrong and what to do, for the translator, in English
	// Code names the shape of Message (finer than Kind: see the Code
	// constants) and Params fills it: an interface renders the message in
	// its own language from them. Params is nil when the message has none.
	Code   string            `json:"code"`
	Params map[string]string `json:"params,omitempty"`
}

// Finding codes: the shapes of Message, each with its Params (all strings).
// Two params decorate any term finding: "proposed" ("1" when the entry is
// only proposed: the message starts "Proposed term: ") and "note" (the
// entry's note, which ends the message).
const (
	CodeNoEnglish          = "untranslated"         // no params
	CodeCopiedChinese      = "untranslated_copied"  // no params
	CodeMostlyChinese      = "untranslated_chinese" // han, letters: counts
	CodePunctuation        = "punctuation"          // marks: the Chinese marks; fixes: "“。” → “.”, “，” → “,”"
	CodeTermForbidden      = "term_forbidden"       // term, found, n (times found), use (the approved rendering)
	CodeTermForbiddenBare  = "term_forbidden_bare"  // term, found, n: the entry has no rendering to use instead
	CodeTermMissing        = "term_missing"         // term, use
	CodeTermMissingVariant = "term_missing_variant" // term, use, variants ("a, b")
	CodeTermMissingCount   = "term_missing_count"   // term, count (in the Chinese), n (renderings in the English)
	CodeInconsistent       = "segment_inconsistent" // translations, places, here (places using this one), others ("“x” ×3, “y” ×1"), more (other translations not named, "0" for none)
)

// FindingKey identifies a finding across runs, so that a reviewer's
// dismissal can be stored and matched later: the same kind of problem with
// the same term and the same English text in the same clause.
func FindingKey(f Finding) string {
	return f.Kind + ":" + strconv.FormatUint(uint64(f.ClauseID), 10) + ":" + strconv.Quote(f.Term) + ":" + strconv.Quote(f.Found)
}

// FindingKeyIn is key, a FindingKey, for the same finding in another
// clause: when clauses are split or merged, a reviewer's dismissal follows
// the text it was about. ok is false if key is not a FindingKey.
func FindingKeyIn(key string, clauseID uint) (_ string, ok bool) {
	kind, rest, ok := strings.Cut(key, ":")
	if !ok {
		return "", false
	}
	_, rest, ok = strings.Cut(rest, ":")
	if !ok || kind == "" {
		return "", false
	}
	return kind + ":" + strconv.FormatUint(uint64(clauseID), 10) + ":" + rest, true
}

// CheckClause checks one translated clause against the glossary and for
// Chinese left in the English. Only approved entries give errors; proposed
// ones give the same findings as "info"; deprecated ones are not compiled.
// An untranslated clause gets that finding alone: its other checks would
// only repeat it.
func (tb *Termbase) CheckClause(c Clause) (fs []Finding) {
	tb.CheckClauses([]Clause{c}, func(_ int, found []Finding) { fs = found })
	return fs
}

// checkBatch is how many clauses CheckClauses scans before it checks their
// English.
const checkBatch = 64

// CheckClauses is CheckClause for each of clauses, faster over many: fn is
// called with each clause's index and findings, in order. It scans the
// Chinese of a batch of clauses before it checks their English, so that the
// automaton, then the English and the renderings, have the caches to
// themselves for a batch instead of taking turns at every clause.
func (tb *Termbase) CheckClauses(clauses []Clause, fn func(i int, fs []Finding)) {
	tb.examine(clauses, false, func(i int, fs []Finding, _ []TermUse) { fn(i, fs) })
}

// ExamineClauses is CheckClauses that also says what each clause does with
// every entry whose term is in its Chinese, translated or not: the rows of
// the term-occurrence index. The uses passed to fn are fn's to keep.
func (tb *Termbase) ExamineClauses(clauses []Clause, fn func(i int, fs []Finding, uses []TermUse)) {
	tb.examine(clauses, true, fn)
}

func (tb *Termbase) examine(clauses []Clause, withUses bool, fn func(i int, fs []Finding, uses []TermUse)) {
	sc := scratchPool.Get().(*scratch)
	defer putScratch(sc)
	for from := 0; from < len(clauses); from += checkBatch {
		batch := clauses[from:min(from+checkBatch, len(clauses))]
		ms, ends := sc.matches[:0], sc.ends[:0]
		for _, c := range batch {
			if withUses || c.Target != "" {
				ms = tb.termsIn(ms, c.Source)
			}
			ends = append(ends, len(ms))
		}
		sc.matches, sc.ends = ms, ends
		start := 0
		for k, c := range batch {
			target := strings.TrimSpace(c.Target)
			var uses []use
			if target != "" || withUses && start < ends[k] {
				uses = tb.uses(sc, ms[start:ends[k]:ends[k]], target)
			}
			var tus []TermUse
			if withUses {
				tus = tb.termUses(uses, target != "")
			}
			fn(from+k, tb.check(sc, c, target, uses), tus)
			start = ends[k]
		}
	}
}

// check is CheckClause with what the clause does with the terms in its
// Chinese (uses of target, the trimmed English) found, in scratch sc.
func (tb *Termbase) check(sc *scratch, c Clause, target string, uses []use) []Finding {
	base := Finding{ClauseID: c.ID, DocumentID: c.DocumentID, Source: c.Source, Target: c.Target}
	if target == "" {
		return []Finding{with(base, KindUntranslated, SeverityWarning, "", "", "", CodeNoEnglish, nil, "There is no English for this clause yet.")}
	}
	var han int
	var marks []rune
	if !sc.en.plainASCII() { // else matching the terms found it plain ASCII: no Chinese in it
		han, marks = scanEnglish(target)
	}
	if han > 0 {
		if Normalize(target) == Normalize(c.Source) {
			return []Finding{with(base, KindUntranslated, SeverityWarning, "", "", target, CodeCopiedChinese, nil,
				"The English is the Chinese copied unchanged: translate it.")}
		}
		if letters := countLetters(target); 2*han > letters {
			return []Finding{with(base, KindUntranslated, SeverityWarning, "", "", target, CodeMostlyChinese,
				map[string]string{"han": strconv.Itoa(han), "letters": strconv.Itoa(letters)},
				fmt.Sprintf("The English is still mostly Chinese (%d of %d letters are Chinese characters): translate it.", han, letters))}
		}
	}
	var fs []Finding
	if len(marks) > 0 {
		var found, fixes []string
		for _, m := range marks {
			found = append(found, string(m))
			fixes = append(fixes, "“"+string(m)+"” → “"+englishMark(m)+"”")
		}
		marks, fix := strings.Join(found, ""), strings.Join(fixes, ", ")
		fs = append(fs, with(base, KindPunctuation, SeverityWarning, "", "", marks, CodePunctuation,
			map[string]string{"marks": marks, "fixes": fix},
			"Chinese punctuation left in the English: "+fix+"."))
	}
	for i := range uses {
		if u := &uses[i]; len(u.forbidden) > 0 || u.missing() {
			fs = tb.appendTermFindings(fs, &base, u)
		}
	}
	return fs
}

func with(f Finding, kind, severity, term, expected, found, code string, params map[string]string, message string) Finding {
	f.Kind, f.Severity, f.Term, f.Expected, f.Found, f.Message = kind, severity, term, expected, found, message
	f.Code, f.Params = code, params
	return f
}

// missing says whether fewer renderings (accepted or forbidden) than
// occurrences of the term are in the English.
func (u *use) missing() bool {
	return u.renderings > 0 && len(u.accepted)+len(u.forbidden) < u.count
}

// appendTermFindings turns what a clause does with an entry into findings:
// one per forbidden phrase as written, and one for a missing rendering.
func (tb *Termbase) appendTermFindings(fs []Finding, base *Finding, u *use) []Finding {
	e := &tb.entries[u.entry]
	severity, prefix := SeverityError, ""
	if e.Status != StatusApproved {
		severity, prefix = SeverityInfo, "Proposed term: "
	}
	note := ""
	if e.Note != "" {
		note = " Note: " + strings.TrimSpace(e.Note)
	}
	// params are the finding's Params: the term, the decorations and more.
	params := func(kv ...string) map[string]string {
		p := map[string]string{"term": e.ZH}
		if prefix != "" {
			p["proposed"] = "1"
		}
		if note != "" {
			p["note"] = strings.TrimSpace(e.Note)
		}
		for i := 0; i+1 < len(kv); i += 2 {
			p[kv[i]] = kv[i+1]
		}
		return p
	}
	expected := expectedRenderings(e)
	primary, others := renderingNames(e)
	var phrases []string
	counts := map[string]int{}
	for _, o := range u.forbidden {
		if counts[o.Text] == 0 {
			phrases = append(phrases, o.Text)
		}
		counts[o.Text]++
	}
	for _, p := range phrases {
		msg := fmt.Sprintf("%s“%s” is a forbidden rendering of %s", prefix, p, e.ZH)
		if counts[p] > 1 {
			msg += fmt.Sprintf(" (%d times)", counts[p])
		}
		code, ps := CodeTermForbiddenBare, params("found", p, "n", strconv.Itoa(counts[p]))
		if primary != "" {
			msg += fmt.Sprintf(": use “%s”", primary)
			code, ps["use"] = CodeTermForbidden, primary
		}
		fs = append(fs, with(*base, KindTermForbidden, severity, e.ZH, expected, p, code, ps, msg+"."+note))
	}
	if !u.missing() {
		return fs
	}
	var msg, found, code string
	var ps map[string]string
	switch {
	case len(u.accepted) == 0 && len(others) == 0:
		code, ps = CodeTermMissing, params("use", primary)
		msg = fmt.Sprintf("%s%s is in the Chinese but “%s” is not in the English.", prefix, e.ZH, primary)
	case len(u.accepted) == 0:
		code, ps = CodeTermMissingVariant, params("use", primary, "variants", strings.Join(others, ", "))
		msg = fmt.Sprintf("%s%s is in the Chinese but the English has neither “%s” nor a variant (%s).",
			prefix, e.ZH, primary, strings.Join(others, ", "))
	default:
		var texts []string
		for _, o := range u.accepted {
			texts = append(texts, o.Text)
		}
		found = strings.Join(texts, "; ")
		code, ps = CodeTermMissingCount, params("count", strconv.Itoa(u.count), "n", strconv.Itoa(len(u.accepted)+len(u.forbidden)))
		msg = fmt.Sprintf("%s%s occurs %s in the Chinese but its rendering %s in the English: is one missing?",
			prefix, e.ZH, times(u.count), times(len(u.accepted)+len(u.forbidden)))
	}
	return append(fs, with(*base, KindTermMissing, severity, e.ZH, expected, found, code, ps, msg+note))
}

// renderingNames is the approved rendering and the variants of e, blank
// ones left out; a variant stands in for a missing approved rendering.
func renderingNames(e *Entry) (primary string, others []string) {
	for _, r := range append([]string{e.EN}, e.Variants...) {
		switch r = strings.TrimSpace(r); {
		case r == "":
		case primary == "":
			primary = r
		default:
			others = append(others, r)
		}
	}
	return primary, others
}

func times(n int) string {
	if n == 1 {
		return "1 time"
	}
	return strconv.Itoa(n) + " times"
}

// expectedRenderings is "BRICS (or: BRICS countries)".
func expectedRenderings(e *Entry) string {
	primary, others := renderingNames(e)
	if len(others) == 0 {
		return primary
	}
	return primary + " (or: " + strings.Join(others, ", ") + ")"
}

// englishMark is what to write instead of a Chinese punctuation mark, ""
// for other characters. The curly quotes “” are not on the list: English
// uses them too.
func englishMark(r rune) string {
	switch r {
	case '，', '、':
		return ","
	case '。':
		return "."
	case '；':
		return ";"
	case '：':
		return ":"
	case '！':
		return "!"
	case '？':
		return "?"
	case '（':
		return "("
	case '）':
		return ")"
	case '《', '》':
		return `"` // or italics: a title
	case '【':
		return "["
	case '】':
		return "]"
	}
	return ""
}

// scanEnglish counts the Chinese characters of an English text and lists
// the Chinese punctuation marks in it, each once, in order. ASCII, most of
// any English, is skipped a word at a time.
func scanEnglish(s string) (han int, marks []rune) {
	for i := 0; i < len(s); {
		if i+8 <= len(s) && (s[i]|s[i+1]|s[i+2]|s[i+3]|s[i+4]|s[i+5]|s[i+6]|s[i+7]) < utf8.RuneSelf {
			i += 8
			continue
		}
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case unicode.Is(unicode.Han, r):
			han++
		case englishMark(r) != "" && !slices.Contains(marks, r):
			marks = append(marks, r)
		}
	}
	return han, marks
}

// countLetters counts the letters of s, Chinese characters included.
func countLetters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// Inconsistent finds clauses whose Chinese is the same (after Normalize) but
// whose English differs (after trimming), among clauses that have English.
// Where one translation is used more than any other, the clauses that use
// another get a finding; on a tie, every clause does. Over a corpus this
// takes a while (each finding names every other translation), so it stops,
// with ctx's error, once ctx ends.
func Inconsistent(ctx context.Context, clauses []Clause) ([]Finding, error) {
	s := &stop.Counter{Ctx: ctx}
	type group struct {
		members []int          // indexes into clauses
		counts  map[string]int // trimmed English → clauses using it
		order   []string       // translations in first-seen order
	}
	groups := map[string]*group{}
	var keys []string
	for i, c := range clauses {
		if err := s.Step(); err != nil {
			return nil, err
		}
		en := strings.TrimSpace(c.Target)
		if en == "" {
			continue
		}
		key := Normalize(c.Source)
		if key == "" {
			continue
		}
		g := groups[key]
		if g == nil {
			g = &group{counts: map[string]int{}}
			groups[key] = g
			keys = append(keys, key)
		}
		g.members = append(g.members, i)
		if g.counts[en] == 0 {
			g.order = append(g.order, en)
		}
		g.counts[en]++
	}
	var fs []Finding
	for _, key := range keys {
		g := groups[key]
		if len(g.order) < 2 {
			continue
		}
		// Most used first; the first seen on a tie.
		byUse := slices.Clone(g.order)
		slices.SortStableFunc(byUse, func(a, b string) int { return g.counts[b] - g.counts[a] })
		norm := ""
		if g.counts[byUse[0]] > g.counts[byUse[1]] {
			norm = byUse[0]
		}
		for _, i := range g.members {
			if err := s.Step(); err != nil {
				return nil, err
			}
			c := clauses[i]
			en := strings.TrimSpace(c.Target)
			if en == norm {
				continue
			}
			// The most used others, at most maxOtherTranslations of them:
			// naming every one in every finding grows with the square of the
			// translations (a corpus whose copies all differ took 23 GB).
			var others, uses, named []string
			for _, t := range byUse[:min(len(byUse), maxOtherTranslations+1)] {
				if t != en && len(others) < maxOtherTranslations {
					others = append(others, fmt.Sprintf("“%s” (%s)", t, places(g.counts[t])))
					uses = append(uses, fmt.Sprintf("“%s” in %s", t, places(g.counts[t])))
					named = append(named, fmt.Sprintf("“%s” ×%d", t, g.counts[t]))
				}
			}
			rest := len(byUse) - 1 - len(others)
			if rest == 1 {
				uses = append(uses, "and 1 other translation")
			} else if rest > 0 {
				uses = append(uses, fmt.Sprintf("and %d other translations", rest))
			}
			msg := fmt.Sprintf("The same Chinese has %d translations in %d places: this one in %s, %s. Choose one and use it everywhere.",
				len(g.order), len(g.members), places(g.counts[en]), strings.Join(uses, ", "))
			fs = append(fs, Finding{
				Kind: KindSegmentInconsistent, Severity: SeverityWarning,
				ClauseID: c.ID, DocumentID: c.DocumentID, Source: c.Source, Target: c.Target,
				Expected: strings.Join(others, "; "), Found: en, Message: msg,
				Code: CodeInconsistent, Params: map[string]string{
					"translations": strconv.Itoa(len(g.order)), "places": strconv.Itoa(len(g.members)),
					"here": strconv.Itoa(g.counts[en]), "others": strings.Join(named, ", "), "more": strconv.Itoa(rest),
				},
			})
		}
	}
	return fs, nil
}

// maxOtherTranslations is how many of the other translations of the same
// Chinese a finding names (the most used first).
const maxOtherTranslations = 5

func places(n int) string {
	if n == 1 {
		return "1 place"
	}
	return strconv.Itoa(n) + " places"
}
