package workbench

import (
	"cmp"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/store"
)

// The stored findings are a cache of the checks: after any sequence of
// changes they equal what the checks find from scratch. Random sequences
// of saves, reviews, glossary additions, edits and deletions, splits,
// merges, imports, alignments and dismissals, on SQLite and PostgreSQL.
func TestStoredFindingsEqualARecompute(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		rng := rand.New(rand.NewPCG(7, 15))
		all := firstClauses(t, st, 300)
		// The numbering markers among them too: the system's English has no
		// findings, a person's has.
		listed, _, err := st.ListClauses(ctx, store.ClauseFilter{Limit: 300})
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range listed {
			if c.Kind == "heading" {
				all = append(all, c)
			}
		}
		// Texts that trip the checks: a wrong number, Chinese left over, the
		// same English twice, a term rendered another way.
		texts := []string{
			"The two sides agree.", "The two sides agree to strengthen cooperation.",
			"China and Russia will hold 3 meetings in 2012.", "中俄 agree.", "The BRICS countries met.",
			"The Shanghai Cooperation Organisation met.", "The comprehensive strategic partnership of coordination deepens.",
			"US$100 billion.", "",
		}
		terms := [][2]string{{"两国", "the two countries"}, {"合作", "cooperation"}, {"上海合作组织", "Shanghai Cooperation Organization"},
			{"战略", "strategic"}, {"金砖国家", "BRICS"}, {"联合声明", "joint statement"}, {"双方", "the two sides"}}
		// Saves on clauses that share Chinese make "same Chinese, other
		// English" findings.
		bySource := map[string][]store.Clause{}
		for _, c := range all {
			bySource[c.SourceKey] = append(bySource[c.SourceKey], c)
		}
		pick := func() store.Clause {
			c := all[rng.IntN(len(all))]
			if rng.IntN(3) == 0 {
				for _, group := range bySource {
					if len(group) > 1 {
						c = group[rng.IntN(len(group))]
						break
					}
				}
			}
			cur, err := st.GetClause(ctx, c.ID)
			if err != nil {
				return c // merged away: the use case says so
			}
			return cur
		}
		// Two common terms from the start, so that most clauses are in the
		// term-occurrence index whatever the sequence does.
		var termIDs []uint
		for _, tm := range terms[len(terms)-2:] {
			if _, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: tm[0], EN: tm[1]}}); err != nil {
				t.Fatal(err)
			}
		}
		var steps []string
		for i := range 160 {
			c := pick()
			var err error
			var step string
			switch op := rng.IntN(12); {
			case op < 4:
				text := texts[rng.IntN(len(texts))]
				step = fmt.Sprintf("save %d %q", c.ID, text)
				_, err = w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: text})
			case op == 4:
				step = fmt.Sprintf("submit+approve %d", c.ID)
				if cl, e := w.Submit(ctx, translator, Submit{c.ID, c.Version}); e == nil {
					if cl, err = w.Approve(ctx, reviewer, Approve{Clause: c.ID, Version: cl.Version}); err == nil && rng.IntN(2) == 0 {
						// A pending edit of approved English: the report
						// still counts the approved one.
						text := texts[rng.IntN(len(texts))] + " The two sides agree."
						step += fmt.Sprintf(", then save %q", text)
						_, err = w.Save(ctx, translator, Save{Clause: c.ID, Version: cl.Version, Text: text})
					}
				}
			case op == 5:
				tm := terms[rng.IntN(len(terms))]
				step = "add term " + tm[0]
				var t store.Term
				if t, err = w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: tm[0], EN: tm[1], Forbidden: []string{"both sides"}}}); err == nil {
					termIDs = append(termIDs, t.ID)
				}
			case op == 6 && len(termIDs) > 0:
				id := termIDs[rng.IntN(len(termIDs))]
				tm := terms[rng.IntN(len(terms))]
				step = fmt.Sprintf("edit term %d to %s", id, tm[0])
				if cur, e := st.GetTerm(ctx, id); e == nil {
					entry := glossary.Entry{ZH: tm[0], EN: tm[1] + " (edited)"}
					if rng.IntN(2) == 0 { // the Chinese kept: the English, a forbidden rendering or the status
						status := []string{glossary.StatusApproved, glossary.StatusProposed, glossary.StatusDeprecated}[rng.IntN(3)]
						entry = glossary.Entry{ZH: cur.ZH, EN: tm[1], Forbidden: []string{"agree"}, Status: status}
						step = fmt.Sprintf("edit term %d (%s): %q, %s", id, cur.ZH, tm[1], status)
					}
					_, err = w.EditTerm(ctx, reviewer, EditTerm{Term: id, Version: cur.Version, Entry: entry})
				}
			case op == 7 && len(termIDs) > 0:
				k := rng.IntN(len(termIDs))
				step = fmt.Sprintf("delete term %d", termIDs[k])
				err = w.DeleteTerm(ctx, reviewer, DeleteTerm{termIDs[k]})
				termIDs = slices.Delete(termIDs, k, k+1)
			case op == 8:
				n := len([]rune(c.Source))
				step = fmt.Sprintf("split %d", c.ID)
				if n > 2 {
					_, err = w.Split(ctx, translator, Split{Clause: c.ID, Version: c.Version, At: 1 + rng.IntN(n-1)})
				}
			case op == 9:
				step = fmt.Sprintf("merge %d", c.ID)
				next, _, e := st.ListClauses(ctx, store.ClauseFilter{DocumentID: c.DocumentID, Offset: c.Position + 1, Limit: 1})
				if e == nil && len(next) == 1 {
					_, err = w.Merge(ctx, translator, Merge{Clause: c.ID, Version: c.Version, NextVersion: next[0].Version})
				}
			case op == 10 && rng.IntN(3) == 0:
				step = fmt.Sprintf("import a statement %d", i)
				text := fmt.Sprintf("中华人民共和国和俄罗斯联邦第%d号联合声明\n\n双方强调合作。两国在上海合作组织框架内加强战略协作，并发表联合声明。\n", i)
				_, err = w.ImportStatements(ctx, translator, ImportStatements{Files: []File{{Name: "s.txt", Data: []byte(text)}}})
			case op == 10:
				step = fmt.Sprintf("import and align around %d", c.ID)
				csv := fmt.Sprintf("zh,en\n%q,\"Imported %d.\"\n", c.Source, i)
				if _, err = w.ImportTranslations(ctx, translator, ImportTranslations{Name: "t.csv", Data: strings.NewReader(csv)}); err == nil {
					_, err = w.ApplyAlignment(ctx, translator, ApplyAlignment{Document: c.DocumentID, Pairs: []store.Assignment{{ClauseID: c.ID, English: "Aligned 100."}}})
				}
			case op == 11 && rng.IntN(3) == 0:
				style := []string{"", "arabic", "roman", "outline"}[rng.IntN(4)]
				step = fmt.Sprintf("numbering style %q for %d", style, c.DocumentID)
				_, err = w.SetNumberingStyle(ctx, translator, SetNumberingStyle{Document: c.DocumentID, Style: style})
			default:
				step = fmt.Sprintf("dismiss in %d", c.ID)
				if fs, e := w.Checker().Clause(ctx, c); e == nil && len(fs) > 0 {
					_, err = w.Dismiss(ctx, reviewer, Dismiss{Clause: c.ID, Key: fs[0].Key, Reason: "house style"})
				}
			}
			steps = append(steps, step)
			_ = err // refusals (conflicts, states, duplicates) are part of the sequence
			if i%40 == 39 {
				sameAsRecompute(t, w, st, steps)
			}
		}
		sameAsRecompute(t, w, st, steps)
	})
}

// sameAsRecompute fails if the stored findings differ from the checks run
// from scratch.
func sameAsRecompute(t *testing.T, w *Workbench, st *store.Store, steps []string) {
	t.Helper()
	ctx := t.Context()
	if err := w.CurrentFindings(ctx); err != nil {
		t.Fatal(err)
	}
	stored, total, err := st.Findings(ctx, store.FindingFilter{IncludeDismissed: true})
	if err != nil || int(total) != len(stored) {
		t.Fatalf("stored: %d of %d, %v", len(stored), total, err)
	}
	fresh, err := qa.New(st).Findings(ctx, qa.Filter{IncludeDismissed: true})
	if err != nil {
		t.Fatal(err)
	}
	key := func(f qa.Finding) string {
		return fmt.Sprintf("%08d %s %s %s %s %v", f.ClauseID, f.Key, f.Severity, f.Expected, f.Message, f.Dismissed != nil)
	}
	a, b := make([]string, 0, len(stored)), make([]string, 0, len(fresh))
	for _, f := range qa.FromStored(stored) {
		a = append(a, key(f))
	}
	for _, f := range fresh {
		b = append(b, key(f))
	}
	slices.SortFunc(a, cmp.Compare)
	slices.SortFunc(b, cmp.Compare)
	if !slices.Equal(a, b) {
		var only []string
		for _, x := range a {
			if !slices.Contains(b, x) {
				only = append(only, "stored only: "+x)
			}
		}
		for _, x := range b {
			if !slices.Contains(a, x) {
				only = append(only, "recomputed only: "+x)
			}
		}
		t.Fatalf("after %d steps (last: %v) the stored findings (%d) differ from a recompute (%d):\n%s", len(steps), steps[max(0, len(steps)-5):], len(a), len(b), strings.Join(only, "\n"))
	}
	if len(a) == 0 {
		t.Fatal("no findings at all: the sequence tests nothing")
	}
	// The kept counts agree: by statement (open findings), and the totals
	// of a statement's and a kind's pages.
	want := map[uint]int64{}
	byKind := map[string]int64{}
	for _, f := range fresh {
		if f.Dismissed == nil {
			want[f.DocumentID]++
			byKind[f.Kind]++
		}
	}
	got, err := st.FindingCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		t.Fatalf("after %d steps the statements' counts are %v, the findings %v", len(steps), got, want)
	}
	for kind, n := range byKind {
		if _, total, err := st.Findings(ctx, store.FindingFilter{Kind: kind, Limit: 1}); err != nil || total != n {
			t.Fatalf("after %d steps %s: total %d, %d findings (%v)", len(steps), kind, total, n, err)
		}
	}
	for doc, n := range want {
		if _, total, err := st.Findings(ctx, store.FindingFilter{DocumentID: doc, Limit: 1}); err != nil || total != n {
			t.Fatalf("after %d steps statement %d: total %d, %d findings (%v)", len(steps), doc, total, n, err)
		}
	}
	sameTermReport(t, w, st, steps)
}

// sameTermReport fails if the term report read from the term-occurrence
// index, whole or a page, differs from one computed over the corpus.
func sameTermReport(t *testing.T, w *Workbench, st *store.Store, steps []string) {
	t.Helper()
	ctx := t.Context()
	tb, err := w.Checker().Termbase(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var clauses []glossary.Clause
	for row, err := range st.ExportRows(ctx, store.ExportFilter{Texts: store.ReviewedTexts, Untranslated: true}) {
		if err != nil {
			t.Fatal(err)
		}
		clauses = append(clauses, glossary.Clause{ID: row.ID, DocumentID: row.DocumentID, Source: row.Source, Target: row.Target})
	}
	want, err := glossary.Report(ctx, tb, slices.Values(clauses))
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 && tb.Len() > 0 {
		t.Fatal("no term in the corpus: the report tests nothing")
	}
	whole, err := qa.TermReport(ctx, st, 0)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := jsonOf(t, whole), jsonOf(t, want); a != b {
		t.Fatalf("after %d steps (last: %v) the term report from the index differs from one over the corpus:\n%s\n%s", len(steps), steps[max(0, len(steps)-5):], a, b)
	}
	page, total, err := qa.ReportPage(ctx, st, 1000, 0)
	if err != nil || int(total) != len(want) || len(page) != len(want) {
		t.Fatalf("after %d steps a page of the term report has %d of %d terms, want %d (%v)", len(steps), len(page), total, len(want), err)
	}
	for i, got := range page {
		r := want[i]
		wantForms, gotForms := map[string]int{}, map[string]int{}
		for _, u := range r.Renderings {
			if u.Kind == glossary.RenderingOther {
				wantForms["other"] += len(u.Clauses)
			} else {
				wantForms[u.Kind+":"+u.Text] = u.Count
			}
		}
		wantForms["other"] += r.OtherOmitted
		for _, u := range got.Renderings {
			gotForms[u.Kind+":"+u.Text] = u.Count
		}
		gotForms["other"] = got.OtherOmitted
		if got.EntryID != r.EntryID || got.Occurrences != r.Occurrences || got.Clauses != r.Clauses || got.Translated != r.Translated ||
			got.Problems != r.Problems || !maps.Equal(got.Documents, r.Documents) || !maps.Equal(gotForms, wantForms) ||
			!slices.Equal(got.Attention, r.Attention[:min(len(r.Attention), qa.ReportAttention)]) {
			t.Fatalf("after %d steps (last: %v) term %d of a report page differs:\n%s\nwant\n%s\nforms %v, want %v", len(steps), steps[max(0, len(steps)-5):], i, jsonOf(t, got), jsonOf(t, r), gotForms, wantForms)
		}
	}
}

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A translations import rechecks the clauses it changed when they are a
// small part of the corpus, and computes every finding again when they are
// most of it (qa.Keeper.RecheckMany); either way the stored findings are
// those of a recompute.
func TestTranslationsImportRechecksWhatItChanged(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, _ *recorder) {
		ctx := t.Context()
		if _, err := w.AddTerm(ctx, reviewer, AddTerm{glossary.Entry{ZH: "合作", EN: "cooperation"}}); err != nil {
			t.Fatal(err)
		}
		if err := w.CurrentFindings(ctx); err != nil {
			t.Fatal(err)
		}
		computedAt := func() time.Time {
			state, ok, err := st.GetQAState(ctx)
			if err != nil || !ok {
				t.Fatalf("qa state: %v %v", ok, err)
			}
			return state.ComputedAt
		}
		before := computedAt()
		clauses := firstClauses(t, st, 300)
		i := slices.IndexFunc(clauses, func(c store.Clause) bool { return strings.Contains(c.Source, "合作") })
		one := fmt.Sprintf("zh,en\n%q,\"The two sides agree on 3 points.\"\n", clauses[i].Source) // the term left out
		if res, err := w.ImportTranslations(ctx, translator, ImportTranslations{Name: "one.csv", Data: strings.NewReader(one)}); err != nil || res.Updated == 0 {
			t.Fatalf("%+v %v", res, err)
		}
		if !computedAt().Equal(before) {
			t.Fatal("a one-clause import computed every finding again")
		}
		sameAsRecompute(t, w, st, []string{"import one pair"})

		var all strings.Builder
		all.WriteString("zh,en\n")
		for _, c := range clauses {
			fmt.Fprintf(&all, "%q,\"Everything, 4 times.\"\n", c.Source)
		}
		time.Sleep(10 * time.Millisecond) // a recompute's time differs from the last one's
		if res, err := w.ImportTranslations(ctx, translator, ImportTranslations{Name: "all.csv", Data: strings.NewReader(all.String())}); err != nil || res.Updated < len(clauses)/2 {
			t.Fatalf("%+v %v", res, err)
		}
		if computedAt().Equal(before) {
			t.Fatal("an import of most clauses rechecked them one by one")
		}
		sameAsRecompute(t, w, st, []string{"import one pair", "import every clause"})
	})
}

// A split rechecks both its parts, and a merge the clause it made and the
// one it removed (whose findings and term uses go): only those, not their
// whole statement, yet the stored findings and the term index equal a
// recompute.
func TestSplitAndMergeRecheckTheirClauses(t *testing.T) {
	forEachDB(t, func(t *testing.T, w *Workbench, st *store.Store, rec *recorder) {
		ctx := t.Context()
		for _, e := range []glossary.Entry{{ZH: "合作", EN: "cooperation"}, {ZH: "双方", EN: "the two sides"}} {
			if _, err := w.AddTerm(ctx, reviewer, AddTerm{e}); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.CurrentFindings(ctx); err != nil {
			t.Fatal(err)
		}
		// A clause with 双方 before 合作, followed by another of its paragraph.
		var c, next store.Clause
		for _, cl := range firstClauses(t, st, 300) {
			i, j := strings.Index(cl.Source, "双方"), strings.LastIndex(cl.Source, "合作")
			if i < 0 || j < i+len("双方") {
				continue
			}
			after, _, err := st.ListClauses(ctx, store.ClauseFilter{DocumentID: cl.DocumentID, Offset: cl.Position + 1, Limit: 1})
			if err == nil && len(after) == 1 && after[0].Paragraph == cl.Paragraph && !strings.Contains(after[0].Source, "合作") {
				c, next = cl, after[0]
				break
			}
		}
		if c.ID == 0 {
			t.Fatal("no clause with 双方 … 合作 followed by another of its paragraph in the seed")
		}
		var err error
		if c, err = w.Save(ctx, translator, Save{Clause: c.ID, Version: c.Version, Text: "The sides agree."}); err != nil {
			t.Fatal(err)
		}
		at := len([]rune(c.Source[:strings.LastIndex(c.Source, "合作")]))
		split, err := w.Split(ctx, translator, Split{Clause: c.ID, Version: c.Version, At: at, English: []string{"The sides", "agree."}})
		if err != nil || len(split.Clauses) != 2 {
			t.Fatalf("split: %+v %v", split, err)
		}
		// The second part holds 合作 and has English without it.
		if fs, _, err := st.Findings(ctx, store.FindingFilter{ClauseIDs: []uint{split.Clauses[1].ID}, IncludeDismissed: true}); err != nil || len(fs) == 0 {
			t.Errorf("the split's second part has no findings: %d, %v", len(fs), err)
		}
		sameAsRecompute(t, w, st, []string{"split"})

		// Merge the second part and the clause after it: the latter goes.
		second := split.Clauses[1]
		if _, err := w.Save(ctx, translator, Save{Clause: next.ID, Version: next.Version, Text: "Both sides agree."}); err != nil {
			t.Fatal(err)
		}
		next, err = st.GetClause(ctx, next.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Merge(ctx, translator, Merge{Clause: second.ID, Version: second.Version, NextVersion: next.Version}); err != nil {
			t.Fatal(err)
		}
		if fs, _, err := st.Findings(ctx, store.FindingFilter{ClauseIDs: []uint{next.ID}, IncludeDismissed: true}); err != nil || len(fs) != 0 {
			t.Errorf("the clause merged away keeps %d findings (%v)", len(fs), err)
		}
		sameAsRecompute(t, w, st, []string{"split", "merge"})
		rec.take()
	})
}
