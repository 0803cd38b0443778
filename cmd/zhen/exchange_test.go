//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// zhen export -o and zhen glossary export -o leave files with the mode a
// new file gets (0666 less the umask), not their temporary file's 0600;
// exports carry the corpus's target language, which zhen settings sets.
// Not parallel: it changes the process's umask.
func TestExportFileModeAndLanguage(t *testing.T) {
	f := newFixture(t)
	mustZhen(t, "import", "--db", f.db, f.seed)
	if out := mustZhen(t, "settings", "set", "target_language", "en-US", "--db", f.db); !strings.Contains(out, "target_language en-US") {
		t.Fatalf("settings set: %q", out)
	}
	if _, err := zhen(t, "settings", "set", "target_language", "en_US", "--db", f.db); err == nil || !strings.Contains(err.Error(), "en-GB, en-US, en") {
		t.Fatalf("en_US: %v", err)
	}
	if _, err := zhen(t, "settings", "set", "target_language", "en-GB", "--document", "1", "--db", f.db); err == nil {
		t.Fatal("a statement's target language accepted")
	}
	if out := mustZhen(t, "settings", "--db", f.db); !strings.Contains(out, "target_language en-US\n") {
		t.Fatalf("settings: %q", out)
	}
	for _, umask := range []int{0o002, 0o027, 0o077} {
		old := syscall.Umask(umask)
		want := fs.FileMode(0o666 &^ umask)
		for _, args := range [][]string{
			{"export", "--format", "tmx", "-o", filepath.Join(f.dir, "out.tmx")},
			{"export", "--format", "xliff", "-o", filepath.Join(f.dir, "out.xlf")},
			{"glossary", "export", "--format", "tbx", "-o", filepath.Join(f.dir, "glossary.tbx")},
		} {
			out := args[len(args)-1]
			os.Remove(out)
			mustZhen(t, append(args, "--db", f.db)...)
			fi, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode().Perm() != want {
				t.Errorf("umask %03o: %s has mode %v, want %v", umask, filepath.Base(out), fi.Mode().Perm(), want)
			}
		}
		syscall.Umask(old)
	}
	for name, want := range map[string]string{"out.tmx": `<tuv xml:lang="en-US">`, "out.xlf": `target-language="en-US"`} {
		data, err := os.ReadFile(filepath.Join(f.dir, name))
		if err != nil || !strings.Contains(string(data), want) {
			t.Errorf("%s lacks %s (%v)", name, want, err)
		}
	}
	// No temporary file is left behind.
	left, _ := filepath.Glob(filepath.Join(f.dir, ".zhen-export-*"))
	if len(left) != 0 {
		t.Errorf("left behind: %v", left)
	}
}
