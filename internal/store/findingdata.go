package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
)

// A stored finding's fields (findings.data), each as its length in bytes,
// a colon and its text, in a fixed order: read back without a JSON parser
// (two million findings: json.Unmarshal was 5.6 s of zhen check's 13.9).
// A change of this form needs a new qa.RulesVersion, so that the stored
// findings are written again before they are read.

// encodeFinding is f in the stored form.
func encodeFinding(f glossary.Finding) string {
	fields := [...]string{f.Kind, f.Severity, strconv.FormatUint(uint64(f.ClauseID), 10), strconv.FormatUint(uint64(f.DocumentID), 10),
		f.Source, f.Target, f.Term, f.Expected, f.Found, f.Message}
	n := 0
	for _, s := range fields {
		n += len(s) + 4
	}
	var b strings.Builder
	b.Grow(n)
	for _, s := range fields {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	return b.String()
}

var errFindingData = errors.New("a stored finding does not read back (written by another version: run zhen check --recompute)")

// decodeFinding reads the stored form of a finding into f.
func decodeFinding(data string, f *glossary.Finding) error {
	var fields [10]string
	for i := range fields {
		colon := strings.IndexByte(data, ':')
		if colon < 0 {
			return errFindingData
		}
		n, err := strconv.Atoi(data[:colon])
		if err != nil || n < 0 || n > len(data)-colon-1 {
			return errFindingData
		}
		fields[i], data = data[colon+1:colon+1+n], data[colon+1+n:]
	}
	if data != "" {
		return errFindingData
	}
	clause, err1 := strconv.ParseUint(fields[2], 10, 64)
	document, err2 := strconv.ParseUint(fields[3], 10, 64)
	if err1 != nil || err2 != nil {
		return errFindingData
	}
	*f = glossary.Finding{Kind: fields[0], Severity: fields[1], ClauseID: uint(clause), DocumentID: uint(document),
		Source: fields[4], Target: fields[5], Term: fields[6], Expected: fields[7], Found: fields[8], Message: fields[9]}
	return nil
}
