package main

import (
	"encoding/json"
	"slices"
	"strconv"
	"unicode/utf8"

	"github.com/zhen-workbench/zhen/internal/qa"
)

// appendFindingJSON appends f as json.Marshal writes it, without
// reflection: zhen check prints millions (json.Marshal was a fifth of its
// time). TestFindingJSONAsEncodingJSON holds it to encoding/json's output.
func appendFindingJSON(b []byte, f qa.Finding) ([]byte, error) {
	str := func(name, v string) {
		b = append(b, `,"`...)
		b = append(b, name...)
		b = append(b, `":`...)
		b = appendJSONString(b, v)
	}
	b = append(b, `{"kind":`...)
	b = appendJSONString(b, f.Kind)
	str("severity", f.Severity)
	b = append(b, `,"clause_id":`...)
	b = strconv.AppendUint(b, uint64(f.ClauseID), 10)
	b = append(b, `,"document_id":`...)
	b = strconv.AppendUint(b, uint64(f.DocumentID), 10)
	str("source", f.Source)
	str("target", f.Target)
	str("term", f.Term)
	str("expected", f.Expected)
	str("found", f.Found)
	str("message", f.Message)
	str("code", f.Code)
	if len(f.Params) > 0 { // omitempty; encoding/json sorts a map's keys
		names := make([]string, 0, len(f.Params))
		for k := range f.Params {
			names = append(names, k)
		}
		slices.Sort(names)
		b = append(b, `,"params":{`...)
		for i, k := range names {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, k)
			b = append(b, ':')
			b = appendJSONString(b, f.Params[k])
		}
		b = append(b, '}')
	}
	str("key", f.Key)
	if f.Dismissed != nil {
		d, err := json.Marshal(f.Dismissed)
		if err != nil {
			return b, err
		}
		b = append(b, `,"dismissed":`...)
		b = append(b, d...)
	}
	return append(b, '}'), nil
}

const hexDigits = "0123456789abcdef"

// plainJSON marks the bytes of valid UTF-8 that JSON copies as they are:
// printable ASCII but " \ < > &, and every byte of a multi-byte character
// except E2, which may start U+2028 or U+2029.
var plainJSON = func() (t [256]bool) {
	for c := 0x20; c < 256; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' && c != 0xE2
	}
	return t
}()

// appendJSONString appends s quoted as encoding/json quotes it: HTML
// characters, U+2028 and U+2029 escaped, invalid UTF-8 as U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	// Valid UTF-8 (nearly always) is copied a byte at a time without
	// decoding runes: only ASCII specials and U+2028/U+2029 (E2 80 A8/A9)
	// need care. Decoding each Chinese character was a sixth of a large
	// zhen check --json.
	valid := utf8.ValidString(s)
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if valid && plainJSON[c] {
			i++
			continue
		}
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		if valid && (i+2 >= len(s) || s[i+1] != 0x80 || s[i+2] != 0xA8 && s[i+2] != 0xA9) {
			i++ // E2 starting another character
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
