package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/usertext"
)

// checkQuery refuses, before anything reads them, query strings that no
// handler could use: one that is not properly %-encoded, or a parameter
// whose name or value holds invalid UTF-8, a control character (tab and
// line breaks too: no parameter has a use for them) or a noncharacter, by
// the rule for written text (usertext.Line). Such text would otherwise reach
// the database, which refuses it (PostgreSQL: a 500) or searches for
// nonsense. It runs for every API route, once; one 400 names every bad
// parameter.
func checkQuery(c *gin.Context) {
	raw := c.Request.URL.RawQuery
	if raw == "" {
		c.Next()
		return
	}
	p := &params{c: c}
	for _, pair := range strings.Split(raw, "&") {
		if pair == "" {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		name, errName := url.QueryUnescape(k)
		value, errValue := url.QueryUnescape(v)
		badName := usertext.Check("a parameter name", name, usertext.Line)
		switch {
		case errName != nil:
			p.fail(strconv.Quote(k), fmt.Sprintf("a parameter name, %s, is not properly %%-encoded: write '%%' as %%25", strconv.Quote(k)))
		case badName != nil:
			p.fail(strconv.Quote(name), badName.Error())
		case strings.Contains(pair, ";"):
			p.fail(name, fmt.Sprintf("the parameter %s holds a ';': separate parameters with '&', and write ';' in a value as %%3B", name))
		case errValue != nil:
			p.fail(name, fmt.Sprintf("the parameter %s is not properly %%-encoded: write '%%' as %%25", name))
		default:
			if err := usertext.Check("the parameter "+name, value, usertext.Line); err != nil {
				p.fail(name, err.Error())
			}
		}
	}
	if p.ok() {
		c.Next()
	}
}

// params reads a request's parameters (the :id in the path and the query
// string) and collects what is wrong with them, so that a handler answers
// once, with one 400 naming every bad parameter:
//
//	p := paramsOf(c)
//	id, limit := p.id(), p.int("limit", 50, 1, 500)
//	if !p.ok() {
//		return
//	}
type params struct {
	c     *gin.Context
	names []string // the bad parameters, in order
	msgs  []string // what is wrong with each, for the person who sent it
}

func paramsOf(c *gin.Context) *params { return &params{c: c} }

func (p *params) fail(name, msg string) {
	p.names = append(p.names, name)
	p.msgs = append(p.msgs, msg)
}

// id returns the :id path parameter, an id from 1.
func (p *params) id() uint {
	s := p.c.Param("id")
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		p.fail("id", fmt.Sprintf("%s is not an id: the path needs a whole number from 1 there", strconv.Quote(s)))
		return 0
	}
	return uint(n)
}

// int returns the query parameter key, a whole number from min to max, or
// def when the request has none.
func (p *params) int(key string, def, min, max int) int {
	s := p.c.Query(key)
	if s == "" {
		return def
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		p.fail(key, fmt.Sprintf("%s must be a whole number from %d to %d", key, min, max))
		return def
	}
	return n
}

// optionalID returns the query parameter key, an id from 1, or 0 when the
// request has none; what names the kind of thing (a "document").
func (p *params) optionalID(key, what string) uint {
	s := p.c.Query(key)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseUint(s, 10, 32)
	if err != nil || n == 0 {
		p.fail(key, fmt.Sprintf("%s must be a %s id, a whole number from 1", key, what))
		return 0
	}
	return uint(n)
}

// ids returns the query parameter key, ids from 1 separated by commas (at
// most max of them; what names the kind of thing), or nil when the request
// has none.
func (p *params) ids(key, what string, max int) []uint {
	s := p.c.Query(key)
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > max {
		p.fail(key, fmt.Sprintf("%s names %d %ss: at most %d", key, len(parts), what, max))
		return nil
	}
	out := make([]uint, len(parts))
	for i, part := range parts {
		n, err := strconv.ParseUint(part, 10, 32)
		if err != nil || n == 0 {
			p.fail(key, fmt.Sprintf("%s must be %s ids, whole numbers from 1 separated by commas", key, what))
			return nil
		}
		out[i] = uint(n)
	}
	return out
}

// require notes that the request lacks the query parameter key; msg says
// what to send.
func (p *params) require(key, msg string) {
	if p.c.Query(key) == "" {
		p.fail(key, msg)
	}
}

// ok says whether every parameter read so far was good; if not, it answers
// 400 naming them all.
func (p *params) ok() bool {
	if len(p.names) == 0 {
		return true
	}
	writeError(p.c, http.StatusBadRequest, gin.H{"code": "invalid_parameter", "message": strings.Join(p.msgs, "; "), "parameters": p.names})
	return false
}
