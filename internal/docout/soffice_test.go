package docout

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// need finds a program the LibreOffice test runs: without it the test
// skips, except in CI (CI=true), where it fails.
func need(t *testing.T, prog, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	if err == nil {
		return p
	}
	msg := fmt.Sprintf("%s not found: install %s (apt-get install -y --no-install-recommends %s) to open the DOCX in LibreOffice", prog, pkg, pkg)
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// LibreOffice opens both DOCX files of a seed statement and converts them
// to PDF; the PDF has pages, and its text the English title, a paragraph
// with its marker, a draft's note and the Chinese of the bilingual table.
// The first page of each is kept as a PNG under .e2e/ for a person to look
// at.
func TestLibreOfficeOpensDOCX(t *testing.T) {
	if testing.Short() {
		t.Skip("LibreOffice conversion: not in -short")
	}
	soffice := need(t, "soffice", "libreoffice-writer-nogui")
	pdftotext := need(t, "pdftotext", "poppler-utils")
	pdftoppm := need(t, "pdftoppm", "poppler-utils")
	pdfinfo := need(t, "pdfinfo", "poppler-utils")

	d, cs := seedDoc(t, 1, numbering.Arabic)
	for i := range cs {
		c := &cs[i]
		switch {
		case c.Kind == KindHeading:
		case c.Kind == KindSignature:
			c.Target, c.ApprovedTarget, c.Status = "(Signed)", "(Signed)", StatusApproved
		case i%5 == 4:
			c.Target, c.Status = fmt.Sprintf("A draft of clause %d, not yet approved.", i+1), "draft"
		default:
			c.Target, c.ApprovedTarget, c.Status = fmt.Sprintf("The two sides agree on clause %d.", i+1), fmt.Sprintf("The two sides agree on clause %d.", i+1), StatusApproved
		}
	}
	cs[len(cs)-1].Target, cs[len(cs)-1].ApprovedTarget = "Moscow, 16 June 2011", "Moscow, 16 June 2011"
	title := "Joint Statement of the People's Republic of China and the Russian Federation on the Current International Situation"
	s := Build(d, cs, Options{AllStatuses: true, Title: title})

	out := filepath.Join(testkit.RepoRoot(), ".e2e", "docout")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	profile := t.TempDir() // a LibreOffice profile of its own: other runs may use the default one
	for _, f := range []Format{DOCX, BilingualDOCX} {
		var b bytes.Buffer
		if err := Write(&b, f, s); err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(out, "statement"+f.FileSuffix())
		if err := os.WriteFile(name, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+profile, "--headless", "--convert-to", "pdf", "--outdir", out, name)
		cmd.WaitDelay = 5 * time.Second
		msg, err := cmd.CombinedOutput()
		cancel()
		if err != nil {
			t.Fatalf("soffice: %v\n%s", err, msg)
		}
		pdf := strings.TrimSuffix(name, ".docx") + ".pdf"
		info, err := exec.Command(pdfinfo, pdf).CombinedOutput()
		if err != nil {
			t.Fatalf("LibreOffice made no PDF of %s: %v\n%s\n%s", name, err, msg, info)
		}
		if !strings.Contains(string(info), "Pages:") || strings.Contains(string(info), "Pages:          0") {
			t.Fatalf("%s: no pages\n%s", pdf, info)
		}
		text, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		flat := strings.Join(strings.Fields(string(text)), " ")
		want := []string{"Joint Statement of the People's Republic of China", "1. The two sides agree on clause", "[draft]"}
		if f == BilingualDOCX {
			want = []string{"Chinese", "English", "Status", "双方指出", "The two sides agree on clause", "approved", "draft"}
		} else {
			want = append(want, "17 June 2011", "Moscow, 16 June 2011")
		}
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("%s: the PDF's text lacks %q:\n%s", f, w, text)
			}
		}
		png := strings.TrimSuffix(name, ".docx")
		if msg, err := exec.Command(pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", pdf, png).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, msg)
		}
		pngs, _ := filepath.Glob(png + "-*.png")
		if len(pngs) == 0 {
			t.Fatalf("pdftoppm made no image of %s", pdf)
		}
		t.Logf("%s: %s, pages as %v", f, pdf, pngs)
	}
}
