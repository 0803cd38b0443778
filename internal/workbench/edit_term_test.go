package workbench

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/store"
)

// testStore is a store on a SQLite file of the test's own.
func testStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// translate gives the clauses that are not numbering markers the English
// text, then makes the stored findings current: a later change rechecks
// what it touches.
func translate(t *testing.T, w *Workbench, clauses []store.Clause, text string) {
	t.Helper()
	for _, c := range clauses {
		if c.Kind != "heading" {
			if _, err := w.Save(t.Context(), translator, Save{Clause: c.ID, Version: c.Version, Text: text}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := w.CurrentFindings(t.Context()); err != nil {
		t.Fatal(err)
	}
}

// checkedRecorder is a store that notes which clauses the checks read.
type checkedRecorder struct {
	*store.Store
	mu      sync.Mutex
	checked map[uint]bool
}

func (s *checkedRecorder) ClausesByID(ctx context.Context, ids []uint) ([]store.Clause, error) {
	s.mu.Lock()
	for _, id := range ids {
		s.checked[id] = true
	}
	s.mu.Unlock()
	return s.Store.ClausesByID(ctx, ids)
}

// An edit that leaves a term's Chinese as it was rechecks the clauses the
// term matches (the term-occurrence index has them), not every clause whose
// Chinese contains it inside a longer term; an edit of the Chinese, or
// from or to deprecated, rechecks where the term now occurs too. The
// findings equal a recompute after each.
func TestEditTermRechecksTheClausesItMatches(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	rec := &checkedRecorder{Store: st, checked: map[uint]bool{}}
	w := New(rec, &recorder{st: st})
	// Other clauses, so that a recheck of a few is cheaper than a
	// recompute (qa.recheckCost).
	text := "中华人民共和国和俄罗斯联邦联合声明\n\n双方相互支持。双方支持合作。两国深化合作。"
	for i := range 40 {
		text += fmt.Sprintf("俄方欢迎第%d次会议。", i+1)
	}
	text += "\n"
	if _, err := w.ImportStatements(ctx, admin, ImportStatements{Files: []File{{Name: "s.txt", Data: []byte(text)}}}); err != nil {
		t.Fatal(err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	id := map[string]uint{}
	for _, c := range clauses {
		id[c.Source] = c.ID
		if c.Kind != "heading" {
			if _, err := w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: "The sides support each other."}); err != nil {
				t.Fatal(err)
			}
		}
	}
	mutual, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "相互支持", EN: "mutual support"}})
	if err != nil {
		t.Fatal(err)
	}
	support, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "支持", EN: "support"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.CurrentFindings(ctx); err != nil {
		t.Fatal(err)
	}
	inside, matched, other := id["双方相互支持。"], id["双方支持合作。"], id["两国深化合作。"]
	if inside == 0 || matched == 0 || other == 0 {
		t.Fatalf("clauses: %v", id)
	}
	edit := func(term store.Term, e glossary.Entry) store.Term {
		t.Helper()
		rec.mu.Lock()
		clear(rec.checked)
		rec.mu.Unlock()
		cur, err := st.GetTerm(ctx, term.ID)
		if err != nil {
			t.Fatal(err)
		}
		out, err := w.EditTerm(ctx, reviewer, EditTerm{Term: term.ID, Version: cur.Version, Entry: e})
		if err != nil {
			t.Fatal(err)
		}
		sameAsRecompute(t, w, st, []string{"edit " + e.ZH + " " + e.EN + " " + e.Status})
		return out
	}
	checked := func(ids ...uint) []bool {
		rec.mu.Lock()
		defer rec.mu.Unlock()
		var out []bool
		for _, id := range ids {
			out = append(out, rec.checked[id])
		}
		return out
	}
	// The English only: the clause where 支持 is inside 相互支持 is left
	// alone, by the dry run as by the edit.
	rec.mu.Lock()
	clear(rec.checked)
	rec.mu.Unlock()
	impact, err := w.EditTermImpact(ctx, reviewer, EditTerm{Term: support.ID, Version: support.Version, Entry: glossary.Entry{ZH: "支持", EN: "backing", Forbidden: []string{"support"}}})
	if err != nil || impact.FlaggedClauses != 1 {
		t.Fatalf("dry run: %+v %v", impact, err)
	}
	if got := checked(matched, inside); !got[0] || got[1] {
		t.Errorf("an English edit's dry run checked the matched clause: %v, the clause with the longer term: %v", got[0], got[1])
	}
	support = edit(support, glossary.Entry{ZH: "支持", EN: "backing", Forbidden: []string{"support"}})
	if got := checked(matched, inside); !got[0] || got[1] {
		t.Errorf("an English edit checked the matched clause: %v, the clause with the longer term: %v", got[0], got[1])
	}
	// The Chinese: where the new term occurs is checked.
	edit(support, glossary.Entry{ZH: "合作", EN: "cooperation"})
	if got := checked(matched, other); !got[0] || !got[1] {
		t.Errorf("a Chinese edit checked the old term's clause: %v, the new term's: %v", got[0], got[1])
	}
	// Deprecated, and back: the term stops matching, then matches again.
	mutual = edit(mutual, glossary.Entry{ZH: "相互支持", EN: "mutual support", Status: glossary.StatusDeprecated})
	if got := checked(inside); !got[0] {
		t.Error("deprecating a term did not check its clause")
	}
	edit(mutual, glossary.Entry{ZH: "相互支持", EN: "mutual support", Status: glossary.StatusApproved})
	if got := checked(inside); !got[0] {
		t.Error("approving a deprecated term did not check its clause")
	}
}

// groupRecorder is a store that notes the Chinese whose "same Chinese"
// groups the checks look up.
type groupRecorder struct {
	*store.Store
	mu   sync.Mutex
	keys []string
}

func (s *groupRecorder) TranslatedWithSources(ctx context.Context, keys []string) ([]store.Clause, error) {
	s.mu.Lock()
	s.keys = append(s.keys, keys...)
	s.mu.Unlock()
	return s.Store.TranslatedWithSources(ctx, keys)
}

// Numbering markers whose English Zhen wrote are in no "same Chinese"
// group, so importing a statement whose only English is theirs looks no
// group up: on an archive, the markers of a hundred statements (一、,
// （二）…) made it read every marker of every other statement, 39 s of
// a 174 s import.
func TestImportLooksUpNoGroupsForNumberingMarkers(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	rec := &groupRecorder{Store: st}
	w := New(rec, &recorder{st: st})
	statement := func(n int) []byte {
		return fmt.Appendf(nil, "中俄联合声明（第%d号）\n\n一、双方支持合作。\n\n二、两国深化合作。\n\n（一）俄方欢迎第%d次会议。\n", n, n)
	}
	for n := range 2 {
		if _, err := w.ImportStatements(ctx, admin, ImportStatements{Files: []File{{Name: "s.txt", Data: statement(n + 1)}}}); err != nil {
			t.Fatal(err)
		}
		// Current findings: the next import rechecks its clauses.
		if err := w.CurrentFindings(ctx); err != nil {
			t.Fatal(err)
		}
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	numbered := 0
	for _, c := range clauses {
		if c.Numbered() {
			numbered++
		}
	}
	if numbered < 6 {
		t.Fatalf("%d numbered markers, want the 3 of each statement", numbered)
	}
	if len(rec.keys) > 0 {
		t.Errorf("the imports looked up the groups of %q", rec.keys)
	}
}

// A glossary import rechecks the clauses of the terms it adds or changes,
// not the whole corpus (on the scale archive, five new terms cost a 33 s
// recompute that held every writer), and the findings equal a recompute.
func TestGlossaryImportRechecksItsTerms(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	rec := &checkedRecorder{Store: st, checked: map[uint]bool{}}
	w := New(rec, &recorder{st: st})
	text := "中华人民共和国和俄罗斯联邦联合声明\n\n双方支持合作。两国深化合作。"
	for i := range 40 {
		text += fmt.Sprintf("俄方欢迎第%d次会议。", i+1)
	}
	if _, err := w.ImportStatements(ctx, admin, ImportStatements{Files: []File{{Name: "s.txt", Data: []byte(text + "\n")}}}); err != nil {
		t.Fatal(err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	translate(t, w, clauses, "The sides met 3 times.")
	clear(rec.checked)
	if _, err := w.ImportGlossary(ctx, reviewer, ImportGlossary{Name: "g.csv", Data: strings.NewReader("zh,en\n合作,cooperation\n深化,deepen\n")}); err != nil {
		t.Fatal(err)
	}
	var with []uint
	for _, c := range clauses {
		if strings.Contains(c.Source, "合作") || strings.Contains(c.Source, "深化") {
			with = append(with, c.ID)
		}
	}
	for _, id := range with {
		if !rec.checked[id] {
			t.Errorf("clause %d holds an imported term and was not rechecked (checked: %v)", id, rec.checked)
		}
	}
	if len(rec.checked) != len(with) {
		t.Errorf("%d clauses rechecked, want the %d that hold the terms", len(rec.checked), len(with))
	}
	sameAsRecompute(t, w, st, []string{"glossary import"})
}

// A numbering style changes only markers, which have no findings and are
// in no group: however many they are, they are rechecked, not the corpus
// (on the scale archive, 19,000 markers: 29 s of recompute holding every
// writer, now 4 s).
func TestNumberingStyleRechecksItsMarkers(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	rec := &checkedRecorder{Store: st, checked: map[uint]bool{}}
	w := New(rec, &recorder{st: st})
	// More markers than the 2,000 that used to make it a recompute: 22
	// statements of 99 (（1）…（99）).
	const markers = 22 * 99
	var files []File
	for d := range 22 {
		var text strings.Builder
		fmt.Fprintf(&text, "中华人民共和国和俄罗斯联邦第%d号联合声明\n\n", d+1)
		for i := range 99 {
			fmt.Fprintf(&text, "（%d）双方同意举行第%d次会议。\n\n", i+1, d*100+i+1)
		}
		files = append(files, File{Name: fmt.Sprintf("s%d.txt", d), Data: []byte(text.String())})
	}
	if _, err := w.ImportStatements(ctx, admin, ImportStatements{Files: files}); err != nil {
		t.Fatal(err)
	}
	// A sentence with findings (Chinese left, another number), which stay.
	first, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 2})
	if err != nil || len(first) != 2 || first[1].Numbered() {
		t.Fatalf("clauses: %+v %v", first, err)
	}
	if _, err := w.Save(ctx, translator, Save{Clause: first[1].ID, Version: first[1].Version, Text: "双方 agreed to hold the 7th meeting."}); err != nil {
		t.Fatal(err)
	}
	if err := w.CurrentFindings(ctx); err != nil {
		t.Fatal(err)
	}
	before, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 5000})
	if err != nil {
		t.Fatal(err)
	}
	clear(rec.checked)
	if _, err := w.ChangeSettings(ctx, admin, ChangeSettings{Settings: store.CorpusSettings{NumberingStyle: "outline"}}); err != nil {
		t.Fatal(err)
	}
	after, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 5000})
	if err != nil || len(after) != len(before) {
		t.Fatal(len(after), err)
	}
	changed := 0
	for i, c := range after {
		if c.Target != before[i].Target {
			changed++
			if !c.Numbered() || !rec.checked[c.ID] {
				t.Fatalf("marker %d (%s: %s → %s) changed; numbered %v, rechecked %v", c.ID, c.Source, before[i].Target, c.Target, c.Numbered(), rec.checked[c.ID])
			}
		}
	}
	if changed < markers || len(rec.checked) != changed {
		t.Errorf("%d clauses rechecked, %d markers changed; want the markers (%d) alone", len(rec.checked), changed, markers)
	}
	sameAsRecompute(t, w, st, []string{"numbering style"})
}

// termLookups is a store that counts the terms whose clauses are looked up.
type termLookups struct {
	*store.Store
	mu   sync.Mutex
	keys int
}

func (s *termLookups) ClausesWithTerms(ctx context.Context, entries []uint, keys []string) ([]uint, error) {
	s.mu.Lock()
	s.keys += len(keys)
	s.mu.Unlock()
	return s.Store.ClausesWithTerms(ctx, entries, keys)
}

// An import of many terms stops looking up their clauses once those are
// enough for a recompute: on an archive, looking up 2,000 new terms took
// 60 s of a 70 s import that was a recompute after the first few.
func TestGlossaryImportOfManyTermsStopsLookingUp(t *testing.T) {
	ctx := t.Context()
	st := testStore(t)
	rec := &termLookups{Store: st}
	w := New(rec, &recorder{st: st})
	if _, err := w.ImportStatements(ctx, admin, ImportStatements{Files: []File{{demo.SeedName, demo.Seed}}}); err != nil {
		t.Fatal(err)
	}
	clauses, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 40})
	if err != nil {
		t.Fatal(err)
	}
	translate(t, w, clauses, "The two sides agree.")
	// 双方 and 合作 first: in far more than a tenth of the seed's clauses.
	csv := "zh,en\n双方,the two sides\n合作,cooperation\n"
	for i := range 98 {
		csv += fmt.Sprintf("术语%d,term %d\n", i, i)
	}
	if _, err := w.ImportGlossary(ctx, reviewer, ImportGlossary{Name: "g.csv", Data: strings.NewReader(csv)}); err != nil {
		t.Fatal(err)
	}
	if rec.keys == 0 || rec.keys > 20 {
		t.Errorf("the clauses of %d terms were looked up; the first 20 make it a recompute", rec.keys)
	}
	sameAsRecompute(t, w, st, []string{"glossary import of 100 terms"})
}
