package auth

import (
	"strings"
	"testing"
)

func TestNewUsernameIsASCII(t *testing.T) {
	for in, want := range map[string]string{"  Li.Wei_2 ": "li.wei_2", "ADMIN": "admin", "wang-fang": "wang-fang", "x": "x", "_a": "_a"} {
		if got, err := NewUsername(in); err != nil || got != want {
			t.Errorf("NewUsername(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for in, says := range map[string]string{
		"аdmin":                 "U+0430", // Cyrillic а
		"admіn":                 "U+0456", // Cyrillic і
		"王芳":                    "U+738B",
		"\u212Aate":             "U+212A", // Kelvin sign: lowercases to an ASCII k
		"ａｄｍｉｎ":                 "U+FF41",
		"café":                  "U+00E9",
		"":                      "1 to 64",
		strings.Repeat("a", 65): "1 to 64",
		"a b":                   "a–z",
		"x@y":                   "a–z",
		"<script>":              "a–z",
		"...":                   "letter or digit",
		"-_-":                   "letter or digit",
	} {
		_, err := NewUsername(in)
		if err == nil || !strings.Contains(err.Error(), says) {
			t.Errorf("NewUsername(%q) = %v, want an error saying %q", in, err, says)
		}
	}
	// Looking up an existing name still takes any script: users created
	// before the ASCII rule can log in and be managed.
	if n, err := NormalizeUsername("王芳"); err != nil || n != "王芳" {
		t.Errorf("NormalizeUsername(王芳) = %q, %v", n, err)
	}
}

func TestSkeleton(t *testing.T) {
	alike := [][]string{
		{"admin", "Admin", "ADMIN", "adm1n", "admln", "admIn", "ad.min", "ad-min", "ad_min", "adrnin", "aDm|n", "аdmin", "ａｄｍｉｎ"},
		{"li.wei", "li_wei", "liwei", "l1wei", "Li-Wei", "1iwei", "ii.wei"},
		{"wang.fang", "wangfang", "vvang.fang", "wang_fang"},
		{"oscar", "0scar", "o5car", "05car"},
		{"dana", "clana"},
		{"mo", "rno"},
	}
	for _, group := range alike {
		want := Skeleton(group[0])
		for _, n := range group[1:] {
			if got := Skeleton(n); got != want {
				t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q: they look alike", n, got, group[0], want)
			}
		}
	}
	if got := Skeleton("admin"); got != "admln" {
		t.Errorf("Skeleton(admin) = %q, want admln", got)
	}
	for _, pair := range [][2]string{{"admin", "admins"}, {"admin", "amin"}, {"li.wei", "li.wei2"}, {"wang", "wong"}, {"reviewer", "viewer"}, {"translator", "translators"}} {
		if Skeleton(pair[0]) == Skeleton(pair[1]) {
			t.Errorf("Skeleton(%q) = Skeleton(%q) = %q: they do not look alike", pair[0], pair[1], Skeleton(pair[0]))
		}
	}
}

func TestNewUsernameRefusesTheSystemsName(t *testing.T) {
	for _, in := range []string{"zhen", "Zhen", " ZHEN "} {
		if got, err := NewUsername(in); err == nil {
			t.Errorf("NewUsername(%q) = %q: the system's own name was accepted", in, got)
		}
	}
	if _, err := NewUsername("zhen2"); err != nil {
		t.Error(err)
	}
}
