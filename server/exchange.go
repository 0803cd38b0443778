package server

import (
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/exchange"
)

// attachment is a Content-Disposition header that names a download:
// filename= the ASCII name (quoted) for old clients, and filename*= the
// real name in UTF-8 (RFC 6266 with RFC 5987's encoding), which every
// current browser prefers.
func attachment(name, ascii string) string {
	v := `attachment; filename="` + quoteASCII(ascii) + `"`
	if name != ascii {
		v += "; filename*=UTF-8''" + pctEncode(name)
	}
	return v
}

// quoteASCII keeps the printable ASCII of s that a quoted-string may hold
// as it is (no quote, backslash or % — some clients decode percents).
func quoteASCII(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, s)
}

// pctEncode is RFC 5987's value-chars: attr-char as it is, every other
// byte of the UTF-8 as %XX.
func pctEncode(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// nameDownload sets the Content-Disposition of an export: the statement's
// date and short title (exchange.FileName), or for the whole corpus
// (id 0) "zhen-corpus-DATE".
func nameDownload(c *gin.Context, id uint, date, title, ext string) {
	if id == 0 {
		n := exchange.CorpusFileName("corpus", time.Now(), ext)
		c.Header("Content-Disposition", attachment(n, n))
		return
	}
	c.Header("Content-Disposition", attachment(exchange.FileName(id, date, title, ext)))
}

// targetLanguage is the corpus's target language (en-GB unless set), which
// an export writes as its English's language tag.
func (h *handlers) targetLanguage(c *gin.Context) (string, error) {
	cs, err := h.st.Settings(c.Request.Context())
	return cs.TargetLanguage, err
}
