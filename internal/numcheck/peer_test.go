package numcheck

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

// writeTMX writes the test set as a minimal TMX 1.4 file, one tu per pair,
// its id as the tuid so that pofilter's verdicts can be matched back.
func writeTMX(t *testing.T, path string, ps []pair) {
	t.Helper()
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
<header creationtool="zhen-numcheck-test" creationtoolversion="1" segtype="sentence" o-tmf="zhen" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>
<body>
`)
	for _, p := range ps {
		b.WriteString(`<tu tuid="` + p.ID + `"><tuv xml:lang="zh-CN"><seg>`)
		xml.EscapeText(&b, []byte(p.ZH))
		b.WriteString(`</seg></tuv><tuv xml:lang="en-US"><seg>`)
		xml.EscapeText(&b, []byte(p.EN))
		b.WriteString("</seg></tuv></tu>\n")
	}
	b.WriteString("</body>\n</tmx>\n")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

var pofilterUnit = regexp.MustCompile(`(?m)^pofilter tuid=(\S+) `)

// TestPeerPofilter runs translate-toolkit's `numbers` check (pofilter, via
// the shared validators) over the same test set and puts its score beside
// Zhen's. Run with -v to see both; docs/NUMBERS.md records them.
func TestPeerPofilter(t *testing.T) {
	testkit.ValidatorsDir(t) // skips when ../shared/validators is absent
	ps := loadPairs(t)
	file := filepath.Join(t.TempDir(), "pairs.tmx")
	writeTMX(t, file, ps)
	if out, code := testkit.RunValidator(t, "validate_tmx.sh", file); code != 0 {
		t.Fatalf("the test TMX is not valid:\n%s", out)
	}
	out, code := testkit.RunValidator(t, "peer_check_tmx.py", file, "--checks", "numbers")
	if code != 0 {
		t.Fatalf("peer_check_tmx.py failed (exit %d):\n%s", code, out)
	}
	flagged := map[string]bool{}
	for _, m := range pofilterUnit.FindAllStringSubmatch(out, -1) {
		flagged[m[1]] = true
	}
	var zhen, peer score
	for _, p := range ps {
		_, z := Compare(p.ZH, p.EN)
		zhen.add(p.Wrong, z)
		peer.add(p.Wrong, flagged[p.ID])
	}
	t.Logf("%d pairs (%d wrong)", len(ps), zhen.truePos+zhen.misses)
	t.Logf("Zhen:              %3d false alarms, %3d misses, precision %.3f, recall %.3f",
		zhen.falseAlarms, zhen.misses, zhen.precision(), zhen.recall())
	t.Logf("pofilter -t numbers: %3d false alarms, %3d misses, precision %.3f, recall %.3f",
		peer.falseAlarms, peer.misses, peer.precision(), peer.recall())
	if len(flagged) == 0 {
		t.Fatalf("pofilter flagged nothing: is the output format still %q?\n%s", pofilterUnit, out)
	}
	if zhen.falseAlarms > peer.falseAlarms || zhen.misses > peer.misses {
		t.Errorf("Zhen does worse than pofilter on its own test set")
	}
}
