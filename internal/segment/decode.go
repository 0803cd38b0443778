package segment

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Decode returns the text of a file as UTF-8 with LF line ends.
//
// Detection: a UTF-16/32 byte-order mark is refused with advice to save
// as UTF-8; a UTF-8 BOM is dropped and the rest must be UTF-8. Without a
// BOM, valid UTF-8 is taken as UTF-8; otherwise the file must decode as
// GB18030 (a superset of GBK and GB2312) strictly: any byte sequence that
// the decoder would replace with U+FFFD is an error. Chinese text in one
// encoding is practically never valid in the other, so the order is safe.
//
// Also refused: empty files, NUL bytes (binary files, or UTF-16 without a
// BOM) and control characters that XML cannot carry (all below U+0020
// except tab, LF and CR, plus U+FFFE and U+FFFF), since clauses end up in
// XLIFF/TMX exports. CRLF and lone CR become LF. Errors are *FileError and
// name the file, the problem and, where there is one, the byte offset.
func Decode(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", fileErr(name, "file is empty")
	}
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE, 0, 0}), bytes.HasPrefix(data, []byte{0, 0, 0xFE, 0xFF}):
		return "", fileErr(name, "file is UTF-32 text; save it as UTF-8 and import it again")
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "", fileErr(name, "file is UTF-16 text; save it as UTF-8 and import it again")
	}
	bom := 0
	if bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}) {
		bom = 3
		if len(data) == bom {
			return "", fileErr(name, "file is empty")
		}
	}
	if err := checkBytes(name, data, bom); err != nil {
		return "", err
	}

	var text string
	if bad := invalidUTF8(data, bom); bad < 0 {
		text = string(data[bom:])
		if i := indexNonCharacter(text); i >= 0 {
			return "", fileErr(name, fmt.Sprintf("contains the non-character %U at offset %d; remove it", firstRune(text[i:]), bom+i))
		}
	} else if bom > 0 {
		return "", fileErr(name, fmt.Sprintf("not valid UTF-8 text although it starts with a UTF-8 byte-order mark (invalid byte 0x%02X at offset %d)", data[bad], bad))
	} else {
		gb, gbBad := decodeGB18030(data)
		if gbBad >= 0 {
			// Report the failure of the encoding that got further: that is
			// most likely the one the file was meant to be in.
			bad = max(bad, gbBad)
			return "", fileErr(name, fmt.Sprintf("not UTF-8 or GB18030 text (invalid byte 0x%02X at offset %d)", data[bad], bad))
		}
		if indexNonCharacter(gb) >= 0 {
			return "", fileErr(name, "contains the non-character U+FFFE or U+FFFF; remove it")
		}
		text = gb
	}
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return text, nil
}

// checkBytes refuses NUL and other XML-illegal control bytes. Bytes below
// 0x20 never occur inside a multi-byte character in UTF-8 or GB18030, so
// the raw offsets are exact for both encodings.
func checkBytes(name string, data []byte, from int) error {
	nul := bytes.IndexByte(data[from:], 0)
	if nul >= 0 {
		nul += from
		if looksUTF16(data[from:]) {
			return fileErr(name, fmt.Sprintf("looks like UTF-16 text without a byte-order mark (NUL byte at offset %d); save it as UTF-8 and import it again", nul))
		}
		return fileErr(name, fmt.Sprintf("looks like a binary file (NUL byte at offset %d)", nul))
	}
	for i := from; i < len(data); i++ {
		if c := data[i]; c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return fileErr(name, fmt.Sprintf("contains the control character U+%04X at offset %d, which cannot be exported; remove it", c, i))
		}
	}
	return nil
}

// looksUTF16 guesses UTF-16 without a BOM: NUL bytes, all on even or all
// on odd offsets (the high byte of ASCII characters).
func looksUTF16(data []byte) bool {
	var even, odd int
	for i, c := range data {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	return len(data)%2 == 0 && (even == 0) != (odd == 0) && even+odd >= 4
}

// indexNonCharacter returns the offset of the first U+FFFE or U+FFFF in s,
// or -1. (strings.IndexAny is slow for non-ASCII sets.)
func indexNonCharacter(s string) int {
	i, j := strings.Index(s, "\uFFFE"), strings.Index(s, "\uFFFF")
	if i < 0 || j >= 0 && j < i {
		return j
	}
	return i
}

// invalidUTF8 returns the offset of the first byte that is not part of
// valid UTF-8 at or after from, or -1.
func invalidUTF8(data []byte, from int) int {
	if utf8.Valid(data[from:]) {
		return -1
	}
	for i := from; i < len(data); {
		r, w := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && w == 1 {
			return i
		}
		i += w
	}
	return -1
}

// decodeGB18030 decodes data strictly. It returns the text and -1, or the
// offset of the first byte sequence that does not decode.
func decodeGB18030(data []byte) (string, int) {
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err == nil && !bytes.ContainsRune(out, utf8.RuneError) {
		return string(out), -1
	}
	// Slow path, only for bad input: decode sequence by sequence to find
	// the offending one.
	dec := simplifiedchinese.GB18030.NewDecoder()
	var buf [16]byte
	for i := 0; i < len(data); {
		n := gbSeqLen(data[i:])
		dec.Reset()
		nDst, _, err := dec.Transform(buf[:], data[i:i+n], true)
		if err != nil || bytes.ContainsRune(buf[:nDst], utf8.RuneError) {
			return "", i
		}
		i += n
	}
	return "", 0 // not reached for input the fast path refused
}

// gbSeqLen returns the length of the GB18030 sequence starting data (1, 2
// or 4 bytes, cut short at the end of data) judging by its first bytes.
func gbSeqLen(data []byte) int {
	n := 1
	if c := data[0]; c >= 0x81 && c <= 0xFE && len(data) > 1 {
		n = 2
		if data[1] >= 0x30 && data[1] <= 0x39 {
			n = 4
		}
	}
	return min(n, len(data))
}
