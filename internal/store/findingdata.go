package store

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
)

// A stored finding's fields (findings.data), each as its length in bytes,
// a colon and its text, in a fixed order: read back without a JSON parser
// (two million findings: json.Unmarshal was 5.6 s of zhen check's 13.9).
// After the message come the code, the number of params and each param's
// name and value, the names sorted.
// A change of this form needs a new qa.RulesVersion, so that the stored
// findings are written again before they are read.

// encodeFinding is f in the stored form.
func encodeFinding(f glossary.Finding) string {
	fields := [...]string{f.Kind, f.Severity, strconv.FormatUint(uint64(f.ClauseID), 10), strconv.FormatUint(uint64(f.DocumentID), 10),
		f.Source, f.Target, f.Term, f.Expected, f.Found, f.Message, f.Code, strconv.Itoa(len(f.Params))}
	names := make([]string, 0, len(f.Params))
	for k := range f.Params {
		names = append(names, k)
	}
	slices.Sort(names)
	n := 0
	for _, s := range fields {
		n += len(s) + 4
	}
	for _, k := range names {
		n += len(k) + len(f.Params[k]) + 8
	}
	var b strings.Builder
	b.Grow(n)
	put := func(s string) {
		b.WriteString(strconv.Itoa(len(s)))
		b.WriteByte(':')
		b.WriteString(s)
	}
	for _, s := range fields {
		put(s)
	}
	for _, k := range names {
		put(k)
		put(f.Params[k])
	}
	return b.String()
}

var errFindingData = errors.New("a stored finding does not read back (written by another version: run zhen check --recompute)")

// decodeFinding reads the stored form of a finding into f.
func decodeFinding(data string, f *glossary.Finding) error {
	next := func() (string, bool) {
		colon := strings.IndexByte(data, ':')
		if colon < 0 {
			return "", false
		}
		n, err := strconv.Atoi(data[:colon])
		if err != nil || n < 0 || n > len(data)-colon-1 {
			return "", false
		}
		s := data[colon+1 : colon+1+n]
		data = data[colon+1+n:]
		return s, true
	}
	var fields [12]string
	for i := range fields {
		s, ok := next()
		if !ok {
			return errFindingData
		}
		fields[i] = s
	}
	clause, err1 := strconv.ParseUint(fields[2], 10, 64)
	document, err2 := strconv.ParseUint(fields[3], 10, 64)
	nparams, err3 := strconv.Atoi(fields[11])
	if err1 != nil || err2 != nil || err3 != nil || nparams < 0 || nparams > len(data) {
		return errFindingData
	}
	var params map[string]string
	if nparams > 0 {
		params = make(map[string]string, nparams)
		for range nparams {
			k, ok1 := next()
			v, ok2 := next()
			if !ok1 || !ok2 {
				return errFindingData
			}
			params[k] = v
		}
	}
	if data != "" {
		return errFindingData
	}
	*f = glossary.Finding{Kind: fields[0], Severity: fields[1], ClauseID: uint(clause), DocumentID: uint(document),
		Source: fields[4], Target: fields[5], Term: fields[6], Expected: fields[7], Found: fields[8], Message: fields[9],
		Code: fields[10], Params: params}
	return nil
}
