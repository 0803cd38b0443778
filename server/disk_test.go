package server

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
)

// smallDisk mounts a tmpfs of size bytes for the test: a real file system
// that fills up, and can be remounted read-only. It needs root with the
// right to mount; elsewhere the test skips, saying so.
func smallDisk(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a small tmpfs here (%v: %s): the full and read-only disk tests need root with CAP_SYS_ADMIN", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestFullDiskGivesAClearError fills a real (tmpfs) disk: saves and imports
// answer 507 disk_full with what to do, nothing is half-written, reads go
// on, and once space is freed writes work again.
func TestFullDiskGivesAClearError(t *testing.T) {
	dir := smallDisk(t, "16m")
	e := newEnvIn(t, dir)
	id := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=5", id), nil, 200, &page)
	// Fill the disk to the last byte with a file of its own.
	filler := filepath.Join(dir, "filler")
	f, err := os.Create(filler)
	if err != nil {
		t.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for {
		if _, err := f.Write(chunk); err != nil {
			break
		}
	}
	f.Close()
	// Big enough that SQLite must grow its files.
	var lines []string
	for i := range 4000 {
		lines = append(lines, fmt.Sprintf("第%d条。双方同意进一步加强务实合作，共同应对第%d项挑战。", i, i))
	}
	rec := e.as("translator").upload("big.txt", []byte("满盘测试声明\n\n"+strings.Join(lines, "\n")))
	if rec.Code != 507 || errCode(t, rec) != "disk_full" || !strings.Contains(rec.Body.String(), "free space") {
		t.Fatalf("import on a full disk: %d %s", rec.Code, rec.Body)
	}
	var docs struct{ Documents []store.DocumentSummary }
	e.json("GET", "/api/v1/documents", nil, 200, &docs) // reads go on
	if len(docs.Documents) != 5 {
		t.Fatalf("%d documents after the failed import", len(docs.Documents))
	}
	os.Remove(filler)
	rec = e.as("translator").upload("big.txt", []byte("满盘测试声明\n\n"+strings.Join(lines, "\n")))
	if rec.Code != 201 {
		t.Fatalf("import after freeing space: %d %s", rec.Code, rec.Body)
	}
}
