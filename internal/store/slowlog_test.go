package store

import (
	"bytes"
	"errors"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
)

// TestSlowQueriesAreLoggedWithoutValues: a statement slower than SlowQuery
// is logged at warn with its placeholders, never the values it was given.
func TestSlowQueriesAreLoggedWithoutValues(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "zhen.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var buf bytes.Buffer
	old, oldSlow := slog.Default(), SlowQuery
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelWarn})))
	SlowQuery = 0 // every statement is slow
	defer func() { slog.SetDefault(old); SlowQuery = oldSlow }()
	const secret = "token-hash-that-must-not-be-logged"
	if _, err := s.LiveSession(t.Context(), secret); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	log := buf.String()
	if !strings.Contains(log, "level=WARN msg=\"slow query\"") || !strings.Contains(log, "token_hash = ?") || strings.Contains(log, secret) {
		t.Fatalf("log:\n%s", log)
	}
}
