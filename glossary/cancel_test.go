package glossary

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/testkit"

	"github.com/zhen-workbench/zhen/internal/stop"
)

func suggest(t testing.TB, docs []DocText, tb *Termbase, limit int) []Suggestion {
	t.Helper()
	out, err := Suggest(t.Context(), Corpus(docs), tb, limit)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func report(t testing.TB, tb *Termbase, clauses func(func(Clause) bool)) []TermReport {
	t.Helper()
	out, err := Report(t.Context(), tb, clauses)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func inconsistent(t testing.TB, clauses []Clause) []Finding {
	t.Helper()
	out, err := Inconsistent(t.Context(), clauses)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// stopsAtLooks runs f with a context cancelled at looks spread over those
// a whole run takes (every one, up to 50; the first and the last), and
// checks that f stops there with context.Canceled, looking no further: a
// look whose answer is ignored, in whichever phase, shows.
func stopsAtLooks(t *testing.T, minLooks int, f func(ctx context.Context) error) {
	t.Helper()
	whole := &testkit.CancelAt{Context: context.Background()}
	if err := f(whole); err != nil {
		t.Fatal(err)
	}
	if whole.Looks < minLooks {
		t.Fatalf("a whole run looked at the context %d times, want at least %d", whole.Looks, minLooks)
	}
	step := max(1, whole.Looks/50)
	for at := 1; ; at = min(at+step, whole.Looks) {
		ctx := &testkit.CancelAt{Context: context.Background(), At: at}
		if err := f(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled at look %d of %d: err %v", at, whole.Looks, err)
		}
		if ctx.Looks != at {
			t.Fatalf("cancelled at look %d: went on to look %d", at, ctx.Looks)
		}
		if at == whole.Looks {
			break
		}
	}
}

func TestSuggestStopsWhenCancelled(t *testing.T) {
	var docs []DocText
	for i, d := range seedDocs() {
		doc := DocText{DocumentID: uint(i + 1)}
		for _, c := range d.Clauses {
			doc.Clauses = append(doc.Clauses, c.Text)
		}
		docs = append(docs, doc)
	}
	// The seed's clauses, each level's strings, the candidates: hundreds
	// of looks in all.
	stopsAtLooks(t, 20, func(ctx context.Context) error {
		out, err := Suggest(ctx, Corpus(docs), nil, 10)
		if err == nil && len(out) != 10 || err != nil && out != nil {
			t.Fatalf("%d suggestions, err %v", len(out), err)
		}
		return err
	})
}

func TestReportStopsWhenCancelled(t *testing.T) {
	tb := Compile(seedGlossary())
	var clauses []Clause
	for i, text := range slices.Repeat(seedClauses(), 6) {
		clauses = append(clauses, Clause{ID: uint(i + 1), DocumentID: uint(i/400 + 1), Source: text, Target: "The two sides agreed."})
	}
	stopsAtLooks(t, len(clauses)/stop.Every, func(ctx context.Context) error {
		read := 0
		out, err := Report(ctx, tb, func(yield func(Clause) bool) {
			for _, c := range clauses {
				read++
				if !yield(c) {
					return
				}
			}
		})
		if err == nil && len(out) == 0 || err != nil && out != nil {
			t.Fatalf("%d reports, err %v", len(out), err)
		}
		// Cancelled, it reads no further than the clause it looked at.
		if err != nil && (read-1)%stop.Every != 0 {
			t.Fatalf("stopped after clause %d, not at a look", read)
		}
		return err
	})
}

func TestInconsistentStopsWhenCancelled(t *testing.T) {
	// 100 Chinese sentences, each in 100 clauses with English of its own.
	var clauses []Clause
	for i := range 10_000 {
		clauses = append(clauses, Clause{ID: uint(i + 1), Source: fmt.Sprintf("双方认为%d", i%100), Target: fmt.Sprintf("The two sides believe (%d)", i)})
	}
	stopsAtLooks(t, 2*len(clauses)/stop.Every, func(ctx context.Context) error {
		out, err := Inconsistent(ctx, clauses)
		if err == nil && len(out) != len(clauses) || err != nil && out != nil {
			t.Fatalf("%d findings, err %v", len(out), err)
		}
		return err
	})
}

// TestInconsistentFindingsStaySmall: a finding names the most used other
// translations, not all of them, so the findings of m clauses with m
// translations grow with m, not m².
func TestInconsistentFindingsStaySmall(t *testing.T) {
	var clauses []Clause
	for i := range 2000 {
		en := fmt.Sprintf("The two sides believe (%d)", i)
		if i < 3 {
			en = "The two sides believe."
		}
		clauses = append(clauses, Clause{ID: uint(i + 1), Source: "双方认为", Target: en})
	}
	out, err := Inconsistent(t.Context(), clauses)
	if err != nil || len(out) != 1997 {
		t.Fatalf("%d findings, %v", len(out), err)
	}
	f := out[0]
	if n := strings.Count(f.Expected, "“"); n != maxOtherTranslations || !strings.HasPrefix(f.Expected, "“The two sides believe.” (3 places)") {
		t.Fatalf("expected names %d translations: %s", n, f.Expected)
	}
	if !strings.Contains(f.Message, "1998 translations in 2000 places") || !strings.Contains(f.Message, "and 1992 other translations") || len(f.Message) > 600 {
		t.Fatalf("message: %s", f.Message)
	}
}
