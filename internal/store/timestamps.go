package store

import (
	"fmt"
	"time"
)

// unitColumnsSQLite are unitColumns with the times read as text: the
// driver would parse each of the three per row by trying layout after
// layout with time.Parse, ≈ a sixth of an export's reading; parseTime
// reads the one layout it writes directly.
const unitColumnsSQLite = "clauses.id, clauses.document_id, clauses.position, clauses.source, clauses.target, clauses.status, " +
	"clauses.version, clauses.updated_by, CAST(clauses.updated_at AS TEXT), CAST(clauses.created_at AS TEXT), clauses.approved_target, clauses.approved_by, CAST(clauses.approved_at AS TEXT)"

// sqliteTimeLayouts are the layouts the SQLite driver reads times in, the
// first being the one it writes.
var sqliteTimeLayouts = []string{
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02T15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02",
}

// parseTime reads a time as the SQLite driver stores it,
// YYYY-MM-DD HH:MM:SS[.fraction][±HH:MM|Z], into UTC; anything else
// through the driver's layouts.
func parseTime(b []byte) (time.Time, error) {
	if t, ok := parseTimeFast(b); ok {
		return t, nil
	}
	s := string(b)
	for _, layout := range sqliteTimeLayouts {
		if t, err := time.Parse(layout, trimZ(s)); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("a stored time %q is in no layout Zhen knows", s)
}

func trimZ(s string) string {
	if len(s) > 0 && s[len(s)-1] == 'Z' {
		return s[:len(s)-1]
	}
	return s
}

func parseTimeFast(b []byte) (time.Time, bool) {
	if len(b) < 19 || b[4] != '-' || b[7] != '-' || b[10] != ' ' && b[10] != 'T' || b[13] != ':' || b[16] != ':' {
		return time.Time{}, false
	}
	num := func(p []byte) (int, bool) {
		n := 0
		for _, c := range p {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var f [6]int
	for k, p := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		v, ok := num(b[p[0]:p[1]])
		if !ok {
			return time.Time{}, false
		}
		f[k] = v
	}
	i, nsec := 19, 0
	if i < len(b) && b[i] == '.' {
		i++
		digits := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
			if digits < 9 {
				nsec = nsec*10 + int(b[i]-'0')
				digits++
			}
		}
		if digits == 0 {
			return time.Time{}, false
		}
		for ; digits < 9; digits++ {
			nsec *= 10
		}
	}
	offset := 0
	switch {
	case i == len(b):
	case b[i] == 'Z' && i+1 == len(b):
	case (b[i] == '+' || b[i] == '-') && len(b) == i+6 && b[i+3] == ':':
		hh, ok1 := num(b[i+1 : i+3])
		mm, ok2 := num(b[i+4 : i+6])
		if !ok1 || !ok2 {
			return time.Time{}, false
		}
		offset = hh*3600 + mm*60
		if b[i] == '-' {
			offset = -offset
		}
	default:
		return time.Time{}, false
	}
	if f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false // let time.Parse say what is wrong
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], nsec, time.UTC)
	return t.Add(-time.Duration(offset) * time.Second), true
}

// readTimes sets c's times from their stored text (approvedAt empty: none).
func (c *Clause) readTimes(updatedAt, createdAt, approvedAt []byte) error {
	var err error
	if c.UpdatedAt, err = parseTime(updatedAt); err != nil {
		return err
	}
	if c.CreatedAt, err = parseTime(createdAt); err != nil {
		return err
	}
	c.ApprovedAt = nil
	if approvedAt != nil {
		t, err := parseTime(approvedAt)
		if err != nil {
			return err
		}
		c.ApprovedAt = &t
	}
	return nil
}
