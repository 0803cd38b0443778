package exchange

import (
	"cmp"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// TMUnit is one Chinese→English translation unit read from a TMX file.
type TMUnit struct {
	Line       int    // line of the <tu> start tag
	TUID       string // the tuid attribute ("" when the tu has none); Zhen writes the clause id
	Source     string // the Chinese segment's text
	Target     string // the English segment's text
	SourceLang string // the language tags of the two tuvs as the file has them (zh-CN, zh-Hans, en-GB …)
	TargetLang string

	Props   []TMProp // the tu's <prop> elements in file order; nil when it has none
	Version int      // the x-version prop (the Zhen clause version at export); 0 when absent

	// The tu's creationdate, changedate and changeid, else the English
	// tuv's (OmegaT dates the tuvs, not the tu). Zero or "" when absent.
	CreationDate time.Time
	ChangeDate   time.Time
	ChangeID     string
}

// TMProp is a <prop type="…">text</prop> of a tu. Zhen writes x-document,
// x-document-id, x-clause-number, x-status, x-version, x-approved-by and
// x-approved-at.
type TMProp struct{ Type, Text string }

// Prop returns the text of the unit's first prop of type typ, or "".
func (u TMUnit) Prop(typ string) string {
	for _, p := range u.Props {
		if p.Type == typ {
			return p.Text
		}
	}
	return ""
}

// ReadTMX reads the Chinese→English units of a TMX file (1.4b as WriteTMX,
// OmegaT and most tools write it; also 1.1–1.3, whose tuvs may carry lang
// instead of xml:lang). It decodes the file token by token, so memory holds
// the result and not the document; a limit on the file's size is the
// caller's. Encodings, BOMs and CRLF line ends are handled as described at
// xmlInput.
//
// Languages: the header's srclang must be Chinese (zh, zh-CN, zh-Hans,
// zh-TW …, case-insensitive) or *all*. In each tu the first tuv tagged zh…
// is the source and the first tagged en… the target; tuvs in other
// languages (a third language of a multilingual memory) are ignored.
//
// Segment text is the character data of <seg> at any depth: the inline
// elements <bpt>, <ept>, <it>, <ph>, <ut>, <hi> and <sub> are unwrapped and
// their text is kept, so native codes they hold (such as &lt;b&gt; in a
// <bpt>) come back as text ("<b>"). Zhen itself writes plain text, which
// round-trips exactly.
//
// It is all-or-nothing: the first problem is returned as a *LineError and no
// units are returned. A tu that lacks a Chinese or an English tuv, or whose
// Chinese or English segment is blank, is refused rather than skipped, so
// an import never silently leaves part of a memory behind; the message names
// the languages the tu has. Other problems: not XML, not well-formed or
// truncated; characters XML 1.0 forbids; a root that is not <tmx>; a TMX
// version other than 1.x; no <header> before the <body>; a header without
// srclang or with another source language ("this TMX is de-DE→fr-FR; Zhen
// imports Chinese→English only"); a tuv without a language or a <seg>, or
// with two segs; a tuid that an earlier tu has (both lines are named); a
// date that is not YYYYMMDDThhmmssZ; an x-version prop that is not a whole
// number; nesting, attributes or tokens beyond xmlGuard's limits. Other
// errors come from r.
func ReadTMX(r io.Reader) ([]TMUnit, error) {
	tr := &tmxReader{in: newXMLInput(r, "TMX"), seen: make(map[string]int)}
	if err := tr.read(); err != nil {
		return nil, err
	}
	return tr.units, nil
}

type tmxReader struct {
	in    *xmlInput
	units []TMUnit
	seen  map[string]int // tuid → line of its tu
	text  strings.Builder

	header     bool
	srcLang    string // the header's srclang
	badSrcLine int    // line of a header whose srclang is not Chinese, until a tu shows the target
}

// tmxTUV is a tuv being read.
type tmxTUV struct {
	lang, seg        string
	created, changed time.Time
	changeID         string
}

func (tr *tmxReader) read() error {
	tok, line, err := tr.in.next()
	if err != nil {
		return err
	}
	root, ok := tok.(xml.StartElement)
	if !ok {
		return &LineError{Line: line, Msg: "not a TMX document"}
	}
	if name := root.Name.Local; name != "tmx" {
		msg := fmt.Sprintf("root element <%s> is not TMX: expected <tmx version=\"1.4\">", name)
		if name == "xliff" {
			msg += "; this is an XLIFF file: import it as XLIFF"
		}
		return &LineError{Line: line, Msg: msg}
	}
	if v := strings.TrimSpace(plainAttr(root, "version")); v != "" && !strings.HasPrefix(v, "1.") {
		return &LineError{Line: line, Msg: fmt.Sprintf("TMX version %q is not supported: Zhen reads TMX 1.4b (and 1.1–1.3)", clip(v))}
	}
	for {
		tok, line, err := tr.in.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "header":
				err = tr.readHeader(t, line)
			case "body":
				if !tr.header {
					return &LineError{Line: line, Msg: "<body> without a <header> before it: a TMX header names the source language (srclang)"}
				}
				err = tr.body()
			default:
				err = tr.in.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement: // of the root
			return tr.finish(line)
		}
	}
}

// finish checks what only the end can show, and reads on to the end of the
// file, so that anything after the root is an error.
func (tr *tmxReader) finish(line int) error {
	for {
		_, _, err := tr.in.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
	}
	switch {
	case !tr.header:
		return &LineError{Line: line, Msg: "no <header>: a TMX header names the source language (srclang)"}
	case tr.badSrcLine > 0: // no tu showed the target language
		return &LineError{Line: tr.badSrcLine, Msg: fmt.Sprintf("this TMX's source language is %s; Zhen imports Chinese→English only", clip(tr.srcLang))}
	}
	return nil
}

func (tr *tmxReader) readHeader(t xml.StartElement, line int) error {
	if tr.header {
		return &LineError{Line: line, Msg: "a second <header>"}
	}
	tr.header = true
	tr.srcLang = strings.TrimSpace(plainAttr(t, "srclang"))
	switch {
	case tr.srcLang == "":
		return &LineError{Line: line, Msg: "the <header> has no srclang: it must name the source language, Chinese (zh-CN)"}
	case tr.srcLang != "*all*" && !isLang(tr.srcLang, "zh"):
		tr.badSrcLine = line // reported with the target language of the first tu
	}
	return tr.in.skip()
}

func (tr *tmxReader) body() error {
	for {
		tok, line, err := tr.in.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if t.Name.Local == "tu" {
				err = tr.tu(t, line)
			} else {
				err = tr.in.skip()
			}
			if err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

func (tr *tmxReader) tu(t xml.StartElement, line int) error {
	u := TMUnit{Line: line, TUID: plainAttr(t, "tuid"), ChangeID: plainAttr(t, "changeid")}
	var err error
	if u.CreationDate, err = tmxDate(t, "creationdate", line); err != nil {
		return err
	}
	if u.ChangeDate, err = tmxDate(t, "changedate", line); err != nil {
		return err
	}
	var tuvs []tmxTUV
	for done := false; !done; {
		tok, at, err := tr.in.next()
		if err != nil {
			return err
		}
		switch c := tok.(type) {
		case xml.EndElement:
			done = true
		case xml.StartElement:
			switch c.Name.Local {
			case "prop":
				text, err := collectText(tr.in, &tr.text)
				if err != nil {
					return err
				}
				u.Props = append(u.Props, TMProp{Type: plainAttr(c, "type"), Text: text})
			case "tuv":
				tuv, err := tr.tuv(c, at, u.TUID)
				if err != nil {
					return err
				}
				tuvs = append(tuvs, tuv)
			default:
				if err := tr.in.skip(); err != nil {
					return err
				}
			}
		}
	}

	name := "tu"
	if u.TUID != "" {
		name = fmt.Sprintf("tu %q", clip(u.TUID))
	}
	var langs []string
	zh, en := -1, -1
	for i, v := range tuvs {
		langs = append(langs, v.lang)
		switch {
		case isLang(v.lang, "zh") && zh < 0:
			zh = i
		case isLang(v.lang, "en") && en < 0:
			en = i
		}
	}
	if tr.badSrcLine > 0 {
		var others []string
		for _, l := range langs {
			if !strings.EqualFold(l, tr.srcLang) {
				others = append(others, clip(l))
			}
		}
		return &LineError{Line: tr.badSrcLine, Msg: fmt.Sprintf("this TMX is %s→%s; Zhen imports Chinese→English only", clip(tr.srcLang), cmp.Or(strings.Join(others, "/"), "?"))}
	}
	has := cmp.Or(strings.Join(langs, ", "), "none")
	switch {
	case zh < 0:
		return &LineError{Line: line, Msg: fmt.Sprintf("%s has no Chinese (zh…) tuv (its languages: %s): every unit needs Chinese and English", name, has)}
	case en < 0:
		return &LineError{Line: line, Msg: fmt.Sprintf("%s has no English (en…) tuv (its languages: %s): every unit needs Chinese and English", name, has)}
	case strings.TrimSpace(tuvs[zh].seg) == "":
		return &LineError{Line: line, Msg: fmt.Sprintf("%s has an empty Chinese segment", name)}
	case strings.TrimSpace(tuvs[en].seg) == "":
		return &LineError{Line: line, Msg: fmt.Sprintf("%s has an empty English segment", name)}
	}
	u.Source, u.SourceLang = tuvs[zh].seg, tuvs[zh].lang
	u.Target, u.TargetLang = tuvs[en].seg, tuvs[en].lang
	if u.CreationDate.IsZero() {
		u.CreationDate = tuvs[en].created
	}
	if u.ChangeDate.IsZero() {
		u.ChangeDate = tuvs[en].changed
	}
	if u.ChangeID == "" {
		u.ChangeID = tuvs[en].changeID
	}
	if v := u.Prop("x-version"); v != "" {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 {
			return &LineError{Line: line, Msg: fmt.Sprintf("%s: x-version %q is not a clause version (a whole number)", name, clip(v))}
		}
		u.Version = n
	}
	if u.TUID != "" {
		if first, dup := tr.seen[u.TUID]; dup {
			return &LineError{Line: line, Msg: fmt.Sprintf("tuid %q at line %d repeats the tu at line %d: every tuid must be unique", clip(u.TUID), line, first)}
		}
		tr.seen[u.TUID] = line
	}
	tr.units = append(tr.units, u)
	return nil
}

func (tr *tmxReader) tuv(t xml.StartElement, line int, tuid string) (tmxTUV, error) {
	v := tmxTUV{lang: xmlLang(t), changeID: plainAttr(t, "changeid")}
	if v.lang == "" {
		return v, &LineError{Line: line, Msg: fmt.Sprintf("tuv without xml:lang in tu %q: every tuv must name its language", clip(tuid))}
	}
	var err error
	if v.created, err = tmxDate(t, "creationdate", line); err != nil {
		return v, err
	}
	if v.changed, err = tmxDate(t, "changedate", line); err != nil {
		return v, err
	}
	segs := 0
	for {
		tok, at, err := tr.in.next()
		if err != nil {
			return v, err
		}
		switch c := tok.(type) {
		case xml.EndElement:
			if segs == 0 {
				return v, &LineError{Line: line, Msg: fmt.Sprintf("tuv %s has no <seg>", clip(v.lang))}
			}
			return v, nil
		case xml.StartElement:
			if c.Name.Local != "seg" {
				if err := tr.in.skip(); err != nil { // note, prop
					return v, err
				}
				continue
			}
			if segs++; segs > 1 {
				return v, &LineError{Line: at, Msg: fmt.Sprintf("tuv %s has a second <seg>: a tuv holds one segment", clip(v.lang))}
			}
			if v.seg, err = collectText(tr.in, &tr.text); err != nil {
				return v, err
			}
		}
	}
}

// tmxDate reads the date attribute name of t: YYYYMMDDThhmmssZ, or absent.
func tmxDate(t xml.StartElement, name string, line int) (time.Time, error) {
	s := strings.TrimSpace(plainAttr(t, name))
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.Parse(tmxDateLayout, s)
	if err != nil {
		return time.Time{}, &LineError{Line: line, Msg: fmt.Sprintf("%s %q is not a TMX date (YYYYMMDDThhmmssZ, such as 20260103T093000Z)", name, clip(s)), Err: err}
	}
	return d, nil
}
