package exchange

import (
	"bytes"
	"strings"
	"testing"
)

func TestFormats(t *testing.T) {
	tests := []struct {
		in          string
		want        Format
		contentType string
		ext         string
		starts      string // what Write produces
	}{
		{"tmx", FormatTMX, "application/x-tmx+xml; charset=utf-8", ".tmx", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx"},
		{" CSV ", FormatCSV, "text/csv; charset=utf-8", ".csv", "\uFEFFdocument,clause_id"},
		{"xliff", FormatXLIFF, "application/x-xliff+xml; charset=utf-8", ".xlf", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\""},
		{"XLF", FormatXLIFF, "application/x-xliff+xml; charset=utf-8", ".xlf", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff version=\"1.2\""},
	}
	for _, tt := range tests {
		f, err := ParseFormat(tt.in)
		if err != nil || f != tt.want {
			t.Errorf("ParseFormat(%q) = %q, %v; want %q", tt.in, f, err, tt.want)
			continue
		}
		if f.ContentType() != tt.contentType || f.Ext() != tt.ext {
			t.Errorf("%s: content type %q, ext %q; want %q, %q", f, f.ContentType(), f.Ext(), tt.contentType, tt.ext)
		}
		var buf bytes.Buffer
		if n, err := Write(&buf, f, seqOf([]Unit{syntheticUnit(0)}), TMXOptions{ToolVersion: "v1"}); err != nil || n != 1 {
			t.Errorf("Write %s: n, err = %d, %v", f, n, err)
		}
		if !strings.HasPrefix(buf.String(), tt.starts) {
			t.Errorf("Write %s wrote %.80q", f, buf.String())
		}
	}
	if _, err := ParseFormat("docx"); err == nil || !strings.Contains(err.Error(), "tmx, csv or xliff") {
		t.Errorf("ParseFormat(docx): %v", err)
	}
	// XLIFF keeps clauses without English (TMX leaves them out).
	var buf bytes.Buffer
	if n, _ := Write(&buf, FormatXLIFF, seqOf([]Unit{{ClauseID: 1, Source: "未译"}}), TMXOptions{}); n != 1 || !strings.Contains(buf.String(), `tool-name="Zhen"/>`) {
		t.Errorf("Write xliff of an untranslated clause: n = %d\n%s", n, buf.String())
	}
}
