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
//   - a GB18030, GBK or GB2312 encoding declared in the XML declaration
//     that starts the file is converted; other declared encodings are
//     refused ("save it as UTF-8");
//   - XML that is not well-formed, truncated, holds characters XML 1.0
//     forbids (even as &#1;), undeclared entities such as &nbsp;, text or a
//     second element after the root, or no root at all is refused with the
//     line the parser was at;
//   - nesting, attributes or tokens beyond xmlGuard's limits are refused
//     with the line of the tag or token.
//
// The decoder is strict and does not read DTDs: entities other than the
// five predefined ones are errors, so no file can expand into more text
// than it holds. A limit on the file's size is the caller's (wrap r in
// http.MaxBytesReader or io.LimitReader).
type xmlInput struct {
	dec        *xml.Decoder
	guard      *xmlGuard // between the file and dec
	what       string    // the format, for messages: "XLIFF", "TMX"
	badCharset string    // an encoding the file declares and is not read
	depth      int       // depth of the element last opened; the root is 1
	rootSeen   bool
}

func newXMLInput(r io.Reader, what string) *xmlInput {
	in := &xmlInput{what: what}
	in.dec, in.guard = newXMLDecoder(r, what, true, &in.badCharset)
	return in
}

// newXMLDecoder returns a strict decoder that reads the file r as UTF-8,
// converted as it streams, through an xmlGuard:
//   - a UTF-8 byte order mark is dropped;
//   - UTF-16 with a byte order mark is converted; an odd number of bytes is
//     refused at the end;
//   - if readChinese, a GB18030, GBK or GB2312 encoding named by the XML
//     declaration that starts the file is converted.
//
// Any other encoding the file declares is refused and stored in
// *badCharset, for the message.
func newXMLDecoder(r io.Reader, what string, readChinese bool, badCharset *string) (*xml.Decoder, *xmlGuard) {
	br := bufio.NewReader(r)
	head, _ := br.Peek(2)
	utf16 := bytes.Equal(head, []byte{0xFF, 0xFE}) || bytes.Equal(head, []byte{0xFE, 0xFF})
	var raw io.Reader = br
	if utf16 {
		raw = &evenBytes{r: br}
	}
	// BOMOverride strips a UTF-8 BOM and decodes UTF-16 after its BOM; any
	// other input passes through unchanged (Nop), so invalid UTF-8 still
	// reaches encoding/xml, which refuses it.
	src := transform.NewReader(raw, unicode.BOMOverride(transform.Nop))
	// A Chinese encoding is converted here rather than when the decoder
	// meets the declaration, because the guard must read what the decoder
	// reads: GBK's second bytes include ']', which would end a CDATA
	// section early in the guard's eyes.
	chinese := readChinese && !utf16 && isChineseCharset(declaredEncoding(br))
	if chinese {
		src = transform.NewReader(src, simplifiedchinese.GB18030.NewDecoder())
	}
	guard := newXMLGuard(src, what)
	dec := xml.NewDecoder(guard)
	dec.CharsetReader = func(label string, r io.Reader) (io.Reader, error) {
		if l := strings.ToLower(label); strings.HasPrefix(l, "utf-16") && utf16 || isChineseCharset(l) && chinese {
			return r, nil // already converted
		}
		*badCharset = label
		return nil, errors.New("unsupported encoding")
	}
	return dec, guard
}

// evenBytes passes a UTF-16 file through and refuses it at its end if it
// has an odd number of bytes, which the conversion would turn into a
// U+FFFD unnoticed.
type evenBytes struct {
	r io.Reader
	n int64
}

func (e *evenBytes) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	e.n += int64(n)
	if err == io.EOF && e.n%2 != 0 {
		return n, &LineError{Line: 1, Msg: "file starts as UTF-16 but has an odd number of bytes: save it as UTF-8"}
	}
	return n, err
}

func isChineseCharset(label string) bool {
	switch strings.ToLower(label) {
	case "gb18030", "gbk", "gb2312", "cp936":
		return true
	}
	return false
}

// declaredEncoding is the encoding named by the XML declaration at the start
// of br (after a UTF-8 BOM and blanks), read as encoding/xml reads it, or "".
func declaredEncoding(br *bufio.Reader) string {
	head, _ := br.Peek(1024)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\uFEFF")), " \t\r\n")
	decl, ok := bytes.CutPrefix(head, []byte("<?xml"))
	if !ok || len(decl) == 0 || !strings.ContainsRune(" \t\r\n", rune(decl[0])) {
		return ""
	}
	decl, _, _ = bytes.Cut(decl, []byte("?>"))
	_, value, ok := bytes.Cut(decl, []byte("encoding="))
	if !ok || len(value) == 0 || value[0] != '"' && value[0] != '\'' {
		return ""
	}
	value, _, ok = bytes.Cut(value[1:], value[:1])
	if !ok {
		return ""
	}
	return string(value)
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
func (in *xmlInput) aWhat() string { return withArticle(in.what) }

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
	if refused := in.guard.refusal(); refused != nil {
		return refused
	}
	var le *LineError // from newXMLDecoder's conversion
	if errors.As(err, &le) {
		return le
	}
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
