package store

import (
	"context"
	"log/slog"
	"time"

	"gorm.io/gorm/logger"
)

// SlowQuery is how long a statement may take before it is logged at warn.
var SlowQuery = 500 * time.Millisecond

// slowLog is the store's query log: only statements slower than SlowQuery,
// at warn, with their placeholders and never their values (which hold
// token hashes and people's text). Errors are the callers' to report: a
// conflict or a cancelled request is no news for the log.
type slowLog struct{}

func (slowLog) LogMode(logger.LogLevel) logger.Interface                             { return slowLog{} }
func (slowLog) Info(context.Context, string, ...any)                                 {}
func (slowLog) Warn(context.Context, string, ...any)                                 {}
func (slowLog) Error(context.Context, string, ...any)                                {}
func (slowLog) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) { return sql, nil }

func (slowLog) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), _ error) {
	if took := time.Since(begin); took >= SlowQuery {
		sql, rows := fc()
		slog.WarnContext(ctx, "slow query", "ms", took.Milliseconds(), "rows", rows, "sql", sql)
	}
}
