package exchange

import (
	"bytes"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// seqOf yields units the way a streamed database query would.
func seqOf(units []Unit) iter.Seq2[Unit, error] {
	return func(yield func(Unit, error) bool) {
		for _, u := range units {
			if !yield(u, nil) {
				return
			}
		}
	}
}

// writeFile writes data to a new file in a test's temporary directory.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// syntheticUnit is a plausible clause: a Chinese sentence of some 40
// characters and its English of some 120 bytes, with a few characters that
// need escaping.
func syntheticUnit(i int) Unit {
	id := strconv.Itoa(i)
	at := time.Date(2026, 11, 3, 9, 30, 0, 0, time.UTC).Add(time.Duration(i) * time.Second)
	return Unit{
		ClauseID:      uint(i + 1),
		DocumentID:    uint(i/400 + 1),
		DocumentTitle: "中华人民共和国和俄罗斯联邦联合声明",
		Index:         i % 400,
		Source:        "双方将继续在上海合作组织、金砖国家和二十国集团框架内加强协调与配合，第" + id + "条。",
		Target:        `The two sides will keep coordinating within the SCO, BRICS & the G20 ("framework" ` + id + `).`,
		Status:        "approved",
		CreatedAt:     at,
		UpdatedAt:     at.Add(time.Hour),
		UpdatedBy:     "reviewer",
		Version:       i%5 + 1,
		CreatedBy:     "translator",
		ChangedBy:     "reviser",
		ChangedAt:     at.Add(time.Minute),
		ApprovedBy:    "reviewer",
		ApprovedAt:    at.Add(time.Hour),
	}
}

var longText = strings.Repeat("全面战略协作伙伴关系 comprehensive strategic partnership; ", 1500)

// checkXMLOutput checks what every XML export must be: valid UTF-8, only
// characters XML 1.0 allows, and segment markup escaped (the test units
// carry <script> and <b>).
func checkXMLOutput(t *testing.T, out []byte) {
	t.Helper()
	if !utf8.Valid(out) {
		t.Error("output is not valid UTF-8")
	}
	for i, r := range string(out) {
		if !isXMLChar(r) {
			t.Fatalf("character %U at byte %d is not allowed in XML", r, i)
		}
	}
	if bytes.Contains(out, []byte("<script>")) || bytes.Contains(out, []byte("<b>")) {
		t.Error("markup from a segment reached the file unescaped")
	}
}
