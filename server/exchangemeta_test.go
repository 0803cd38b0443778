package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zhen-workbench/zhen/internal/exchange"
	"github.com/zhen-workbench/zhen/internal/imports"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// TestExportMetadata: a statement's TMX names who first wrote the English
// (translator), who last changed it (admin) and who approved it
// (reviewer), with their dates, numbers clauses from 1, passes the TMX
// validators, is named after the statement's date and title, and writes
// the corpus's target language, which the admin changes; an import that
// names another English says so.
func TestExportMetadata(t *testing.T) {
	onBothDatabases(t, func(t *testing.T, e *env) {
		var doc store.Imported
		for _, d := range e.importSeed().Documents {
			if d.Date == "2013-03-23" {
				doc = d
			}
		}
		var list struct{ Clauses []store.Clause }
		e.json("GET", fmt.Sprintf("/api/v1/documents/%d/clauses?limit=50", doc.ID), nil, 200, &list)
		var cl store.Clause
		for _, c := range list.Clauses {
			if c.Kind != "heading" {
				cl = c
				break
			}
		}
		path := fmt.Sprintf("/api/v1/clauses/%d", cl.ID)
		var c store.Clause
		time.Sleep(1100 * time.Millisecond) // the English is written a second after the import
		e.as("translator").json("PUT", path+"/translation", map[string]any{"text": "First try.", "version": cl.Version}, 200, &c)
		time.Sleep(1100 * time.Millisecond) // TMX dates are to the second
		e.as("admin").json("PUT", path+"/translation", map[string]any{"text": "The two sides agree.", "version": c.Version}, 200, &c)
		e.as("admin").json("POST", path+"/submit", map[string]any{"version": c.Version}, 200, &c)
		e.as("reviewer").json("POST", path+"/approve", map[string]any{"version": c.Version}, 200, &c)

		rec := e.do("GET", fmt.Sprintf("/api/v1/export?format=tmx&document=%d", doc.ID), nil)
		if rec.Code != 200 {
			t.Fatalf("export: %d %s", rec.Code, rec.Body)
		}
		cd := rec.Header().Get("Content-Disposition")
		_, params, err := mime.ParseMediaType(cd)
		if want := "2013-03-23 合作共赢、深化全面战略协作伙伴关系.tmx"; err != nil || params["filename"] != want {
			t.Errorf("Content-Disposition %q gives %q (%v), want %q", cd, params["filename"], err, want)
		}
		if want := fmt.Sprintf(`attachment; filename="2013-03-23-statement-%d.tmx"; filename*=UTF-8''2013-03-23%%20`, doc.ID); !strings.HasPrefix(cd, want) {
			t.Errorf("Content-Disposition %q, want it to start %q", cd, want)
		}
		body := rec.Body.String()
		file := filepath.Join(e.dir, "meta.tmx")
		os.WriteFile(file, rec.Body.Bytes(), 0o644)
		if out, code := testkit.RunValidator(t, "validate_tmx.sh", file); code != 0 {
			t.Fatalf("validate_tmx.sh rejects the export:\n%s", out)
		}
		units, err := exchange.ReadTMX(strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var u exchange.TMUnit
		for _, x := range units {
			if x.TUID == fmt.Sprint(cl.ID) {
				u = x
			}
		}
		history := map[string]time.Time{}
		var revs struct{ Revisions []store.Revision }
		e.json("GET", path+"/history", nil, 200, &revs)
		for _, r := range revs.Revisions {
			history[r.Author+" "+r.Action] = r.CreatedAt
		}
		tmxDate := func(tm time.Time) string { return tm.UTC().Format("20060102T150405Z") }
		if u.ChangeID != "admin" || tmxDate(u.ChangeDate) != tmxDate(history["admin save"]) || tmxDate(u.CreationDate) != tmxDate(history["translator save"]) ||
			u.Prop("x-approved-by") != "reviewer" || u.Prop("x-approved-at") != tmxDate(history["reviewer approve"]) ||
			u.Prop("x-clause-number") != fmt.Sprint(cl.Position+1) || u.TargetLang != "en-GB" {
			t.Errorf("unit %+v; history %v", u, history)
		}
		if !strings.Contains(body, `creationid="translator"`) || tmxDate(u.CreationDate) == tmxDate(cl.CreatedAt) {
			t.Errorf("creationid/creationdate not the first translator's")
		}

		// The target language: a setting the admin changes, which every export writes.
		var cs store.CorpusSettings
		e.json("GET", "/api/v1/settings", nil, 200, &cs)
		if cs.TargetLanguage != "en-GB" {
			t.Errorf("default target language %q", cs.TargetLanguage)
		}
		e.as("translator").json("PUT", "/api/v1/settings", map[string]string{"target_language": "en-US"}, 403, nil)
		e.as("admin").json("PUT", "/api/v1/settings", map[string]string{"target_language": "fr"}, 422, nil)
		e.as("admin").json("PUT", "/api/v1/settings", map[string]string{"target_language": ""}, 422, nil)
		e.as("admin").json("PUT", "/api/v1/settings", map[string]string{"target_language": "en-US"}, 200, &cs)
		if cs.TargetLanguage != "en-US" || cs.NumberingStyle == "" {
			t.Errorf("after PUT: %+v", cs)
		}
		for q, want := range map[string]string{
			"format=tmx": `<tuv xml:lang="en-US">`,
			"format=xliff&document=" + fmt.Sprint(doc.ID): `target-language="en-US"`,
		} {
			rec := e.do("GET", "/api/v1/export?"+q, nil)
			if !strings.Contains(rec.Body.String(), want) {
				t.Errorf("export?%s lacks %s", q, want)
			}
		}
		rec = e.do("GET", "/api/v1/export?format=csv", nil)
		day := time.Now().Format("2006-01-02")
		if cd := rec.Header().Get("Content-Disposition"); cd != `attachment; filename="zhen-corpus-`+day+`.csv"` {
			t.Errorf("corpus export named %q", cd)
		}
		if !strings.Contains(strings.SplitN(rec.Body.String(), "\r\n", 2)[0], "clause_number") {
			t.Errorf("CSV header %q", strings.SplitN(rec.Body.String(), "\r\n", 2)[0])
		}
		e.json("POST", "/api/v1/glossary", map[string]any{"zh": "上海合作组织", "en": "Shanghai Cooperation Organisation"}, 201, nil)
		rec = e.do("GET", "/api/v1/glossary/export?format=tbx", nil)
		if !strings.Contains(rec.Body.String(), `<langSec xml:lang="en-US">`) || rec.Header().Get("Content-Disposition") != `attachment; filename="zhen-glossary-`+day+`.tbx"` {
			t.Errorf("glossary export: %v %.300s", rec.Header(), rec.Body)
		}

		// The en-GB file into the en-US corpus: imported, with a note.
		var res imports.Result
		json.Unmarshal(e.as("translator").uploadTo("/api/v1/translations/import", "meta.tmx", []byte(body)).Body.Bytes(), &res)
		if res.Format != "tmx" || len(res.OtherLanguages) != 1 || res.OtherLanguages[0] != "en-GB" || !strings.Contains(res.LanguageNote, "en-US") {
			t.Errorf("import of an en-GB TMX: %+v", res)
		}
		same := bytes.ReplaceAll([]byte(body), []byte(`xml:lang="en-GB"`), []byte(`xml:lang="en-US"`))
		res = imports.Result{}
		json.Unmarshal(e.as("translator").uploadTo("/api/v1/translations/import", "same.tmx", same).Body.Bytes(), &res)
		if res.Format != "tmx" || res.LanguageNote != "" {
			t.Errorf("import of an en-US TMX: %+v", res)
		}
	})
}
