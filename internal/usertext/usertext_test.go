package usertext

import (
	"errors"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	text := Rule{Max: 10, Multiline: true}
	for _, c := range []struct {
		s    string
		r    Rule
		want string // "" = accepted
	}{
		{"", Line, ""},
		{"On 16 June 2011 双方认为 <b>&amp;</b> \"ok\" U+FFFD: \uFFFD", Line, ""},
		{"abcd\x00ef", Line, "the field contains a control character (U+0000) at character 5: remove it"},
		{"双方\x01", Line, "the field contains a control character (U+0001) at character 3: remove it"},
		{"a\x7f", Line, "the field contains a control character (U+007F) at character 2: remove it"},
		{"a\u0085b", Line, "the field contains a control character (U+0085) at character 2: remove it"},
		{"a\u009fb", Line, "the field contains a control character (U+009F) at character 2: remove it"},
		{"a\u00a0b", Line, ""}, // no-break space is text
		{"a\tb", Line, "the field contains a tab (U+0009) at character 2: use a space"},
		{"a\nb", Line, "the field contains a line break (U+000A) at character 2: write it on one line"},
		{"a\r\nb", Line, "the field contains a line break (U+000D) at character 2: write it on one line"},
		{"a\tb\r\nc", text, ""},
		{"a\x00b", text, "the field contains a control character (U+0000) at character 2: remove it"},
		{"中\xff", Line, "the field is not valid UTF-8 (at character 2): send text encoded as UTF-8"},
		{"\xed\xa0\x80", Line, "the field is not valid UTF-8 (at character 1): send text encoded as UTF-8"}, // a surrogate
		{"x\uFFFE", Line, "the field contains U+FFFE at character 2, which is not a character of any text: remove it"},
		{"\uFFFF", text, "the field contains U+FFFF at character 1, which is not a character of any text: remove it"},
		{"a\u202eb", Line, "the field contains a bidirectional control (U+202E) at character 2, which makes text read otherwise than it is stored: remove it"},
		{"a\u2066b", text, "the field contains a bidirectional control (U+2066) at character 2, which makes text read otherwise than it is stored: remove it"},
		{"a\u200fb", Line, ""}, // a right-to-left mark changes no order of what is stored
		{"\uFDD0", Line, "the field contains U+FDD0 at character 1, which is not a character of any text: remove it"},
		{"\U0010FFFF", Line, "the field contains U+10FFFF at character 1, which is not a character of any text: remove it"},
		{strings.Repeat("中", 10), text, ""}, // 30 bytes, 10 characters
		{strings.Repeat("中", 11), text, "the field has 11 characters, more than the 10 allowed: shorten it"},
	} {
		err := Check("the field", c.s, c.r)
		got := ""
		if err != nil {
			got = err.Error()
			var ue *Error
			if !errors.As(err, &ue) || ue.Field != "the field" {
				t.Errorf("%q: %T %v", c.s, err, err)
			}
		}
		if got != c.want {
			t.Errorf("%q: %q, want %q", c.s, got, c.want)
		}
	}
}

func TestRefusedAgreesWithCheck(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		for _, ml := range []bool{false, true} {
			if got := Check("f", string(r), Rule{Multiline: ml}) != nil; got != Refused(r, ml) {
				t.Fatalf("U+%04X multiline=%v: Check %v, Refused %v", r, ml, got, !got)
			}
		}
	}
}
