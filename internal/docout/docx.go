package docout

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// A small WordprocessingML (ECMA-376, DOCX) writer: the parts Word and
// LibreOffice need and nothing else — [Content_Types].xml, _rels/.rels,
// word/document.xml with its relationships, word/styles.xml and
// docProps/core.xml. Every text goes through encoding/xml's escaping after
// clean has dropped the characters XML cannot carry.

const (
	nsW  = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPR = "http://schemas.openxmlformats.org/package/2006/relationships"

	// CJKFont is the east-Asian font of every style: LibreOffice and Word
	// fall back from it to any CJK font the machine has.
	CJKFont = "Noto Sans CJK SC"
	// LatinFont is the font of the English.
	LatinFont = "Liberation Serif"
)

// docxParts lists the DOCX parts with their content types, as
// [Content_Types].xml declares them (the tests check the package against
// it).
var docxParts = []struct{ Name, Type string }{
	{"word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"},
	{"word/styles.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"},
	{"docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"},
}

// docxTime is every part's time in the zip: the same statement gives the
// same bytes.
var docxTime = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// WriteDOCX writes the English document as DOCX: styles Title, Heading1,
// Normal and Signature; drafts highlighted yellow with a "[draft]" note,
// missing clauses grey with their Chinese.
func WriteDOCX(w io.Writer, s Statement) error {
	var b docBody
	b.para("Title", func() { b.run(s.Title, runOpt{lang: s.TitleLang}) })
	if s.DateText != "" {
		b.para("Date", func() { b.run(s.DateText, runOpt{}) })
	}
	if n := notice(s); n != "" {
		b.para("Notice", func() { b.run(n, runOpt{}) })
	}
	for _, bl := range s.Blocks {
		style := "Normal"
		switch bl.Kind {
		case BlockHeading:
			style = "Heading1"
		case BlockSignature:
			style = "Signature"
		}
		b.para(style, func() {
			for _, p := range bl.Pieces {
				if p.Lead != "" {
					b.run(p.Lead, runOpt{})
				}
				b.piece(s, p)
			}
		})
	}
	return writePackage(w, s, b.String(), false)
}

// WriteBilingualDOCX writes a table of every clause — number, Chinese,
// English, status — under the title: a landscape page, the header row
// repeated on every page.
func WriteBilingualDOCX(w io.Writer, s Statement) error {
	var b docBody
	b.para("Title", func() { b.run(s.SourceTitle, runOpt{lang: "zh-CN"}) })
	if s.Title != s.SourceTitle {
		b.para("Subtitle", func() { b.run(s.Title, runOpt{lang: s.TitleLang}) })
	}
	if s.DateText != "" {
		b.para("Date", func() { b.run(s.DateText, runOpt{}) })
	}
	if n := notice(s); n != "" {
		b.para("Notice", func() { b.run(n, runOpt{}) })
	}
	widths := []int{700, 5400, 5400, 1500} // twentieths of a point, 13,000 in all
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="13000" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(&b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="999999"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, wd := range widths {
		fmt.Fprintf(&b, `<w:gridCol w:w="%d"/>`, wd)
	}
	b.WriteString(`</w:tblGrid>`)
	cell := func(width int, fill string, body func()) {
		fmt.Fprintf(&b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, width)
		if fill != "" {
			fmt.Fprintf(&b, `<w:shd w:val="clear" w:color="auto" w:fill="%s"/>`, fill)
		}
		b.WriteString(`</w:tcPr>`)
		b.para("TableText", body)
		b.WriteString(`</w:tc>`)
	}
	b.WriteString(`<w:tr><w:trPr><w:tblHeader/></w:trPr>`)
	for i, h := range []string{"#", "Chinese", "English", "Status"} {
		cell(widths[i], "E8E8E8", func() { b.run(h, runOpt{bold: true}) })
	}
	b.WriteString(`</w:tr>`)
	for _, bl := range s.Blocks {
		for _, p := range bl.Pieces {
			b.WriteString(`<w:tr><w:trPr><w:cantSplit/></w:trPr>`)
			cell(widths[0], "", func() { b.run(fmt.Sprint(p.Number), runOpt{}) })
			cell(widths[1], "", func() { b.run(p.Source, runOpt{lang: "zh-CN"}) })
			cell(widths[2], "", func() {
				if p.State != Missing {
					b.piece(s, p)
				}
			})
			cell(widths[3], "", func() { b.run(statusText(s, p), runOpt{}) })
			b.WriteString(`</w:tr>`)
		}
	}
	b.WriteString(`</w:tbl><w:p/>`)
	return writePackage(w, s, b.String(), true)
}

// statusText is a bilingual row's status: the clause's, and in an export
// of approved English, whether the English shown is approved.
func statusText(s Statement, p Piece) string {
	switch {
	case p.State == Approved && p.Kind == KindHeading && p.Status != StatusApproved:
		return "numbering"
	case p.State == Approved:
		return StatusApproved
	case !s.AllStatuses:
		return p.Status + " (not approved)"
	}
	return p.Status
}

type runOpt struct {
	lang      string // zh-CN: the run is Chinese
	highlight string // yellow, lightGray
	italic    bool
	bold      bool
	small     bool
}

// docBody is word/document.xml's body being written.
type docBody struct{ bytes.Buffer }

func (b *docBody) para(style string, body func()) {
	fmt.Fprintf(b, `<w:p><w:pPr><w:pStyle w:val="%s"/></w:pPr>`, style)
	body()
	b.WriteString(`</w:p>`)
}

func (b *docBody) run(text string, o runOpt) {
	text = clean(text)
	if text == "" {
		return
	}
	b.WriteString(`<w:r>`)
	if o.lang != "" || o.highlight != "" || o.italic || o.bold || o.small {
		b.WriteString(`<w:rPr>`)
		if o.bold {
			b.WriteString(`<w:b/>`)
		}
		if o.italic {
			b.WriteString(`<w:i/>`)
		}
		if o.small {
			b.WriteString(`<w:color w:val="6B5900"/><w:sz w:val="18"/>`)
		}
		if o.highlight != "" {
			fmt.Fprintf(b, `<w:highlight w:val="%s"/>`, o.highlight)
		}
		if strings.HasPrefix(o.lang, "zh") {
			fmt.Fprintf(b, `<w:lang w:eastAsia="%s"/>`, xmlAttr(o.lang))
		} else if o.lang != "" {
			fmt.Fprintf(b, `<w:lang w:val="%s"/>`, xmlAttr(o.lang))
		}
		b.WriteString(`</w:rPr>`)
	}
	b.WriteString(`<w:t xml:space="preserve">`)
	xml.EscapeText(b, []byte(text))
	b.WriteString(`</w:t></w:r>`)
}

// piece writes one clause's English with its marks.
func (b *docBody) piece(s Statement, p Piece) {
	switch p.State {
	case Approved:
		b.run(p.English, runOpt{})
	case Draft:
		b.run(p.English, runOpt{highlight: "yellow"})
		b.run(" [draft]", runOpt{italic: true, small: true})
	case Missing:
		what := "[not approved] "
		if s.AllStatuses {
			what = "[untranslated] "
		}
		b.run(what, runOpt{italic: true, small: true, highlight: "lightGray"})
		b.run(p.Source, runOpt{lang: "zh-CN", highlight: "lightGray"})
	}
}

func xmlAttr(s string) string {
	var sb strings.Builder
	xml.EscapeText(&sb, []byte(clean(s)))
	return sb.String()
}

// writePackage zips the parts of a DOCX around a body.
func writePackage(w io.Writer, s Statement, body string, landscape bool) error {
	// A4; landscape for the bilingual table.
	page := `<w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>`
	if landscape {
		page = `<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/>`
	}
	document := xml.Header + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body>` + body +
		`<w:sectPr>` + page + `</w:sectPr></w:body></w:document>`

	var ct strings.Builder
	ct.WriteString(xml.Header + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>`)
	for _, p := range docxParts {
		fmt.Fprintf(&ct, `<Override PartName="/%s" ContentType="%s"/>`, p.Name, p.Type)
	}
	ct.WriteString(`</Types>`)

	rels := xml.Header + `<Relationships xmlns="` + nsPR + `">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
		`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
		`</Relationships>`
	docRels := xml.Header + `<Relationships xmlns="` + nsPR + `">` +
		`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
		`</Relationships>`
	core := xml.Header + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
		`xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
		`<dc:title>` + xmlAttr(s.Title) + `</dc:title><dc:language>` + xmlAttr(s.Language) + `</dc:language><dc:creator>Zhen</dc:creator>` +
		`</cp:coreProperties>`

	z := zip.NewWriter(w)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", ct.String()},
		{"_rels/.rels", rels},
		{"word/_rels/document.xml.rels", docRels},
		{"word/document.xml", document},
		{"word/styles.xml", styles(s.Language)},
		{"docProps/core.xml", core},
	} {
		f, err := z.CreateHeader(&zip.FileHeader{Name: part.name, Method: zip.Deflate, Modified: docxTime})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, part.data); err != nil {
			return err
		}
	}
	return z.Close()
}

// styles is word/styles.xml: the document defaults (the English font, the
// CJK font for east-Asian text, the language) and the paragraph styles.
func styles(lang string) string {
	if lang == "en" {
		lang = "en-GB"
	}
	fonts := `<w:rFonts w:ascii="` + LatinFont + `" w:hAnsi="` + LatinFont + `" w:cs="` + LatinFont + `" w:eastAsia="` + CJKFont + `"/>`
	style := func(id, name, ppr, rpr string) string {
		return `<w:style w:type="paragraph" w:styleId="` + id + `"><w:name w:val="` + name + `"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>` +
			`<w:pPr>` + ppr + `</w:pPr><w:rPr>` + rpr + `</w:rPr></w:style>`
	}
	return xml.Header + `<w:styles xmlns:w="` + nsW + `">` +
		`<w:docDefaults><w:rPrDefault><w:rPr>` + fonts + `<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="` + xmlAttr(lang) + `" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="left"/></w:pPr><w:rPr>` + fonts + `</w:rPr></w:style>` +
		style("Title", "Title", `<w:spacing w:after="240"/><w:jc w:val="center"/>`, `<w:b/><w:sz w:val="36"/><w:szCs w:val="36"/>`) +
		style("Subtitle", "Subtitle", `<w:spacing w:after="240"/><w:jc w:val="center"/>`, `<w:i/><w:sz w:val="28"/><w:szCs w:val="28"/>`) +
		style("Date", "Date", `<w:spacing w:after="360"/><w:jc w:val="center"/>`, `<w:color w:val="444444"/>`) +
		style("Notice", "Notice", `<w:pBdr><w:left w:val="single" w:sz="18" w:space="6" w:color="D4B000"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="FFFBE0"/>`, `<w:i/><w:sz w:val="20"/>`) +
		style("Heading1", "heading 1", `<w:keepNext/><w:spacing w:before="360" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="0"/>`, `<w:b/><w:sz w:val="28"/><w:szCs w:val="28"/>`) +
		style("Signature", "Signature", `<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="60"/><w:jc w:val="right"/>`, ``) +
		style("TableText", "Table Text", `<w:spacing w:before="40" w:after="40"/><w:jc w:val="left"/>`, `<w:sz w:val="20"/><w:szCs w:val="20"/>`) +
		`</w:styles>`
}
