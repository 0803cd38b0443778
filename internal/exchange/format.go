package exchange

import (
	"fmt"
	"io"
	"iter"
	"strings"
)

// Format is an export format.
type Format string

// The formats Zhen exports.
const (
	FormatTMX Format = "tmx"
	FormatCSV Format = "csv"
)

// ParseFormat reads a format name as users type it.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatTMX, FormatCSV:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: use tmx or csv", s)
}

// ContentType is the MIME type of the format's files.
func (f Format) ContentType() string {
	if f == FormatCSV {
		return "text/csv; charset=utf-8"
	}
	return "application/x-tmx+xml; charset=utf-8"
}

// Ext is the file name extension, with its dot.
func (f Format) Ext() string { return "." + string(f) }

// Write streams units in format f. CSV carries a BOM so that Excel shows
// the Chinese; TMX leaves out clauses without English.
func Write(w io.Writer, f Format, units iter.Seq2[Unit, error], opt TMXOptions) (int, error) {
	if f == FormatCSV {
		return WriteCSV(w, true, units)
	}
	return WriteTMX(w, opt, units)
}
