package server

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/qa"
	"github.com/zhen-workbench/zhen/internal/workbench"
)

// TestHandlersOnlyRead: every change goes through the workbench. The
// handlers' Store has none of the workbench's writes, and no handler
// publishes an event (the workbench does, after the commit).
func TestHandlersOnlyRead(t *testing.T) {
	// The reads the workbench decides by; all its other store methods write.
	reads := map[string]bool{"GetClause": true, "GetDocument": true, "CountDocuments": true, "Terms": true, "UserByName": true, "GetUser": true, "GetTerm": true, "Noted": true,
		"Settings": true} // the corpus settings: the target language an import compares with
	for m := range reflect.TypeFor[qa.Store]().Methods() {
		reads[m.Name] = true
	}
	handlerStore := reflect.TypeFor[Store]()
	writes := 0
	for m := range reflect.TypeFor[workbench.Store]().Methods() {
		if reads[m.Name] {
			continue
		}
		writes++
		if _, ok := handlerStore.MethodByName(m.Name); ok {
			t.Errorf("the handlers' Store has %s, a write: make the change a workbench use case", m.Name)
		}
	}
	if writes < 20 {
		t.Fatalf("only %d writes found in workbench.Store: is the list of reads above right?", writes)
	}

	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	checked := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		checked++
		ast.Inspect(file, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
				switch sel.Sel.Name {
				case "Publish", "Deliver", "Notify", "LogChange":
					t.Errorf("%s: a handler announces a change (%s): the workbench does, after the commit", fset.Position(call.Pos()), sel.Sel.Name)
				}
			}
			return true
		})
	}
	if checked < 10 {
		t.Fatalf("only %d files checked", checked)
	}
}
