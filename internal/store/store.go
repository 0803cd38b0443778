package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/zhen-workbench/zhen/internal/fault"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// Store is Zhen's database. SQLite allows one writer at a time, so writes go
// through a pool of one connection (no "database is locked" under load) and
// reads through a small pool of their own; PostgreSQL uses one pool for both.
type Store struct {
	w, r    *gorm.DB
	Dialect string // "sqlite" or "postgres"
	search  string // how concordance searches run (see prepareSearch); "" = scan
}

// ErrNotFound matches every not-found error the store returns (a
// *fault.NotFound naming what was missing).
var ErrNotFound = fault.ErrNotFound

// clauseConflict says a write named a version of c that is no longer the
// newest; c is the clause as it is now.
func clauseConflict(c Clause) error {
	return &fault.Conflict{Current: c, Message: fmt.Sprintf("clause %d was changed by %s since you opened it (now version %d): compare and choose", c.Position+1, orUnknown(c.UpdatedBy), c.Version)}
}

func orUnknown(s string) string {
	if s == "" {
		return "someone"
	}
	return s
}

// Open opens (creating if needed) the database named by dsn and brings its
// schema up to date. A dsn starting with postgres:// or postgresql:// selects
// PostgreSQL; anything else is a SQLite file path.
func Open(dsn string) (*Store, error) {
	if isKeyValueDSN(dsn) {
		return nil, errors.New("the database looks like a PostgreSQL key=value connection string (" + RedactDSN(dsn) +
			"): give it as a URL, postgres://USER:PASSWORD@HOST:5432/DBNAME?sslmode=…, preferably in ZHEN_DB")
	}
	s, err := open(dsn)
	return s, withoutPassword(dsn, err)
}

func open(dsn string) (*Store, error) {
	cfg := &gorm.Config{Logger: slowLog{}, TranslateError: true}
	s := &Store{}
	if isPostgres(dsn) {
		db, err := gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open PostgreSQL: %w", err)
		}
		s.w, s.r, s.Dialect = db, db, "postgres"
	} else {
		if dsn == "" {
			return nil, errors.New("no database given: use --db FILE or --db postgres://…")
		}
		w, err := gorm.Open(sqlite.Open(sqliteDSN(dsn, "immediate")), cfg)
		if err != nil {
			return nil, openError(dsn, fmt.Errorf("open SQLite %s: %w", dsn, err))
		}
		sqlW, _ := w.DB()
		sqlW.SetMaxOpenConns(1)
		r, err := gorm.Open(sqlite.Open(sqliteDSN(dsn, "deferred")), cfg)
		if err != nil {
			return nil, fmt.Errorf("open SQLite %s: %w", dsn, err)
		}
		sqlR, _ := r.DB()
		sqlR.SetMaxOpenConns(4)
		s.w, s.r, s.Dialect = w, r, "sqlite"
	}
	if err := s.w.Exec("SELECT 1").Error; err != nil {
		s.Close()
		return nil, openError(dsn, fmt.Errorf("connect to database: %w", err))
	}
	if err := migrate(s.w); err != nil {
		s.Close()
		return nil, openError(dsn, err)
	}
	if err := ensureDocumentCounts(s.w, s.Dialect == "postgres"); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.prepareSearch(); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// openError says what to do when the database cannot be written to at all.
// A SQLite file that cannot be opened for writing often fails with a
// vaguer error (no such file, cannot open), so its writability is asked of
// the file system too.
func openError(dsn string, err error) error {
	name, readOnly := dsn, IsReadOnly(err)
	if strings.HasPrefix(dsn, "postgres") {
		name = "on PostgreSQL"
	} else {
		readOnly = readOnly || !writable(dsn)
	}
	switch {
	case readOnly:
		return fmt.Errorf("the database %s is read-only (the file, its directory or its file system): Zhen writes to it, so make it writable, or copy it somewhere writable and use that: %w", name, err)
	case IsDiskFull(err):
		return fmt.Errorf("the disk of the database %s is full: free space, then start again: %w", name, err)
	}
	return err
}

// writable says whether a SQLite database file and its directory (where
// the journal goes) can be written: a read-only file system says no even
// to root.
func writable(path string) bool {
	for _, p := range []string{path, filepath.Dir(path)} {
		if err := syscall.Access(p, 2 /* W_OK */); err != nil && !errors.Is(err, syscall.ENOENT) {
			return false
		}
	}
	return true
}

func sqliteDSN(path, txlock string) string {
	return "file:" + (&url.URL{Path: path}).EscapedPath() +
		"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=NORMAL&_txlock=" + txlock + cacheOf(txlock)
}

// Close releases the database.
func (s *Store) Close() error {
	var errs []error
	for _, db := range []*gorm.DB{s.w, s.r} {
		if db == nil {
			continue
		}
		if sqlDB, err := db.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
		if s.r == s.w {
			break
		}
	}
	return errors.Join(errs...)
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.r.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

func now() time.Time { return time.Now().UTC() }

// Backup writes a consistent copy of a SQLite database to path while it
// stays in use (VACUUM INTO reads one snapshot; writers go on). The copy
// is made beside path and renamed, so a failed backup never leaves half a
// file. PostgreSQL databases are backed up with pg_dump instead.
func (s *Store) Backup(ctx context.Context, path string) error {
	if s.Dialect != "sqlite" {
		return errors.New("this is a PostgreSQL database: back it up with pg_dump (see docs/DEPLOY.md)")
	}
	tmp := path + ".part"
	os.Remove(tmp)
	if err := s.r.WithContext(ctx).Exec("VACUUM INTO ?", tmp).Error; err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// IntegrityCheck runs SQLite's integrity check ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	if s.Dialect != "sqlite" {
		return "ok", nil
	}
	var out string
	err := s.r.WithContext(ctx).Raw("PRAGMA integrity_check").Scan(&out).Error
	return out, err
}

// cacheOf is the page cache of a connection: the one writer keeps 32 MB,
// so that a large transaction (an import, a full recompute) does not spill
// SQLite's default 2 MB to the file at every step; readers keep the default.
func cacheOf(txlock string) string {
	if txlock == "immediate" {
		return "&_cache_size=-32768"
	}
	return ""
}
