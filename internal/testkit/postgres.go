package testkit

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// PostgresDSN returns a DSN for a fresh, empty schema on the PostgreSQL
// server named by ZHEN_TEST_POSTGRES (the test command starts one), and
// drops the schema when the test ends. Without a server the test is
// skipped, except under CI=true, where that is a failure.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("ZHEN_TEST_POSTGRES")
	if admin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI=true but ZHEN_TEST_POSTGRES is not set: the test command must start PostgreSQL")
		}
		t.Skip("ZHEN_TEST_POSTGRES not set (e.g. postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable): PostgreSQL tests skipped; .ci/test.sh starts a server")
	}
	b := make([]byte, 6)
	rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	db, err := gorm.Open(postgres.Open(admin), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	// pg_trgm, which the store adds, goes in public, once, for every test:
	// created in a test's own schema it would be invisible to the tests
	// running beside it, and dropped with that schema under them.
	db.Exec("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")
	if err := db.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db.Exec("DROP SCHEMA " + schema + " CASCADE")
		if sqlDB, err := db.DB(); err == nil {
			sqlDB.Close()
		}
	})
	sep := "?"
	if strings.Contains(admin, "?") {
		sep = "&"
	}
	return admin + sep + "search_path=" + schema + ",public"
}
