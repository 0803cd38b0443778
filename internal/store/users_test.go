package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/zhen-workbench/zhen/internal/testkit"
)

func TestLookAlikeUserNamesAreRefused(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		add := func(name string) error {
			_, err := s.CreateUser(ctx, NewUser{Username: name, PasswordHash: "$2a$x", Role: "viewer"}, "root")
			return err
		}
		for _, name := range []string{"admin", "li.wei", "admins"} {
			if err := add(name); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		for name, existing := range map[string]string{"adm1n": "admin", "ad.min": "admin", "adrnin": "admin", "admln": "admin", "ad_m1n": "admin",
			"liwei": "li.wei", "li_wei": "li.wei", "l1.wei": "li.wei", "admlns": "admins"} {
			err := add(name)
			var la *LookAlikeError
			if !errors.As(err, &la) || la.Name != name || la.Existing != existing || errors.Is(err, ErrExists) {
				t.Errorf("%s: %v, want a look-alike of %s", name, err, existing)
				continue
			}
			if msg := err.Error(); !strings.Contains(msg, "existing user "+existing) || !strings.Contains(msg, name) {
				t.Errorf("%s: the message does not name both users: %s", name, msg)
			}
		}
		if err := add("admin"); !errors.Is(err, ErrExists) {
			t.Errorf("admin again: %v", err)
		}
		// Not ASCII (Cyrillic а), or not in the stored form: refused here too.
		for _, name := range []string{"аdmin", "Admin", " admin"} {
			if err := add(name); err == nil {
				t.Errorf("%q accepted", name)
			}
		}
		us, err := s.ListUsers(ctx)
		if err != nil || len(us) != 3 {
			t.Fatalf("users %+v %v", us, err)
		}
		log, _ := s.AuditLog(ctx, 100)
		if len(log) != 3 {
			t.Errorf("refused creates are in the audit log: %+v", log)
		}
	})
}

// Two servers creating look-alike names at the same moment: only one gets
// it, whatever the timing (on PostgreSQL the unique index decides), and
// the other is told which user won.
func TestConcurrentLookAlikeCreates(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for round := range 5 {
			names := []string{"wang.fang", "wangfang", "wang_fang", "vvang.fang", "wang-fang", "vvangfang", "wang.fang", "wangfang"}
			for i := range names {
				names[i] += fmt.Sprint(round)
			}
			var wg sync.WaitGroup
			errs := make([]error, len(names))
			start := make(chan struct{})
			for i, name := range names {
				wg.Go(func() {
					<-start
					_, errs[i] = s.CreateUser(ctx, NewUser{Username: name, PasswordHash: "$2a$x", Role: "viewer"}, "root")
				})
			}
			close(start)
			wg.Wait()
			created := 0
			for i, err := range errs {
				var la *LookAlikeError
				switch {
				case err == nil:
					created++
				case errors.As(err, &la) || errors.Is(err, ErrExists):
				default:
					t.Errorf("%s: %v", names[i], err)
				}
			}
			if created != 1 {
				t.Fatalf("round %d: %d look-alike users created, want 1: %v", round, created, errs)
			}
		}
	})
}

// A database from before the skeleton column, with two names that already
// look alike, opens: the earlier user gets the skeleton, the later keeps
// NULL, and new look-alikes of either are refused.
func TestSkeletonMigrationKeepsExistingLookAlikes(t *testing.T) {
	for _, d := range oldSchemaDialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			dsn, old := d.migratedTo(t, 4)
			for _, name := range []string{"admin", "adm1n", "li.wei", "王芳", "аdmin"} {
				if err := old.Exec("INSERT INTO users (username, password_hash, role, disabled, created_at, updated_at) VALUES (?, 'h', 'viewer', ?, ?, ?)",
					name, false, time.Now().UTC(), time.Now().UTC()).Error; err != nil {
					t.Fatal(err)
				}
			}

			s := upgraded(t, dsn, old)
			var rows []struct {
				Username     string
				NameSkeleton *string
			}
			s.r.Raw("SELECT username, name_skeleton FROM users ORDER BY id").Scan(&rows)
			got := []string{}
			for _, r := range rows {
				sk := "NULL"
				if r.NameSkeleton != nil {
					sk = *r.NameSkeleton
				}
				got = append(got, r.Username+"="+sk)
			}
			if want := "admin=admln adm1n=NULL li.wei=llwel 王芳=王芳 аdmin=NULL"; strings.Join(got, " ") != want {
				t.Fatalf("skeletons %s, want %s", strings.Join(got, " "), want)
			}
			ctx := context.Background()
			for name, existing := range map[string]string{"ad.min": "admin", "l1wei": "li.wei"} {
				var la *LookAlikeError
				if _, err := s.CreateUser(ctx, NewUser{Username: name, PasswordHash: "h", Role: "viewer"}, "root"); !errors.As(err, &la) || la.Existing != existing {
					t.Errorf("%s: %v, want a look-alike of %s", name, err, existing)
				}
			}
			// The existing users can still be found, and a new distinct one made.
			if u, err := s.UserByName(ctx, "adm1n"); err != nil || u.Username != "adm1n" {
				t.Errorf("adm1n: %+v %v", u, err)
			}
			if _, err := s.CreateUser(ctx, NewUser{Username: "wang.fang", PasswordHash: "h", Role: "viewer"}, "root"); err != nil {
				t.Error(err)
			}
		})
	}
}

// oldSchemaDialects open a fresh database of each kind migrated only up to
// a version, as an older Zhen left it, to test the migrations after it.
var oldSchemaDialects = []oldSchema{
	{"sqlite", func(t *testing.T) string { return filepath.Join(t.TempDir(), "zhen.db") }, func(dsn string) gorm.Dialector { return sqlite.Open(sqliteDSN(dsn, "immediate")) }},
	{"postgres", func(t *testing.T) string { return testkit.PostgresDSN(t) }, postgres.Open},
}

type oldSchema struct {
	name string
	dsn  func(t *testing.T) string
	open func(dsn string) gorm.Dialector
}

// migratedTo is a new database at schema version v: its name for Open,
// and a connection to fill it as that version's Zhen would.
func (d oldSchema) migratedTo(t *testing.T, v int) (string, *gorm.DB) {
	t.Helper()
	dsn := d.dsn(t)
	old, err := gorm.Open(d.open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := old.AutoMigrate(&schemaMigration{}); err != nil {
		t.Fatal(err)
	}
	for k := 1; k <= v; k++ {
		if err := migrations[k-1](old); err != nil {
			t.Fatal(err)
		}
		old.Create(&schemaMigration{Version: k, AppliedAt: time.Now().UTC()})
	}
	return dsn, old
}

// upgraded closes the old version's connection and opens the database as
// this version does, migrating it.
func upgraded(t *testing.T, dsn string, old *gorm.DB) *Store {
	t.Helper()
	if sqlDB, err := old.DB(); err == nil {
		sqlDB.Close()
	}
	s, err := Open(dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
