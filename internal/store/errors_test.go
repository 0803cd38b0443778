package store

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
)

// TestDiskFullIsToldAndLosesNothing caps a SQLite database at its size, as
// a full disk does: an import that needs more space fails as IsDiskFull,
// leaves nothing half-imported and the database intact, and works once
// there is room again.
func TestDiskFullIsToldAndLosesNothing(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	mustImport(t, s, testDoc("小", "双方愿进一步加强合作。"))
	var pages int
	if err := s.w.Raw("PRAGMA page_count").Scan(&pages).Error; err != nil {
		t.Fatal(err)
	}
	if err := s.w.Exec(fmt.Sprintf("PRAGMA max_page_count = %d", pages)).Error; err != nil {
		t.Fatal(err)
	}
	var paras []string
	for i := range 3000 {
		paras = append(paras, fmt.Sprintf("第%d条。双方同意进一步加强务实合作，共同应对第%d项挑战。", i, i))
	}
	_, err = s.ImportDocuments(ctx, "big.txt", []segment.Document{testDoc("大", paras...)})
	if err == nil || !IsDiskFull(err) || IsReadOnly(err) {
		t.Fatalf("import into a full database: %v (disk full: %v)", err, IsDiskFull(err))
	}
	if n, _ := s.CountDocuments(ctx); n != 1 {
		t.Fatalf("%d documents after the failed import, want the 1 from before", n)
	}
	var check string
	if err := s.w.Raw("PRAGMA integrity_check").Scan(&check).Error; err != nil || check != "ok" {
		t.Fatalf("integrity %q %v", check, err)
	}
	if err := s.w.Exec("PRAGMA max_page_count = 1073741823").Error; err != nil {
		t.Fatal(err)
	}
	if got := mustImport(t, s, testDoc("大", paras...)); got[0].Clauses != 6000 {
		t.Fatalf("import after freeing space: %+v", got)
	}
	if !strings.Contains(fmt.Sprint(err), "full") {
		t.Fatalf("the error does not say the disk is full: %v", err)
	}
}

// TestOpenReadOnlySaysSo opens a database on a file system mounted
// read-only (a bind mount; skipped where the test may not mount).
func TestOpenReadOnlySaysSo(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, testDoc("小", "双方愿进一步加强合作。"))
	s.Close()
	ro := t.TempDir()
	if out, err := exec.Command("mount", "--bind", dir, ro).CombinedOutput(); err != nil {
		t.Skipf("cannot bind-mount here (%v: %s): the read-only test needs root with CAP_SYS_ADMIN", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", ro).Run() })
	if out, err := exec.Command("mount", "-o", "remount,ro,bind", ro).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	_, err = Open(filepath.Join(ro, "zhen.db"))
	if err == nil || !strings.Contains(err.Error(), "is read-only") || !strings.Contains(err.Error(), "make it writable") {
		t.Fatalf("opening on a read-only file system: %v", err)
	}
}
