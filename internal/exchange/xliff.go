package exchange

// XLIFF: clauses out to a CAT tool and their English back.
//
// Why XLIFF 1.2 and not 2.0: the file is meant for translators working in
// OmegaT and similar tools. OmegaT's built-in XLIFF filter
// (org.omegat.filters3.xml.xliff) reads XLIFF 1.x; XLIFF 2.0 needs the Okapi
// filters plugin, installed separately. translate-toolkit (behind Virtaal,
// Pootle and Weblate's XLIFF support; 3.8 in Debian 12 has no XLIFF 2
// reader) and the commercial tools (Trados Studio, memoQ, Phrase) read 1.2
// too. So 1.2 reaches every tool a Zhen user is likely to have, 2.0 only
// some.
//
// WriteXLIFF writes XLIFF 1.2, valid against the OASIS strict schema
// (xliff-core-1.2-strict.xsd). Units arrive in document order and each
// document becomes one <file>:
//
//	<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
//	  <file original="{title, or document-{ID}}" datatype="plaintext"
//	        source-language="zh-CN" target-language="en-US" tool-id="zhen" date="{export time}">
//	    <header><tool tool-id="zhen" tool-name="Zhen" tool-version="{version}"/></header>
//	    <body>
//	      <trans-unit id="{clause id}" resname="{clause index, 0-based}" xml:space="preserve" approved="yes">
//	        <source xml:lang="zh-CN">{Chinese}</source>
//	        <target xml:lang="en-US" state="final">{English}</target>
//	        <context-group purpose="information">
//	          <context context-type="x-zhen-version">{clause version}</context>
//	          <context context-type="x-zhen-updated-at">{updated at, RFC 3339 UTC, microseconds}</context>
//	        </context-group>
//	      </trans-unit>
//
// Details:
//   - <target> is written only when the clause has English; untranslated
//     clauses have just a <source>, which CAT tools show as to be done.
//   - state follows Zhen's status (see xliffState): translated (confirmed
//     by the translator) → translated, draft (saved, not confirmed) and
//     submitted → needs-review-translation, approved → final (with
//     approved="yes" on the trans-unit, which translate-toolkit and Weblate
//     read as done), rejected and untranslated → needs-translation (the
//     English is there but must be redone). An unknown status writes no
//     state.
//   - xml:space="preserve" on each trans-unit keeps leading, trailing and
//     repeated spaces and line breaks; CR is written as &#13; so that it
//     survives the parser's line-end normalisation. A round trip through
//     ReadXLIFF gives back exactly the texts written.
//   - Why a context-group for the version: it is the element XLIFF 1.2
//     provides for machine-readable data about a unit, the strict schema
//     accepts it with an x- context-type (an attribute in a Zhen namespace
//     would need a schema of its own to validate), tools that write the
//     file back by filling in <target> leave it alone, and it is not shown
//     to the translator as a comment, as a <note> would be.
//     The update time travels beside the version because a clause that was
//     never edited has version 0, which the importer cannot tell from "no
//     version": its update time still shows an edit made after the export.
//     The context-group has no name: the schema wants names unique per file.
//   - Characters XML 1.0 cannot carry are dropped, as in TMX (see xmlSafe);
//     a unit whose Chinese is then blank is skipped (XLIFF needs a source).

import (
	"bufio"
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"time"
)

// xliffNS is the XLIFF 1.2 namespace.
const xliffNS = "urn:oasis:names:tc:xliff:document:1.2"

// The context-types of the unit data Zhen writes in XLIFF.
const (
	contextVersion   = "x-zhen-version"
	contextUpdatedAt = "x-zhen-updated-at"
)

// XLIFFOptions configures WriteXLIFF.
type XLIFFOptions struct {
	ToolVersion string    // <tool tool-version>; left out when empty
	SourceLang  string    // source-language and the <source> xml:lang; default "zh-CN"
	TargetLang  string    // target-language and the <target> xml:lang; default "en-US"
	Now         time.Time // the <file date> attribute; the current time when zero
}

func (o XLIFFOptions) withDefaults() XLIFFOptions {
	o.SourceLang = cmp.Or(o.SourceLang, "zh-CN")
	o.TargetLang = cmp.Or(o.TargetLang, "en-US")
	if y := o.Now.Year(); o.Now.IsZero() || y < 1 || y > 9999 {
		o.Now = time.Now()
	}
	return o
}

// xliffState maps a Zhen clause status to the XLIFF 1.2 state of its
// <target>, and whether the trans-unit is approved. "" writes no state.
func xliffState(status string) (state string, approved bool) {
	switch status {
	case "translated":
		return "translated", false
	case "draft", "submitted":
		return "needs-review-translation", false
	case "approved":
		return "final", true
	case "rejected", "untranslated":
		return "needs-translation", false
	}
	return "", false
}

// WriteXLIFF streams units as an XLIFF 1.2 document, laid out as described
// at the top of this file, one <file> per document: a new <file> starts
// whenever DocumentID changes, so units must come grouped by document (in
// clause order, as the store's export query gives them). Each trans-unit is
// written as soon as its unit arrives, so memory does not grow with the
// export. n counts the trans-units written; an export without any still has
// one empty <file>, as the schema wants at least one.
//
// An error from the iterator stops the export and is returned as is; the
// document is then left unterminated, so a truncated export never passes
// for a complete one.
func WriteXLIFF(w io.Writer, opt XLIFFOptions, units iter.Seq2[Unit, error]) (n int, err error) {
	opt = opt.withDefaults()
	x := &xliffWriter{bw: bufio.NewWriterSize(w, 64<<10), opt: opt}
	x.srcOpen = `        <source xml:lang="` + escapeString(opt.SourceLang, true) + `">`
	x.tgtOpen = `        <target xml:lang="` + escapeString(opt.TargetLang, true) + `"`
	x.bw.WriteString("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" +
		`<xliff version="1.2" xmlns="` + xliffNS + `">` + "\n")
	open := false
	var doc uint
	for u, err := range units {
		if err != nil {
			return n, err
		}
		src := xmlSafe(u.Source)
		if strings.TrimSpace(src) == "" {
			continue
		}
		if !open || u.DocumentID != doc {
			if open {
				x.bw.WriteString(xliffFileEnd)
			}
			x.fileStart(u)
			open, doc = true, u.DocumentID
		}
		if err := x.unit(u, src); err != nil {
			return n, err
		}
		n++
	}
	if !open {
		x.fileStart(Unit{DocumentTitle: "empty export"})
	}
	x.bw.WriteString(xliffFileEnd + "</xliff>\n")
	return n, x.bw.Flush()
}

const xliffFileEnd = "    </body>\n  </file>\n"

// xliffWriter holds the per-export state. Write errors are sticky in
// bufio.Writer, so unit() reports the first through its last write.
type xliffWriter struct {
	bw               *bufio.Writer
	opt              XLIFFOptions
	srcOpen, tgtOpen string // escaped once per export
	scratch          [40]byte
}

func (x *xliffWriter) fileStart(u Unit) {
	title := strings.TrimSpace(xmlSafe(u.DocumentTitle))
	if title == "" {
		title = "document-" + strconv.FormatUint(uint64(u.DocumentID), 10)
	}
	x.bw.WriteString("  <file")
	x.attr("original", title)
	x.bw.WriteString(` datatype="plaintext"`)
	x.attr("source-language", x.opt.SourceLang)
	x.attr("target-language", x.opt.TargetLang)
	x.bw.WriteString(` tool-id="zhen" date="`)
	x.bw.Write(x.opt.Now.UTC().AppendFormat(x.scratch[:0], time.RFC3339))
	x.bw.WriteString("\">\n    <header>\n      <tool tool-id=\"zhen\" tool-name=\"Zhen\"")
	if x.opt.ToolVersion != "" {
		x.attr("tool-version", x.opt.ToolVersion)
	}
	x.bw.WriteString("/>\n    </header>\n    <body>\n")
}

func (x *xliffWriter) unit(u Unit, src string) error {
	state, approved := xliffState(u.Status)
	tgt := xmlSafe(u.Target)
	x.bw.WriteString(`      <trans-unit id="`)
	x.bw.Write(strconv.AppendUint(x.scratch[:0], uint64(u.ClauseID), 10))
	x.bw.WriteString(`" resname="`)
	x.bw.Write(strconv.AppendInt(x.scratch[:0], int64(u.Index), 10))
	x.bw.WriteString(`" xml:space="preserve"`)
	if approved && tgt != "" {
		x.bw.WriteString(` approved="yes"`)
	}
	x.bw.WriteString(">\n")
	x.bw.WriteString(x.srcOpen)
	writeEscaped(x.bw, src, false)
	x.bw.WriteString("</source>\n")
	if tgt != "" {
		x.bw.WriteString(x.tgtOpen)
		if state != "" {
			x.bw.WriteString(` state="`)
			x.bw.WriteString(state)
			x.bw.WriteByte('"')
		}
		x.bw.WriteByte('>')
		writeEscaped(x.bw, tgt, false)
		x.bw.WriteString("</target>\n")
	}
	x.bw.WriteString(`        <context-group purpose="information">` + "\n" +
		`          <context context-type="` + contextVersion + `">`)
	x.bw.Write(strconv.AppendInt(x.scratch[:0], int64(u.Version), 10))
	x.bw.WriteString("</context>\n")
	if y := u.UpdatedAt.Year(); !u.UpdatedAt.IsZero() && y >= 1 && y <= 9999 {
		x.bw.WriteString(`          <context context-type="` + contextUpdatedAt + `">`)
		x.bw.Write(u.UpdatedAt.UTC().AppendFormat(x.scratch[:0], exportTimeLayout))
		x.bw.WriteString("</context>\n")
	}
	_, err := x.bw.WriteString("        </context-group>\n      </trans-unit>\n")
	return err
}

// attr writes ` name="value"` with value escaped.
func (x *xliffWriter) attr(name, value string) {
	x.bw.WriteByte(' ')
	x.bw.WriteString(name)
	x.bw.WriteString(`="`)
	writeEscaped(x.bw, value, true)
	x.bw.WriteByte('"')
}

// ReadXLIFF reads the English of an XLIFF file exported by WriteXLIFF and
// translated in a CAT tool, one Pair per trans-unit in file order: Line (of
// the trans-unit), ClauseID (the id), Source, Target ("" when the unit has
// no <target> or an empty one), State (the target's state attribute as the
// tool left it), Version and UpdatedAt (from the x-zhen-version and
// x-zhen-updated-at contexts; 0 and zero when absent). Status is "".
//
// It reads XLIFF 1.2 (also 1.1, and 1.0 without a namespace, which have the
// same elements); trans-units may sit in <group>s. The text of <source> and
// <target> is their character data: inline elements (<g>, <mrk>, <ph>,
// <bpt> …, which Zhen never writes) are unwrapped and their text kept.
// <alt-trans>, <seg-source>, <note> and elements of other namespaces are
// ignored. Encodings, BOMs and CRLF line ends are handled as described at
// xmlInput; a size limit is the caller's.
//
// It is all-or-nothing: the first problem is returned as a *LineError and no
// pairs are returned. Problems are: not XML, not well-formed or truncated;
// characters XML 1.0 forbids; a root that is not <xliff>; XLIFF 2.x or
// another unknown version; a <file> without source-language or
// target-language, or with languages other than Chinese (zh…) → English
// (en…), also in a <source>/<target> xml:lang; a trans-unit without an id,
// with an id that is not a positive number (not a Zhen clause id), with the
// id of an earlier unit (both lines are named), without a <source>, with a
// blank source, with two sources or targets; a bad x-zhen-version or
// x-zhen-updated-at; and nesting, attributes or tokens beyond xmlGuard's
// limits. Other errors come from r.
func ReadXLIFF(r io.Reader) ([]Pair, error) {
	pairs, _, err := ReadXLIFFLangs(r)
	return pairs, err
}

// ReadXLIFFLangs is ReadXLIFF that also says which English the file names:
// each <file>'s target-language (en, en-US, en-GB …), once each, in order.
func ReadXLIFFLangs(r io.Reader) ([]Pair, []string, error) {
	xr := &xliffReader{in: newXMLInput(r, "XLIFF"), seen: make(map[uint]int)}
	if err := xr.read(); err != nil {
		return nil, nil, err
	}
	return xr.pairs, xr.langs, nil
}

type xliffReader struct {
	in    *xmlInput
	ns    string // the root's namespace: elements in others are ignored
	seen  map[uint]int
	langs []string // the <file>s' target-languages, each once
	pairs []Pair
	text  strings.Builder
}

func (xr *xliffReader) read() error {
	tok, line, err := xr.in.next()
	if err != nil {
		return err
	}
	root, ok := tok.(xml.StartElement)
	if !ok { // cannot happen: next returns chardata only inside the root
		return &LineError{Line: line, Msg: "not an XLIFF document"}
	}
	if err := xr.checkRoot(root, line); err != nil {
		return err
	}
	for {
		tok, line, err := xr.in.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if xr.is(t, "file") {
				err = xr.file(t, line)
			} else {
				err = xr.in.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement: // of the root: read on, so that trailing junk is an error
			for {
				if _, _, err := xr.in.next(); err == io.EOF {
					return nil
				} else if err != nil {
					return err
				}
			}
		}
	}
}

// is reports whether t is the XLIFF element local.
func (xr *xliffReader) is(t xml.StartElement, local string) bool {
	return t.Name.Local == local && t.Name.Space == xr.ns
}

func (xr *xliffReader) checkRoot(t xml.StartElement, line int) error {
	name := t.Name.Local
	if name != "xliff" {
		msg := fmt.Sprintf("root element <%s> is not XLIFF: expected <xliff version=\"1.2\">", name)
		if name == "tmx" {
			msg += "; this is a TMX file: import it as a translation memory"
		}
		return &LineError{Line: line, Msg: msg}
	}
	xr.ns = t.Name.Space
	version := strings.TrimSpace(plainAttr(t, "version"))
	switch {
	case strings.HasPrefix(xr.ns, "urn:oasis:names:tc:xliff:document:2") || strings.HasPrefix(version, "2"):
		return &LineError{Line: line, Msg: fmt.Sprintf("XLIFF %s is not supported: Zhen reads XLIFF 1.2 (import the file Zhen exported, or save XLIFF 1.2 in your tool)", cmp.Or(version, "2"))}
	case xr.ns != xliffNS && xr.ns != "urn:oasis:names:tc:xliff:document:1.1" && xr.ns != "":
		return &LineError{Line: line, Msg: fmt.Sprintf("<xliff> in namespace %q is not XLIFF 1.2 (%s)", clip(xr.ns), xliffNS)}
	case version != "" && version != "1.2" && version != "1.1" && version != "1.0":
		return &LineError{Line: line, Msg: fmt.Sprintf("XLIFF version %q is not supported: Zhen reads XLIFF 1.2", clip(version))}
	}
	return nil
}

func (xr *xliffReader) file(t xml.StartElement, line int) error {
	src, tgt := strings.TrimSpace(plainAttr(t, "source-language")), strings.TrimSpace(plainAttr(t, "target-language"))
	switch {
	case src == "" || tgt == "":
		missing := "source-language"
		if src != "" {
			missing = "target-language"
		}
		return &LineError{Line: line, Msg: fmt.Sprintf(`<file original=%q> has no %s: Zhen imports Chinese→English files (source-language="zh-CN" target-language="en-US")`, clip(plainAttr(t, "original")), missing)}
	case !isLang(src, "zh") || !isLang(tgt, "en"):
		return &LineError{Line: line, Msg: fmt.Sprintf("only Chinese→English files: this file is %s→%s", clip(src), clip(tgt))}
	}
	if !slices.Contains(xr.langs, tgt) {
		xr.langs = append(xr.langs, tgt)
	}
	for {
		tok, _, err := xr.in.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if xr.is(t, "body") {
				err = xr.container()
			} else {
				err = xr.in.skip() // header
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// container reads the children of a <body> or <group>.
func (xr *xliffReader) container() error {
	for {
		tok, line, err := xr.in.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch {
			case xr.is(t, "trans-unit"):
				err = xr.unit(t, line)
			case xr.is(t, "group"):
				err = xr.container()
			default:
				err = xr.in.skip() // bin-unit, other namespaces
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (xr *xliffReader) unit(t xml.StartElement, line int) error {
	rawID := plainAttr(t, "id")
	if strings.TrimSpace(rawID) == "" {
		return &LineError{Line: line, Msg: "trans-unit without an id: import an XLIFF file exported from Zhen (its ids are clause ids)"}
	}
	id, err := strconv.ParseUint(strings.TrimSpace(rawID), 10, 0)
	if err != nil || id == 0 {
		return &LineError{Line: line, Msg: fmt.Sprintf("trans-unit id %q is not a Zhen clause id (a positive whole number): import an XLIFF file exported from Zhen", clip(rawID))}
	}
	if first, dup := xr.seen[uint(id)]; dup {
		return &LineError{Line: line, Msg: fmt.Sprintf("trans-unit id %q repeats the trans-unit at line %d: each clause may appear once", clip(rawID), first)}
	}
	xr.seen[uint(id)] = line
	p := Pair{Line: line, ClauseID: uint(id)}
	var haveSource, haveTarget bool
	for {
		tok, at, err := xr.in.next()
		if err != nil {
			return err
		}
		var c xml.StartElement
		switch t := tok.(type) {
		case xml.EndElement:
			if !haveSource {
				return &LineError{Line: line, Msg: fmt.Sprintf("trans-unit %q has no <source>", clip(rawID))}
			}
			if strings.TrimSpace(p.Source) == "" {
				return &LineError{Line: line, Msg: fmt.Sprintf("trans-unit %q has an empty source: every Zhen clause has Chinese", clip(rawID))}
			}
			xr.pairs = append(xr.pairs, p)
			return nil
		case xml.StartElement:
			c = t
		default:
			continue
		}
		switch {
		case xr.is(c, "source"), xr.is(c, "target"):
			isSource := c.Name.Local == "source"
			want, seen := "en", &haveTarget
			if isSource {
				want, seen = "zh", &haveSource
			}
			if *seen {
				return &LineError{Line: at, Msg: fmt.Sprintf("trans-unit %q has a second <%s>", clip(rawID), c.Name.Local)}
			}
			*seen = true
			if lang := xmlLang(c); lang != "" && !isLang(lang, want) {
				return &LineError{Line: at, Msg: fmt.Sprintf("<%s xml:lang=%q> in trans-unit %q: only Chinese→English files", c.Name.Local, clip(lang), clip(rawID))}
			}
			text, err := xr.textOf()
			if err != nil {
				return err
			}
			if isSource {
				p.Source = text
			} else {
				p.Target, p.State = text, strings.TrimSpace(plainAttr(c, "state"))
			}
		case xr.is(c, "context-group"):
			if err := xr.contexts(&p, rawID); err != nil {
				return err
			}
		default:
			if err := xr.in.skip(); err != nil {
				return err
			}
		}
	}
}

// textOf returns the character data of the element just opened, at any
// depth, and consumes its end.
func (xr *xliffReader) textOf() (string, error) {
	return collectText(xr.in, &xr.text)
}

// collectText returns the character data of the element whose start in
// just returned, at any depth, and consumes the element's end.
func collectText(in *xmlInput, sb *strings.Builder) (string, error) {
	sb.Reset()
	for d := in.depth; ; {
		tok, _, err := in.next()
		if err != nil {
			return "", err
		}
		if c, ok := tok.(xml.CharData); ok {
			sb.Write(c)
		}
		if in.depth < d {
			return sb.String(), nil
		}
	}
}

// contexts reads a context-group for the Zhen contexts in it.
func (xr *xliffReader) contexts(p *Pair, rawID string) error {
	for {
		tok, at, err := xr.in.next()
		if err != nil {
			return err
		}
		var c xml.StartElement
		switch t := tok.(type) {
		case xml.EndElement:
			return nil
		case xml.StartElement:
			c = t
		default:
			continue
		}
		if !xr.is(c, "context") {
			if err := xr.in.skip(); err != nil {
				return err
			}
			continue
		}
		kind := plainAttr(c, "context-type")
		text, err := xr.textOf()
		if err != nil {
			return err
		}
		text = strings.TrimSpace(text)
		switch kind {
		case contextVersion:
			v, err := strconv.Atoi(text)
			if err != nil || v < 0 {
				return &LineError{Line: at, Msg: fmt.Sprintf("trans-unit %q: %s %q is not a clause version (a whole number)", clip(rawID), contextVersion, clip(text))}
			}
			p.Version = v
		case contextUpdatedAt:
			ts, err := time.Parse(time.RFC3339, text)
			if err != nil {
				return &LineError{Line: at, Msg: fmt.Sprintf("trans-unit %q: %s %q is not an RFC 3339 time", clip(rawID), contextUpdatedAt, clip(text)), Err: err}
			}
			p.UpdatedAt = ts.UTC()
		}
	}
}
