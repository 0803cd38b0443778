package exchange

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xmlNS is the namespace of the xml: prefix (xml:lang, xml:space), which is
// how encoding/xml names those attributes when it reads them.
const xmlNS = "http://www.w3.org/XML/1998/namespace"

// xmlInput reads an imported XML file (ReadXLIFF, ReadTMX) token by token,
// in constant memory, and turns every problem into a *LineError:
//   - a UTF-8 byte order mark is skipped;
//   - UTF-16 with a byte order mark (as Trados and some other tools save
//     TMX) is converted to UTF-8 as it streams;
//   - a declared GB18030, GBK or GB2312 encoding is converted; other
//     declared encodings are refused ("save it as UTF-8");
//   - XML that is not well-formed, truncated, holds characters XML 1.0
//     forbids (even as &#1;), undeclared entities such as &nbsp;, text or a
//     second element after the root, or no root at all is refused with the
//     line the parser was at.
//
// The decoder is strict and does not read DTDs: entities other than the
// five predefined ones are errors, so no file can expand into more text
// than it holds. A limit on the file's size is the caller's (wrap r in
// http.MaxBytesReader or io.LimitReader).
type xmlInput struct {
	dec        *xml.Decoder
	what       string // the format, for messages: "XLIFF", "TMX"
	badCharset string // an encoding the file declares and is not read
	depth      int    // depth of the element last opened; the root is 1
	rootSeen   bool
}

func newXMLInput(r io.Reader, what string) *xmlInput {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	utf16 := bytes.Equal(head, []byte{0xFF, 0xFE}) || bytes.Equal(head, []byte{0xFE, 0xFF})
	// BOMOverride strips a UTF-8 BOM and decodes UTF-16 after its BOM; any
	// other input passes through unchanged (Nop), so invalid UTF-8 still
	// reaches encoding/xml, which refuses it.
	in := &xmlInput{what: what}
	in.dec = xml.NewDecoder(transform.NewReader(br, unicode.BOMOverride(transform.Nop)))
	in.dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		switch l := strings.ToLower(label); {
		case strings.HasPrefix(l, "utf-16") && utf16:
			return r, nil // already converted
		case l == "gb18030" || l == "gbk" || l == "gb2312" || l == "cp936":
			return simplifiedchinese.GB18030.NewDecoder().Reader(r), nil
		}
		in.badCharset = label
		return nil, errors.New("unsupported encoding")
	}
	return in
}

// next returns the next token that matters and the line on which it starts:
// start and end elements and character data inside the root. Comments,
// processing instructions and directives (<!DOCTYPE …>) are skipped. At the
// end of a well-formed document it returns io.EOF. After a StartElement,
// depth is that element's; after an EndElement, its parent's.
func (in *xmlInput) next() (xml.Token, int, error) {
	for {
		line, _ := in.dec.InputPos() // the token starts where the last one ended
		tok, err := in.dec.Token()
		if err == io.EOF {
			if !in.rootSeen {
				return nil, line, &LineError{Line: line, Msg: fmt.Sprintf("empty file or not XML: expected %s document", in.aWhat())}
			}
			return nil, line, io.EOF
		}
		if err != nil {
			return nil, line, in.syntaxError(err, line)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if in.depth == 0 && in.rootSeen {
				return nil, line, &LineError{Line: line, Msg: fmt.Sprintf("element <%s> after the end of the root element: a file holds one %s document", t.Name.Local, in.what)}
			}
			in.depth++
			in.rootSeen = true
			return t, line, nil
		case xml.EndElement:
			in.depth--
			return t, line, nil
		case xml.CharData:
			if in.depth > 0 {
				return t, line, nil
			}
			if text := bytes.TrimSpace(t); len(text) > 0 {
				line += bytes.Count(t[:bytes.Index(t, text)], []byte("\n"))
				return nil, line, &LineError{Line: line, Msg: fmt.Sprintf("text %q outside the root element: not %s document", clip(string(text)), in.aWhat())}
			}
		}
	}
}

// aWhat is the format's name with its article: "an XLIFF", "a TMX".
func (in *xmlInput) aWhat() string {
	if strings.HasPrefix(in.what, "X") {
		return "an " + in.what
	}
	return "a " + in.what
}

// skip consumes the rest of the element whose start next just returned.
func (in *xmlInput) skip() error {
	for d := in.depth; in.depth >= d; {
		if _, _, err := in.next(); err != nil {
			return err
		}
	}
	return nil
}

func (in *xmlInput) syntaxError(err error, line int) error {
	if in.badCharset != "" {
		return &LineError{Line: 1, Msg: fmt.Sprintf("file is encoded as %s: save it as UTF-8", in.badCharset), Err: err}
	}
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if msg == "unexpected EOF" {
			msg = "the file ends inside an element (truncated?)"
		}
		return &LineError{Line: se.Line, Msg: "not well-formed XML: " + msg, Err: err}
	}
	if strings.HasPrefix(err.Error(), "xml: ") { // e.g. xml: unsupported version "1.1"
		return &LineError{Line: line, Msg: "not well-formed XML: " + strings.TrimPrefix(err.Error(), "xml: "), Err: err}
	}
	return fmt.Errorf("exchange: reading %s: %w", in.what, err)
}

// plainAttr is the value of the attribute local in no namespace, or "".
func plainAttr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value
		}
	}
	return ""
}

// xmlLang is the element's xml:lang, else (TMX 1.1) its lang attribute.
func xmlLang(t xml.StartElement) string {
	lang := ""
	for _, a := range t.Attr {
		switch {
		case a.Name.Space == xmlNS && a.Name.Local == "lang":
			return strings.TrimSpace(a.Value)
		case a.Name.Space == "" && a.Name.Local == "lang":
			lang = strings.TrimSpace(a.Value)
		}
	}
	return lang
}

// isLang reports whether the language tag is of the language primary (zh,
// en), with or without a region or script: zh, zh-CN, zh-Hans, ZH_tw, but
// not zha (Zhuang).
func isLang(tag, primary string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(strings.TrimSpace(tag)), primary)
	return ok && (rest == "" || rest[0] == '-' || rest[0] == '_')
}
