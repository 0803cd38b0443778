package auth

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCommonPasswordList(t *testing.T) {
	lines := strings.Split(strings.TrimSuffix(commonPasswordsText, "\n"), "\n")
	if len(lines) != CommonPasswords || len(commonPasswords()) != CommonPasswords {
		t.Fatalf("%d lines, %d distinct passwords, want %d", len(lines), len(commonPasswords()), CommonPasswords)
	}
	for _, l := range lines {
		if l != strings.ToLower(strings.TrimSpace(l)) || utf8.RuneCountInString(l) < MinPassword || len(l) > MaxPassword {
			t.Fatalf("list entry %q: not lowercase, trimmed and of an allowed length", l)
		}
	}
	if lines[0] != "password" {
		t.Errorf("the most common password is %q, want password", lines[0])
	}
	for _, pw := range []string{"password", "12345678", "PassWord", "qwertyuiop", "iloveyou", "sunshine", "1qaz2wsx", "passw0rd"} {
		if !IsCommonPassword(pw) {
			t.Errorf("%q is not in the list", pw)
		}
	}
	for _, pw := range []string{"correct horse battery", "a long password", "zhen translation workbench"} {
		if IsCommonPassword(pw) {
			t.Errorf("%q is in the list", pw)
		}
	}
}

func TestPasswordRules(t *testing.T) {
	for _, c := range []struct {
		pw, name string
		want     error // nil: accepted; errAny: refused for its length or spaces
	}{
		{"password", "", ErrCommonPassword},
		{"Password", "", ErrCommonPassword},
		{"PASSWORD", "li.wei", ErrCommonPassword},
		{"12345678", "", ErrCommonPassword},
		{"iloveyou", "", ErrCommonPassword},
		{"aaaaaaaa", "", ErrPredictablePassword},
		{"abcdefgh", "", ErrPredictablePassword},
		{"ABCDEFGHIJ", "", ErrPredictablePassword},
		{"87654321", "", ErrPredictablePassword},
		{"abcabcabc", "", ErrPredictablePassword},
		{"xyzwxyzwxyzw", "", ErrPredictablePassword},
		{"aaaa1234", "", ErrPredictablePassword},
		{"4321dcba", "", ErrPredictablePassword},
		{"li.wei-2024!", "li.wei", ErrPasswordHasName},
		{"Liwei2024!", "li.wei", ErrPasswordHasName},
		{"my name is wang_fang", "wang.fang", ErrPasswordHasName},
		{"wangfang", "wang.fang", ErrPasswordHasName},
		{"short", "", errAny},
		{"   x    ", "", errAny},
		{" leading space", "", errAny},
		{"trailing ", "", errAny},
		{strings.Repeat("x", 73), "", errAny},
		{"bad\xffutf8 text", "", errAny},
		{"correct horse battery", "", nil},
		{"correct horse battery", "li.wei", nil},
		{"a long password", "wang.fang", nil},
		{"a long password", "ong", nil}, // short names count only as the whole password
		{"another password", "", nil},
		{"ZhenWorkbench2024", "li", nil},
		{strings.Repeat("tea for two,", 6), "", nil}, // 72 bytes
		{"我们的翻译工作台把中文条约译成英文真好用啊", "", nil},
	} {
		err := CheckPassword(c.pw, c.name)
		switch {
		case c.want == nil && err != nil:
			t.Errorf("CheckPassword(%q, %q) = %v, want nil", c.pw, c.name, err)
		case c.want == errAny && err == nil:
			t.Errorf("CheckPassword(%q, %q) accepted", c.pw, c.name)
		case c.want != nil && c.want != errAny && !errors.Is(err, c.want):
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", c.pw, c.name, err, c.want)
		}
		if _, herr := HashUserPassword(c.name, c.pw); (herr == nil) != (err == nil) {
			t.Errorf("HashUserPassword(%q, %q) = %v, CheckPassword %v", c.name, c.pw, herr, err)
		}
	}
	if _, err := HashPassword("password"); !errors.Is(err, ErrCommonPassword) || !strings.Contains(err.Error(), "10,000 most common passwords") || !strings.Contains(err.Error(), "a few unrelated words") {
		t.Errorf("HashPassword(password) = %v", err)
	}
	if err := CheckPassword("li.wei-2024!", "li.wei"); err == nil || !strings.Contains(err.Error(), "li.wei") {
		t.Errorf("the name is not named: %v", err)
	}
}

var errAny = errors.New("any")

func TestPasswordLengthIsCountedAsBcryptDoes(t *testing.T) {
	// 8 characters are enough even when they take more bytes; bcrypt reads
	// 72 bytes, so 24 Chinese characters (72 bytes) are the most.
	if err := CheckPasswordRules("我们的翻译工作台"); err != nil {
		t.Errorf("8 Chinese characters: %v", err)
	}
	if err := CheckPasswordRules("翻译工作台"); err == nil || !strings.Contains(err.Error(), "at least 8 characters") {
		t.Errorf("5 Chinese characters: %v", err)
	}
	zh := "我们的翻译工作台把中文条约译成英文真好用啊再见"
	if n := utf8.RuneCountInString(zh); n != 23 {
		t.Fatalf("%d characters", n)
	}
	if err := CheckPasswordRules(zh + "了"); err != nil {
		t.Errorf("24 Chinese characters (72 bytes): %v", err)
	}
	if err := CheckPasswordRules(zh + "了吗"); err == nil || !strings.Contains(err.Error(), "Chinese characters 3") {
		t.Errorf("25 Chinese characters (75 bytes): %v", err)
	}
	if err := CheckPasswordRules(strings.Repeat("tea for two,", 6) + "x"); err == nil || !strings.Contains(err.Error(), "at most 72 characters") {
		t.Errorf("73 ASCII characters: %v", err)
	}
}

func TestNewPasswordAlwaysPasses(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		p := NewPassword()
		if err := CheckPasswordRules(p); err != nil || seen[p] {
			t.Fatalf("NewPassword %q: %v (seen before: %v)", p, err, seen[p])
		}
		seen[p] = true
	}
}
