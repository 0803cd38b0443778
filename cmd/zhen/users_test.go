package main

import (
	"os"
	"strings"
	"testing"
)

// zhen user add and passwd refuse common passwords, passwords made of the
// name, non-ASCII names and names that look like an existing user's.
func TestUserCommandsRefuseWeakPasswordsAndLookAlikes(t *testing.T) {
	f := newFixture(t)
	withStdin := func(in string, args ...string) (string, error) {
		stdin = strings.NewReader(in)
		defer func() { stdin = os.Stdin }()
		return zhen(t, append(args, "--db", f.db)...)
	}
	for _, c := range []struct{ in, name, says string }{
		{"password\n", "li.wei", "10,000 most common passwords"},
		{"12345678\n", "li.wei", "10,000 most common passwords"},
		{"Qwertyuiop\n", "li.wei", "10,000 most common passwords"},
		{"aaaaaaaaaa\n", "li.wei", "repeated or sequential"},
		{"li.wei.2024\n", "li.wei", "user name (li.wei)"},
		{"tea for two at noon\n", "аdmin", "U+0430"}, // Cyrillic а
	} {
		out, err := withStdin(c.in, "user", "add", c.name, "--role", "viewer")
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("user add %s with %q: %v %s, want an error saying %q", c.name, c.in, err, out, c.says)
		}
	}
	if out, err := withStdin("tea for two at noon\n", "user", "add", "admin", "--role", "admin"); err != nil || !strings.Contains(out, "added admin") {
		t.Fatalf("user add admin: %v %s", err, out)
	}
	for _, name := range []string{"adm1n", "Ad.Min", "adrnin"} {
		_, err := withStdin("tea for two at noon\n", "user", "add", name, "--role", "viewer")
		if err == nil || !strings.Contains(err.Error(), "looks like that of the existing user admin") {
			t.Errorf("user add %s: %v", name, err)
		}
	}
	for _, pw := range []string{"password\n", "87654321\n", "my admin password\n"} {
		if _, err := withStdin(pw, "user", "passwd", "admin"); err == nil {
			t.Errorf("user passwd admin %q accepted", pw)
		}
	}
	if _, err := withStdin("two for tea at dusk\n", "user", "passwd", "admin"); err != nil {
		t.Fatal(err)
	}
	if out := mustZhen(t, "user", "list", "--db", f.db); out != "admin\tadmin\n" {
		t.Fatalf("user list: %q", out)
	}
}
