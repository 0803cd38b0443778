package align

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
)

// goldCase is one gold alignment: the clauses of a Chinese document as
// segment.Parse cuts it, the sentences of its English version as Split
// cuts them, and the pairs a person drew.
type goldCase struct {
	name       string
	clauses    []Clause
	sentences  []string
	paragraphs []int
	gold       []goldPair
}

type goldPair struct{ zh, en []int }

func (g goldPair) key() string { return ints(g.zh) + "|" + ints(g.en) }

func ints(xs []int) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ",")
}

// seedSources are gold cases whose Chinese is a document of the seed
// corpus rather than a testdata/<name>.zh.txt file.
var seedSources = map[string]struct{ file, title string }{
	"treaty-2011": {"../demo/zh-ru-joint-statements-2011-2015.txt",
		"中国国家主席胡锦涛和俄罗斯总统梅德韦杰夫关于《中俄睦邻友好合作条约》签署10周年联合声明"},
	"treaty-2011-abridged": {"../demo/zh-ru-joint-statements-2011-2015.txt",
		"中国国家主席胡锦涛和俄罗斯总统梅德韦杰夫关于《中俄睦邻友好合作条约》签署10周年联合声明"},
}

// idBase makes clause IDs differ from positions, so that a mix-up shows.
const idBase = 1000

func loadGold(t testing.TB) []goldCase {
	t.Helper()
	files, err := filepath.Glob("testdata/*.gold.tsv")
	if err != nil || len(files) == 0 {
		t.Fatalf("no gold files: %v", err)
	}
	sort.Strings(files)
	var cases []goldCase
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".gold.tsv")
		c := goldCase{name: name}
		c.clauses = loadChinese(t, name)
		en, err := os.ReadFile("testdata/" + name + ".en.txt")
		if err != nil {
			t.Fatal(err)
		}
		c.sentences, c.paragraphs = Split(string(en))
		c.gold = readGold(t, f, len(c.clauses), len(c.sentences))
		cases = append(cases, c)
	}
	return cases
}

func loadChinese(t testing.TB, name string) []Clause {
	t.Helper()
	file, title := "testdata/"+name+".zh.txt", ""
	if s, ok := seedSources[name]; ok {
		file, title = s.file, s.title
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := segment.Parse(filepath.Base(file), data)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if title != "" && d.Title != title {
			continue
		}
		out := make([]Clause, len(d.Clauses))
		for i, c := range d.Clauses {
			out[i] = Clause{ID: uint(idBase + i), Text: c.Text, Paragraph: c.Paragraph}
		}
		return out
	}
	t.Fatalf("%s: no document %q", file, title)
	return nil
}

// readGold reads a gold file and checks that it covers every clause and
// every sentence exactly once, in order.
func readGold(t testing.TB, path string, n, m int) []goldPair {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldPair
	nextZ, nextE := 0, 0
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if strings.HasPrefix(text, "#") || strings.TrimSpace(text) == "" {
			continue
		}
		zh, en, ok := strings.Cut(text, "\t")
		if !ok {
			t.Fatalf("%s:%d: no tab", path, line)
		}
		p := goldPair{parseInts(t, path, line, zh), parseInts(t, path, line, en)}
		for _, z := range p.zh {
			if z != nextZ {
				t.Fatalf("%s:%d: clause %d, want %d", path, line, z, nextZ)
			}
			nextZ++
		}
		for _, e := range p.en {
			if e != nextE {
				t.Fatalf("%s:%d: sentence %d, want %d", path, line, e, nextE)
			}
			nextE++
		}
		out = append(out, p)
	}
	if nextZ != n || nextE != m {
		t.Fatalf("%s covers %d of %d clauses and %d of %d sentences", path, nextZ, n, nextE, m)
	}
	return out
}

func parseInts(t testing.TB, path string, line int, s string) []int {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		x, err := strconv.Atoi(f)
		if err != nil {
			t.Fatalf("%s:%d: %v", path, line, err)
		}
		out = append(out, x)
	}
	return out
}

// scores are the measures of one alignment run over the gold set.
type scores struct {
	gold, proposed, correct int // pairs
	sentences, sentOK       int
	pairs                   []scoredPair // for the confidence analysis
}

type scoredPair struct {
	conf    float64
	correct bool
}

func (s scores) precision() float64 { return ratio(s.correct, s.proposed) }
func (s scores) recall() float64    { return ratio(s.correct, s.gold) }
func (s scores) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}
func (s scores) sentenceAccuracy() float64 { return ratio(s.sentOK, s.sentences) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func (s scores) String() string {
	return fmt.Sprintf("pairs P %.3f R %.3f F1 %.3f (%d/%d proposed, %d gold); sentences %.3f (%d/%d)",
		s.precision(), s.recall(), s.f1(), s.correct, s.proposed, s.gold, s.sentenceAccuracy(), s.sentOK, s.sentences)
}

// evaluate aligns one case and scores it against its gold pairs: a pair
// is correct iff it is exactly a gold pair; a sentence is correct iff it is
// linked to exactly its gold clauses.
func evaluate(c goldCase, opt Options) (scores, []Pair) {
	pairs := alignAll(c.clauses, c.sentences, opt)
	var s scores
	gold := map[string]bool{}
	goldOf := make([]string, len(c.sentences))
	for _, g := range c.gold {
		gold[g.key()] = true
		for _, e := range g.en {
			goldOf[e] = ints(g.zh)
		}
	}
	s.gold, s.proposed, s.sentences = len(c.gold), len(pairs), len(c.sentences)
	for _, p := range pairs {
		zh := make([]int, len(p.ClauseIDs))
		for i, id := range p.ClauseIDs {
			zh[i] = int(id) - idBase
		}
		ok := gold[goldPair{zh, p.Sentences}.key()]
		if ok {
			s.correct++
		}
		for _, e := range p.Sentences {
			if goldOf[e] == ints(zh) {
				s.sentOK++
			}
		}
		s.pairs = append(s.pairs, scoredPair{p.Confidence, ok})
	}
	return s, pairs
}

func (s *scores) add(o scores) {
	s.gold += o.gold
	s.proposed += o.proposed
	s.correct += o.correct
	s.sentences += o.sentences
	s.sentOK += o.sentOK
	s.pairs = append(s.pairs, o.pairs...)
}

// configs are the option sets measured: each piece of evidence alone and
// all together (what the CLI uses).
var configs = []struct {
	name string
	opt  func(c goldCase) Options
}{
	{"length only", func(goldCase) Options { return Options{} }},
	{"+ paragraphs", func(c goldCase) Options { return Options{Paragraphs: c.paragraphs} }},
	{"+ numbers", func(goldCase) Options { return Options{Anchors: NumberAnchors()} }},
	{"+ numbers + terms", func(goldCase) Options {
		return Options{Anchors: Combine(NumberAnchors(), TermAnchors(goldTerms, nil))}
	}},
	{"all", func(c goldCase) Options {
		return Options{Anchors: Combine(NumberAnchors(), TermAnchors(goldTerms, nil)), Paragraphs: c.paragraphs}
	}},
}

// goldTerms is a small glossary of the terms of the gold documents, as a
// termbase would have them.
var goldTerms = []Term{
	{"条约", []string{"Treaty"}},
	{"上海合作组织", []string{"Shanghai Cooperation Organisation", "SCO"}},
	{"金砖国家", []string{"BRICS"}},
	{"二十国集团", []string{"Group of Twenty", "G20"}},
	{"联合国", []string{"United Nations", "UN"}},
	{"战略协作伙伴关系", []string{"strategic partnership of coordination"}},
	{"能源", []string{"energy"}},
	{"投资", []string{"investment"}},
	{"边界", []string{"boundary", "border"}},
	{"务实合作", []string{"practical cooperation"}},
	{"地区合作", []string{"regional cooperation", "cooperation between regions"}},
	{"高层交往", []string{"high-level exchanges"}},
	{"本币结算", []string{"settlement in national currencies"}},
	{"友好城市", []string{"twinned cities", "twinning"}},
	{"黑龙江", []string{"Heilongjiang", "Amur"}},
	{"备忘录", []string{"Memorandum"}},
}

func measure(cases []goldCase, opt func(goldCase) Options) scores {
	var total scores
	for _, c := range cases {
		s, _ := evaluate(c, opt(c))
		total.add(s)
	}
	return total
}

// Thresholds of TestGoldAccuracy, a little below what the full
// configuration achieves (docs/QA.md), so that a regression fails.
const (
	minPairF1           = 0.93
	minSentenceAccuracy = 0.95
)

func TestGoldAccuracy(t *testing.T) {
	cases := loadGold(t)
	kinds := map[string]int{}
	for _, c := range cases {
		for _, g := range c.gold {
			kinds[fmt.Sprintf("%d:%d", len(g.zh), len(g.en))]++
		}
		t.Logf("case %s: %d clauses, %d sentences, %d gold pairs", c.name, len(c.clauses), len(c.sentences), len(c.gold))
	}
	t.Logf("gold pairs by kind: %v", kinds)
	var all scores
	for _, cf := range configs {
		s := measure(cases, cf.opt)
		t.Logf("%-18s %v", cf.name, s)
		if cf.name == "all" {
			all = s
		}
	}
	for _, c := range cases {
		s, pairs := evaluate(c, configs[len(configs)-1].opt(c))
		t.Logf("all, %s: %v", c.name, s)
		if testing.Verbose() {
			for _, p := range pairs {
				if !s.isGold(c, p) {
					t.Logf("  wrong: %s %v→%v %.2f %.60q", p.Kind, ids(p.ClauseIDs), p.Sentences, p.Confidence, p.English)
				}
			}
		}
	}
	q := quartiles(all.pairs)
	t.Logf("confidence quartiles (low→high), pair accuracy: %s", q)
	if all.f1() < minPairF1 || all.sentenceAccuracy() < minSentenceAccuracy {
		t.Errorf("accuracy fell: %v; want pair F1 ≥ %.2f and sentence accuracy ≥ %.2f", all, minPairF1, minSentenceAccuracy)
	}
}

func (s scores) isGold(c goldCase, p Pair) bool {
	zh := ids(p.ClauseIDs)
	for _, g := range c.gold {
		if slices.Equal(g.zh, zh) && slices.Equal(g.en, p.Sentences) {
			return true
		}
	}
	return false
}

func ids(xs []uint) []int {
	out := make([]int, len(xs))
	for i, x := range xs {
		out[i] = int(x) - idBase
	}
	return out
}

type quartileStats struct {
	acc  [4]float64
	conf [4][2]float64 // confidence range
	n    [4]int
}

func (q quartileStats) String() string {
	var parts []string
	for k := range 4 {
		parts = append(parts, fmt.Sprintf("Q%d [%.2f–%.2f] %.2f (n=%d)", k+1, q.conf[k][0], q.conf[k][1], q.acc[k], q.n[k]))
	}
	return strings.Join(parts, "; ")
}

// quartiles sorts pairs by confidence and gives the accuracy of each
// quarter, lowest first.
func quartiles(ps []scoredPair) quartileStats {
	ps = slices.Clone(ps)
	sort.SliceStable(ps, func(a, b int) bool { return ps[a].conf < ps[b].conf })
	var q quartileStats
	for k := range 4 {
		part := ps[k*len(ps)/4 : (k+1)*len(ps)/4]
		ok := 0
		for _, p := range part {
			if p.correct {
				ok++
			}
		}
		q.n[k] = len(part)
		q.acc[k] = ratio(ok, len(part))
		if len(part) > 0 {
			q.conf[k] = [2]float64{part[0].conf, part[len(part)-1].conf}
		}
	}
	return q
}

func TestAnchorsHelp(t *testing.T) {
	cases := loadGold(t)
	without := measure(cases, func(goldCase) Options { return Options{} })
	with := measure(cases, func(goldCase) Options { return Options{Anchors: NumberAnchors()} })
	t.Logf("without anchors: %v", without)
	t.Logf("with numbers:    %v", with)
	if with.f1() < without.f1() || with.sentenceAccuracy() < without.sentenceAccuracy() {
		t.Errorf("number anchors made it worse")
	}
}

// TestConfidenceSeparates checks that confidence tells right from wrong
// pairs: wrong pairs score lower on average, and the top quarter is at
// least as accurate as the bottom one. Pairs from a weakened model (length
// only) are added so that there are enough wrong ones to compare.
func TestConfidenceSeparates(t *testing.T) {
	cases := loadGold(t)
	var pool []scoredPair
	for _, cf := range configs {
		pool = append(pool, measure(cases, cf.opt).pairs...)
	}
	var right, wrong []float64
	for _, p := range pool {
		if p.correct {
			right = append(right, p.conf)
		} else {
			wrong = append(wrong, p.conf)
		}
	}
	if len(wrong) == 0 {
		t.Skip("no wrong pairs to compare")
	}
	mr, mw := mean(right), mean(wrong)
	q := quartiles(pool)
	t.Logf("mean confidence: right %.3f (n=%d), wrong %.3f (n=%d); quartiles: %s", mr, len(right), mw, len(wrong), q)
	if mr <= mw {
		t.Errorf("right pairs are not more confident than wrong ones")
	}
	if q.acc[3] < q.acc[0] {
		t.Errorf("top confidence quarter less accurate than the bottom one")
	}
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s / math.Max(1, float64(len(xs)))
}

// TestLengthModel measures the length ratio and variance on the gold pairs
// and checks the constants of the model are close to them. A Han
// character gives c English letters, a digit or Latin letter one:
// c = Σ(letters - digits) / Σ Han; the variance is per unit of zhUnits.
func TestLengthModel(t *testing.T) {
	cases := loadGold(t)
	type obs struct{ han, other, le, lw float64 }
	var os []obs
	var sh, so, se, sw float64
	for _, c := range cases {
		for _, g := range c.gold {
			if len(g.zh) == 0 || len(g.en) == 0 {
				continue
			}
			var o obs
			for _, z := range g.zh {
				h, x := zhCounts(c.clauses[z].Text)
				o.han, o.other = o.han+float64(h), o.other+float64(x)
			}
			for _, e := range g.en {
				o.le += enLength(c.sentences[e])
				o.lw += float64(len(strings.Fields(c.sentences[e])))
			}
			sh, so, se, sw = sh+o.han, so+o.other, se+o.le, sw+o.lw
			os = append(os, o)
		}
	}
	ratioC := (se - so) / sh
	ratioW := sw / (sh + so)
	var vc, vw, units float64
	for _, o := range os {
		u := o.han + o.other/ratioC
		units += u
		vc += (o.le - ratioC*u) * (o.le - ratioC*u)
		vw += (o.lw - ratioW*(o.han+o.other)) * (o.lw - ratioW*(o.han+o.other))
	}
	vc, vw = vc/units, vw/(sh+so)
	t.Logf("%d pairs: English letters per Han character %.2f, variance %.2f per unit (relative %.3f)", len(os), ratioC, vc, vc/(ratioC*ratioC))
	t.Logf("English words per Chinese character %.3f, variance %.3f per character (relative %.3f)", ratioW, vw, vw/(ratioW*ratioW))
	if math.Abs(lengthRatio-ratioC) > 0.1*ratioC || math.Abs(lengthVariance-vc) > 0.25*vc {
		t.Errorf("model uses ratio %.2f variance %.2f; the gold set says %.2f and %.2f", lengthRatio, lengthVariance, ratioC, vc)
	}
}
