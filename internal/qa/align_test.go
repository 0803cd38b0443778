package qa

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
)

// alignChecker is a Checker over a fresh database holding the starter
// glossary, whose terms anchor the alignment as in production.
func alignChecker(t testing.TB) *Checker {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	entries, err := exchange.ReadGlossaryCSV(bytes.NewReader(demo.Glossary))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ImportTerms(t.Context(), entries, "test"); err != nil {
		t.Fatal(err)
	}
	return New(st)
}

// treatyStatement is the 2011 treaty statement's clauses repeated until
// there are at least n, and its English version repeated as often: a long
// statement and its translation, as a translator would paste them.
func treatyStatement(t testing.TB, n int) ([]store.Clause, string) {
	t.Helper()
	docs, err := segment.Parse(demo.SeedName, demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	var treaty segment.Document
	for _, d := range docs {
		if strings.Contains(d.Title, "签署10周年") {
			treaty = d
		}
	}
	en, err := os.ReadFile("../align/testdata/treaty-2011.en.txt")
	if err != nil {
		t.Fatal(err)
	}
	var clauses []store.Clause
	var english strings.Builder
	for rep := 0; len(clauses) < n; rep++ {
		for _, c := range treaty.Clauses {
			clauses = append(clauses, store.Clause{ID: uint(len(clauses) + 1), Position: len(clauses),
				Paragraph: c.Paragraph + rep*len(treaty.Paragraphs), Source: c.Text})
		}
		english.Write(en)
		english.WriteString("\n")
	}
	return clauses, english.String()
}

// TestAlignRefusesOverLimits: texts over align's limits are refused with
// a TooLargeError, whose message the API and the CLI show as it is.
func TestAlignRefusesOverLimits(t *testing.T) {
	c := alignChecker(t)
	clauses, english := treatyStatement(t, 100)
	for _, tt := range []struct {
		name    string
		clauses []store.Clause
		english string
	}{
		{"characters", clauses, strings.Repeat("a", align.MaxEnglishChars+1)},
		{"sentences", clauses, strings.Repeat("Yes! ", align.MaxSentences+1)},
		{"clauses", make([]store.Clause, align.MaxClauses+1), english},
	} {
		_, err := c.Align(t.Context(), tt.clauses, tt.english)
		var tooLarge *align.TooLargeError
		if !errors.As(err, &tooLarge) || !strings.Contains(err.Error(), "more than the") {
			t.Errorf("%s over the limit: %v", tt.name, err)
		}
	}
	if out, err := c.Align(t.Context(), clauses, english); err != nil || len(out.Pairs) == 0 {
		t.Errorf("within the limits: %d pairs, %v", len(out.Pairs), err)
	}
}

// TestAlignStopsWithContext: an alignment whose context has ended returns
// its error, not an alignment.
func TestAlignStopsWithContext(t *testing.T) {
	c := alignChecker(t)
	clauses, english := treatyStatement(t, 2000)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if out, err := c.Align(ctx, clauses, english); !errors.Is(err, context.Canceled) || out.Pairs != nil {
		t.Errorf("ended context: %d pairs, %v", len(out.Pairs), err)
	}
}

// BenchmarkAlignStatement is the API's and the CLI's alignment (glossary
// anchors included) of long statements, for docs/PERFORMANCE.md; at the
// limit of clauses (align.MaxClauses) only with ZHEN_BENCH_FULL=1:
//
//	ZHEN_BENCH_FULL=1 go test -tags sqlite_fts5 -run '^$' -bench AlignStatement -benchtime 1x -benchmem ./internal/qa/
func BenchmarkAlignStatement(b *testing.B) {
	c := alignChecker(b)
	sizes := []int{2000, 5000}
	if os.Getenv("ZHEN_BENCH_FULL") == "1" {
		sizes = append(sizes, align.MaxClauses-100)
	}
	for _, n := range sizes {
		clauses, english := treatyStatement(b, n)
		// The review's case: the English of a ninth of the statement. And
		// as much English as the limit takes.
		ninth := english[:strings.Index(english[len(english)/9:], "\n")+len(english)/9]
		most := english[:strings.LastIndex(english[:min(len(english), align.MaxEnglishChars)], "\n")]
		for _, tt := range []struct {
			name    string
			english string
		}{{"whole", english}, {"ninth", ninth}, {"most", most}} {
			if align.CheckEnglish(tt.english) != nil || tt.name == "most" && len(tt.english) == len(english)-1 {
				continue // over the limit of characters, refused before any work; or the whole English
			}
			b.Run(fmt.Sprintf("%s/clauses=%d", tt.name, n), func(b *testing.B) {
				b.Logf("%d clauses, %d characters of English", len(clauses), utf8.RuneCountInString(tt.english))
				for b.Loop() {
					if _, err := c.Align(b.Context(), clauses, tt.english); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
