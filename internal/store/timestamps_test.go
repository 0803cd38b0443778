package store

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestParseTimeAgreesWithTimeParse checks the fast reading of stored times
// against time.Parse on the layouts the driver writes and reads.
func TestParseTimeAgreesWithTimeParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	zones := []*time.Location{time.UTC, time.FixedZone("", 8*3600), time.FixedZone("", -(3*3600 + 30*60))}
	for range 5000 {
		want := time.Date(1990+rng.IntN(60), time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), rng.IntN(60), rng.IntN(1e9), zones[rng.IntN(len(zones))])
		for _, layout := range sqliteTimeLayouts[:2] {
			s := want.Format(layout)
			got, err := parseTime([]byte(s))
			if err != nil || !got.Equal(want) || got.Location() != time.UTC {
				t.Fatalf("parseTime(%q) = %v %v, want %v", s, got, err, want)
			}
		}
	}
	for s, want := range map[string]time.Time{
		"2026-12-01 10:00:00Z":        time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		"2026-12-01T10:00:00.5+01:00": time.Date(2026, 12, 1, 9, 0, 0, 5e8, time.UTC),
		"2026-12-01 10:00":            time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC),
		"2026-12-01":                  time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
	} {
		if got, err := parseTime([]byte(s)); err != nil || !got.Equal(want) {
			t.Errorf("parseTime(%q) = %v %v, want %v", s, got, err, want)
		}
	}
	for _, bad := range []string{"", "yesterday", "2026-13-01 10:00:00", "2026-12-01 10:00:00+0100x"} {
		if _, err := parseTime([]byte(bad)); err == nil {
			t.Errorf("parseTime(%q) took it", bad)
		}
	}
}
