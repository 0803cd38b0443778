package store

import (
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm/schema"

	"github.com/zhen-workbench/zhen/glossary"
)

// TestClauseColumnsNameEveryField: the hand-written column list that the
// editor's hot paths read clauses through names every column of the model,
// in field order, so that a new field cannot silently come back zero in
// lists, search hits and the review queue.
func TestClauseColumnsNameEveryField(t *testing.T) {
	sch, err := schema.Parse(&Clause{}, &sync.Map{}, schema.NamingStrategy{})
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, f := range sch.Fields {
		if f.DBName != "" {
			want = append(want, "clauses."+f.DBName)
		}
	}
	if got := strings.Split(clauseColumns, ", "); !reflect.DeepEqual(got, want) {
		t.Fatalf("clauseColumns\n got %v\nwant %v (the model's columns in field order; scanClause must follow)", got, want)
	}
}

// TestClauseReadsAgree: a clause with every field set reads the same
// through GORM (GetClause) and through clauseColumns and scanClause
// (ListClauses, the duplicate-source query).
func TestClauseReadsAgree(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		doc := mustImport(t, s, testDoc("Statement", "一。", "双方认为。"))[0] // the second: position and paragraph 1
		list, _, err := s.ListClauses(ctx, ClauseFilter{DocumentID: doc.ID})
		if err != nil || len(list) != 2 {
			t.Fatalf("%v %v", list, err)
		}
		c, err := s.SaveTranslation(ctx, list[1].ID, 0, "The two sides believe.", "li", "editor")
		if err != nil {
			t.Fatal(err)
		}
		if c, err = s.Submit(ctx, c.ID, c.Version, "li"); err != nil {
			t.Fatal(err)
		}
		if c, err = s.Approve(ctx, c.ID, c.Version, 0, "wang"); err != nil {
			t.Fatal(err)
		}
		if _, err = s.SaveTranslation(ctx, c.ID, c.Version, "Both sides believe.", "li", "editor"); err != nil {
			t.Fatal(err)
		}
		byGORM, err := s.GetClause(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		v := reflect.ValueOf(byGORM)
		for i := range v.NumField() {
			if v.Field(i).IsZero() {
				t.Fatalf("the test clause leaves %s zero: set it, so that the comparison covers it", v.Type().Field(i).Name)
			}
		}
		list, _, err = s.ListClauses(ctx, ClauseFilter{DocumentID: doc.ID})
		if err != nil {
			t.Fatal(err)
		}
		same, err := s.queryClauses(ctx, "WHERE clauses.source_key = ?", glossary.Normalize("双方认为。"))
		if err != nil || len(same) != 1 {
			t.Fatalf("%v %v", same, err)
		}
		for name, got := range map[string]Clause{"ListClauses": list[1], "queryClauses": same[0]} {
			if !sameClause(got, byGORM) {
				t.Errorf("%s read\n%+v\nGORM read\n%+v", name, got, byGORM)
			}
		}
	})
}

// sameClause compares clauses with times as instants (drivers differ in
// the location they give back).
func sameClause(a, b Clause) bool {
	if !a.UpdatedAt.Equal(b.UpdatedAt) || !a.CreatedAt.Equal(b.CreatedAt) || (a.ApprovedAt == nil) != (b.ApprovedAt == nil) ||
		a.ApprovedAt != nil && !a.ApprovedAt.Equal(*b.ApprovedAt) {
		return false
	}
	a.UpdatedAt, a.CreatedAt, a.ApprovedAt = b.UpdatedAt, b.CreatedAt, b.ApprovedAt
	return reflect.DeepEqual(a, b)
}

// TestSetBasedWritesAgree: a translation given by the set-based import
// (ApplyTranslations) leaves the same clause and history row as the one by
// one save (SaveTranslation) in every column but ids and times, so that a
// new column the save sets cannot silently stay empty in imports.
func TestSetBasedWritesAgree(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *Store) {
		ctx := t.Context()
		mustImport(t, s, testDoc("甲", "双方认为。"), testDoc("乙", "合作共赢。"))
		cs, _, err := s.ListClauses(ctx, ClauseFilter{})
		if err != nil || len(cs) != 2 {
			t.Fatalf("%v %v", cs, err)
		}
		one, err := s.SaveTranslation(ctx, cs[0].ID, 0, "The text.", "li", "csv")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ApplyTranslations(ctx, []SourcePair{{Source: cs[1].Source, Target: "The text."}}, "li", "csv"); err != nil {
			t.Fatal(err)
		}
		set, err := s.GetClause(ctx, cs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		same := func(what string, a, b any, ignore ...string) {
			t.Helper()
			va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
			for i := range va.NumField() {
				name := va.Type().Field(i).Name
				if slices.Contains(ignore, name) {
					continue
				}
				if !reflect.DeepEqual(va.Field(i).Interface(), vb.Field(i).Interface()) {
					t.Errorf("%s.%s: %v one by one, %v set-based", what, name, va.Field(i).Interface(), vb.Field(i).Interface())
				}
			}
		}
		same("Clause", one, set, "ID", "DocumentID", "Source", "SourceKey", "UpdatedAt", "CreatedAt")
		h1, err := s.History(ctx, one.ID)
		if err != nil {
			t.Fatal(err)
		}
		h2, err := s.History(ctx, set.ID)
		if err != nil || len(h1) != 1 || len(h2) != 1 {
			t.Fatalf("history: %v %v %v", h1, h2, err)
		}
		same("Revision", h1[0], h2[0], "ID", "ClauseID", "CreatedAt")
	})
}
