package glossary

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// seedGlossary holds terms of the seed corpus as a translator would enter them.
func seedGlossary() []Entry {
	approved := func(id uint, zh, en string, variants, forbidden []string) Entry {
		return Entry{ID: id, ZH: zh, EN: en, Variants: variants, Forbidden: forbidden, Status: StatusApproved}
	}
	return []Entry{
		approved(1, "上海合作组织", "Shanghai Cooperation Organisation", []string{"SCO", "Shanghai Cooperation Organization"}, nil),
		approved(2, "金砖国家", "BRICS", []string{"BRICS countries"}, []string{"BRIC"}),
		approved(3, "全面战略协作伙伴关系", "comprehensive strategic partnership of coordination",
			[]string{"comprehensive strategic coordination partnership"}, []string{"comprehensive strategic cooperative partnership"}),
		approved(4, "战略协作伙伴关系", "strategic partnership of coordination", nil, nil),
		approved(5, "伙伴关系", "partnership", nil, nil),
		approved(6, "二十国集团", "Group of Twenty", []string{"G20"}, []string{"Group of 20"}),
		approved(7, "六方会谈", "Six-Party Talks", nil, nil),
		approved(8, "联合国", "the United Nations", []string{"UN"}, []string{"U.N."}),
		{ID: 9, ZH: "美国", EN: "US", Variants: []string{"United States", "U.S."}, Status: StatusApproved, CaseSensitive: true},
		approved(10, "拉美", "Latin America", []string{"Latin American"}, nil),
		approved(11, "睦邻友好", "good-neighbourliness", []string{"good-neighbourly friendship"}, nil),
		approved(12, "成员国", "member state", []string{"member country"}, nil),
		{ID: 13, ZH: "中俄", EN: "China-Russia", Variants: []string{"China and Russia", "Sino-Russian"}, Status: StatusProposed},
		{ID: 14, ZH: "金砖", EN: "BRICS", Status: StatusProposed},
		{ID: 15, ZH: "上合组织", EN: "SCO", Status: StatusDeprecated},
		approved(16, "1000亿美元", "US$100 billion", nil, []string{"US$1,000 billion"}),
		approved(17, "峰会", "summit", nil, nil),
	}
}

// seedClause returns s after checking that it is a clause of the seed.
func seedClause(t *testing.T, s string) string {
	t.Helper()
	if !strings.Contains(string(seedText(t)), s) {
		t.Fatalf("not in the seed: %s", s)
	}
	return s
}

// brief is a finding in a few words for comparisons: kind/severity/term/found.
func brief(fs []Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, strings.Join([]string{f.Kind, f.Severity, f.Term, f.Found}, "/"))
	}
	return out
}

func TestCheckClause(t *testing.T) {
	tb := Compile(seedGlossary())
	const (
		sco2    = "双方对2011年6月15日在阿斯塔纳举行的上海合作组织10周年成员国元首理事会会议的成果表示欢迎，并满意地指出，上海合作组织为维护地区安全、加深成员国之间睦邻互信、开展务实合作发挥了重要作用。"
		brics   = "双方强调高度重视金砖国家框架内的合作。"
		brics3  = "双方将进一步加强金砖国家框架下的协调与合作，同金砖国家其他成员国一道落实金砖国家领导人第三次会晤《三亚宣言》和“行动计划”。"
		partner = "双方将继续遵循条约确立的原则和精神，致力于发展平等信任、相互支持、共同繁荣、世代友好的全面战略协作伙伴关系。"
		treaty  = "条约确定以平等互信的战略协作伙伴关系作为中俄关系模式，这至今仍具有现实意义。"
		g20     = "双方支持二十国集团为完善全球经济和金融治理所作的努力，视之为国际经济合作的主要平台。"
		sixTwo  = "双方认为，六方会谈是解决朝核问题有效方式，希望有关各方相向而行，为重启六方会谈积累条件。"
		sixOne  = "中俄呼吁有关各国早日重启六方会谈，以和平方式均衡解决有关各方关切，实现本地区长治久安。"
		un      = "双方支持联合国在国际事务、维护和平、促进发展和多边合作中发挥中心协调作用。"
		latam   = "双方就拉美问题保持磋商，在发展与拉美和加勒比国家关系中加强协作，研究在该地区社会经济领域开展符合拉美国家意愿和需求的合作，共同为拉美国家的发展发挥积极作用。"
		region  = "双方将加强协作，以维护上海合作组织地区的和平稳定。"
		summit  = "双方认为，即将在北京举行的上海合作组织元首峰会将为上海合作组织发展注入新的动力，是本组织在国际和地区事务中加强其作用的重大举措。"
	)
	const scoRegion = "The two sides will strengthen coordination to maintain peace and stability in the SCO’s region."
	cases := []struct {
		name, source, target string
		want                 []string
	}{
		{"possessive with a curly apostrophe", region, scoRegion, nil},
		{"term missing", region,
			"The two sides will strengthen coordination to maintain peace and stability in the region.",
			[]string{"term_missing/error/上海合作组织/"}},
		{"twice in the Chinese, once in the English", sco2,
			"The two sides welcomed the outcome of the meeting of the Council of Heads of Member States marking the 10th anniversary of the SCO, held in Astana on 15 June 2011, and noted with satisfaction that it has played an important role in maintaining regional security, deepening good-neighbourly trust among member states and carrying out practical cooperation.",
			[]string{"term_missing/error/上海合作组织/SCO"}},
		{"twice, approved and variant", sco2,
			"The two sides welcomed the outcome of the meeting of the Council of Heads of Member States marking the 10th anniversary of the Shanghai Cooperation Organisation, held in Astana on 15 June 2011, and noted with satisfaction that the SCO has played an important role in maintaining regional security, deepening good-neighbourly trust among member states and carrying out practical cooperation.",
			nil},
		{"forbidden rendering", brics,
			"The two sides stressed that they attach great importance to cooperation within the BRIC framework.",
			[]string{"term_forbidden/error/金砖国家/BRIC"}},
		{"forbidden plural of an acronym", brics,
			"The two sides stressed that they attach great importance to cooperation among the BRICs.",
			[]string{"term_forbidden/error/金砖国家/BRICs"}},
		{"BRICS is not BRIC", brics,
			"The two sides stressed that they attach great importance to cooperation within the BRICS framework.", nil},
		{"three times, approved, variant and possessive", brics3,
			"The two sides will further strengthen coordination and cooperation within the BRICS framework and, together with the other BRICS member countries, implement the Sanya Declaration and the Action Plan of the Third Meeting of BRICS' Leaders.",
			nil},
		{"three times, two renderings", brics3,
			"The two sides will further strengthen coordination and cooperation within the BRICS framework and, together with the other member states, implement the Sanya Declaration and the Action Plan of the Third Meeting of BRICS Leaders.",
			[]string{"term_missing/error/金砖国家/BRICS; BRICS"}},
		{"nested term: only the longest is checked", partner,
			"The two sides will continue to follow the principles and spirit of the Treaty and strive to develop a comprehensive strategic partnership of coordination featuring equality, trust, mutual support, common prosperity and friendship from generation to generation.",
			nil},
		{"nested term: forbidden rendering of the longest", partner,
			"The two sides will continue to follow the principles and spirit of the Treaty and strive to develop a comprehensive strategic cooperative partnership featuring equality, trust, mutual support, common prosperity and friendship from generation to generation.",
			[]string{"term_forbidden/error/全面战略协作伙伴关系/comprehensive strategic cooperative partnership"}},
		{"nested term: a shorter rendering is not the longer one", partner,
			"The two sides will continue to follow the principles and spirit of the Treaty and strive to develop a strategic partnership featuring equality and trust.",
			[]string{"term_missing/error/全面战略协作伙伴关系/"}},
		{"middle term alone, proposed 2-character term", treaty,
			"The Treaty established the strategic partnership of coordination based on equality and mutual trust as the model of China-Russia relations, which remains relevant today.",
			nil},
		{"proposed term missing is info", treaty,
			"The Treaty established the strategic partnership of coordination based on equality and mutual trust as the model of relations between the two countries, which remains relevant today.",
			[]string{"term_missing/info/中俄/"}},
		{"variant G20", g20,
			"The two sides support the efforts of the G20 to improve global economic and financial governance and regard it as the main platform for international economic cooperation.",
			nil},
		{"forbidden Group of 20", g20,
			"The two sides support the efforts of the Group of 20 to improve global economic and financial governance.",
			[]string{"term_forbidden/error/二十国集团/Group of 20"}},
		{"hyphen and space, case", sixOne,
			"China and Russia call on the countries concerned to resume the six party talks at an early date.",
			nil},
		{"twice in the Chinese, once in the English (Six-Party Talks)", sixTwo,
			"The two sides believe that the Six-Party Talks are an effective way to resolve the nuclear issue on the Peninsula and hope that the parties concerned will meet each other halfway and create conditions for resuming them.",
			[]string{"term_missing/error/六方会谈/Six-Party Talks"}},
		{"article of the rendering not needed", un,
			"The two sides support a central coordinating role for United Nations in international affairs.", nil},
		{"forbidden U.N.", un,
			"The two sides support a central coordinating role for the U.N. in international affairs.",
			[]string{"term_forbidden/error/联合国/U.N."}},
		{"美国 is not found in 拉美国家 (leftmost-longest)", latam,
			"The two sides will maintain consultations on Latin America, strengthen coordination in developing relations with Latin American and Caribbean countries, study cooperation in the social and economic fields of the region that meets the wishes and needs of Latin American countries, and jointly play a positive role in the development of Latin American countries.",
			nil},
		{"punctuation", region,
			"The two sides will strengthen coordination，to maintain peace and stability in the SCO region。",
			[]string{"punctuation/warning//，。"}},
		{"untranslated: copied", region, region, []string{"untranslated/warning//" + region}},
		{"untranslated: mostly Chinese", region, "The two sides 将加强协作，以维护上海合作组织地区的和平稳定。",
			[]string{"untranslated/warning//The two sides 将加强协作，以维护上海合作组织地区的和平稳定。"}},
		{"untranslated: empty", region, "  ", []string{"untranslated/warning//"}},
		{"summit plural and SCO twice", summit,
			"The two sides believe that the upcoming SCO summit in Beijing will inject new impetus into the SCO's development and is a major step for the organisation to strengthen its role in international and regional affairs.",
			nil},
		{"full-width source", "双方对２０１１年６月１５日在阿斯塔纳举行的上海合作组织１０周年成员国元首理事会会议的成果表示欢迎。",
			"The two sides welcomed the outcome of the 10th-anniversary meeting of the SCO Council of Heads of Member States held in Astana on 15 June 2011.",
			nil},
		{"full-width amount", "双方将推动双边贸易额到２０２０年达到２０００亿美元，力争２０１５年达到１０００亿美元。",
			"The two sides will strive to raise bilateral trade to US$200 billion by 2020 and to US$1,000 billion by 2015.",
			[]string{"term_forbidden/error/1000亿美元/US$1,000 billion"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if !strings.Contains(c.name, "full-width") {
				seedClause(t, c.source)
			}
			fs := tb.CheckClause(Clause{ID: 7, DocumentID: 3, Source: c.source, Target: c.target})
			if got := brief(fs); !slices.Equal(got, c.want) {
				t.Errorf("findings %q, want %q", got, c.want)
				for _, f := range fs {
					t.Log(f.Message)
				}
			}
			for _, f := range fs {
				if f.ClauseID != 7 || f.DocumentID != 3 || f.Source != c.source || f.Target != c.target || f.Message == "" {
					t.Errorf("finding %+v lacks its clause", f)
				}
			}
		})
	}
}

func TestCheckClauseMessages(t *testing.T) {
	tb := Compile(seedGlossary())
	brics3 := seedClause(t, "双方将进一步加强金砖国家框架下的协调与合作，同金砖国家其他成员国一道落实金砖国家领导人第三次会晤《三亚宣言》和“行动计划”。")
	fs := tb.CheckClause(Clause{ID: 1, Source: brics3, Target: "Within the BRICS framework, with the other member states, the Sanya Declaration."})
	if len(fs) != 1 {
		t.Fatalf("findings %q", brief(fs))
	}
	f := fs[0]
	if want := "金砖国家 occurs 3 times in the Chinese but its rendering 1 time in the English"; !strings.HasPrefix(f.Message, want) {
		t.Errorf("message %q, want it to start %q", f.Message, want)
	}
	if f.Expected != "BRICS (or: BRICS countries)" {
		t.Errorf("expected %q", f.Expected)
	}
	brics := seedClause(t, "双方强调高度重视金砖国家框架内的合作。")
	fs = tb.CheckClause(Clause{ID: 2, Source: brics, Target: "Both attach importance to cooperation."})
	if want := "金砖国家 is in the Chinese but the English has neither “BRICS” nor a variant (BRICS countries)."; len(fs) != 1 || fs[0].Message != want {
		t.Errorf("findings %+v, want the message %q", fs, want)
	}
	fs = tb.CheckClause(Clause{ID: 3, Source: brics, Target: "Both attach importance to BRIC cooperation; the BRIC matter。"})
	if len(fs) != 2 || fs[0].Kind != KindPunctuation || fs[0].Message != "Chinese punctuation left in the English: “。” → “.”." ||
		fs[1].Message != "“BRIC” is a forbidden rendering of 金砖国家 (2 times): use “BRICS”." {
		t.Errorf("findings %+v", fs)
	}
}

// Every message shape has its code, and its params say what the message
// says: an interface in another language renders the finding from them.
func TestCheckClauseCodes(t *testing.T) {
	tb := Compile(append(seedGlossary(),
		Entry{ZH: "甲乙组织", EN: "JYO", Forbidden: []string{"Jia Yi Group"}, Note: "Use the acronym.", Status: StatusProposed},
		Entry{ZH: "丙丁五国", Forbidden: []string{"Five Nations"}, Status: StatusApproved}))
	brics := seedClause(t, "双方强调高度重视金砖国家框架内的合作。")
	brics3 := seedClause(t, "双方将进一步加强金砖国家框架下的协调与合作，同金砖国家其他成员国一道落实金砖国家领导人第三次会晤《三亚宣言》和“行动计划”。")
	type p = map[string]string
	for _, c := range []struct {
		source, target string
		code           string
		params         p
	}{
		{brics, "", CodeNoEnglish, nil},
		{brics, brics, CodeCopiedChinese, nil},
		{brics, "Both 强调高度重视金砖国家框架内的合作", CodeMostlyChinese, p{"han": "16", "letters": "20"}},
		{brics, "Both attach importance to BRICS cooperation，the BRICS matter。", CodePunctuation, p{"marks": "，。", "fixes": "“，” → “,”, “。” → “.”"}},
		{brics, "Both attach importance to BRIC cooperation.", CodeTermForbidden, p{"term": "金砖国家", "found": "BRIC", "n": "1", "use": "BRICS"}},
		{"甲乙组织", "the Jia Yi Group", CodeTermForbidden, p{"term": "甲乙组织", "found": "Jia Yi Group", "n": "1", "use": "JYO", "proposed": "1", "note": "Use the acronym."}},
		{"丙丁五国", "Five Nations and Five Nations", CodeTermForbiddenBare, p{"term": "丙丁五国", "found": "Five Nations", "n": "2"}},
		{brics, "Both attach importance to cooperation.", CodeTermMissingVariant, p{"term": "金砖国家", "use": "BRICS", "variants": "BRICS countries"}},
		{"甲乙组织", "the organisation", CodeTermMissing, p{"term": "甲乙组织", "use": "JYO", "proposed": "1", "note": "Use the acronym."}},
		{brics3, "Within the BRICS framework, with the other member states.", CodeTermMissingCount, p{"term": "金砖国家", "count": "3", "n": "1"}},
	} {
		fs := tb.CheckClause(Clause{Source: c.source, Target: c.target})
		i := slices.IndexFunc(fs, func(f Finding) bool { return f.Code == c.code })
		if i < 0 {
			t.Errorf("%q: no %s among %+v", c.target, c.code, fs)
			continue
		}
		if !maps.Equal(fs[i].Params, c.params) || (c.params == nil) != (fs[i].Params == nil) {
			t.Errorf("%q: %s params %q, want %q (%s)", c.target, c.code, fs[i].Params, c.params, fs[i].Message)
		}
		for _, f := range fs {
			if f.Code == "" {
				t.Errorf("%q: finding without a code: %+v", c.target, f)
			}
		}
	}
	fs, err := Inconsistent(context.Background(), []Clause{
		{ID: 1, Source: brics, Target: "A"}, {ID: 2, Source: brics, Target: "A"}, {ID: 3, Source: brics, Target: "B"},
	})
	if err != nil || len(fs) != 1 || fs[0].Code != CodeInconsistent ||
		!maps.Equal(fs[0].Params, p{"translations": "2", "places": "3", "here": "1", "others": "“A” ×2", "more": "0"}) {
		t.Errorf("inconsistent: %+v (%v)", fs, err)
	}
}

func TestCheckClauseUSCaseSensitive(t *testing.T) {
	tb := Compile(seedGlossary())
	source := "中俄与美国保持沟通。" // not in the seed: it has no 美国 outside 拉美国家
	for target, want := range map[string][]string{
		"China and Russia keep in touch with the US.":            nil,
		"China and Russia keep in touch with the U.S.":           nil,
		"China and Russia keep in touch with the United States.": nil,
		"China and Russia keep in touch with us.":                {"term_missing/error/美国/"},
		"China and Russia keep in touch with the Us.":            {"term_missing/error/美国/"},
	} {
		if got := brief(tb.CheckClause(Clause{Source: source, Target: target})); !slices.Equal(got, want) {
			t.Errorf("%q: findings %q, want %q", target, got, want)
		}
	}
}

func TestDeprecatedAndProposed(t *testing.T) {
	entries := []Entry{
		{ZH: "上合组织", EN: "SCO", Status: StatusDeprecated},
		{ZH: "上海合作组织", EN: "SCO", Forbidden: []string{"Shanghai Five"}, Status: StatusProposed},
	}
	tb := Compile(entries)
	entries[1].EN = "changed" // Compile copies
	fs := tb.CheckClause(Clause{Source: "上合组织和上海合作组织", Target: "the Shanghai Five"})
	if got, want := brief(fs), []string{"term_forbidden/info/上海合作组织/Shanghai Five"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
	if tb.Len() != 1 || tb.Hits("上海合作组织")[0].Entry.EN != "SCO" {
		t.Errorf("compiled entries: %d", tb.Len())
	}
}

func TestSharedTerm(t *testing.T) {
	tb := Compile([]Entry{
		{ID: 1, ZH: "双方", EN: "the two sides", Status: StatusProposed},
		{ID: 2, ZH: "双方", EN: "both sides", Status: StatusApproved},
	})
	hits := tb.Hits("双方认为")
	if len(hits) != 2 || hits[0].Entry.ID != 2 || hits[1].Entry.ID != 1 {
		t.Errorf("hits %+v: want both entries, approved first", hits)
	}
	got := brief(tb.CheckClause(Clause{Source: "双方认为", Target: "The two sides believe"}))
	if want := []string{"term_missing/error/双方/"}; !slices.Equal(got, want) {
		t.Errorf("findings %q, want %q", got, want)
	}
}

func TestHitsOffsets(t *testing.T) {
	tb := Compile(append(seedGlossary(),
		Entry{ZH: "SCO 峰会", EN: "SCO summit", Status: StatusApproved},
		Entry{ZH: "一", EN: "one", Status: StatusApproved})) // inside ㈠ → (一): cannot be shown, not a hit
	source := "　双方欢迎ＳＣＯ　　峰会和上海合作组织在２０１５年达到１０００亿美元，㈠金砖国家。"
	var got []string
	for _, h := range tb.Hits(source) {
		if h.Text != source[h.Start:h.End] {
			t.Errorf("hit %+v: text is not the source there", h)
		}
		got = append(got, h.Text)
	}
	if want := []string{"ＳＣＯ　　峰会", "上海合作组织", "１０００亿美元", "金砖国家"}; !slices.Equal(got, want) {
		t.Errorf("hits %q, want %q", got, want)
	}
}

func TestFindingKey(t *testing.T) {
	f := Finding{Kind: KindTermForbidden, ClauseID: 12, Term: "金砖国家", Found: "BRIC", Message: "x"}
	g := f
	g.Message, g.Target = "another wording", "changed elsewhere"
	if FindingKey(f) != FindingKey(g) {
		t.Error("key depends on the message or target")
	}
	if k := FindingKey(f); k != `term_forbidden:12:"金砖国家":"BRIC"` {
		t.Errorf("key %s", k)
	}
	for _, h := range []Finding{{Kind: KindTermMissing, ClauseID: 12, Term: "金砖国家", Found: "BRIC"}, {Kind: KindTermForbidden, ClauseID: 13, Term: "金砖国家", Found: "BRIC"},
		{Kind: KindTermForbidden, ClauseID: 12, Term: "金砖国家:", Found: "BRIC"}, {Kind: KindTermForbidden, ClauseID: 12, Term: "金砖国家", Found: ":BRIC"}} {
		if FindingKey(h) == FindingKey(f) {
			t.Errorf("%+v has the key of %+v", h, f)
		}
	}
}

// TestFindingKeyIn checks that a key re-addressed to another clause is that
// finding's key there, whatever the term and the English hold.
func TestFindingKeyIn(t *testing.T) {
	for _, f := range []Finding{
		{Kind: KindTermForbidden, ClauseID: 12, Term: "金砖国家", Found: "BRIC"},
		{Kind: KindPunctuation, ClauseID: 7, Found: "：“”"},
		{Kind: KindTermMissing, ClauseID: 1234567, Term: "a:1:\"b\"", Found: ":9:x"},
		{Kind: KindSegmentInconsistent, ClauseID: 3},
	} {
		g := f
		g.ClauseID = 99
		if got, ok := FindingKeyIn(FindingKey(f), 99); !ok || got != FindingKey(g) {
			t.Errorf("FindingKeyIn(%q, 99) = %q %v, want %q", FindingKey(f), got, ok, FindingKey(g))
		}
	}
	for _, bad := range []string{"", "term_missing", ":12:x", "k1"} {
		if got, ok := FindingKeyIn(bad, 1); ok {
			t.Errorf("FindingKeyIn(%q) = %q, took it for a key", bad, got)
		}
	}
}

func TestFindingJSON(t *testing.T) {
	b, err := json.Marshal(Finding{Kind: KindPunctuation, ClauseID: 1, DocumentID: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"kind", "severity", "clause_id", "document_id", "source", "target", "term", "expected", "found", "message"} {
		if !strings.Contains(string(b), `"`+k+`":`) {
			t.Errorf("JSON %s lacks %s", b, k)
		}
	}
}

func TestInconsistent(t *testing.T) {
	src := seedClause(t, "双方强调高度重视金砖国家框架内的合作。")
	a := "The two sides stressed the importance of cooperation within the BRICS framework."
	b := "Both sides attach great importance to BRICS cooperation."
	clauses := []Clause{
		{ID: 1, DocumentID: 1, Source: src, Target: a},
		{ID: 2, DocumentID: 2, Source: "双方强调高度重视金砖国家框架内的合作。　", Target: " " + a + "\n"}, // same after Normalize / trimming
		{ID: 3, DocumentID: 3, Source: src, Target: b},
		{ID: 4, DocumentID: 3, Source: src, Target: ""}, // no English: left out
		{ID: 5, DocumentID: 4, Source: "双方认为", Target: "The two sides believe"},
		{ID: 6, DocumentID: 4, Source: "双方认为", Target: "Both sides believe"},
	}
	fs := inconsistent(t, clauses)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%d/%s/%s", f.ClauseID, f.Found, f.Expected))
		if f.Kind != KindSegmentInconsistent || f.Severity != SeverityWarning || f.Term != "" || f.Message == "" {
			t.Errorf("finding %+v", f)
		}
	}
	want := []string{
		"3/" + b + "/“" + a + "” (2 places)",
		"5/The two sides believe/“Both sides believe” (1 place)", // a tie: both are flagged
		"6/Both sides believe/“The two sides believe” (1 place)",
	}
	if !slices.Equal(got, want) {
		t.Errorf("Inconsistent:\n%q\nwant\n%q", got, want)
	}
	if !strings.Contains(fs[0].Message, "2 translations in 3 places: this one in 1 place, “"+a+"” in 2 places") {
		t.Errorf("message %q", fs[0].Message)
	}
	if inconsistent(t, clauses[:2]) != nil {
		t.Error("consistent clauses reported")
	}
}

// TestCheckClauseForbiddenCounts checks the counts of forbidden phrases,
// as written, both for a few (counted pairwise) and for many (in a map).
func TestCheckClauseForbiddenCounts(t *testing.T) {
	tb := Compile(seedGlossary())
	brics := seedClause(t, "双方强调高度重视金砖国家框架内的合作。")
	for _, k := range []int{1, 2, 9, 30} {
		target := "Both attach importance to" + strings.Repeat(" the BRICs and BRIC matter,", k) + " and cooperation."
		fs := tb.CheckClause(Clause{ID: 3, Source: brics, Target: target})
		want := []string{"“BRICs” is a forbidden rendering of 金砖国家: use “BRICS”.", "“BRIC” is a forbidden rendering of 金砖国家: use “BRICS”."}
		if k > 1 {
			for i, w := range want {
				want[i] = strings.Replace(w, ":", " ("+strconv.Itoa(k)+" times):", 1)
			}
		}
		var got []string
		for _, f := range fs {
			got = append(got, f.Message)
		}
		if !slices.Equal(got, want) {
			t.Errorf("%d each: messages %q, want %q", k, got, want)
		}
	}
}

// TestCheckClauses checks that checking clauses in batches finds, clause by
// clause, what checking each on its own does: over the benchmark's corpus
// (every kind of finding, sources scanned as they are and normalised) with
// untranslated, blank and Chinese-only clauses mixed in, at lengths around
// the batch size.
func TestCheckClauses(t *testing.T) {
	d := benchOnce()
	var clauses []Clause
	for i, c := range d.clauses[:3000] {
		switch i % 97 {
		case 5:
			c.Target = ""
		case 6:
			c.Target = " \n"
		case 7:
			c.Target = c.Source
		case 8:
			c.Source = "二十国集团（Ｇ２０）和金砖国家" + c.Source // full-width: scanned normalised
		}
		clauses = append(clauses, c)
	}
	for _, n := range []int{0, 1, checkBatch - 1, checkBatch, checkBatch + 1, 2*checkBatch + 7, len(clauses)} {
		got := make([][]Finding, n)
		calls := 0
		d.tb.CheckClauses(clauses[:n], func(i int, fs []Finding) {
			if i != calls {
				t.Fatalf("n=%d: call %d for clause %d", n, calls, i)
			}
			calls++
			got[i] = fs
		})
		if calls != n {
			t.Fatalf("n=%d: %d calls", n, calls)
		}
		findings := 0
		for i, c := range clauses[:n] {
			want := d.tb.CheckClause(c)
			findings += len(want)
			if !reflect.DeepEqual(got[i], want) {
				t.Fatalf("n=%d, clause %d (%q → %q): batched %+v, alone %+v", n, i, c.Source, c.Target, got[i], want)
			}
		}
		if n == len(clauses) && findings < 300 {
			t.Fatalf("only %d findings in %d clauses: the corpus no longer has what this test needs", findings, n)
		}
	}
}
