package qa

import (
	"strings"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/numcheck"
)

// KindNumberMismatch is the finding for numbers, dates and amounts whose
// values differ between the Chinese and the English.
const KindNumberMismatch = "number_mismatch"

// clauseFindings is every per-clause check: the glossary's and the numbers'.
func clauseFindings(tb *glossary.Termbase, c glossary.Clause) []glossary.Finding {
	return withNumbers(c, tb.CheckClause(c))
}

// withNumbers adds to out, the glossary's findings for c, the numbers'.
func withNumbers(c glossary.Clause, out []glossary.Finding) []glossary.Finding {
	if strings.TrimSpace(c.Target) == "" {
		return out
	}
	for _, f := range out {
		if f.Kind == glossary.KindUntranslated {
			return out // nothing to compare in English that is still Chinese
		}
	}
	m, differ := numcheck.Compare(c.Source, c.Target)
	if !differ {
		return out
	}
	return append(out, glossary.Finding{
		Kind: KindNumberMismatch, Severity: glossary.SeverityError,
		ClauseID: c.ID, DocumentID: c.DocumentID, Source: c.Source, Target: c.Target,
		Expected: describe(m.Missing), Found: describe(m.Extra), Message: m.Message, Code: m.Code, Params: m.Params,
	})
}

func describe(vs []numcheck.Value) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Text + " = " + numcheck.Describe(v)
	}
	return strings.Join(parts, "; ")
}
