package numbering

import "testing"

func TestPeelEnglish(t *testing.T) {
	tests := []struct{ in, marker, rest string }{
		{"4. The two sides stress…", "4.", "The two sides stress…"},
		{"IV. The two sides stress", "IV.", "The two sides stress"},
		{"iv. The two sides", "iv.", "The two sides"},
		{"(4) The two sides", "(4)", "The two sides"},
		{"(iv) The two sides", "(iv)", "The two sides"},
		{"(a) The two sides", "(a)", "The two sides"},
		{"4) The two sides", "4)", "The two sides"},
		{"（4）The two sides", "（4）", "The two sides"},
		{"A. Energy", "A.", "Energy"},
		{"  12.  Both sides", "  12.", "Both sides"},
		{"4.The two sides", "4.", "The two sides"},
		{"4、The two sides", "4、", "The two sides"},
		// Not numbering.
		{"The two sides", "", "The two sides"},
		{"4.5 billion dollars", "", "4.5 billion dollars"},
		{"U.S. and China", "", "U.S. and China"},
		{"I.e. the sides", "", "I.e. the sides"},
		{"Mr. Putin", "", "Mr. Putin"},
		{"2015 was a year", "", "2015 was a year"},
		{"4.", "", "4."},
		{"(4)", "", "(4)"},
		{"IV.  ", "", "IV.  "},
		{"1234. Both", "", "1234. Both"},
		{"(4 The", "", "(4 The"},
		{"", "", ""},
	}
	for _, tt := range tests {
		m, r := PeelEnglish(tt.in)
		if m != tt.marker || r != tt.rest {
			t.Errorf("PeelEnglish(%q) = %q, %q; want %q, %q", tt.in, m, r, tt.marker, tt.rest)
		}
	}
}

func TestSameMarker(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{"四、", "四、", true}, {"四、 ", "四、", true}, {"1.", "1．", true}, {"（一）", "(一)", true},
		{"四、", "五、", false}, {"四、", "（四）", false}, {"第一", "第一", true}, {"", "", false},
	} {
		if got := SameMarker(tt.a, tt.b); got != tt.same {
			t.Errorf("SameMarker(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func TestIsEnglishMarker(t *testing.T) {
	for s, want := range map[string]bool{"(4)": true, " 4. ": true, "IV.": true, "4)": true, "(a)": true, "A.": true,
		"4": false, "IV": false, "4. The": false, "U.S.": false, "": false, "4.5": false} {
		if got := IsEnglishMarker(s); got != want {
			t.Errorf("IsEnglishMarker(%q) = %v", s, got)
		}
	}
}
