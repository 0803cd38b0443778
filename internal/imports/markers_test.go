package imports

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/zhen-workbench/zhen/internal/segment"
	"github.com/zhen-workbench/zhen/internal/store"
	"github.com/zhen-workbench/zhen/internal/testkit"
)

// eachStore runs test on a fresh SQLite database and, when the test
// command started one, on PostgreSQL.
func eachStore(t *testing.T, test func(t *testing.T, st *store.Store)) {
	for _, dialect := range []string{"sqlite", "postgres"} {
		t.Run(dialect, func(t *testing.T) {
			dsn := filepath.Join(t.TempDir(), "zhen.db")
			if dialect == "postgres" {
				dsn = testkit.PostgresDSN(t)
			}
			st, err := store.Open(dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			test(t, st)
		})
	}
}

// numberedStatement imports a statement numbered 一、二、 and returns its
// document id.
func numberedStatement(t *testing.T, st *store.Store) uint {
	t.Helper()
	docs, err := segment.Split("numbered.txt", "关于合作的声明\n一、双方同意加强合作。\n二、双方强调互利共赢。\n")
	if err != nil {
		t.Fatal(err)
	}
	imp, err := st.ImportFiles(t.Context(), []store.SourceFile{{Name: "numbered.txt", Docs: docs}})
	if err != nil {
		t.Fatal(err)
	}
	return imp[0].ID
}

func targets(t *testing.T, st *store.Store, doc uint) string {
	t.Helper()
	cs, _, err := st.ListClauses(t.Context(), store.ClauseFilter{DocumentID: doc})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, c := range cs {
		out = append(out, c.Target)
	}
	return strings.Join(out, " | ")
}

// Files from tools that keep the marker with the sentence (OmegaT, Trados)
// fill the sentence clauses, by Chinese, in CSV and TMX alike.
func TestTranslationsMarkerWithSentence(t *testing.T) {
	eachStore(t, func(t *testing.T, st *store.Store) {
		doc := numberedStatement(t, st)
		csv := "zh,en\r\n" +
			"一、双方同意加强合作。,1. The two sides agree to strengthen cooperation.\r\n" +
			"三、双方强调互利共赢。,3. Not after 三、.\r\n"
		res, err := Translations(t.Context(), st, "omegat.csv", strings.NewReader(csv), "tom", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 1 || res.Unmatched != 1 || res.MarkerPairs != 1 {
			t.Errorf("CSV result %+v", res)
		}
		tmx := `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/>
<body>
<tu><tuv xml:lang="zh-CN"><seg>二、双方强调互利共赢。</seg></tuv><tuv xml:lang="en-US"><seg>II. The two sides stress mutual benefit.</seg></tuv></tu>
</body></tmx>`
		res, err = Translations(t.Context(), st, "omegat.tmx", strings.NewReader(tmx), "tom", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if res.Updated != 1 || res.MarkerPairs != 1 || res.Memory == nil || res.Memory.Unmatched != 0 {
			t.Errorf("TMX result %+v %+v", res, res.Memory)
		}
		want := "1. | The two sides agree to strengthen cooperation. | 2. | The two sides stress mutual benefit."
		if got := targets(t, st, doc); got != want {
			t.Errorf("English %q, want %q", got, want)
		}
	})
}
