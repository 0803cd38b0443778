package store

import (
	"errors"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
)

// IsDiskFull says whether err is the database's disk (or its size limit)
// being full, on SQLite or PostgreSQL: a write failed and was rolled back,
// and will keep failing until space is freed.
func IsDiskFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrFull || se.ExtendedCode == sqlite3.ErrIoErrWrite && errors.Is(se.SystemErrno, syscall.ENOSPC)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "53100" // disk_full
	}
	return errors.Is(err, syscall.ENOSPC)
}

// IsReadOnly says whether err is the database refusing writes: a file or
// file system mounted read-only, or a PostgreSQL standby.
func IsReadOnly(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrReadonly || errors.Is(se.SystemErrno, syscall.EROFS)
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "25006" // read_only_sql_transaction
	}
	return errors.Is(err, syscall.EROFS)
}
