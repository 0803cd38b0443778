package qa

import (
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
)

func TestConcordanceSpans(t *testing.T) {
	hits := []store.Hit{{Clause: store.Clause{Source: "二十国集团（Ｇ２０）和Ｇ２０峰会", Target: "The G20 and the g20 summit"}}}
	got := Concordance(hits, "G20")[0]
	// （ is one UTF-16 unit: Ｇ２０ starts at 6.
	if len(got.SourceSpans) != 2 || got.SourceSpans[0] != (Span{6, 9}) || got.SourceSpans[1] != (Span{11, 14}) {
		t.Errorf("source spans %+v", got.SourceSpans)
	}
	if len(got.TargetSpans) != 2 || got.TargetSpans[0] != (Span{4, 7}) || got.TargetSpans[1] != (Span{16, 19}) {
		t.Errorf("target spans %+v", got.TargetSpans)
	}
	if g := Concordance([]store.Hit{{Clause: store.Clause{Source: "𠀀金砖", Target: ""}}}, "金砖")[0]; len(g.SourceSpans) != 1 || g.SourceSpans[0] != (Span{2, 4}) {
		t.Errorf("astral character before the hit: %+v", g.SourceSpans)
	}
}
