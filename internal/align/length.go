package align

import "unicode"

// zhUnits is the length of a Chinese text for the length model, in Han
// characters: a Han character becomes about lengthRatio English letters,
// while digits and Latin letters (2015, 1000, APEC) come over one for one,
// so they count 1/lengthRatio each. Punctuation and spaces do not count,
// since their use differs between the languages.
func zhUnits(s string) float64 {
	han, other := zhCounts(s)
	return float64(han) + float64(other)/lengthRatio
}

// zhCounts counts the Han characters and the digits and letters of s.
func zhCounts(s string) (han, other int) {
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Han, r) || r == '〇':
			han++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			other++
		}
	}
	return han, other
}

// enLength is the length of an English text for the length model: its
// letters and digits.
func enLength(s string) float64 {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return float64(n)
}
