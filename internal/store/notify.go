package store

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// MaxNotify is the largest payload PostgreSQL's NOTIFY carries (8000
// bytes, less a margin).
const MaxNotify = 7900

// notifyChannel is this database's channel: one per schema, so that Zhens
// sharing a PostgreSQL database in different schemas do not hear each other.
func (s *Store) notifyChannel(ctx context.Context) (string, error) {
	var schema string
	if err := s.r.WithContext(ctx).Raw("SELECT current_schema()").Scan(&schema).Error; err != nil {
		return "", err
	}
	return "zhen_events_" + strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			return r
		}
		return '_'
	}, strings.ToLower(schema)), nil
}

// Notify sends payload (at most MaxNotify bytes) to every Listen on this
// database, on PostgreSQL; it is delivered when the sending transaction
// commits.
func (s *Store) Notify(ctx context.Context, payload string) error {
	if s.Dialect != "postgres" {
		return errors.New("notifications need PostgreSQL")
	}
	if len(payload) > MaxNotify {
		return fmt.Errorf("notification of %d bytes is larger than %d", len(payload), MaxNotify)
	}
	ch, err := s.notifyChannel(ctx)
	if err != nil {
		return err
	}
	return s.w.WithContext(ctx).Exec("SELECT pg_notify(?, ?)", ch, payload).Error
}

// Listen calls fn with every Notify payload on this database until ctx
// ends, on a connection of its own; a broken connection is reopened after
// a pause. ready, if not nil, is closed once the first LISTEN is in place.
func (s *Store) Listen(ctx context.Context, ready chan<- struct{}, fn func(payload string)) error {
	if s.Dialect != "postgres" {
		return errors.New("notifications need PostgreSQL")
	}
	ch, err := s.notifyChannel(ctx)
	if err != nil {
		return err
	}
	sqlDB, err := s.r.DB()
	if err != nil {
		return err
	}
	for ctx.Err() == nil {
		err := func() error {
			conn, err := sqlDB.Conn(ctx)
			if err != nil {
				return err
			}
			defer conn.Close()
			return conn.Raw(func(dc any) error {
				pc := dc.(*stdlib.Conn).Conn()
				if _, err := pc.Exec(ctx, "LISTEN "+ch); err != nil {
					return err
				}
				if ready != nil {
					close(ready)
					ready = nil
				}
				for {
					n, err := pc.WaitForNotification(ctx)
					if err != nil {
						return err
					}
					fn(n.Payload)
				}
			})
		}()
		if ctx.Err() != nil {
			break
		}
		slog.Warn("event listener reconnecting", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
	return nil
}
