package main

import (
	"context"
	"fmt"
	"io"

	"github.com/zhen-workbench/zhen/internal/store"
)

// cmdBackup copies a SQLite database while the server keeps running.
func cmdBackup(args []string, stdout io.Writer) error {
	fs, db := newFlags("backup")
	out := fs.String("o", "", "the backup file to write")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if err := noArgs("backup", pos); err != nil {
		return err
	}
	if *out == "" {
		return usageError{"backup: name the backup file with -o FILE"}
	}
	st, err := store.Open(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	ctx := context.Background()
	if err := st.Backup(ctx, *out); err != nil {
		return err
	}
	b, err := store.Open(*out)
	if err != nil {
		return fmt.Errorf("the backup %s does not open: %w", *out, err)
	}
	defer b.Close()
	if ok, err := b.IntegrityCheck(ctx); err != nil || ok != "ok" {
		return fmt.Errorf("the backup %s fails the integrity check: %s %v", *out, ok, err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s (integrity check: ok)\n", store.RedactDSN(*db), *out)
	return nil
}
