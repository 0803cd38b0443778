package server

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/store"
)

// apiScenario is one error case of one route (after pocketbase's
// ApiScenario): the request, who sends it, and the error it must get.
type apiScenario struct {
	name   string
	route  string // the route as the table has it, "POST /api/v1/clauses/:id/submit"; "" for none
	role   string // a user (named after the role); "" no session; "stale" an unknown bearer token
	method string // "" the route's
	url    string
	body   any     // a string is sent as it is, anything else as JSON; nil: no body
	ctype  string  // the Content-Type; "application/json" when there is a body
	file   *upload // sent as multipart field "file" instead of body

	status   int
	code     string
	msg      string // a part of the message (exact when exact is set)
	exact    bool
	current  bool // the body carries "current" (409 conflict, invalid_state)
	findings bool // the body carries "findings" (409 open_findings)
}

type upload struct {
	name string
	data []byte
}

// missingID is the id of nothing: every :id route gets a case with it.
const missingID = "999999"

// routesCoveredElsewhere have no error cases here: public routes, and the
// login and current session (auth_test.go, throttle_test.go).
var routesCoveredElsewhere = []string{
	"GET /healthz",
	"GET /api/v1/openapi.json",
	"GET /api/v1/session",
	"POST /api/v1/session",
}

// TestEveryRouteErrorCases sends every route of the table its error
// cases: a missing object (404 naming what is missing), a bad id (400),
// missing fields (400), stale versions (409 with the current object),
// states that do not allow the change (409), invalid content (422), roles
// that may not (403), no session (401). Each answer is exactly one error
// body; a route without a case here fails the test.
func TestEveryRouteErrorCases(t *testing.T) {
	e := newEnv(t)
	ctx := t.Context()
	doc := e.importSeed().Documents[0].ID
	var page clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc), nil, 200, &page)
	if len(page.Clauses) < 6 {
		t.Fatalf("the seed's first statement has %d clauses", len(page.Clauses))
	}
	clauseURL := func(cl store.Clause, action string) string {
		return fmt.Sprintf("/api/v1/clauses/%d/%s", cl.ID, action)
	}
	// brics: its English breaks a glossary entry (a finding to dismiss).
	// fresh: never translated (version 0). draft: saved once (version 1).
	// approved: saved, submitted and approved (version 3). last: the last
	// clause of its paragraph, with nothing to merge with.
	brics := e.clauseWith("金砖国家")
	var others []store.Clause
	for _, cl := range page.Clauses {
		if cl.ID != brics.ID && cl.Kind != "heading" { // numbering markers have their English already
			others = append(others, cl)
		}
	}
	fresh, draft, approved, last := others[0], others[1], others[2], others[len(others)-1]
	for i, cl := range page.Clauses[:len(page.Clauses)-1] {
		if page.Clauses[i+1].Paragraph != cl.Paragraph && cl.ID != brics.ID && !slices.ContainsFunc(others[:3], func(o store.Clause) bool { return o.ID == cl.ID }) {
			last = cl
			break
		}
	}
	tr := e.as("translator")
	tr.json("PUT", clauseURL(draft, "translation"), map[string]any{"text": "The two sides believe.", "version": 0}, 200, &draft)
	tr.json("PUT", clauseURL(approved, "translation"), map[string]any{"text": "Both sides agree.", "version": 0}, 200, &approved)
	tr.json("POST", clauseURL(approved, "submit"), map[string]any{"version": approved.Version}, 200, &approved)
	e.as("reviewer").json("POST", clauseURL(approved, "approve"), map[string]any{"version": approved.Version}, 200, &approved)

	var term store.Term
	e.as("reviewer").json("POST", "/api/v1/glossary", map[string]any{"zh": "金砖国家", "en": "BRICS", "forbidden": []string{"BRIC"}}, 201, &term)
	termURL := fmt.Sprintf("/api/v1/glossary/%d", term.ID)
	var unused store.Term
	e.as("reviewer").json("POST", "/api/v1/glossary", map[string]any{"zh": "火星殖民地", "en": "Mars colony"}, 201, &unused)
	tr.json("PUT", clauseURL(brics, "translation"), map[string]any{"text": "Cooperation within BRIC.", "version": brics.Version}, 200, &brics)
	var found findingsResp
	e.json("GET", "/api/v1/findings?kind=term_forbidden", nil, 200, &found)
	if len(found.Findings) != 1 {
		t.Fatalf("findings: %+v", found.Findings)
	}
	finding := found.Findings[0]

	// A comment open, one resolved.
	var open, resolved store.Comment
	tr.json("POST", clauseURL(draft, "comments"), map[string]string{"text": "Check the date, @reviewer."}, 201, &open)
	tr.json("POST", clauseURL(draft, "comments"), map[string]string{"text": "Done."}, 201, &resolved)
	tr.json("POST", fmt.Sprintf("/api/v1/comments/%d/resolve", resolved.ID), nil, 200, &resolved)
	commentURL := func(cm store.Comment) string { return fmt.Sprintf("/api/v1/comments/%d/resolve", cm.ID) }
	noSuchComment := "no such comment: " + missingID

	// An assignment, changed once since version 1 (issue 18).
	var assigned store.AssignmentProgress
	e.as("reviewer").json("POST", "/api/v1/assignments", map[string]any{"document_id": doc, "first_clause": 1, "last_clause": 3, "translator": "translator", "reviewer": "reviewer"}, 201, &assigned)
	e.as("reviewer").json("PUT", fmt.Sprintf("/api/v1/assignments/%d", assigned.ID), map[string]any{"due": "2026-12-20", "version": assigned.Version}, 200, &assigned)
	assignURL := fmt.Sprintf("/api/v1/assignments/%d", assigned.ID)
	noSuchAssignment := "no such assignment: " + missingID

	admin, err := e.st.UserByName(ctx, "admin")
	if err != nil {
		t.Fatal(err)
	}
	reviewer, _ := e.st.UserByName(ctx, "reviewer")
	theirs, err := e.st.Sessions(ctx, reviewer.ID)
	if err != nil || len(theirs) == 0 {
		t.Fatalf("the reviewer's sessions: %v %v", theirs, err)
	}
	docURL := fmt.Sprintf("/api/v1/documents/%d", doc)
	noSuchClause := "no such clause: " + missingID
	noSuchDocument := "no such document: " + missingID
	noSuchTerm := "no such glossary entry: " + missingID
	noSuchUser := "no such user: " + missingID
	huge := `{"text": "` + strings.Repeat("a", maxJSON) + `", "version": 0}`

	cases := []apiScenario{
		// Sessions and the account.
		{name: "logout without a session", route: "DELETE /api/v1/session", status: 401, code: "unauthenticated", msg: "log in first"},
		{name: "logout with an unknown token", route: "DELETE /api/v1/session", role: "stale", status: 401, code: "unauthenticated", msg: "your session has ended"},
		{name: "sessions without a session", route: "GET /api/v1/sessions", url: "/api/v1/sessions", status: 401, code: "unauthenticated"},
		{name: "revoke a missing session", route: "DELETE /api/v1/sessions/:id", role: "viewer", url: "/api/v1/sessions/" + missingID, status: 404, code: "not_found", msg: "no such session: " + missingID, exact: true},
		// A session of someone else is, for this user, no session at all.
		{name: "revoke another user's session", route: "DELETE /api/v1/sessions/:id", role: "viewer", url: fmt.Sprintf("/api/v1/sessions/%d", theirs[0].ID), status: 404, code: "not_found", msg: fmt.Sprintf("no such session: %d", theirs[0].ID), exact: true},
		{name: "password: the current one wrong", route: "PUT /api/v1/account/password", role: "viewer", url: "/api/v1/account/password", body: map[string]string{"current": "wrong", "new": "a long new passphrase 42"}, status: 403, code: "invalid_credentials", msg: "the current password is wrong"},
		// Like the login, an empty current password is a wrong one (and
		// counts against guessing), not a malformed request.
		{name: "password: nothing sent", route: "PUT /api/v1/account/password", role: "viewer", url: "/api/v1/account/password", body: "{}", status: 403, code: "invalid_credentials", msg: "the current password is wrong"},
		{name: "password: the new one too weak", route: "PUT /api/v1/account/password", role: "translator", url: "/api/v1/account/password", body: map[string]string{"current": "password-translator", "new": "x"}, status: 422, code: "invalid_password"},
		{name: "password: not JSON", route: "PUT /api/v1/account/password", role: "viewer", url: "/api/v1/account/password", body: "current=x", ctype: "application/x-www-form-urlencoded", status: 415, code: "invalid_request"},

		// Users and the audit log.
		{name: "users: not an admin", route: "GET /api/v1/users", role: "reviewer", url: "/api/v1/users", status: 403, code: "forbidden", msg: "this needs the admin role"},
		{name: "add a user: not an admin", route: "POST /api/v1/users", role: "reviewer", url: "/api/v1/users", body: map[string]string{"username": "li", "role": "viewer"}, status: 403, code: "forbidden"},
		{name: "add a user: no name", route: "POST /api/v1/users", role: "admin", url: "/api/v1/users", body: map[string]string{"role": "viewer"}, status: 422, code: "invalid_user", msg: "a user name has 1 to"},
		{name: "add a user: no such role", route: "POST /api/v1/users", role: "admin", url: "/api/v1/users", body: map[string]string{"username": "li", "role": "boss"}, status: 422, code: "invalid_user", msg: "boss"},
		{name: "add a user: weak password", route: "POST /api/v1/users", role: "admin", url: "/api/v1/users", body: map[string]string{"username": "li", "role": "viewer", "password": "x"}, status: 422, code: "invalid_password"},
		{name: "add a user twice", route: "POST /api/v1/users", role: "admin", url: "/api/v1/users", body: map[string]string{"username": "Viewer", "role": "viewer"}, status: 409, code: "exists", msg: "there is already a user viewer"},
		{name: "add a look-alike user", route: "POST /api/v1/users", role: "admin", url: "/api/v1/users", body: map[string]string{"username": "vi.ewer", "role": "viewer"}, status: 409, code: "look_alike", msg: "viewer"},
		{name: "change a missing user", route: "PUT /api/v1/users/:id", role: "admin", url: "/api/v1/users/" + missingID, body: map[string]string{"role": "viewer"}, status: 404, code: "not_found", msg: noSuchUser, exact: true},
		{name: "change a user: no such role", route: "PUT /api/v1/users/:id", role: "admin", url: fmt.Sprintf("/api/v1/users/%d", reviewer.ID), body: map[string]string{"role": "boss"}, status: 422, code: "invalid_user", msg: "boss"},
		{name: "an admin disabling themselves", route: "PUT /api/v1/users/:id", role: "admin", url: fmt.Sprintf("/api/v1/users/%d", admin.ID), body: map[string]bool{"disabled": true}, status: 422, code: "self_lockout"},
		{name: "change a user: not JSON", route: "PUT /api/v1/users/:id", role: "admin", url: fmt.Sprintf("/api/v1/users/%d", reviewer.ID), body: `{"role": `, status: 400, code: "invalid_request", msg: "not valid JSON"},
		{name: "reset a missing user's password", route: "POST /api/v1/users/:id/password", role: "admin", url: "/api/v1/users/" + missingID + "/password", status: 404, code: "not_found", msg: noSuchUser, exact: true},
		{name: "reset a password: not an admin", route: "POST /api/v1/users/:id/password", role: "reviewer", url: fmt.Sprintf("/api/v1/users/%d/password", reviewer.ID), status: 403, code: "forbidden"},
		{name: "audit: not an admin", route: "GET /api/v1/audit", role: "reviewer", url: "/api/v1/audit", status: 403, code: "forbidden"},
		{name: "audit: limit out of range", route: "GET /api/v1/audit", role: "admin", url: "/api/v1/audit?limit=0", status: 400, code: "invalid_parameter", msg: "limit must be a whole number from 1 to 5000", exact: true},
		{name: "events without a session", route: "GET /api/v1/events", url: "/api/v1/events", status: 401, code: "unauthenticated"},

		// Statements.
		{name: "documents without a session", route: "GET /api/v1/documents", url: "/api/v1/documents", status: 401, code: "unauthenticated"},
		{name: "import: a viewer", route: "POST /api/v1/documents", role: "viewer", url: "/api/v1/documents", file: &upload{"s.txt", []byte("标题\n双方认为。\n")}, status: 403, code: "forbidden"},
		{name: "import: no file", route: "POST /api/v1/documents", role: "translator", url: "/api/v1/documents", body: "{}", status: 400, code: "invalid_upload", msg: "no file in the request"},
		{name: "import: an empty file", route: "POST /api/v1/documents", role: "translator", url: "/api/v1/documents", file: &upload{"empty.txt", nil}, status: 422, code: "invalid_file", msg: "empty.txt"},
		{name: "a missing document", route: "GET /api/v1/documents/:id", role: "viewer", url: "/api/v1/documents/" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "edit a missing document", route: "PUT /api/v1/documents/:id", role: "translator", url: "/api/v1/documents/" + missingID, body: map[string]string{"title": "T", "date": ""}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "edit a document: no date", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"title": "T"}, status: 400, code: "invalid_request"},
		{name: "edit a document: a bad date", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"title": "T", "date": "17 June 2011"}, status: 422, code: "invalid_text", msg: `"17 June 2011" is not a date`},
		{name: "edit a document: no title", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"title": " ", "date": ""}, status: 422, code: "invalid_text", msg: "the title is empty"},
		{name: "edit a document: a viewer", route: "PUT /api/v1/documents/:id", role: "viewer", url: docURL, body: map[string]string{"title": "T", "date": ""}, status: 403, code: "forbidden"},
		{name: "a document's numbering style: no such style", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"numbering_style": "letters"}, status: 422, code: "invalid_numbering_style", msg: `"letters" is not a numbering style: use arabic, roman, outline, or "" for the corpus default`, exact: true},
		{name: "a document's numbering style: a bad one with a title", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"title": "T", "date": "", "numbering_style": "Roman"}, status: 422, code: "invalid_numbering_style"},
		{name: "a document's numbering style: a missing document", route: "PUT /api/v1/documents/:id", role: "translator", url: "/api/v1/documents/" + missingID, body: map[string]string{"numbering_style": "roman"}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "a document's numbering style: a viewer", route: "PUT /api/v1/documents/:id", role: "viewer", url: docURL, body: map[string]string{"numbering_style": "roman"}, status: 403, code: "forbidden"},
		{name: "edit a document: nothing to change", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: "{}", status: 400, code: "invalid_request"},
		{name: "a document's English title: two lines", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"english_title": "Joint\nStatement"}, status: 422, code: "invalid_text", msg: "the English title contains a line break (U+000A) at character 6: write it on one line", exact: true},
		{name: "a document's English title: a bad one with a title", route: "PUT /api/v1/documents/:id", role: "translator", url: docURL, body: map[string]string{"title": "T", "date": "", "english_title": strings.Repeat("a", store.MaxTitle+1)}, status: 422, code: "invalid_text", msg: "the English title has 501 characters, more than the 500 allowed: shorten it", exact: true},
		{name: "a document's English title: a missing document", route: "PUT /api/v1/documents/:id", role: "translator", url: "/api/v1/documents/" + missingID, body: map[string]string{"english_title": "Statement"}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "a document's English title: a viewer", route: "PUT /api/v1/documents/:id", role: "viewer", url: docURL, body: map[string]string{"english_title": "Statement"}, status: 403, code: "forbidden"},
		{name: "settings without a session", route: "GET /api/v1/settings", url: "/api/v1/settings", status: 401, code: "unauthenticated"},
		{name: "change settings: a reviewer", route: "PUT /api/v1/settings", role: "reviewer", url: "/api/v1/settings", body: map[string]string{"numbering_style": "roman"}, status: 403, code: "forbidden"},
		{name: "change settings: no such style", route: "PUT /api/v1/settings", role: "admin", url: "/api/v1/settings", body: map[string]string{"numbering_style": ""}, status: 422, code: "invalid_numbering_style", msg: `"" is not a numbering style: use arabic, roman, outline`, exact: true},
		{name: "change settings: nothing sent", route: "PUT /api/v1/settings", role: "admin", url: "/api/v1/settings", body: "{}", status: 400, code: "invalid_request"},
		{name: "stats without a session", route: "GET /api/v1/stats", url: "/api/v1/stats", status: 401, code: "unauthenticated"},
		{name: "stats: a missing document", route: "GET /api/v1/stats", role: "viewer", url: "/api/v1/stats?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "stats: a bad document", route: "GET /api/v1/stats", role: "viewer", url: "/api/v1/stats?document=x", status: 400, code: "invalid_parameter"},
		{name: "analysis without a session", route: "GET /api/v1/analysis", url: "/api/v1/analysis", status: 401, code: "unauthenticated"},
		{name: "analysis: a missing document", route: "GET /api/v1/analysis", role: "viewer", url: "/api/v1/analysis?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "analysis: a bad format", route: "GET /api/v1/analysis", role: "viewer", url: "/api/v1/analysis?format=xlsx", status: 400, code: "invalid_parameter", msg: `format must be json or csv, not "xlsx"`},
		{name: "align a missing document", route: "POST /api/v1/documents/:id/align", role: "translator", url: "/api/v1/documents/" + missingID + "/align", body: map[string]string{"text": "The two sides believe."}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "align: no English", route: "POST /api/v1/documents/:id/align", role: "translator", url: docURL + "/align", body: "{}", status: 422, code: "invalid_text", msg: "the English text has no sentences"},
		{name: "align: not JSON", route: "POST /api/v1/documents/:id/align", role: "translator", url: docURL + "/align", body: "The two sides believe.", ctype: "text/plain", status: 415, code: "invalid_request"},
		{name: "apply an alignment to a missing document", route: "POST /api/v1/documents/:id/align/apply", role: "translator", url: "/api/v1/documents/" + missingID + "/align/apply", body: map[string]any{"assignments": []map[string]any{{"clause_id": fresh.ID, "english": "x"}}}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		// No "assignments" at all is a malformed request (an empty list,
		// which the aligner sends when no pair was kept, is not).
		{name: "apply an alignment: nothing to apply", route: "POST /api/v1/documents/:id/align/apply", role: "translator", url: docURL + "/align/apply", body: "{}", status: 400, code: "invalid_request"},
		{name: "apply an alignment: a clause of another document", route: "POST /api/v1/documents/:id/align/apply", role: "translator", url: docURL + "/align/apply", body: map[string]any{"assignments": []map[string]any{{"clause_id": 999999, "english": "x"}}}, status: 422, code: "invalid_alignment", msg: "clause 999999 is not in document"},
		{name: "apply an alignment: a clause twice", route: "POST /api/v1/documents/:id/align/apply", role: "translator", url: docURL + "/align/apply", body: map[string]any{"assignments": []map[string]any{{"clause_id": fresh.ID, "english": "x"}, {"clause_id": fresh.ID, "english": "y"}}}, status: 422, code: "invalid_alignment", msg: "is in two pairs"},
		{name: "clauses of a missing document", route: "GET /api/v1/documents/:id/clauses", role: "viewer", url: "/api/v1/documents/" + missingID + "/clauses", status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "clauses: limit out of range", route: "GET /api/v1/documents/:id/clauses", role: "viewer", url: docURL + "/clauses?limit=501", status: 400, code: "invalid_parameter", msg: "limit must be a whole number from 1 to 500"},
		{name: "QA of a missing document", route: "GET /api/v1/documents/:id/qa", role: "viewer", url: "/api/v1/documents/" + missingID + "/qa", status: 404, code: "not_found", msg: noSuchDocument, exact: true},

		// Clauses.
		{name: "a missing clause", route: "GET /api/v1/clauses/:id", role: "viewer", url: "/api/v1/clauses/" + missingID, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "save to a missing clause", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: "/api/v1/clauses/" + missingID + "/translation", body: map[string]any{"text": "x", "version": 0}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "save: no version", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: map[string]any{"text": "x"}, status: 400, code: "invalid_request", msg: "with the version you edited"},
		{name: "save: a stale version", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: map[string]any{"text": "x", "version": 0}, status: 409, code: "conflict", msg: "was changed by translator since you opened it", current: true},
		{name: "save: a control character", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: map[string]any{"text": "bell \a", "version": draft.Version}, status: 422, code: "invalid_text"},
		{name: "save: too large", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: huge, status: 413, code: "too_large"},
		{name: "save: a viewer", route: "PUT /api/v1/clauses/:id/translation", role: "viewer", url: clauseURL(draft, "translation"), body: map[string]any{"text": "x", "version": draft.Version}, status: 403, code: "forbidden", msg: "this needs the translator role; you are a viewer", exact: true},
		{name: "submit a missing clause", route: "POST /api/v1/clauses/:id/submit", role: "translator", url: "/api/v1/clauses/" + missingID + "/submit", body: map[string]any{"version": 0}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "submit: no version", route: "POST /api/v1/clauses/:id/submit", role: "translator", url: clauseURL(draft, "submit"), body: "{}", status: 400, code: "invalid_request", msg: "name the clause version"},
		{name: "submit: nothing translated", route: "POST /api/v1/clauses/:id/submit", role: "translator", url: clauseURL(fresh, "submit"), body: map[string]any{"version": 0}, status: 409, code: "invalid_state", msg: "there is no English to submit", current: true},
		{name: "submit: approved", route: "POST /api/v1/clauses/:id/submit", role: "translator", url: clauseURL(approved, "submit"), body: map[string]any{"version": approved.Version}, status: 409, code: "invalid_state", msg: "the clause is approved", current: true},
		{name: "submit: a stale version", route: "POST /api/v1/clauses/:id/submit", role: "translator", url: clauseURL(draft, "submit"), body: map[string]any{"version": 0}, status: 409, code: "conflict", current: true},
		{name: "approve a missing clause", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: "/api/v1/clauses/" + missingID + "/approve", body: map[string]any{"version": 0}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "approve: no version", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: clauseURL(draft, "approve"), body: map[string]any{"revision": 1}, status: 400, code: "invalid_request"},
		{name: "approve: never translated nor submitted", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: clauseURL(fresh, "approve"), body: map[string]any{"version": 0}, status: 409, code: "invalid_state", msg: "there is no English to approve", current: true},
		{name: "approve: approved already", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: clauseURL(approved, "approve"), body: map[string]any{"version": approved.Version}, status: 409, code: "invalid_state", msg: "already approved", current: true},
		// An alternative the history does not have: the store says so as a
		// state of the clause (409), not as a missing revision (404).
		{name: "approve: no such alternative", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: clauseURL(draft, "approve"), body: map[string]any{"version": draft.Version, "revision": 7}, status: 409, code: "invalid_state", msg: fmt.Sprintf("clause %d has no revision 7", draft.ID), current: true},
		{name: "approve: a stale version", route: "POST /api/v1/clauses/:id/approve", role: "reviewer", url: clauseURL(draft, "approve"), body: map[string]any{"version": 0}, status: 409, code: "conflict", current: true},
		{name: "approve: a translator", route: "POST /api/v1/clauses/:id/approve", role: "translator", url: clauseURL(draft, "approve"), body: map[string]any{"version": draft.Version}, status: 403, code: "forbidden"},
		{name: "reject a missing clause", route: "POST /api/v1/clauses/:id/reject", role: "reviewer", url: "/api/v1/clauses/" + missingID + "/reject", body: map[string]any{"comment": "why"}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "reject: no comment", route: "POST /api/v1/clauses/:id/reject", role: "reviewer", url: clauseURL(draft, "reject"), body: map[string]any{"comment": "  ", "version": draft.Version}, status: 422, code: "invalid_text", msg: "a comment is required"},
		{name: "reject: approved", route: "POST /api/v1/clauses/:id/reject", role: "reviewer", url: clauseURL(approved, "reject"), body: map[string]any{"comment": "why", "version": approved.Version}, status: 409, code: "invalid_state", msg: "a approved clause cannot be rejected", current: true},
		{name: "reject: a stale version", route: "POST /api/v1/clauses/:id/reject", role: "reviewer", url: clauseURL(draft, "reject"), body: map[string]any{"comment": "why", "version": 0}, status: 409, code: "conflict", current: true},
		{name: "restore in a missing clause", route: "POST /api/v1/clauses/:id/restore", role: "translator", url: "/api/v1/clauses/" + missingID + "/restore", body: map[string]any{"version": 0, "revision": 1}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "restore: no revision", route: "POST /api/v1/clauses/:id/restore", role: "translator", url: clauseURL(draft, "restore"), body: map[string]any{"version": draft.Version}, status: 400, code: "invalid_request", msg: "name the revision to restore"},
		{name: "restore: no version", route: "POST /api/v1/clauses/:id/restore", role: "translator", url: clauseURL(draft, "restore"), body: map[string]any{"revision": 1}, status: 400, code: "invalid_request"},
		{name: "restore: a missing revision", route: "POST /api/v1/clauses/:id/restore", role: "translator", url: clauseURL(draft, "restore"), body: map[string]any{"version": draft.Version, "revision": 7}, status: 404, code: "not_found", msg: fmt.Sprintf("no such revision of clause %d: 7", draft.ID), exact: true},
		{name: "restore: a stale version", route: "POST /api/v1/clauses/:id/restore", role: "translator", url: clauseURL(draft, "restore"), body: map[string]any{"version": 0, "revision": 1}, status: 409, code: "conflict", current: true},
		{name: "split a missing clause", route: "POST /api/v1/clauses/:id/split", role: "translator", url: "/api/v1/clauses/" + missingID + "/split", body: map[string]any{"at": 1, "version": 0}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "split: no version", route: "POST /api/v1/clauses/:id/split", role: "translator", url: clauseURL(fresh, "split"), body: map[string]any{"at": 1}, status: 400, code: "invalid_request"},
		{name: "split: at the start", route: "POST /api/v1/clauses/:id/split", role: "translator", url: clauseURL(fresh, "split"), body: map[string]any{"at": 0, "version": 0}, status: 422, code: "invalid_structure", msg: "cannot be split there"},
		{name: "split: the English of one part", route: "POST /api/v1/clauses/:id/split", role: "translator", url: clauseURL(fresh, "split"), body: map[string]any{"at": 1, "version": 0, "english": []string{"x"}}, status: 422, code: "invalid_structure", msg: "give the English of both parts, or none"},
		{name: "split: a stale version", route: "POST /api/v1/clauses/:id/split", role: "translator", url: clauseURL(draft, "split"), body: map[string]any{"at": 1, "version": 0}, status: 409, code: "conflict", current: true},
		{name: "merge a missing clause", route: "POST /api/v1/clauses/:id/merge", role: "translator", url: "/api/v1/clauses/" + missingID + "/merge", body: map[string]any{"version": 0, "next_version": 0}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "merge: no next version", route: "POST /api/v1/clauses/:id/merge", role: "translator", url: clauseURL(fresh, "merge"), body: map[string]any{"version": 0}, status: 400, code: "invalid_request", msg: "next_version"},
		{name: "merge: the last of its paragraph", route: "POST /api/v1/clauses/:id/merge", role: "translator", url: clauseURL(last, "merge"), body: map[string]any{"version": last.Version, "next_version": 0}, status: 422, code: "invalid_structure", msg: "is the last of its paragraph"},
		{name: "merge: a stale version", route: "POST /api/v1/clauses/:id/merge", role: "translator", url: clauseURL(draft, "merge"), body: map[string]any{"version": 0, "next_version": 0}, status: 409, code: "conflict", current: true},
		{name: "history of a missing clause", route: "GET /api/v1/clauses/:id/history", role: "viewer", url: "/api/v1/clauses/" + missingID + "/history", status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "matches of a missing clause", route: "GET /api/v1/clauses/:id/matches", role: "viewer", url: "/api/v1/clauses/" + missingID + "/matches", status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "matches: k out of range", route: "GET /api/v1/clauses/:id/matches", role: "viewer", url: clauseURL(draft, "matches?k=21"), status: 400, code: "invalid_parameter", msg: "k must be a whole number from 1 to 20"},
		{name: "numbers of a missing clause", route: "GET /api/v1/clauses/:id/numbers", role: "viewer", url: "/api/v1/clauses/" + missingID + "/numbers", status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "diff in a missing clause", route: "GET /api/v1/clauses/:id/diff", role: "viewer", url: "/api/v1/clauses/" + missingID + "/diff?from=0&to=1", status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "diff: no to", route: "GET /api/v1/clauses/:id/diff", role: "viewer", url: clauseURL(draft, "diff?from=0"), status: 400, code: "invalid_parameter", msg: "to is missing"},
		// The handler words this 404 itself (the store's own words would be
		// "no such revision of clause N: 7", as restore says).
		{name: "diff: a missing revision", route: "GET /api/v1/clauses/:id/diff", role: "viewer", url: clauseURL(draft, "diff?from=0&to=7"), status: 404, code: "not_found", msg: fmt.Sprintf("no such revision of clause %d: 7", draft.ID), exact: true},
		{name: "comments of a missing clause", route: "GET /api/v1/clauses/:id/comments", role: "viewer", url: "/api/v1/clauses/" + missingID + "/comments", status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "comment on a missing clause", route: "POST /api/v1/clauses/:id/comments", role: "translator", url: "/api/v1/clauses/" + missingID + "/comments", body: map[string]string{"text": "why?"}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "comment: empty", route: "POST /api/v1/clauses/:id/comments", role: "translator", url: clauseURL(draft, "comments"), body: map[string]string{"text": " \n "}, status: 422, code: "invalid_text", msg: "a comment is required"},
		{name: "comment: a viewer", route: "POST /api/v1/clauses/:id/comments", role: "viewer", url: clauseURL(draft, "comments"), body: map[string]string{"text": "why?"}, status: 403, code: "forbidden"},
		{name: "check in a missing clause", route: "POST /api/v1/clauses/:id/check", role: "viewer", url: "/api/v1/clauses/" + missingID + "/check", body: map[string]string{"text": "x"}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "confirm: no English", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(fresh, "translation"), body: map[string]any{"text": " ", "version": fresh.Version, "confirm": true}, status: 422, code: "invalid_text", msg: "there is no English to confirm"},
		{name: "confirm: a stale version", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: map[string]any{"text": "x", "version": 0, "confirm": true}, status: 409, code: "conflict", current: true},
		{name: "confirm: not a boolean", route: "PUT /api/v1/clauses/:id/translation", role: "translator", url: clauseURL(draft, "translation"), body: map[string]any{"text": "x", "version": draft.Version, "confirm": "yes"}, status: 400, code: "invalid_request"},
		{name: "check: no text", route: "POST /api/v1/clauses/:id/check", role: "viewer", url: clauseURL(draft, "check"), body: "{}", status: 400, code: "invalid_request"},

		// Review.
		{name: "review queue: a bad document", route: "GET /api/v1/review", role: "viewer", url: "/api/v1/review?document=x", status: 400, code: "invalid_parameter", msg: "document must be a document id"},
		{name: "review queue: a missing document", route: "GET /api/v1/review", role: "viewer", url: "/api/v1/review?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "bulk approve: nothing", route: "POST /api/v1/review/approve", role: "reviewer", url: "/api/v1/review/approve", body: "{}", status: 400, code: "invalid_request", msg: `send {"clauses"`},
		{name: "bulk approve: an empty list", route: "POST /api/v1/review/approve", role: "reviewer", url: "/api/v1/review/approve", body: map[string]any{"clauses": []any{}}, status: 400, code: "invalid_request"},
		{name: "bulk approve: a translator", route: "POST /api/v1/review/approve", role: "translator", url: "/api/v1/review/approve", body: map[string]any{"clauses": []map[string]any{{"id": draft.ID, "version": draft.Version}}}, status: 403, code: "forbidden"},

		{name: "bulk submit: nothing", route: "POST /api/v1/submit", role: "translator", body: "{}", status: 400, code: "invalid_request", msg: `send {"clauses"`},
		{name: "bulk submit: a statement without mine", route: "POST /api/v1/submit", role: "translator", body: map[string]any{"document": doc}, status: 400, code: "invalid_request", msg: `{"document": ID, "mine": true}`},
		{name: "bulk submit: clauses and a statement", route: "POST /api/v1/submit", role: "translator", body: map[string]any{"clauses": []map[string]any{{"id": draft.ID, "version": draft.Version}}, "document": doc, "mine": true}, status: 400, code: "invalid_request", msg: "not both"},
		{name: "bulk submit: a viewer", route: "POST /api/v1/submit", role: "viewer", body: map[string]any{"document": doc, "mine": true}, status: 403, code: "forbidden"},
		{name: "bulk submit: a missing statement", route: "POST /api/v1/submit", role: "translator", body: map[string]any{"document": 999999, "mine": true}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "bulk submit: open findings", route: "POST /api/v1/submit", role: "translator", body: map[string]any{"clauses": []map[string]any{{"id": brics.ID, "version": brics.Version}, {"id": draft.ID, "version": draft.Version}}}, status: 409, code: "open_findings", msg: "nothing was submitted", findings: true},

		// Search, export, import.
		{name: "concordance: a bad language", route: "GET /api/v1/concordance", role: "viewer", url: "/api/v1/concordance?q=x&in=fr", status: 400, code: "invalid_parameter", msg: "in must be zh, en or empty"},
		{name: "export: a bad format", route: "GET /api/v1/export", role: "viewer", url: "/api/v1/export?format=pdf", status: 400, code: "invalid_parameter", msg: "text, html, docx or bilingual-docx"},
		{name: "export: the English document without a statement", route: "GET /api/v1/export", role: "viewer", url: "/api/v1/export?format=docx", status: 400, code: "invalid_parameter", msg: "name it with ?document=ID"},
		{name: "export: the English document of a missing statement", route: "GET /api/v1/export", role: "viewer", url: "/api/v1/export?format=bilingual-docx&document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "English document preview of a missing statement", route: "GET /api/v1/documents/:id/statement", role: "viewer", url: "/api/v1/documents/" + missingID + "/statement", status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "English document preview without a session", route: "GET /api/v1/documents/:id/statement", url: docURL + "/statement", status: 401, code: "unauthenticated"},
		{name: "export: a missing document", route: "GET /api/v1/export", role: "viewer", url: "/api/v1/export?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "import translations: no file", route: "POST /api/v1/translations/import", role: "translator", url: "/api/v1/translations/import", body: "{}", status: 400, code: "invalid_upload"},
		{name: "import translations: not a translation file", route: "POST /api/v1/translations/import", role: "translator", url: "/api/v1/translations/import", file: &upload{"t.tmx", []byte("not xml at all")}, status: 422, code: "invalid_file", msg: "t.tmx"},
		{name: "import translations: a viewer", route: "POST /api/v1/translations/import", role: "viewer", url: "/api/v1/translations/import", file: &upload{"t.csv", []byte("zh,en\r\n")}, status: 403, code: "forbidden"},

		// The glossary.
		{name: "glossary without a session", route: "GET /api/v1/glossary", url: "/api/v1/glossary", status: 401, code: "unauthenticated"},
		{name: "add a term: no Chinese", route: "POST /api/v1/glossary", role: "translator", url: "/api/v1/glossary", body: map[string]string{"zh": "", "en": "BRICS"}, status: 422, code: "invalid_entry", msg: "the Chinese term is empty"},
		{name: "add a term: nothing", route: "POST /api/v1/glossary", role: "reviewer", url: "/api/v1/glossary", body: "{}", status: 422, code: "invalid_entry"},
		{name: "add a term: a translator approving it", route: "POST /api/v1/glossary", role: "translator", url: "/api/v1/glossary", body: map[string]string{"zh": "上海合作组织", "en": "SCO", "status": "approved"}, status: 403, code: "forbidden", msg: "translators can only propose terms"},
		{name: "add a term twice", route: "POST /api/v1/glossary", role: "reviewer", url: "/api/v1/glossary", body: map[string]string{"zh": "金砖国家", "en": "BRICS"}, status: 422, code: "invalid_entry", msg: "金砖国家 is already in the glossary"},
		{name: "dry run: add a term twice", route: "POST /api/v1/glossary", role: "reviewer", url: "/api/v1/glossary?dry_run=1", body: map[string]string{"zh": "金砖国家", "en": "BRICS"}, status: 422, code: "invalid_entry", msg: "金砖国家 is already in the glossary"},
		{name: "dry run: edit a term from a stale version", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: termURL + "?dry_run=1", body: map[string]any{"zh": "金砖国家", "en": "BRICs", "version": 0}, status: 409, code: "conflict", msg: "金砖国家 was changed by reviewer", current: true},
		{name: "dry run: edit a term into another's", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: termURL + "?dry_run=1", body: map[string]any{"zh": "火星殖民地", "en": "BRICS", "version": term.Version}, status: 422, code: "invalid_entry", msg: "火星殖民地 is already in the glossary"},
		{name: "add a term: a viewer", route: "POST /api/v1/glossary", role: "viewer", url: "/api/v1/glossary", body: map[string]string{"zh": "上海合作组织", "en": "SCO"}, status: 403, code: "forbidden"},
		{name: "import a glossary: no file", route: "POST /api/v1/glossary/import", role: "reviewer", url: "/api/v1/glossary/import", body: "{}", status: 400, code: "invalid_upload"},
		{name: "import a glossary: a bad row", route: "POST /api/v1/glossary/import", role: "reviewer", url: "/api/v1/glossary/import", file: &upload{"terms.csv", []byte("zh,en\r\n六方会谈,\r\n")}, status: 422, code: "invalid_file", msg: "terms.csv"},
		{name: "import a glossary: a translator", route: "POST /api/v1/glossary/import", role: "translator", url: "/api/v1/glossary/import", file: &upload{"terms.csv", []byte("zh,en\r\n")}, status: 403, code: "forbidden"},
		{name: "export the glossary: a bad format", route: "GET /api/v1/glossary/export", role: "viewer", url: "/api/v1/glossary/export?format=docx", status: 400, code: "invalid_parameter", msg: "docx"},
		{name: "a missing term", route: "GET /api/v1/glossary/:id", role: "viewer", url: "/api/v1/glossary/" + missingID, status: 404, code: "not_found", msg: noSuchTerm, exact: true},
		{name: "edit a missing term", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: "/api/v1/glossary/" + missingID, body: map[string]any{"zh": "上海合作组织", "en": "SCO", "version": 1}, status: 404, code: "not_found", msg: noSuchTerm, exact: true},
		{name: "edit a term: no version", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: termURL, body: map[string]any{"zh": "金砖国家", "en": "BRICS"}, status: 400, code: "invalid_request", msg: "name the version you edited"},
		{name: "edit a term: a stale version", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: termURL, body: map[string]any{"zh": "金砖国家", "en": "BRICs", "version": 0}, status: 409, code: "conflict", msg: "金砖国家 was changed by reviewer", current: true},
		{name: "edit a term: no Chinese", route: "PUT /api/v1/glossary/:id", role: "reviewer", url: termURL, body: map[string]any{"zh": "", "en": "BRICS", "version": term.Version}, status: 422, code: "invalid_entry", msg: "the Chinese term is empty"},
		{name: "edit a term: a translator", route: "PUT /api/v1/glossary/:id", role: "translator", url: termURL, body: map[string]any{"zh": "金砖国家", "en": "BRICS", "version": term.Version}, status: 403, code: "forbidden"},
		{name: "delete a missing term", route: "DELETE /api/v1/glossary/:id", role: "reviewer", url: "/api/v1/glossary/" + missingID, status: 404, code: "not_found", msg: noSuchTerm, exact: true},
		{name: "delete a term: a translator", route: "DELETE /api/v1/glossary/:id", role: "translator", url: termURL, status: 403, code: "forbidden"},
		{name: "history of a missing term", route: "GET /api/v1/glossary/:id/history", role: "viewer", url: "/api/v1/glossary/" + missingID + "/history", status: 404, code: "not_found", msg: noSuchTerm, exact: true},

		// Findings and terms.
		{name: "findings: a bad document", route: "GET /api/v1/findings", role: "viewer", url: "/api/v1/findings?document=-2", status: 400, code: "invalid_parameter", msg: "document must be a document id"},
		{name: "findings: a missing document", route: "GET /api/v1/findings", role: "viewer", url: "/api/v1/findings?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "findings summary without a session", route: "GET /api/v1/findings/summary", url: "/api/v1/findings/summary", status: 401, code: "unauthenticated"},
		{name: "dismiss: nothing named", route: "POST /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals", body: "{}", status: 400, code: "invalid_request", msg: "name the finding"},
		{name: "dismiss in a missing clause", route: "POST /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals", body: map[string]any{"key": finding.Key, "clause_id": 999999, "reason": "a name"}, status: 404, code: "not_found", msg: noSuchClause, exact: true},
		{name: "dismiss a finding not reported", route: "POST /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals", body: map[string]any{"key": "nope", "clause_id": brics.ID, "reason": "a name"}, status: 404, code: "not_found", msg: fmt.Sprintf("no such finding in clause %d just now", brics.ID)},
		{name: "dismiss: no reason", route: "POST /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals", body: map[string]any{"key": finding.Key, "clause_id": brics.ID, "reason": " "}, status: 422, code: "invalid_entry", msg: "say why"},
		{name: "dismiss: a translator", route: "POST /api/v1/findings/dismissals", role: "translator", url: "/api/v1/findings/dismissals", body: map[string]any{"key": finding.Key, "clause_id": brics.ID, "reason": "a name"}, status: 403, code: "forbidden"},
		{name: "undismiss: no key", route: "DELETE /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals", status: 400, code: "invalid_parameter", msg: "key is missing"},
		{name: "undismiss: no such dismissal", route: "DELETE /api/v1/findings/dismissals", role: "reviewer", url: "/api/v1/findings/dismissals?key=nope", status: 404, code: "not_found", msg: "no such dismissal", exact: true},
		{name: "term report without a session", route: "GET /api/v1/terms/report", url: "/api/v1/terms/report", status: 401, code: "unauthenticated"},
		{name: "term report: limit out of range", route: "GET /api/v1/terms/report", role: "viewer", url: "/api/v1/terms/report?limit=501", status: 400, code: "invalid_parameter", msg: "limit must be a whole number from 1 to 500"},
		{name: "report of a missing term", route: "GET /api/v1/terms/report/:id", role: "viewer", url: "/api/v1/terms/report/" + missingID, status: 404, code: "not_found", msg: noSuchTerm, exact: true},
		{name: "report of a term: not an id", route: "GET /api/v1/terms/report/:id", role: "viewer", url: "/api/v1/terms/report/abc", status: 400, code: "invalid_parameter"},
		{name: "report of a term in no clause", route: "GET /api/v1/terms/report/:id", role: "viewer", url: fmt.Sprintf("/api/v1/terms/report/%d", unused.ID), status: 404, code: "not_found", msg: "its term is in no clause's Chinese"},
		{name: "discovered terms: limit out of range", route: "GET /api/v1/terms/discovered", role: "viewer", url: "/api/v1/terms/discovered?limit=501", status: 400, code: "invalid_parameter", msg: "limit must be a whole number from 1 to 500"},
		{name: "discovered terms: a missing document", route: "GET /api/v1/terms/discovered", role: "viewer", url: "/api/v1/terms/discovered?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "term suggestions: limit out of range", route: "GET /api/v1/terms/suggest", role: "viewer", url: "/api/v1/terms/suggest?limit=1001", status: 400, code: "invalid_parameter", msg: "limit must be a whole number from 1 to 1000"},

		// Resolving comments, the inbox.
		{name: "resolve a missing comment", route: "POST /api/v1/comments/:id/resolve", role: "translator", url: "/api/v1/comments/" + missingID + "/resolve", status: 404, code: "not_found", msg: noSuchComment, exact: true},
		{name: "resolve: a viewer", route: "POST /api/v1/comments/:id/resolve", role: "viewer", url: commentURL(open), status: 403, code: "forbidden"},
		{name: "resolve: resolved already", route: "POST /api/v1/comments/:id/resolve", role: "reviewer", url: commentURL(resolved), status: 409, code: "invalid_state", msg: "the comment is already resolved (by translator)", exact: true, current: true},
		{name: "resolve without a session", route: "POST /api/v1/comments/:id/resolve", url: commentURL(open), status: 401, code: "unauthenticated"},
		{name: "reopen a missing comment", route: "DELETE /api/v1/comments/:id/resolve", role: "translator", url: "/api/v1/comments/" + missingID + "/resolve", status: 404, code: "not_found", msg: noSuchComment, exact: true},
		{name: "reopen: a viewer", route: "DELETE /api/v1/comments/:id/resolve", role: "viewer", url: commentURL(resolved), status: 403, code: "forbidden"},
		{name: "reopen: open already", route: "DELETE /api/v1/comments/:id/resolve", role: "translator", url: commentURL(open), status: 409, code: "invalid_state", msg: "the comment is open already", exact: true, current: true},
		{name: "inbox without a session", route: "GET /api/v1/inbox", status: 401, code: "unauthenticated"},
		{name: "mark read without a session", route: "POST /api/v1/inbox/read", body: map[string]bool{"all": true}, status: 401, code: "unauthenticated"},
		{name: "mark read: nothing named", route: "POST /api/v1/inbox/read", role: "viewer", body: "{}", status: 400, code: "invalid_request", msg: `{"all": true}`},
		{name: "mark read: both ids and all", route: "POST /api/v1/inbox/read", role: "viewer", body: map[string]any{"ids": []int{1}, "all": true}, status: 400, code: "invalid_request"},
		{name: "mark read: ids not numbers", route: "POST /api/v1/inbox/read", role: "viewer", body: `{"ids": ["a"]}`, status: 400, code: "invalid_request"},
		{name: "mark read: not JSON", route: "POST /api/v1/inbox/read", role: "viewer", body: "all=1", ctype: "application/x-www-form-urlencoded", status: 415, code: "invalid_request"},

		// Assignments and the QA report (issue 18).
		{name: "assignments: a viewer", route: "GET /api/v1/assignments", role: "viewer", status: 403, code: "forbidden"},
		{name: "assignments: mine and user", route: "GET /api/v1/assignments", role: "translator", url: "/api/v1/assignments?mine=1&user=reviewer", status: 400, code: "invalid_parameter", msg: "send one of them"},
		{name: "assignments: mine=2", route: "GET /api/v1/assignments", role: "translator", url: "/api/v1/assignments?mine=2", status: 400, code: "invalid_parameter", msg: "mine must be 1"},
		{name: "assignments of a missing document", route: "GET /api/v1/assignments", role: "translator", url: "/api/v1/assignments?document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "assign: a translator", route: "POST /api/v1/assignments", role: "translator", body: map[string]any{"document_id": doc, "translator": "translator", "reviewer": "reviewer"}, status: 403, code: "forbidden"},
		{name: "assign: no document", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"translator": "translator", "reviewer": "reviewer"}, status: 422, code: "invalid_document"},
		{name: "assign: a missing document", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": 999999, "translator": "translator", "reviewer": "reviewer"}, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "assign: a range past the end", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "first_clause": 2, "last_clause": 9999, "translator": "translator", "reviewer": "reviewer"}, status: 422, code: "invalid_clauses", msg: "are not a range of document"},
		{name: "assign: last before first", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "first_clause": 5, "last_clause": 2, "translator": "translator", "reviewer": "reviewer"}, status: 422, code: "invalid_clauses", msg: "first ≤ last"},
		{name: "assign: only a first clause", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "first_clause": 5, "translator": "translator", "reviewer": "reviewer"}, status: 422, code: "invalid_clauses"},
		{name: "assign: no such translator", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "translator": "nobody", "reviewer": "reviewer"}, status: 422, code: "invalid_translator", msg: "there is no user nobody"},
		{name: "assign: a viewer as translator", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "translator": "viewer", "reviewer": "reviewer"}, status: 422, code: "invalid_translator", msg: "viewer is a viewer and cannot be the translator"},
		{name: "assign: a translator as reviewer", route: "POST /api/v1/assignments", role: "admin", body: map[string]any{"document_id": doc, "translator": "translator", "reviewer": "translator"}, status: 422, code: "invalid_reviewer", msg: "needs the role reviewer or above"},
		{name: "assign: a bad due date", route: "POST /api/v1/assignments", role: "reviewer", body: map[string]any{"document_id": doc, "translator": "translator", "reviewer": "reviewer", "due": "20.12.2026"}, status: 422, code: "invalid_due", msg: "YYYY-MM-DD"},
		{name: "assign: not JSON", route: "POST /api/v1/assignments", role: "reviewer", body: "document_id=1", ctype: "application/x-www-form-urlencoded", status: 415, code: "invalid_request"},
		{name: "change an assignment: stale", route: "PUT /api/v1/assignments/:id", role: "reviewer", url: assignURL, body: map[string]any{"due": "2026-12-24", "version": 1}, status: 409, code: "conflict", msg: "was changed by reviewer since you loaded it", current: true},
		{name: "change an assignment: no version", route: "PUT /api/v1/assignments/:id", role: "reviewer", url: assignURL, body: map[string]any{"due": "2026-12-24"}, status: 400, code: "invalid_request", msg: "version"},
		{name: "change a missing assignment", route: "PUT /api/v1/assignments/:id", role: "reviewer", url: "/api/v1/assignments/" + missingID, body: map[string]any{"due": "2026-12-24", "version": 1}, status: 404, code: "not_found", msg: noSuchAssignment, exact: true},
		{name: "change an assignment: a translator", route: "PUT /api/v1/assignments/:id", role: "translator", url: assignURL, body: map[string]any{"due": "2026-12-24", "version": 2}, status: 403, code: "forbidden"},
		{name: "change an assignment: another statement", route: "PUT /api/v1/assignments/:id", role: "reviewer", url: assignURL, body: map[string]any{"document_id": doc, "version": 2}, status: 422, code: "invalid_document"},
		{name: "change an assignment: a bad range", route: "PUT /api/v1/assignments/:id", role: "reviewer", url: assignURL, body: map[string]any{"first_clause": 0, "last_clause": 3, "version": 2}, status: 422, code: "invalid_clauses"},
		{name: "delete an assignment: stale", route: "DELETE /api/v1/assignments/:id", role: "reviewer", url: assignURL + "?version=1", status: 409, code: "conflict", current: true},
		{name: "delete an assignment: no version", route: "DELETE /api/v1/assignments/:id", role: "reviewer", url: assignURL, status: 400, code: "invalid_parameter", msg: "version is missing"},
		{name: "delete a missing assignment", route: "DELETE /api/v1/assignments/:id", role: "reviewer", url: "/api/v1/assignments/" + missingID + "?version=1", status: 404, code: "not_found", msg: noSuchAssignment, exact: true},
		{name: "delete an assignment: a translator", route: "DELETE /api/v1/assignments/:id", role: "translator", url: assignURL + "?version=2", status: 403, code: "forbidden"},
		{name: "QA report: no format", route: "GET /api/v1/findings/report", role: "viewer", status: 400, code: "invalid_parameter", msg: "format must be csv or html"},
		{name: "QA report: a missing document", route: "GET /api/v1/findings/report", role: "viewer", url: "/api/v1/findings/report?format=csv&document=" + missingID, status: 404, code: "not_found", msg: noSuchDocument, exact: true},
		{name: "QA report without a session", route: "GET /api/v1/findings/report", url: "/api/v1/findings/report?format=html", status: 401, code: "unauthenticated"},

		// No route.
		{name: "an unknown API route", method: "GET", url: "/api/v1/nothing", role: "viewer", status: 404, code: "not_found", msg: "no such API route: GET /api/v1/nothing", exact: true},
		{name: "a route with another method", method: "PATCH", url: "/api/v1/documents", role: "viewer", status: 404, code: "not_found", msg: "no such API route"},
	}
	for i := range cases {
		c := &cases[i]
		if c.route != "" && c.method == "" {
			c.method, _, _ = strings.Cut(c.route, " ")
		}
		if c.url == "" && c.route != "" {
			_, c.url, _ = strings.Cut(c.route, " ")
		}
	}
	// Every :id route with a bad id, its missing-object case's request
	// otherwise: the id is refused before anything else is looked at.
	var badIDs []apiScenario
	for _, c := range cases {
		if !strings.Contains(c.route, ":id") || c.status != 404 || !strings.Contains(c.url, "/"+missingID) {
			continue
		}
		for _, id := range []string{"abc", "0", "-1", "1.5", "4294967296"} {
			b := c
			b.name = fmt.Sprintf("%s, id %s", c.route, id)
			b.url = strings.Replace(c.url, "/"+missingID, "/"+id, 1)
			b.status, b.code, b.msg, b.exact, b.current = 400, "invalid_parameter", fmt.Sprintf("%q is not an id", id), false, false
			badIDs = append(badIDs, b)
		}
	}
	cases = append(cases, badIDs...)

	checkCoverage(t, cases)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := c.send(e)
			if rec.Code != c.status {
				t.Fatalf("%s %s as %q: %d, want %d: %s", c.method, c.url, c.role, rec.Code, c.status, rec.Body)
			}
			beside := []string{}
			if c.current {
				beside = append(beside, "current")
			}
			if c.findings {
				beside = append(beside, "findings")
			}
			got := errorShape(t, rec, beside...)
			if got.Code != c.code {
				t.Errorf("%s %s: code %q, want %q: %s", c.method, c.url, got.Code, c.code, rec.Body)
			}
			if c.exact && got.Message != c.msg || !strings.Contains(got.Message, c.msg) {
				t.Errorf("%s %s: message %q, want %q", c.method, c.url, got.Message, c.msg)
			}
			if got.Code == "invalid_parameter" && len(got.Parameters) == 0 {
				t.Errorf("%s %s: invalid_parameter names no parameter", c.method, c.url)
			}
			if strings.Contains(c.name, ", id ") && !slices.Contains(got.Parameters, "id") {
				t.Errorf("%s %s: the bad id is not named: %v", c.method, c.url, got.Parameters)
			}
		})
	}
	// Nothing above changed anything.
	var after clausePage
	e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=500", doc), nil, 200, &after)
	if len(after.Clauses) != len(page.Clauses) {
		t.Errorf("%d clauses after the error cases, %d before", len(after.Clauses), len(page.Clauses))
	}
	for _, cl := range []store.Clause{fresh, draft, approved, brics} {
		now, err := e.st.GetClause(ctx, cl.ID)
		if err != nil || now.Version != cl.Version || now.Status != cl.Status || now.Target != cl.Target {
			t.Errorf("clause %d changed: %+v, was %+v (%v)", cl.ID, now, cl, err)
		}
	}
	if now, err := e.st.GetTerm(ctx, term.ID); err != nil || now.Version != term.Version {
		t.Errorf("the term changed: %+v (%v)", now, err)
	}
	if us, _ := e.st.ListUsers(ctx); len(us) != 4 {
		t.Errorf("%d users after the error cases", len(us))
	}
}

// send makes the scenario's request as its user.
func (c apiScenario) send(e *env) *httptest.ResponseRecorder {
	e.t.Helper()
	as := e.anon()
	switch c.role {
	case "":
	case "stale":
		as.token = "not-a-session-token"
	default:
		as = e.as(c.role)
	}
	var body io.Reader
	var hdr []string
	switch {
	case c.file != nil:
		var buf bytes.Buffer
		hdr = []string{"Content-Type", newMultipart(&buf, c.file.name, c.file.data)}
		body = &buf
	case c.body != nil:
		s, ok := c.body.(string)
		if !ok {
			s = mustJSON(c.body)
		}
		body = strings.NewReader(s)
		hdr = []string{"Content-Type", cmp.Or(c.ctype, "application/json")}
	}
	return as.do(c.method, c.url, body, hdr...)
}

// errorShape checks that the body is exactly one {"error": {"code",
// "message"}} (with "parameters" for invalid_parameter), and beside it
// what the scenario says: "current" (an object), "findings" (a list that
// is not empty).
func errorShape(t *testing.T, rec *httptest.ResponseRecorder, beside ...string) apiErr {
	t.Helper()
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type %q", ct)
	}
	dec := json.NewDecoder(bytes.NewReader(rec.Body.Bytes()))
	var top map[string]json.RawMessage
	if err := dec.Decode(&top); err != nil {
		t.Fatalf("not JSON (%v): %s", err, rec.Body)
	}
	if _, err := dec.Token(); err != io.EOF {
		t.Fatalf("more than one JSON value: %s", rec.Body)
	}
	want := append([]string{"error"}, beside...)
	current := slices.Contains(beside, "current")
	var keys []string
	for k := range top {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	slices.Sort(want)
	if !slices.Equal(keys, want) {
		t.Errorf("top-level keys %v, want %v: %s", keys, want, rec.Body)
	}
	if current && (len(top["current"]) == 0 || string(top["current"]) == "null" || top["current"][0] != '{') {
		t.Errorf("current is not the object: %s", top["current"])
	}
	if slices.Contains(beside, "findings") {
		var fs []map[string]any
		if err := json.Unmarshal(top["findings"], &fs); err != nil || len(fs) == 0 || fs[0]["key"] == nil || fs[0]["clause_id"] == nil {
			t.Errorf("findings is not a list of findings: %s", top["findings"])
		}
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(top["error"], &fields); err != nil {
		t.Fatalf("error is not an object: %s", rec.Body)
	}
	var got apiErr
	json.Unmarshal(top["error"], &got)
	for k := range fields {
		if k != "code" && k != "message" && !(k == "parameters" && got.Code == "invalid_parameter") {
			t.Errorf("error has %q: %s", k, rec.Body)
		}
	}
	if got.Code == "" || strings.TrimSpace(got.Message) == "" {
		t.Errorf("error without a code or message: %s", rec.Body)
	}
	if goSpeak.MatchString(got.Message) {
		t.Errorf("the message speaks Go: %q", got.Message)
	}
	return got
}

// checkCoverage: every route of the table (but those covered elsewhere)
// has a scenario, every :id route one for a missing object, and every
// scenario's URL is its route's.
func checkCoverage(t *testing.T, cases []apiScenario) {
	t.Helper()
	param := regexp.MustCompile(`:\w+`)
	patterns := map[string]*regexp.Regexp{}
	for _, r := range (&handlers{}).routes() {
		key := r.Method + " " + r.Path
		patterns[key] = regexp.MustCompile("^" + param.ReplaceAllString(regexp.QuoteMeta(r.Path), `[^/]+`) + "(\\?.*)?$")
	}
	covered, missing := map[string]bool{}, map[string]bool{}
	for _, c := range cases {
		if c.route == "" {
			continue
		}
		re, ok := patterns[c.route]
		if !ok {
			t.Errorf("%s: no route %s in the table", c.name, c.route)
			continue
		}
		if method, _, _ := strings.Cut(c.route, " "); c.method != method || !re.MatchString(c.url) {
			t.Errorf("%s: %s %s is not the route %s", c.name, c.method, c.url, c.route)
		}
		covered[c.route] = true
		if c.status == 404 && c.code == "not_found" && strings.Contains(c.url, "/"+missingID) {
			missing[c.route] = true
		}
	}
	for _, r := range (&handlers{}).routes() {
		key := r.Method + " " + r.Path
		if slices.Contains(routesCoveredElsewhere, key) {
			continue
		}
		if !covered[key] {
			t.Errorf("route %s has no error case in TestEveryRouteErrorCases", key)
		}
		if strings.Contains(r.Path, ":id") && !missing[key] {
			t.Errorf("route %s has no case for a missing id (%s)", key, missingID)
		}
	}
}
