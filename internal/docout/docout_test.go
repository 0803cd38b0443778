package docout

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/demo"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// seedDoc is statement n of the seed (0-based) as Zhen stores it after an
// import: clauses numbered from 1, markers' English written in style and
// approved by the system, every other clause untranslated.
func seedDoc(t *testing.T, n int, style numbering.Style) (Document, []Clause) {
	t.Helper()
	docs, err := segment.Split(demo.SeedName, string(demo.Seed))
	if err != nil {
		t.Fatal(err)
	}
	d := docs[n]
	var cs []Clause
	for i, c := range d.Clauses {
		cl := Clause{ID: uint(100 + i), Position: i, Paragraph: c.Paragraph, Kind: string(c.Kind), Source: c.Text, Status: "untranslated"}
		if c.Kind == segment.KindHeading {
			if en, ok := numbering.English(c.Text, style); ok {
				cl.Target, cl.ApprovedTarget, cl.Status = en, en, StatusApproved
			}
		}
		cs = append(cs, cl)
	}
	return Document{ID: uint(n + 1), Title: d.Title, Date: d.Date, NumberingStyle: string(style)}, cs
}

// approveAll gives every clause without English the approved English
// "E<number>."
func approveAll(cs []Clause) {
	for i := range cs {
		if cs[i].ApprovedTarget == "" {
			en := fmt.Sprintf("E%d.", cs[i].Position+1)
			if cs[i].Kind == KindSignature {
				en = fmt.Sprintf("Sig%d", cs[i].Position+1)
			}
			cs[i].Target, cs[i].ApprovedTarget, cs[i].Status = en, en, StatusApproved
		}
	}
}

func blockOf(t *testing.T, s Statement, paragraph int) Block {
	t.Helper()
	for _, b := range s.Blocks {
		if b.Paragraph == paragraph {
			return b
		}
	}
	t.Fatalf("no block for paragraph %d", paragraph)
	return Block{}
}

// The seed's second statement: 一、 opens paragraph 3 and reads "1." before
// its sentences, joined by one space; the signature comes last, line by
// line; the title and date are the statement's.
func TestSeedStatementApproved(t *testing.T) {
	d, cs := seedDoc(t, 1, numbering.Arabic)
	approveAll(cs)
	s := Build(d, cs, Options{})
	if s.Title != d.Title || s.TitleLang != "zh-CN" || s.Date != "2011-06-17" || s.DateText != "17 June 2011" {
		t.Fatalf("title and date: %q %q %q %q", s.Title, s.TitleLang, s.Date, s.DateText)
	}
	if s.Drafts != 0 || s.Missing != 0 {
		t.Fatalf("drafts %d, missing %d in an approved statement", s.Drafts, s.Missing)
	}
	b := blockOf(t, s, 3)
	if b.Kind != BlockParagraph || b.Pieces[0].Kind != KindHeading {
		t.Fatalf("paragraph 3: %+v", b)
	}
	var want []string
	for _, p := range b.Pieces[1:] {
		want = append(want, fmt.Sprintf("E%d.", p.Number))
	}
	if got := s.Text(b); got != "1. "+strings.Join(want, " ") {
		t.Fatalf("paragraph 3 reads %q", got)
	}
	if got := b.Source(); !strings.HasPrefix(got, "一、双方指出") {
		t.Fatalf("paragraph 3's Chinese: %q", got)
	}
	n := len(s.Blocks)
	for i, b := range s.Blocks[n-3:] {
		if b.Kind != BlockSignature || len(b.Pieces) != 1 || b.Pieces[0].Kind != KindSignature {
			t.Fatalf("block %d from the end: %+v", 3-i, b)
		}
	}
	if got := s.Text(s.Blocks[n-1]); got != fmt.Sprintf("Sig%d", len(cs)) {
		t.Fatalf("last line %q", got)
	}
	var text bytes.Buffer
	if err := WriteText(&text, s); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(text.String(), "\n"), "\n")
	if lines[0] != d.Title || lines[1] != "17 June 2011" || lines[2] != "" {
		t.Fatalf("text starts %q", lines[:3])
	}
	first := len(lines) - 1
	for strings.HasPrefix(lines[first-1], "Sig") {
		first--
	}
	if tail := lines[first-1:]; len(tail) < 4 || tail[0] != "" {
		t.Fatalf("the signature block is not together at the end: %q", tail)
	}
}

// The first statement's 一 stands alone: a heading "I"; in the roman style
// 一、 reads "I." (the style in force, even for a marker whose English was
// cleared).
func TestMarkersAndStyles(t *testing.T) {
	d, cs := seedDoc(t, 0, numbering.Arabic)
	approveAll(cs)
	s := Build(d, cs, Options{})
	if b := blockOf(t, s, 1); b.Kind != BlockHeading || s.Text(b) != "I" {
		t.Fatalf("paragraph 1: %+v %q", b, s.Text(b))
	}
	d, cs = seedDoc(t, 1, numbering.Roman)
	approveAll(cs)
	for i := range cs {
		if cs[i].Kind == KindHeading && cs[i].Source == "二、" {
			cs[i].Target, cs[i].ApprovedTarget = "", "" // cleared: the style writes it
		}
	}
	s = Build(d, cs, Options{})
	if got := s.Text(blockOf(t, s, 3)); !strings.HasPrefix(got, "I. E") {
		t.Fatalf("roman 一、: %q", got)
	}
	found := false
	for _, b := range s.Blocks {
		if b.Pieces[0].Source == "二、" {
			found = true
			if got := s.Text(b); !strings.HasPrefix(got, "II. E") || b.Pieces[0].State != Approved {
				t.Fatalf("cleared 二、 in roman: %q %+v", got, b.Pieces[0])
			}
		}
	}
	if !found {
		t.Fatal("no 二、 in the statement")
	}
}

// English joins sentences with one space, none before closing punctuation
// or after an opening bracket; a clause's own spaces are trimmed.
func TestJoining(t *testing.T) {
	cs := []Clause{
		{ID: 1, Position: 0, Kind: KindHeading, Source: "（一）", ApprovedTarget: "(1)"},
		{ID: 2, Position: 1, Kind: KindText, Source: "双方认为，", ApprovedTarget: " The two sides hold that "},
		{ID: 3, Position: 2, Kind: KindText, Source: "合作重要；", ApprovedTarget: "cooperation matters;"},
		{ID: 4, Position: 3, Kind: KindText, Source: "（见附件）", ApprovedTarget: "(see the annex"},
		{ID: 5, Position: 4, Kind: KindText, Source: "。", ApprovedTarget: ")."},
		{ID: 6, Position: 5, Kind: KindText, Source: "“", ApprovedTarget: "“"},
		{ID: 7, Position: 6, Kind: KindText, Source: "好", ApprovedTarget: "Good"},
		{ID: 8, Position: 7, Kind: KindText, Source: "”", ApprovedTarget: "”"},
	}
	s := Build(Document{Title: "t"}, cs, Options{})
	if len(s.Blocks) != 1 {
		t.Fatalf("%d blocks", len(s.Blocks))
	}
	if got, want := s.Text(s.Blocks[0]), "(1) The two sides hold that cooperation matters; (see the annex). “Good”"; got != want {
		t.Fatalf("joined\n got %q\nwant %q", got, want)
	}
}

// Approved English by default; with all statuses the newest English,
// drafts marked; a clause with nothing to show carries its Chinese,
// marked.
func TestDraftsAndApproved(t *testing.T) {
	cs := []Clause{
		{ID: 1, Position: 0, Source: "甲。", Target: "A newer.", ApprovedTarget: "A.", Status: "draft"},
		{ID: 2, Position: 1, Source: "乙。", Target: "B.", Status: "submitted"},
		{ID: 3, Position: 2, Source: "丙。", Status: "untranslated"},
		{ID: 4, Position: 3, Source: "丁。", Target: "D.", ApprovedTarget: "D.", Status: StatusApproved},
	}
	for i := range cs {
		cs[i].Kind = KindText
	}
	approved := Build(Document{Title: "t"}, cs, Options{})
	if got, want := approved.Text(approved.Blocks[0]), "A. [not approved: 乙。] [not approved: 丙。] D."; got != want {
		t.Fatalf("approved\n got %q\nwant %q", got, want)
	}
	if approved.Drafts != 0 || approved.Missing != 2 {
		t.Fatalf("approved: drafts %d missing %d", approved.Drafts, approved.Missing)
	}
	all := Build(Document{Title: "t"}, cs, Options{AllStatuses: true})
	if got, want := all.Text(all.Blocks[0]), "A newer. [draft] B. [draft] [untranslated: 丙。] D."; got != want {
		t.Fatalf("all statuses\n got %q\nwant %q", got, want)
	}
	if all.Drafts != 2 || all.Missing != 1 {
		t.Fatalf("all: drafts %d missing %d", all.Drafts, all.Missing)
	}

	var h bytes.Buffer
	if err := WriteHTML(&h, all); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<html lang="en">`, `<h1 lang="zh-CN">t</h1>`, `<mark class="draft" title="draft, not approved: draft">A newer.</mark> <span class="note">[draft]</span>`,
		`<mark class="missing"><span class="note">[untranslated]</span> <span lang="zh-CN">丙。</span></mark>`, `2 clauses highlighted and marked [draft] have not been approved.`,
		`<span data-clause="4">D.</span>`} {
		if !strings.Contains(h.String(), want) {
			t.Errorf("HTML lacks %s\n%s", want, h.String())
		}
	}
	var bi bytes.Buffer
	if err := WriteBilingualDOCX(&bi, approved); err != nil {
		t.Fatal(err)
	}
	doc := docxPart(t, bi.Bytes(), "word/document.xml")
	for _, want := range []string{"submitted (not approved)", ">乙。<", ">A.<", ">approved<"} {
		if !strings.Contains(doc, want) {
			t.Errorf("bilingual DOCX lacks %s", want)
		}
	}
	if strings.Contains(doc, "A newer.") {
		t.Error("the bilingual DOCX of approved English carries a draft")
	}
}

// The title given replaces the Chinese one, and text that XML and HTML
// cannot carry raw is escaped or dropped.
func TestEscaping(t *testing.T) {
	cs := []Clause{{ID: 1, Position: 0, Kind: KindText, Source: "<甲>&", ApprovedTarget: "Tom & Jerry <b>\x01\uFFFE \"q\"", Status: StatusApproved}}
	s := Build(Document{Title: "题"}, cs, Options{Title: "A & B <statement>"})
	var h bytes.Buffer
	if err := WriteHTML(&h, s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(h.String(), "<h1>A &amp; B &lt;statement&gt;</h1>") || !strings.Contains(h.String(), "Tom &amp; Jerry &lt;b&gt; &#34;q&#34;") || strings.Contains(h.String(), "\x01") {
		t.Fatalf("HTML escaping:\n%s", h.String())
	}
	for _, f := range []Format{DOCX, BilingualDOCX} {
		var b bytes.Buffer
		if err := Write(&b, f, s); err != nil {
			t.Fatal(err)
		}
		checkDOCX(t, b.Bytes())
		if doc := docxPart(t, b.Bytes(), "word/document.xml"); !strings.Contains(doc, "Tom &amp; Jerry &lt;b&gt;") {
			t.Errorf("%s: %s", f, doc)
		}
	}
}

// Both DOCX writers make a package every part of which is well-formed XML,
// with a content type for every part and a target for every relationship,
// on the whole seed.
func TestDOCXPackage(t *testing.T) {
	for n := range 5 {
		d, cs := seedDoc(t, n, numbering.Outline)
		for i := range cs {
			if i%3 == 0 && cs[i].ApprovedTarget == "" {
				cs[i].Target, cs[i].Status = "Draft <"+cs[i].Source+">", "draft"
			}
		}
		s := Build(d, cs, Options{AllStatuses: true})
		for _, f := range []Format{DOCX, BilingualDOCX} {
			var b bytes.Buffer
			if err := Write(&b, f, s); err != nil {
				t.Fatal(err)
			}
			checkDOCX(t, b.Bytes())
			if core := docxPart(t, b.Bytes(), "docProps/core.xml"); !strings.Contains(core, "<dc:language>en</dc:language>") {
				t.Errorf("core.xml: %s", core)
			}
		}
	}
}

func docxPart(t *testing.T, data []byte, name string) string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	f, err := z.Open(name)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	b, err := io.ReadAll(f)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// checkDOCX opens the package and checks its structure.
func checkDOCX(t *testing.T, data []byte) {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("the DOCX is not a zip: %v", err)
	}
	parts := map[string]string{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		if err := wellFormed(b); err != nil {
			t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
		}
		parts[f.Name] = string(b)
	}
	for _, need := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml", "docProps/core.xml"} {
		if _, ok := parts[need]; !ok {
			t.Fatalf("no %s", need)
		}
	}
	var types struct {
		Defaults []struct {
			Extension   string `xml:",attr"`
			ContentType string `xml:",attr"`
		} `xml:"Default"`
		Overrides []struct {
			PartName    string `xml:",attr"`
			ContentType string `xml:",attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal([]byte(parts["[Content_Types].xml"]), &types); err != nil {
		t.Fatal(err)
	}
	typed := map[string]string{}
	for _, o := range types.Overrides {
		typed[strings.TrimPrefix(o.PartName, "/")] = o.ContentType
	}
	exts := map[string]string{}
	for _, d := range types.Defaults {
		exts[d.Extension] = d.ContentType
	}
	for name := range parts {
		if name == "[Content_Types].xml" {
			continue
		}
		if typed[name] == "" && exts[strings.TrimPrefix(path.Ext(name), ".")] == "" {
			t.Errorf("no content type covers %s", name)
		}
	}
	if typed["word/document.xml"] != "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" {
		t.Errorf("word/document.xml's type: %q", typed["word/document.xml"])
	}
	for name := range typed {
		if _, ok := parts[name]; !ok {
			t.Errorf("[Content_Types].xml names %s, which is not in the package", name)
		}
	}
	// Every relationship points at a part of the package.
	for name, body := range parts {
		if !strings.HasSuffix(name, ".rels") {
			continue
		}
		var rels struct {
			Rels []struct {
				Target string `xml:",attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal([]byte(body), &rels); err != nil {
			t.Fatal(err)
		}
		base := path.Dir(path.Dir(name)) // _rels/.rels → ., word/_rels/x.rels → word
		for _, r := range rels.Rels {
			target := path.Clean(path.Join(base, r.Target))
			if _, ok := parts[target]; !ok {
				t.Errorf("%s points at %s, which is not in the package", name, target)
			}
		}
	}
	for _, style := range []string{"Title", "Heading1", "Normal"} {
		if !strings.Contains(parts["word/styles.xml"], `w:styleId="`+style+`"`) {
			t.Errorf("styles.xml has no style %s", style)
		}
	}
	if !strings.Contains(parts["word/styles.xml"], `w:eastAsia="`+CJKFont+`"`) {
		t.Error("styles.xml names no CJK font")
	}
}

// wellFormed reads a document to its end with a strict decoder.
func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	for {
		_, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
	}
}
