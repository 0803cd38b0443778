package glossary

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/stop"
)

func TestReport(t *testing.T) {
	tb := Compile(seedGlossary())
	clauses := []Clause{
		{ID: 1, DocumentID: 10, Source: "双方强调高度重视金砖国家框架内的合作。", Target: "Cooperation within the BRICS framework."},
		{ID: 2, DocumentID: 10, Source: "金砖国家和金砖国家", Target: "BRICS countries and the BRIC"},
		{ID: 3, DocumentID: 20, Source: "金砖国家", Target: "The five emerging economies"},
		{ID: 4, DocumentID: 20, Source: "金砖国家", Target: "The five emerging economies"},
		{ID: 5, DocumentID: 30, Source: "金砖国家", Target: ""}, // not translated yet
		{ID: 6, DocumentID: 30, Source: "金砖国家和金砖国家", Target: "BRICS"},
		{ID: 7, DocumentID: 30, Source: "联合国", Target: "the United Nations"},
		{ID: 8, DocumentID: 40, Source: "联合国。联合国", Target: "The UN. The United Nations"},
		{ID: 9, DocumentID: 40, Source: "没有术语", Target: "No term"},
	}
	reports := report(t, tb, slices.Values(clauses))
	if len(reports) != 2 {
		t.Fatalf("%d reports, want 金砖国家 and 联合国", len(reports))
	}
	b := reports[0] // problems first
	if b.Term != "金砖国家" || b.EntryID != 2 || b.Occurrences != 8 || b.Clauses != 6 || b.Translated != 5 {
		t.Errorf("金砖国家: %+v", b)
	}
	if want := map[uint]int{10: 3, 20: 2, 30: 3}; !mapsEqual(b.Documents, want) {
		t.Errorf("documents %v, want %v", b.Documents, want)
	}
	var uses []string
	for _, u := range b.Renderings {
		uses = append(uses, u.Kind+":"+u.Text+":"+strconv.Itoa(u.Count)+":"+joinIDs(u.Clauses))
	}
	want := []string{
		"approved:BRICS:2:", "variant:BRICS countries:1:", "forbidden:BRIC:1:2",
		"other:The five emerging economies:2:3,4",
	}
	if !slices.Equal(uses, want) {
		t.Errorf("renderings\n%q\nwant\n%q", uses, want)
	}
	if want := []uint{2, 3, 4, 6}; !slices.Equal(b.Attention, want) { // 6: twice in Chinese, once in English
		t.Errorf("attention %v, want %v", b.Attention, want)
	}
	u := reports[1]
	if u.Term != "联合国" || u.Occurrences != 3 || len(u.Attention) != 0 || u.Renderings[0].Count != 2 || u.Renderings[1].Count != 1 {
		t.Errorf("联合国: %+v", u)
	}
	if _, err := json.Marshal(reports); err != nil {
		t.Error(err)
	}
}

func TestReportOrderAndBounds(t *testing.T) {
	tb := Compile(seedGlossary())
	var clauses []Clause
	for i := range maxOther + 5 {
		clauses = append(clauses, Clause{ID: uint(i + 1), Source: "上海合作组织", Target: "other " + strconv.Itoa(i)})
	}
	clauses = append(clauses,
		Clause{ID: 100, Source: "联合国联合国联合国", Target: "UN UN UN"},
		Clause{ID: 101, Source: "六方会谈", Target: "the Six-Party Talks"},
	)
	reports := report(t, tb, slices.Values(clauses))
	var terms []string
	for _, r := range reports {
		terms = append(terms, r.Term)
	}
	if want := []string{"上海合作组织", "联合国", "六方会谈"}; !slices.Equal(terms, want) {
		t.Errorf("order %q, want %q (problems first, then occurrences)", terms, want)
	}
	s := reports[0]
	others := slices.DeleteFunc(slices.Clone(s.Renderings), func(u RenderingUse) bool { return u.Kind != RenderingOther })
	if len(others) != maxOther || s.OtherOmitted != 5 || len(s.Attention) != maxOther+5 {
		t.Errorf("%d other renderings kept, %d omitted, %d clauses to look at", len(others), s.OtherOmitted, len(s.Attention))
	}
}

func mapsEqual(a, b map[uint]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func joinIDs(ids []uint) string {
	var s []string
	for _, id := range ids {
		s = append(s, strconv.Itoa(int(id)))
	}
	return strings.Join(s, ",")
}

func TestSuggest(t *testing.T) {
	var docs []DocText
	for i, d := range seedDocs() {
		doc := DocText{DocumentID: uint(i + 1), Clauses: []string{d.Title}}
		for _, c := range d.Clauses {
			doc.Clauses = append(doc.Clauses, c.Text)
		}
		docs = append(docs, doc)
	}
	all := suggest(t, docs, nil, 0)
	top := suggest(t, docs, nil, 25)
	if len(top) != 25 || !slices.EqualFunc(top, all[:25], func(a, b Suggestion) bool { return a.Text == b.Text }) {
		t.Fatalf("limit: %d suggestions", len(top))
	}
	var texts []string
	for _, s := range top {
		texts = append(texts, s.Text)
	}
	for _, term := range []string{"上海合作组织", "全面战略协作伙伴关系", "金砖国家", "二十国集团", "联合国"} {
		if !slices.Contains(texts, term) {
			t.Errorf("%s is not in the top 25: %q", term, texts)
		}
	}
	// No fragments of longer candidates near the top: 区合作 is in 地区合作,
	// 域合作 in 领域合作, 国人民 begins inside 两国人民 and 各国人民, and the
	// 12-character halves are cut out of 中华人民共和国和俄罗斯联邦.
	for _, s := range all[:40] {
		for _, bad := range []string{"区合作", "域合作", "国人民", "方重申", "伙伴关系", "战略协作伙伴关系",
			"中华人民共和国和俄罗斯联", "华人民共和国和俄罗斯联邦", "国际和地区"} {
			if s.Text == bad {
				t.Errorf("suggestion %q in the top 40: a fragment or two terms", s.Text)
			}
		}
	}
	for _, s := range all {
		n := len([]rune(s.Text))
		if n < 2 || n > 12 || s.Documents < 2 || s.Occurrences < s.Documents || len(s.Examples) == 0 || len(s.Examples) > s.Documents {
			t.Errorf("suggestion %+v out of bounds", s)
		}
		for _, r := range s.Text {
			if !unicode.Is(unicode.Han, r) {
				t.Errorf("suggestion %q has a non-Han character", s.Text)
			}
		}
		if functionOnly(s.Text) || strings.HasPrefix(s.Text, "的") || strings.HasSuffix(s.Text, "的") {
			t.Errorf("suggestion %q is function words", s.Text)
		}
		for _, bad := range []string{"海合作组织", "上海合作组", "与金砖国家", "金砖国家的", "中华人民共和国和俄罗斯联"} {
			if s.Text == bad {
				t.Errorf("suggestion %q: a fragment", s.Text)
			}
		}
	}
	// Terms in the glossary, and parts of them, are not suggested again.
	tb := Compile([]Entry{{ZH: "上海合作组织", EN: "SCO", Status: StatusApproved}, {ZH: "二十国集团", EN: "G20", Status: StatusProposed}})
	for _, s := range suggest(t, docs, tb, 0) {
		if strings.Contains("上海合作组织", s.Text) || strings.Contains("二十国集团", s.Text) {
			t.Errorf("suggested %q, which is in the glossary", s.Text)
		}
	}
}

// An archive larger than Suggest's sample: its candidates come from every
// 2nd, 4th … clause, held within the sample's size, and their counts from
// the whole corpus.
func TestSuggestFromASample(t *testing.T) {
	var docs []DocText
	chars := 0
	for copy := range 4 {
		for i, d := range seedDocs() {
			doc := DocText{DocumentID: uint(copy*10 + i + 1)}
			for _, c := range d.Clauses {
				doc.Clauses = append(doc.Clauses, c.Text)
				chars += utf8.RuneCountInString(c.Text)
			}
			docs = append(docs, doc)
		}
	}
	sample := chars / 6

	c := newGramCounter()
	sampled, err := c.read(Corpus(docs), &stop.Counter{Ctx: t.Context()}, sample)
	if err != nil || !sampled {
		t.Fatalf("read: sampled %v, err %v", sampled, err)
	}
	if c.chars > sample || c.chars < sample/3 {
		t.Errorf("%d characters held, want up to %d and not far below", c.chars, sample)
	}
	// Every stride-th clause, all of them: the largest power of two that
	// divides every kept clause's place.
	stride, kept := 1, map[int]bool{}
	for _, r := range c.runs {
		kept[r.clause] = true
	}
	for next := 2; !slices.ContainsFunc(c.runs, func(r docRun) bool { return r.clause%next != 0 }); next *= 2 {
		stride = next
	}
	want := 0 // the stride-th clauses with a run of two Han characters or more
	i := 0
	for cl := range Corpus(docs)() {
		if i++; (i-1)%stride == 0 && slices.ContainsFunc(hanRuns(Normalize(cl.ZH)), func(r string) bool { return utf8.RuneCountInString(r) >= suggestMinLen }) {
			want++
		}
	}
	if stride < 2 || len(kept) != want {
		t.Errorf("%d clauses kept, every %dth: want %d", len(kept), stride, want)
	}

	full, err := suggestIn(t.Context(), Corpus(docs), nil, 0, math.MaxInt)
	if err != nil {
		t.Fatal(err)
	}
	got, err := suggestIn(t.Context(), Corpus(docs), nil, 0, sample)
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]Suggestion{}
	for _, s := range full {
		byText[s.Text] = s
	}
	for _, s := range got {
		if w, ok := byText[s.Text]; !ok || w.Documents != s.Documents || w.Occurrences != s.Occurrences || !slices.Equal(w.Examples, s.Examples) {
			t.Errorf("from the sample %+v, counted over the whole corpus %+v", s, w)
		}
	}
	// Judged on the whole corpus's counts, the sample's suggestions are the
	// whole corpus's, in the same order, less those that did not recur in
	// the sample: rare ones.
	next := 0
	for _, s := range got {
		i := slices.IndexFunc(full[next:], func(w Suggestion) bool { return w.Text == s.Text })
		if i < 0 {
			t.Fatalf("%s is suggested from the sample, not in that place from the whole corpus:\n%v\n%v", s.Text, texts(got), texts(full))
		}
		next += i + 1
	}
	top := texts(got[:25])
	if missed := slices.DeleteFunc(texts(full[:25]), func(s string) bool { return slices.Contains(top, s) }); len(missed) > 2 {
		t.Errorf("the top 25 from a sixth of the corpus miss %v", missed)
	}
	// Less than a whole corpus: read whole, as before.
	if sampled, _ := newGramCounter().read(Corpus(docs), &stop.Counter{Ctx: t.Context()}, chars); sampled {
		t.Error("a corpus within the sample was sampled")
	}
	// One clause larger than the sample is still read.
	one := newGramCounter()
	if _, err := one.read(Corpus(docs[:1]), &stop.Counter{Ctx: t.Context()}, 1); err != nil || len(one.runs) == 0 || one.runs[0].clause != 0 {
		t.Errorf("a sample smaller than a clause: %d runs, err %v", len(one.runs), err)
	}
}

func TestJoined(t *testing.T) {
	kept := map[string]bool{"国际": true, "地区": true, "中华人民共和国": true, "俄罗斯": true, "和平": true}
	for g, want := range map[string]bool{
		"国际和地区": true, "中华人民共和国和俄罗斯联": true, "国际与地区合作": true,
		"中华人民共和国": false, "地区和平": false, "和平与发展": false, "国际和": false,
	} {
		if got := joined(g, kept); got != want {
			t.Errorf("joined(%s) = %v", g, got)
		}
	}
}

func TestSuggestSmall(t *testing.T) {
	docs := []DocText{
		{DocumentID: 1, Clauses: []string{"双方支持金砖国家合作。", "在金砖国家框架内"}},
		{DocumentID: 2, Clauses: []string{"与金砖国家的合作", "２０１５年"}},
		{DocumentID: 3, Clauses: []string{"的的的的"}},
	}
	got := suggest(t, docs, nil, 0)
	if len(got) != 2 || got[1].Text != "合作" || got[0].Text != "金砖国家" || got[0].Documents != 2 || got[0].Occurrences != 3 || !slices.Equal(got[0].Examples, []uint{1, 2}) {
		t.Errorf("Suggest = %+v", got)
	}
	if suggest(t, nil, nil, 10) != nil {
		t.Error("suggestions from nothing")
	}
}

// The term-occurrence index (ExamineClauses' uses) read back through
// TermReports gives the report Report computes from the clauses.
func TestReportFromUses(t *testing.T) {
	entries := seedGlossary()
	tb := Compile(entries)
	clauses := []Clause{
		{ID: 1, DocumentID: 10, Source: "双方强调高度重视金砖国家框架内的合作。", Target: "Cooperation within the BRICS framework."},
		{ID: 2, DocumentID: 10, Source: "金砖国家和金砖国家", Target: "BRICS countries and the BRIC"},
		{ID: 3, DocumentID: 20, Source: "金砖国家", Target: "The five emerging economies"},
		{ID: 5, DocumentID: 30, Source: "金砖国家", Target: ""},
		{ID: 6, DocumentID: 30, Source: "金砖国家和金砖国家", Target: "  BRICS "},
		{ID: 8, DocumentID: 40, Source: "联合国。联合国", Target: "The UN. The United Nations"},
		{ID: 9, DocumentID: 40, Source: "没有术语", Target: "No term"},
	}
	for i := range 40 { // more "other" translations than a report keeps
		clauses = append(clauses, Clause{ID: uint(100 + i), DocumentID: 50, Source: "联合国", Target: "Nations " + strconv.Itoa(i)})
	}
	b := NewTermReports(entries)
	uses := 0
	tb.ExamineClauses(clauses, func(i int, _ []Finding, us []TermUse) {
		for _, u := range us {
			b.Add(clauses[i].ID, clauses[i].DocumentID, clauses[i].Target, u)
			uses++
		}
		if clauses[i].Target == "" && len(us) > 0 && us[0].State != UseUntranslated {
			t.Errorf("clause %d: an untranslated use in state %d", clauses[i].ID, us[0].State)
		}
	})
	if uses != len(clauses)-1 { // all but 没有术语
		t.Fatalf("%d uses, want one for each of the %d clauses with a term", uses, len(clauses)-1)
	}
	got, _ := json.Marshal(b.Terms())
	want, _ := json.Marshal(report(t, tb, slices.Values(clauses)))
	if string(got) != string(want) {
		t.Errorf("from uses:\n%s\nfrom clauses:\n%s", got, want)
	}
}

func texts(s []Suggestion) []string {
	var out []string
	for _, x := range s {
		out = append(out, x.Text)
	}
	return out
}
