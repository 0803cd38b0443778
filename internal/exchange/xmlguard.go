package exchange

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Limits on an imported XML file (TMX, XLIFF, TBX), which xmlGuard enforces.
const (
	maxXMLDepth      = 32      // levels of nesting; the three formats need fewer than 20
	maxXMLAttrs      = 64      // attributes on one element; they use a handful
	maxXMLTokenBytes = 1 << 20 // one tag, text, comment, CDATA section, <?…?> or <!…>; a long segment is tens of KB
)

// xmlGuard sits between an imported XML file and encoding/xml's Decoder and
// refuses, as a *LineError naming the line, what would make the decoder hold
// many times the file's size. The decoder reads a whole token (a start tag
// with all its attributes, a text, a comment …) into memory before it
// returns it, allocates a slot per attribute, and keeps a stack entry per
// open element: a 15 MB file of <a><a><a>… took half a gigabyte, a tag with
// 1.5 M attributes a quarter. So the limits are counted here, on the bytes,
// before the decoder reads them; memory then stays within a small multiple
// of the file (see TestXMLReadersMemory).
//
// The guard lexes as encoding/xml does (tags, quoted attribute values,
// comments, CDATA, processing instructions, <!…> declarations with their
// quotes, nested brackets and comments) and must read the bytes the decoder
// reads: UTF-8, so converted before it. It hands over every byte before the
// one it refuses, so on a file that is not well-formed the decoder reports
// its own error first wherever the guard's view could part from it.
type xmlGuard struct {
	r       io.Reader
	what    string // the format, for messages: "TMX"
	err     error  // the refusal, returned by every later Read
	reached bool   // the decoder has read every byte before the refusal and been refused

	state     xmlLexState
	line      int // of the next byte
	tokenLine int // where the token being read starts
	tokenSize int // its bytes so far
	depth     int // elements open
	attrs     int // attributes of the start tag being read

	quote        byte // that ends the attribute value or declaration string being read
	prev1, prev2 byte // the last bytes of a comment, CDATA section or <?…?>: they end in -->, ]]>, ?>
	slash        bool // the start tag's last byte was /, so > closes an empty element
	declDepth    int  // < … > nesting inside a <!…> declaration
	declMatch    int  // bytes of "!--" matched after a < in a declaration

	inName  bool
	name    [40]byte // the start tag's name, clipped, for messages
	nameLen int
	clipped bool
}

type xmlLexState uint8

const (
	inText        xmlLexState = iota
	afterLT                   // <
	inStartTag                // <name …, outside quotes
	inAttrValue               // in a quoted attribute value
	inEndTag                  // </
	inPI                      // <?
	afterBang                 // <!
	afterBangDash             // <!-
	inComment                 // <!--
	inCDATA                   // <![ (encoding/xml insists on <![CDATA[)
	inDecl                    // <!DOCTYPE …, outside quotes and comments
	inDeclQuote               // a quoted string in a declaration
	inDeclLT                  // < in a declaration: maybe <!--
	inDeclComment             // a comment in a declaration
)

func newXMLGuard(r io.Reader, what string) *xmlGuard {
	return &xmlGuard{r: r, what: what, line: 1, tokenLine: 1}
}

func (g *xmlGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		g.reached = true
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if k := g.scan(p[:n]); k < n {
		if k > 0 {
			return k, nil // and the refusal at the next Read, once the decoder has read these
		}
		g.reached = true
		return 0, g.err
	}
	return n, err
}

// refusal is the guard's refusal if the decoder has read up to it, else
// nil. When it is set, it is the reason for whatever error the decoder
// returns: cut off inside a text, the decoder may complain of invalid
// UTF-8 instead of passing the refusal on.
func (g *xmlGuard) refusal() error {
	if g.reached {
		return g.err
	}
	return nil
}

var newline = []byte{'\n'}

// scan follows p and returns len(p), or the index of the byte it refuses
// (with g.err set).
func (g *xmlGuard) scan(p []byte) int {
	for i := 0; i < len(p); i++ {
		if stop, ok := g.runEnd(); ok {
			// Texts, attribute values and comments are most of a file:
			// skip to the one byte that can end them.
			run := bytes.IndexByte(p[i:], stop)
			if run < 0 {
				run = len(p) - i
			}
			if g.tokenSize+run > maxXMLTokenBytes {
				return g.refuse(i+maxXMLTokenBytes-g.tokenSize, g.tooLong())
			}
			g.tokenSize += run
			g.line += bytes.Count(p[i:i+run], newline)
			g.keepLast(p[i : i+run])
			if i += run; i == len(p) {
				break
			}
			if g.state == inText { // at a <
				g.state, g.tokenLine, g.tokenSize = afterLT, g.line, 1
				continue
			}
		}
		g.tokenSize++
		if g.tokenSize > maxXMLTokenBytes {
			return g.refuse(i, g.tooLong())
		}
		if msg := g.step(p[i]); msg != "" {
			return g.refuse(i, msg)
		}
		if p[i] == '\n' {
			g.line++
		}
	}
	return len(p)
}

// runEnd is, in a state whose bytes mean nothing until a certain one, that
// byte.
func (g *xmlGuard) runEnd() (byte, bool) {
	switch g.state {
	case inText:
		return '<', true
	case inAttrValue, inDeclQuote:
		return g.quote, true
	case inComment, inCDATA, inPI, inDeclComment: // they end in -->, ]]>, ?>
		return '>', true
	}
	return 0, false
}

// keepLast keeps the last two bytes of a run for step, which looks at them
// when a comment, CDATA section or <?…?> reaches a >.
func (g *xmlGuard) keepLast(run []byte) {
	switch n := len(run); n {
	case 0:
	case 1:
		g.prev2, g.prev1 = g.prev1, run[0]
	default:
		g.prev2, g.prev1 = run[n-2], run[n-1]
	}
}

// step moves through one byte of markup and returns why the file is refused,
// or "".
func (g *xmlGuard) step(b byte) string {
	switch g.state {
	case afterLT:
		switch b {
		case '/':
			g.state = inEndTag
		case '?':
			g.state, g.prev1 = inPI, 0
		case '!':
			g.state = afterBang
		default:
			g.state, g.attrs, g.slash = inStartTag, 0, false
			g.inName, g.nameLen, g.clipped = true, 0, false
			return g.step(b)
		}
	case inStartTag:
		if g.inName {
			if isXMLNameByte(b) {
				if g.nameLen < len(g.name) {
					g.name[g.nameLen] = b
					g.nameLen++
				} else {
					g.clipped = true
				}
				return ""
			}
			g.inName = false
			if g.depth >= maxXMLDepth {
				return fmt.Sprintf("the XML nests deeper than %d levels at <%s>: TMX, XLIFF and TBX need fewer than 20; is this really %s file?", maxXMLDepth, g.tagName(), withArticle(g.what))
			}
		}
		switch b {
		case '"', '\'':
			g.state, g.quote = inAttrValue, b
		case '=': // outside quotes only between an attribute's name and value
			if g.attrs++; g.attrs > maxXMLAttrs {
				return fmt.Sprintf("<%s> has more than %d attributes: TMX, XLIFF and TBX elements have a handful; is this really %s file?", g.tagName(), maxXMLAttrs, withArticle(g.what))
			}
		case '>':
			if !g.slash {
				g.depth++
			}
			g.endToken()
		}
		g.slash = b == '/'
	case inAttrValue: // b is the closing quote
		g.state = inStartTag
	case inEndTag:
		if b == '>' {
			g.depth = max(g.depth-1, 0)
			g.endToken()
		}
	case inPI:
		if g.prev1 == '?' && b == '>' {
			g.endToken()
		}
		g.prev1 = b
	case afterBang:
		switch b {
		case '-':
			g.state = afterBangDash
		case '[':
			g.state, g.prev1, g.prev2 = inCDATA, 0, 0
		default: // encoding/xml keeps this first byte without looking at it
			g.state, g.declDepth = inDecl, 0
		}
	case afterBangDash:
		g.state, g.prev1, g.prev2 = inComment, 0, 0
	case inComment, inCDATA, inDeclComment:
		end := byte('-')
		if g.state == inCDATA {
			end = ']'
		}
		if g.prev2 == end && g.prev1 == end && b == '>' {
			if g.state == inDeclComment {
				g.state = inDecl
			} else {
				g.endToken()
			}
		}
		g.prev2, g.prev1 = g.prev1, b
	case inDecl:
		if b == '>' && g.declDepth == 0 {
			g.endToken()
			return ""
		}
		g.declByte(b)
	case inDeclQuote:
		if b == g.quote {
			g.state = inDecl
		}
	case inDeclLT:
		if b == "!--"[g.declMatch] {
			if g.declMatch++; g.declMatch == 3 {
				g.state, g.prev1, g.prev2 = inDeclComment, 0, 0
			}
			return ""
		}
		g.declDepth++ // a nested <…>, such as <!ENTITY …>
		g.state = inDecl
		g.declByte(b)
	}
	return ""
}

// declByte is a byte of a declaration outside quotes and comments.
func (g *xmlGuard) declByte(b byte) {
	switch b {
	case '"', '\'':
		g.state, g.quote = inDeclQuote, b
	case '>':
		g.declDepth--
	case '<':
		g.state, g.declMatch = inDeclLT, 0
	}
}

// endToken is at the > that ends a tag, comment, CDATA section, <?…?> or
// <!…>: a text may follow.
func (g *xmlGuard) endToken() {
	g.state, g.tokenLine, g.tokenSize = inText, g.line, 0
}

func (g *xmlGuard) refuse(at int, msg string) int {
	g.err = &LineError{Line: g.tokenLine, Msg: msg}
	return at
}

func (g *xmlGuard) tooLong() string {
	var what string
	switch g.state {
	case inText:
		what = "text"
	case afterLT, inStartTag, inAttrValue:
		if what = "the tag <" + g.tagName(); !g.clipped {
			what += " …" // and its attributes
		}
		what += ">"
	case inEndTag:
		what = "an end tag"
	case inPI:
		what = "a processing instruction <?…?>"
	case afterBangDash, inComment:
		what = "a comment"
	case inCDATA:
		what = "a CDATA section"
	default:
		what = "a declaration <!…>"
	}
	return fmt.Sprintf("%s longer than %d MB: TMX, XLIFF and TBX hold segments, terms and notes of a few KB; is this really %s file?", what, maxXMLTokenBytes>>20, withArticle(g.what))
}

// tagName is the start tag's name as far as it was kept.
func (g *xmlGuard) tagName() string {
	name := strings.ToValidUTF8(string(g.name[:g.nameLen]), "")
	if g.clipped {
		name += "…"
	}
	return name
}

// isXMLNameByte reports whether b can be part of an element name as
// encoding/xml reads one: any byte of a multi-byte character, else a
// letter, digit, _, :, . or -.
func isXMLNameByte(b byte) bool {
	return b >= utf8.RuneSelf || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' ||
		b == '_' || b == ':' || b == '.' || b == '-'
}

// withArticle is the format's name with its article: "an XLIFF", "a TMX".
func withArticle(what string) string {
	if strings.HasPrefix(what, "X") {
		return "an " + what
	}
	return "a " + what
}
