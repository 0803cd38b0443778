package exchange

import (
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
)

// Format is an export format.
type Format string

// The formats Zhen exports.
const (
	FormatTMX   Format = "tmx"
	FormatCSV   Format = "csv"
	FormatXLIFF Format = "xliff" // XLIFF 1.2, see xliff.go
)

// ParseFormat reads a format name as users type it: tmx, csv, or xliff
// (also xlf, its usual file extension).
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatTMX, FormatCSV, FormatXLIFF:
		return f, nil
	case "xlf":
		return FormatXLIFF, nil
	}
	return "", fmt.Errorf("unknown format %q: use tmx, csv or xliff", s)
}

// ContentType is the MIME type of the format's files.
func (f Format) ContentType() string {
	switch f {
	case FormatCSV:
		return "text/csv; charset=utf-8"
	case FormatTBX:
		return "application/x-tbx+xml; charset=utf-8"
	case FormatXLIFF:
		return "application/x-xliff+xml; charset=utf-8"
	}
	return "application/x-tmx+xml; charset=utf-8"
}

// Ext is the file name extension, with its dot: .xlf for XLIFF (what
// OmegaT and most CAT tools look for), else the format's name.
func (f Format) Ext() string {
	if f == FormatXLIFF {
		return ".xlf"
	}
	return "." + string(f)
}

// Write streams units in format f. CSV carries a BOM so that Excel shows
// the Chinese; TMX leaves out clauses without English; XLIFF keeps them,
// without a <target>. opt's ToolVersion, languages and time serve XLIFF too.
func Write(w io.Writer, f Format, units iter.Seq2[Unit, error], opt TMXOptions) (int, error) {
	switch f {
	case FormatCSV:
		return WriteCSV(w, true, units)
	case FormatXLIFF:
		//lint:ignore S1016 the two option types agree today by chance; a conversion would break when one gains a field
		return WriteXLIFF(w, XLIFFOptions{ToolVersion: opt.ToolVersion, SourceLang: opt.SourceLang, TargetLang: opt.TargetLang, Now: opt.Now}, units)
	}
	return WriteTMX(w, opt, units)
}

// FormatTBX is the glossary exchange format (TBX v3, TBX-Basic).
const FormatTBX Format = "tbx"

// ParseGlossaryFormat reads a glossary format name: csv or tbx.
func ParseGlossaryFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatCSV, FormatTBX:
		return f, nil
	}
	return "", fmt.Errorf("unknown glossary format %q: use csv or tbx", s)
}

// WriteGlossary streams a glossary as CSV (with a BOM, for Excel) or TBX,
// whose English is tagged targetLang (the corpus's target language; "" is en).
func WriteGlossary(w io.Writer, f Format, targetLang string, entries iter.Seq2[glossary.Entry, error]) (int, error) {
	if f == FormatCSV {
		return WriteGlossaryCSV(w, true, entries)
	}
	return WriteTBXLang(w, targetLang, entries)
}

// ReadGlossary reads a glossary file, choosing the format by its name:
// .csv or .tbx (.xml is taken as TBX).
func ReadGlossary(name string, r io.Reader) ([]glossary.Entry, error) {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".csv":
		return ReadGlossaryCSV(r)
	case ".tbx", ".xml":
		return ReadTBX(r)
	}
	return nil, fmt.Errorf("%s: a glossary file must be .csv or .tbx", name)
}
