package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func init() { Cost = bcrypt.MinCost }

func TestRolesAreOrdered(t *testing.T) {
	cases := []struct {
		have, need Role
		ok         bool
	}{
		{Admin, Reviewer, true}, {Reviewer, Reviewer, true}, {Translator, Reviewer, false}, {Viewer, Translator, false},
		{Translator, Viewer, true}, {Viewer, Viewer, true}, {Viewer, Admin, false}, {Reviewer, Admin, false},
		{"", Viewer, false}, {"root", Viewer, false}, {"", Public, true}, {Viewer, Public, true},
	}
	for _, c := range cases {
		if got := c.have.Allows(c.need); got != c.ok {
			t.Errorf("%q.Allows(%q) = %v, want %v", c.have, c.need, got, c.ok)
		}
	}
	if r, err := ParseRole(" Reviewer "); err != nil || r != Reviewer {
		t.Errorf("ParseRole: %v %v", r, err)
	}
	if _, err := ParseRole("superuser"); err == nil || !strings.Contains(err.Error(), "translator") {
		t.Errorf("ParseRole(superuser): %v", err)
	}
}

func TestPasswords(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$2") || strings.Contains(h, "correct horse") {
		t.Fatalf("not a bcrypt hash: %s", h)
	}
	if !PasswordMatches(h, "correct horse") || PasswordMatches(h, "correct horsE") || PasswordMatches("", "correct horse") {
		t.Error("PasswordMatches is wrong")
	}
	for _, bad := range []string{"short", " leading space", "trailing ", strings.Repeat("x", 73), "bad\xffutf8 text"} {
		if _, err := HashPassword(bad); err == nil {
			t.Errorf("HashPassword(%q) accepted", bad)
		}
	}
	if p := NewPassword(); CheckPasswordRules(p) != nil || p == NewPassword() {
		t.Errorf("NewPassword %q", p)
	}
}

func TestTokens(t *testing.T) {
	a, ha := NewToken()
	b, hb := NewToken()
	if a == b || ha == hb || len(a) < 40 || ha != TokenHash(a) || ha == a {
		t.Fatalf("tokens %q %q hashes %q %q", a, b, ha, hb)
	}
	if !SameSecret(a, a) || SameSecret(a, b) || SameSecret(a, a[:10]) {
		t.Error("SameSecret is wrong")
	}
}

func TestUsernames(t *testing.T) {
	if n, err := NormalizeUsername("  Li.Wei_2 "); err != nil || n != "li.wei_2" {
		t.Errorf("got %q %v", n, err)
	}
	if n, err := NormalizeUsername("王芳"); err != nil || n != "王芳" {
		t.Errorf("got %q %v", n, err)
	}
	for _, bad := range []string{"", "a b", "<script>", strings.Repeat("a", 65), "x@y"} {
		if _, err := NormalizeUsername(bad); err == nil {
			t.Errorf("NormalizeUsername(%q) accepted", bad)
		}
	}
}
