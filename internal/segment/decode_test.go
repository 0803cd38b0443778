package segment

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/zhen-workbench/zhen/internal/demo"
)

func TestDecodeGB18030SeedParsesIdentically(t *testing.T) {
	want := parseSeed(t)
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(demo.Seed)
	if err != nil {
		t.Fatal(err)
	}
	if string(gb) == string(demo.Seed) {
		t.Fatal("re-encoding did not change the bytes")
	}
	got, err := Parse("seed-gb18030.txt", gb)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("GB18030 seed parses differently from the UTF-8 seed")
	}
}

func TestDecodeBOMAndLineEndsParseIdentically(t *testing.T) {
	want := parseSeed(t)
	seed := string(demo.Seed)
	for name, data := range map[string]string{
		// BOM, and ideographic-space breaks after sentences turned into CRLF.
		"crlf": "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(seed, "打印本页", "打印本页\r\n"), "。\u3000\u3000", "。\r\n") + "\r\n",
		// Old Mac line ends.
		"cr": strings.ReplaceAll(seed, "。\u3000\u3000", "。\r") + "\r",
	} {
		if !strings.Contains(data, "\r") {
			t.Fatalf("%s: no line ends inserted", name)
		}
		text, err := Decode(name, []byte(data))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(text, "\r") || strings.HasPrefix(text, "\uFEFF") {
			t.Errorf("%s: CR or BOM left in decoded text", name)
		}
		got, err := Split(name, text)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: parses differently from the plain seed", name)
		}
	}
}

func TestDecodeGBK(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("标题\r\n双方同意。\r\n")
	if err != nil {
		t.Fatal(err)
	}
	text, err := Decode("gbk.txt", []byte(gbk))
	if err != nil || text != "标题\n双方同意。\n" {
		t.Errorf("Decode(GBK) = %q, %v", text, err)
	}
}

func TestDecodeErrors(t *testing.T) {
	gbBad, _ := simplifiedchinese.GB18030.NewEncoder().String("中文")
	tests := []struct {
		name string
		data string
		want string
	}{
		{"x.txt", "", "x.txt: file is empty"},
		{"x.txt", "\xEF\xBB\xBF", "x.txt: file is empty"},
		{"seed.txt", "2011全面战略协作\xFF伙伴", "seed.txt: not UTF-8 or GB18030 text (invalid byte 0xFF at offset 22)"},
		{"gb.txt", gbBad + "\x81", "gb.txt: not UTF-8 or GB18030 text (invalid byte 0x81 at offset 4)"},
		{"bom.txt", "\xEF\xBB\xBF中\xB5文", "bom.txt: not valid UTF-8 text although it starts with a UTF-8 byte-order mark (invalid byte 0xB5 at offset 6)"},
		{"u16.txt", "\xFF\xFE-N\x87e", "u16.txt: file is UTF-16 text; save it as UTF-8 and import it again"},
		{"u16be.txt", "\xFE\xFFN-e\x87", "u16be.txt: file is UTF-16 text; save it as UTF-8 and import it again"},
		{"u32.txt", "\xFF\xFE\x00\x00-N\x00\x00", "u32.txt: file is UTF-32 text; save it as UTF-8 and import it again"},
		{"u16nobom.txt", "a\x00b\x00c\x00d\x00", "u16nobom.txt: looks like UTF-16 text without a byte-order mark (NUL byte at offset 1); save it as UTF-8 and import it again"},
		{"x.txt", "PK\x03\x00\x14\x00", "x.txt: looks like a binary file (NUL byte at offset 3)"},
		{"ctl.txt", "双方\x0c同意", "ctl.txt: contains the control character U+000C at offset 6, which cannot be exported; remove it"},
		{"ctl.txt", "\xEF\xBB\xBF\x1b[0m", "ctl.txt: contains the control character U+001B at offset 3, which cannot be exported; remove it"},
		{"nc.txt", "双方\uFFFF", "nc.txt: contains the non-character U+FFFF at offset 6; remove it"},
		{"", "", "file: file is empty"},
	}
	for _, tt := range tests {
		_, err := Decode(tt.name, []byte(tt.data))
		if err == nil || err.Error() != tt.want {
			t.Errorf("Decode(%q, %q) error = %v\nwant %s", tt.name, tt.data, err, tt.want)
		}
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Errorf("error %v is not a *FileError", err)
		}
		if _, perr := Parse(tt.name, []byte(tt.data)); perr == nil || perr.Error() != tt.want {
			t.Errorf("Parse(%q) error = %v", tt.name, perr)
		}
	}
}

func TestDecodeKeepsTabsAndText(t *testing.T) {
	in := "甲\t乙\n丙 丁\u3000\uFFFD"
	text, err := Decode("t.txt", []byte(in))
	if err != nil || text != in {
		t.Errorf("Decode = %q, %v", text, err)
	}
}
