package numbering

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Marker
		ok   bool
	}{
		{"一、", Marker{Section, 1}, true},
		{"十一、 ", Marker{Section, 11}, true},
		{"二十、", Marker{Section, 20}, true},
		{"二十一、", Marker{Section, 21}, true},
		{"九十九、", Marker{Section, 99}, true},
		{"一百、", Marker{Section, 100}, true},
		{"一百零五、", Marker{Section, 105}, true},
		{"一百一十、", Marker{Section, 110}, true},
		{"一〇、", Marker{Section, 10}, true},
		{"二〇一、", Marker{Section, 201}, true},
		{"（一）", Marker{Subsection, 1}, true},
		{"(十二)", Marker{Subsection, 12}, true},
		{"（三） ", Marker{Subsection, 3}, true},
		{"一", Marker{Part, 1}, true},
		{"十三\n", Marker{Part, 13}, true},
		{"1.", Marker{Item, 1}, true},
		{"12．", Marker{Item, 12}, true},
		{"3、", Marker{Item, 3}, true},
		{"１．", Marker{Item, 1}, true},
		{"（1）", Marker{Subitem, 1}, true},
		{"(10)", Marker{Subitem, 10}, true},
		// Not markers Zhen knows: left to the translator.
		{"", Marker{}, false},
		{"〇", Marker{}, false},
		{"零、", Marker{}, false},
		{"0.", Marker{}, false},
		{"〇一、", Marker{}, false},
		{"一百十、", Marker{}, false},
		{"十十、", Marker{}, false},
		{"一百零、", Marker{}, false},
		{"二二十、", Marker{}, false},
		{"1000.", Marker{}, false},
		{"（）", Marker{}, false},
		{"（一", Marker{}, false},
		{"A.", Marker{}, false},
		{"第一条", Marker{}, false},
		{"一.", Marker{}, false},
	} {
		got, ok := Parse(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Parse(%q) = %+v, %v; want %+v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestEnglish(t *testing.T) {
	for _, c := range []struct {
		marker                 string
		arabic, roman, outline string
	}{
		{"一、", "1.", "I.", "I."},
		{"十四、", "14.", "XIV.", "XIV."},
		{"（一）", "(1)", "(1)", "A."},
		{"（二十七）", "(27)", "(27)", "AA."},
		{"一", "I", "I", "I"},
		{"四", "IV", "IV", "IV"},
		{"1.", "1.", "1.", "1."},
		{"（2）", "(2)", "(2)", "(b)"},
	} {
		for st, want := range map[Style]string{Arabic: c.arabic, Roman: c.roman, Outline: c.outline} {
			if got, ok := English(c.marker, st); !ok || got != want {
				t.Errorf("English(%q, %s) = %q, %v; want %q", c.marker, st, got, ok, want)
			}
		}
	}
	if got, _ := English("一、", "fancy"); got != "1." {
		t.Errorf("an unknown style writes the default's: %q", got)
	}
	if _, ok := English("第一章", Arabic); ok {
		t.Error("an unknown marker has no English")
	}
}

func TestValid(t *testing.T) {
	for _, s := range []string{"arabic", "roman", "outline"} {
		if !Valid(s) {
			t.Errorf("%s should be valid", s)
		}
	}
	for _, s := range []string{"", "Arabic", "letters"} {
		if Valid(s) {
			t.Errorf("%q should not be valid", s)
		}
	}
}

func TestNumerals(t *testing.T) {
	for n, want := range map[int]string{1: "I", 4: "IV", 9: "IX", 14: "XIV", 40: "XL", 99: "XCIX", 1994: "MCMXCIV", 0: "0", 4000: "4000"} {
		if got := RomanNumeral(n); got != want {
			t.Errorf("RomanNumeral(%d) = %s, want %s", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "a", 26: "z", 27: "aa", 52: "az", 53: "ba", 702: "zz", 703: "aaa"} {
		if got := Letters(n, 'a'); got != want {
			t.Errorf("Letters(%d) = %s, want %s", n, got, want)
		}
	}
}
