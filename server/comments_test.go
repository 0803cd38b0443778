package server

import (
	"fmt"
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
)

// Through the API: a rejection reaches the translator's inbox (only
// theirs), the clause list shows the reason and the counts, the statement
// list the open comments; resolving and marking read count down.
func TestRejectionReachesInboxAndLists(t *testing.T) {
	e := newEnv(t)
	doc := e.importSeed().Documents[0].ID
	var page struct{ Clauses []store.NotedClause }
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=3", doc), nil, 200, &page)
	cl := page.Clauses[1].Clause
	tr := e.as("translator")
	tr.json("PUT", fmt.Sprintf("/api/v1/clauses/%d/translation", cl.ID), map[string]any{"text": "The sides agree.", "version": cl.Version}, 200, &cl)
	tr.json("POST", fmt.Sprintf("/api/v1/clauses/%d/submit", cl.ID), map[string]any{"version": cl.Version}, 200, &cl)
	e.as("reviewer").json("POST", fmt.Sprintf("/api/v1/clauses/%d/reject", cl.ID), map[string]any{"version": cl.Version, "comment": "Say “hold the view”; ask @admin."}, 200, &cl)

	var in store.Inbox
	tr.json("GET", "/api/v1/inbox", nil, 200, &in)
	if in.Unread != 1 || len(in.Items) != 1 || in.Items[0].Kind != "rejection" || in.Items[0].ClauseID != cl.ID || in.Items[0].Index != 1 ||
		in.Items[0].DocumentID != doc || in.Items[0].Author != "reviewer" || in.Items[0].DocumentTitle == "" {
		t.Fatalf("translator's inbox %+v", in)
	}
	var mine store.Inbox
	e.as("reviewer").json("GET", "/api/v1/inbox", nil, 200, &mine)
	if len(mine.Items) != 0 {
		t.Fatalf("the reviewer's inbox shows %+v", mine)
	}
	e.as("admin").json("GET", "/api/v1/inbox", nil, 200, &mine)
	if mine.Unread != 1 || mine.Items[0].Kind != "mention" {
		t.Fatalf("the admin's inbox %+v", mine)
	}

	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=3", doc), nil, 200, &page)
	got := page.Clauses[1]
	if got.Comments != 1 || got.OpenComments != 1 || got.Rejection == nil || got.Rejection.Reason != "Say “hold the view”; ask @admin." || got.Rejection.Author != "reviewer" {
		t.Fatalf("listed clause %+v %+v", got.ClauseNotes, got.Rejection)
	}
	if page.Clauses[0].Rejection != nil || page.Clauses[0].Comments != 0 {
		t.Fatalf("an untouched clause %+v", page.Clauses[0].ClauseNotes)
	}
	var d store.DocumentSummary
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d", doc), nil, 200, &d)
	if d.OpenComments != 1 {
		t.Fatalf("open comments %d", d.OpenComments)
	}

	var cs struct{ Comments []store.Comment }
	tr.json("GET", fmt.Sprintf("/api/v1/clauses/%d/comments", cl.ID), nil, 200, &cs)
	if len(cs.Comments) != 1 || cs.Comments[0].Kind != "rejection" || len(cs.Comments[0].Mentions) != 1 {
		t.Fatalf("thread %+v", cs.Comments)
	}
	var cm store.Comment
	tr.json("POST", fmt.Sprintf("/api/v1/comments/%d/resolve", cs.Comments[0].ID), nil, 200, &cm)
	var docs struct{ Documents []store.DocumentSummary }
	e.json("GET", "/api/v1/documents", nil, 200, &docs)
	for _, x := range docs.Documents {
		if x.OpenComments != 0 {
			t.Fatalf("statement %d: %d open comments after resolving", x.ID, x.OpenComments)
		}
	}
	var read struct{ Marked, Unread int }
	tr.json("POST", "/api/v1/inbox/read", map[string]any{"ids": []uint{in.Items[0].ID}}, 200, &read)
	if read.Marked != 1 || read.Unread != 0 {
		t.Fatalf("mark read %+v", read)
	}
}
