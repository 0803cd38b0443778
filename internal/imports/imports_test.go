package imports

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/store"
)

// appliedStore counts what reaches the database.
type appliedStore struct{ calls int }

func (s *appliedStore) ApplyTranslations(context.Context, []store.SourcePair, string, string) (store.ApplyResult, error) {
	s.calls++
	return store.ApplyResult{}, nil
}

func (s *appliedStore) ApplyClauseEdits(context.Context, []store.ClauseEdit, string, string) (store.EditResult, error) {
	s.calls++
	return store.EditResult{}, nil
}

func (s *appliedStore) ImportMemory(context.Context, []store.SourcePair, string, string, bool) (store.MemoryResult, error) {
	s.calls++
	return store.MemoryResult{}, nil
}

// cancelOnRead cancels the request when the parser first reads the file.
type cancelOnRead struct {
	r      io.Reader
	cancel context.CancelFunc
	reads  int
}

func (c *cancelOnRead) Read(p []byte) (int, error) {
	c.reads++
	c.cancel()
	return c.r.Read(p)
}

// An import whose client goes away while its file is parsed stops reading
// it, applies nothing and returns the cancellation, not a file error.
func TestTranslationsStopWhenCancelled(t *testing.T) {
	var units []exchange.Unit
	for i := range 2000 {
		units = append(units, exchange.Unit{ClauseID: uint(i + 1), DocumentID: 1, DocumentTitle: "联合声明", Index: i, Version: 1,
			Source: fmt.Sprintf("双方认为第%d条很重要。", i), Target: fmt.Sprintf("The two sides consider item %d important.", i),
			Status: "approved", CreatedAt: time.Now(), UpdatedAt: time.Now(), UpdatedBy: "tr"})
	}
	all := func(yield func(exchange.Unit, error) bool) {
		for _, u := range units {
			if !yield(u, nil) {
				return
			}
		}
	}
	for _, f := range []exchange.Format{exchange.FormatTMX, exchange.FormatXLIFF, exchange.FormatCSV} {
		t.Run(string(f), func(t *testing.T) {
			var file bytes.Buffer
			if _, err := exchange.Write(&file, f, all, exchange.TMXOptions{}); err != nil {
				t.Fatal(err)
			}
			// The whole file imports.
			st := &appliedStore{}
			if _, err := Translations(t.Context(), st, "x"+f.Ext(), bytes.NewReader(file.Bytes()), "tr", Options{}); err != nil || st.calls != 1 {
				t.Fatalf("%v, %d calls", err, st.calls)
			}
			ctx, cancel := context.WithCancel(t.Context())
			defer cancel()
			r := &cancelOnRead{r: bytes.NewReader(file.Bytes()), cancel: cancel}
			st = &appliedStore{}
			_, err := Translations(ctx, st, "x"+f.Ext(), r, "tr", Options{})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err %v, want context.Canceled", err)
			}
			var fe *FileError
			if errors.As(err, &fe) || st.calls != 0 {
				t.Fatalf("a file error (%v), or %d calls to the store", err, st.calls)
			}
			if r.reads != 1 {
				t.Fatalf("%d reads of a %d-byte file after the cancellation", r.reads, file.Len())
			}
		})
	}
}
