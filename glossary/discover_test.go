package glossary

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
)

// lexicon is a dictionary for tests: CC-CEDICT's senses of the words used.
type lexicon map[string][]string

func (l lexicon) Senses(zh string) []string { return l[zh] }

var testLexicon = lexicon{
	"中亚":     {"Central Asia"},
	"中":      {"China", "Chinese", "within", "among", "in", "middle", "center"},
	"亚":      {"Asia", "Asian", "second", "next to"},
	"上海":     {"Shanghai"},
	"合作":     {"to cooperate", "to collaborate", "cooperation"},
	"组织":     {"to organize", "organization"},
	"上海合作组织": {"Shanghai Cooperation Organization"},
	"双方":     {"bilateral", "both sides", "both parties involved"},
	"安全":     {"safe", "secure", "safety", "security"},
	"稳定":     {"stable", "steady", "stability"},
	"地区":     {"local", "regional", "district", "area", "region"},
	"维护":     {"to defend", "to safeguard", "to protect", "to maintain"},
	"成员国":    {"member country", "member state"},
	"和平":     {"peace", "peaceful"},
	"发展":     {"development", "growth", "to develop", "to grow"},
	"支持":     {"to be in favor of", "to support", "to back", "support"},
	"加强":     {"to reinforce", "to strengthen", "to increase"},
	"努力":     {"great effort", "to strive", "to try hard"},
	"峰会":     {"summit meeting", "summit"},
	"独联体":    {"Commonwealth of Independent States"},
	"国家":     {"country", "nation", "state"},
}

// pairs builds translated clauses, a statement per n clauses.
func pairs(n int, zhen ...string) []Pair {
	var ps []Pair
	for i := 0; i+1 < len(zhen); i += 2 {
		ps = append(ps, Pair{ClauseID: uint(i/2 + 1), DocumentID: uint(i/2/n + 1), ZH: zhen[i], EN: zhen[i+1]})
	}
	return ps
}

func discovered(t *testing.T, in DiscoverInput) map[string]DiscoveredTerm {
	t.Helper()
	got, err := Discover(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]DiscoveredTerm{}
	for _, d := range got {
		out[d.ZH] = d
	}
	return out
}

func renderings(d DiscoveredTerm) map[string]int {
	out := map[string]int{}
	for _, r := range d.Renderings {
		out[r.EN] = r.Count
	}
	return out
}

// The corpus of the tests below: 中亚 rendered two ways, 上海合作组织 one
// way (beside 成员国, whose English must not join its rendering).
var centralAsia = pairs(2,
	"双方将加强中亚地区安全稳定。", "The two sides will strengthen security and stability in Central Asia.",
	"双方支持中亚国家维护和平。", "The two sides support the countries of Central Asia in maintaining peace.",
	"中亚和平符合各方利益。", "Peace in Central Asia serves the interests of all.",
	"双方维护中亚稳定。", "The two sides safeguard stability in Middle Asia.",
	"中亚的发展需要和平。", "The development of Middle Asia requires peace.",
	"上海合作组织成员国支持双方努力。", "The member states of the Shanghai Cooperation Organisation support the efforts of the two sides.",
	"双方加强上海合作组织框架内合作。", "The two sides strengthen cooperation within the Shanghai Cooperation Organisation.",
	"上海合作组织峰会取得成功。", "The Shanghai Cooperation Organisation summit was a success.",
	"双方支持上海合作组织发展。", "The two sides support the development of the Shanghai Cooperation Organisation.",
)

func TestDiscoverFindsARenderingInconsistency(t *testing.T) {
	got := discovered(t, DiscoverInput{Pairs: centralAsia, Lexicon: testLexicon})
	d, ok := got["中亚"]
	if !ok {
		t.Fatalf("中亚, Central Asia ×3 and Middle Asia ×2, not reported: %v", got)
	}
	if want := map[string]int{"Central Asia": 3, "Middle Asia": 2}; fmt.Sprint(renderings(d)) != fmt.Sprint(want) {
		t.Errorf("中亚's renderings %v, want the spans %v", renderings(d), want)
	}
	if d.Renderings[0].EN != "Central Asia" || d.Clauses != 5 || d.Statements != 3 || d.Abbreviation || d.InGlossary {
		t.Errorf("中亚 = %+v", d)
	}
	if !slices.Equal(d.Renderings[1].Clauses, []uint{4, 5}) || !slices.Equal(d.Renderings[1].Documents, []uint{2, 3}) {
		t.Errorf("Middle Asia in clauses %v of statements %v, want 4, 5 of 2, 3", d.Renderings[1].Clauses, d.Renderings[1].Documents)
	}
	if s, ok := got["上海合作组织"]; ok {
		t.Errorf("上海合作组织, rendered one way, reported: %+v", s)
	}
}

func TestDiscoverWithoutADictionary(t *testing.T) {
	// Co-occurrence alone: the words always beside 中亚 are its rendering.
	ps := slices.Clone(centralAsia)
	for i := range 3 {
		ps = append(ps, Pair{ClauseID: uint(20 + i), DocumentID: 9, ZH: "中亚合作" + fmt.Sprint(i), EN: "Middle Asia cooperation"})
	}
	got := discovered(t, DiscoverInput{Pairs: ps})
	if d, ok := got["中亚"]; !ok || renderings(d)["Central Asia"] != 3 {
		t.Fatalf("without a dictionary 中亚 = %+v", d)
	}
}

func TestDiscoverAbbreviationsRankLower(t *testing.T) {
	ps := slices.Clone(centralAsia)
	ps = append(ps,
		Pair{ClauseID: 30, DocumentID: 4, ZH: "双方支持上海合作组织加强合作。", EN: "The two sides support the SCO in strengthening cooperation."},
		Pair{ClauseID: 31, DocumentID: 4, ZH: "上海合作组织地区安全稳定。", EN: "Regional security and stability of the SCO."},
	)
	got := discovered(t, DiscoverInput{Pairs: ps, Lexicon: testLexicon})
	s, ok := got["上海合作组织"]
	if !ok {
		t.Fatalf("上海合作组织 with SCO ×2 not reported: %v", got)
	}
	if !s.Abbreviation || renderings(s)["SCO"] != 2 {
		t.Fatalf("上海合作组织 = %+v, want SCO ×2 marked as the abbreviation case", s)
	}
	for _, r := range s.Renderings {
		if r.EN == "SCO" && r.AbbreviationOf != "Shanghai Cooperation Organisation" {
			t.Errorf("SCO abbreviates %q", r.AbbreviationOf)
		}
	}
	if c := got["中亚"]; c.Score <= s.Score {
		t.Errorf("the abbreviation case (%.2f) ranks above a real inconsistency (%.2f)", s.Score, c.Score)
	}
}

func TestDiscoverGlossaryTermsAndVariantsOfGrammar(t *testing.T) {
	// 和平 as peace and peaceful is grammar, not an inconsistency; a
	// glossary term is a candidate whatever its frequency, and says so.
	ps := pairs(1,
		"双方维护和平。", "The two sides maintain peace.",
		"和平发展。", "Peaceful development.",
		"双方支持和平发展。", "The two sides support peaceful development.",
		"独联体国家", "the countries of the Commonwealth of Independent States",
		"独联体地区", "the CIS region",
	)
	got := discovered(t, DiscoverInput{Pairs: ps, Lexicon: testLexicon, Glossary: []Entry{{ID: 7, ZH: "独联体", EN: "CIS"}}})
	if d, ok := got["和平"]; ok {
		t.Errorf("peace and peaceful reported as two renderings: %+v", d)
	}
	c, ok := got["独联体"]
	if !ok || !c.InGlossary || c.EntryID != 7 || !c.Abbreviation {
		t.Errorf("独联体 = %+v, want it in the glossary (entry 7), marked CIS / Commonwealth of Independent States", c)
	}
}

func TestDiscoverStopsWithItsContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Discover(ctx, DiscoverInput{Pairs: centralAsia, Lexicon: testLexicon}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Discover with an ended context: %v", err)
	}
}

func TestIsAbbreviation(t *testing.T) {
	for _, c := range []struct {
		abbr, full string
		want       bool
	}{
		{"SCO", "Shanghai Cooperation Organisation", true},
		{"CIS", "Commonwealth of Independent States", true},
		{"ASEAN", "Association of Southeast Asian Nations", true}, // Southeast gives S and E
		{"G20", "Group of Twenty", true},
		{"RCEP", "Regional Comprehensive Economic Partnership Agreement", true}, // the last word left out
		{"UN", "United Nations", true},
		{"SCO", "Shanghai Cooperation", false},
		{"ASEAN", "Association of Southeast Asian Nations and the African Union", false},
		{"BRICS", "Brazil", false},
		{"Sco", "Shanghai Cooperation Organisation", false}, // not capitals
		{"S", "Shanghai", false},
	} {
		if got := isAbbreviation(c.abbr, c.full); got != c.want {
			t.Errorf("isAbbreviation(%q, %q) = %v, want %v", c.abbr, c.full, got, c.want)
		}
	}
}

func TestWordKeys(t *testing.T) {
	// Forms grammar makes are one key; other words are not.
	for a, b := range map[string]string{
		"countries": "country", "states": "state", "china's": "china", "promoting": "promote",
		"deepened": "deepen", "processes": "process",
	} {
		if stemWord(a) != stemWord(b) {
			t.Errorf("stemWord(%q) = %q, stemWord(%q) = %q: want one key", a, stemWord(a), b, stemWord(b))
		}
	}
	for a, b := range map[string]string{"status": "state", "crisis": "cris", "defence": "defense", "interests": "interest's"} {
		if a != "interests" && stemWord(a) == stemWord(b) {
			t.Errorf("stemWord(%q) = stemWord(%q) = %q: want two keys", a, b, stemWord(a))
		}
	}
	for a, b := range map[string]string{"organisation": "organization", "defence": "defense", "neighbour": "neighbor", "centre": "center"} {
		if ka, kb := spelling(stemWord(a)), spelling(stemWord(b)); !sameRoot(ka, kb) {
			t.Errorf("%s and %s are not one word to the dictionary (%s, %s)", a, b, ka, kb)
		}
	}
	if sameRoot("china", "chinese") == sameRoot("strategic", "strategy") {
		t.Error("sameRoot: china/chinese must differ (5 letters shared at least), strategic/strategy not")
	}
}

func TestDiscoverJoinsNamesAcrossAHyphen(t *testing.T) {
	ps := pairs(1,
		"双方支持澜沧江－湄公河合作。", "The two sides support Lancang-Mekong Cooperation.",
		"澜沧江－湄公河合作取得成果。", "Lancang-Mekong Cooperation has borne fruit.",
		"加强澜沧江－湄公河合作。", "Strengthen Mekong-Lancang Cooperation.",
	)
	got := discovered(t, DiscoverInput{Pairs: ps, Lexicon: testLexicon})
	d, ok := got["澜沧江-湄公河合作"]
	if !ok || fmt.Sprint(renderings(d)) != fmt.Sprint(map[string]int{"Lancang-Mekong Cooperation": 2, "Mekong-Lancang Cooperation": 1}) {
		t.Fatalf("澜沧江－湄公河合作 = %+v (of %v)", d, got)
	}
}

func TestLogLikelihood(t *testing.T) {
	// Together in every clause of each: significant; as often as chance
	// would put them together: nothing.
	if g := logLikelihood(5, 5, 5, 100); g < 3.84 {
		t.Errorf("a word always with the term: G² = %.2f", g)
	}
	if g := logLikelihood(5, 10, 50, 100); g > 0.01 {
		t.Errorf("a word in half the clauses, with the term in half of its: G² = %.2f", g)
	}
}

func TestSegmentChoosesTheBetterCutStretchByStretch(t *testing.T) {
	d := &discovery{in: DiscoverInput{Lexicon: lexicon{
		"安全": {"security"}, "全等": {"congruent"}, "核心": {"core"}, "利益": {"interests"}, "问题": {"issue"},
		"上相": {"photogenic"}, "相互": {"mutual"}, "支持": {"to support"},
	}}}
	const zh = "安全等核心利益问题上相互支持"
	var words []string
	for _, run := range d.segment(zh) {
		for _, w := range run {
			words = append(words, zh[w.start:w.end])
		}
	}
	if got := fmt.Sprint(words); got != "[安全 等 核心 利益 问题 上 相互 支持]" {
		t.Errorf("cut %s", got)
	}
}
