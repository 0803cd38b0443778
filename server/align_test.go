package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	"github.com/zhen-workbench/zhen/internal/align"
	"github.com/zhen-workbench/zhen/internal/fault"
)

// TestAlignTooLarge: English over align's limits gets 413 with a message
// that says the limit, in characters or sentences, and what to do; the
// limits are align's, the same the CLI applies.
func TestAlignTooLarge(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0]
	tr := e.as("translator")
	path := fmt.Sprintf("/api/v1/documents/%d/align", doc.ID)
	for _, tt := range []struct {
		text string
		want []string
	}{
		{strings.Repeat("a", align.MaxEnglishChars+1), []string{"500,001 characters", "more than the 500,000", "smaller documents"}},
		{strings.Repeat("Yes! ", align.MaxSentences+1), []string{"10,001 sentences", "more than the 10,000", "smaller documents"}},
	} {
		rec := tr.json("POST", path, map[string]string{"text": tt.text}, http.StatusRequestEntityTooLarge, nil)
		var body struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != "too_large" {
			t.Fatalf("413 body %s", rec.Body)
		}
		for _, w := range tt.want {
			if !strings.Contains(body.Error.Message, w) {
				t.Errorf("message %q does not say %q", body.Error.Message, w)
			}
		}
	}
	// Within the limits, a document still aligns.
	tr.json("POST", path, map[string]string{"text": "The two sides agreed."}, http.StatusOK, nil)
}

// TestAlignErrorWritesNothingWhenAbandoned: an alignment stopped because
// its request ended writes no answer; other failures do (fail is the one
// error mapper).
func TestAlignErrorWritesNothingWhenAbandoned(t *testing.T) {
	for _, tt := range []struct {
		err    error
		status int
	}{
		{context.Canceled, 0},
		{fmt.Errorf("aligning: %w", context.DeadlineExceeded), 0},
		{align.CheckSize(align.MaxClauses+1, 1), http.StatusRequestEntityTooLarge},
		{&fault.Invalid{Field: "text", Reason: "the English text has no sentences"}, http.StatusUnprocessableEntity},
	} {
		rec := httptest.NewRecorder()
		c, _ := gin.CreateTestContext(rec)
		fail(c, tt.err)
		switch {
		case tt.status == 0 && (c.Writer.Written() || rec.Body.Len() > 0):
			t.Errorf("%v: wrote %d %s", tt.err, rec.Code, rec.Body)
		case tt.status != 0 && rec.Code != tt.status:
			t.Errorf("%v: status %d, want %d", tt.err, rec.Code, tt.status)
		}
		if !c.IsAborted() {
			t.Errorf("%v: the handler chain goes on", tt.err)
		}
	}
}
