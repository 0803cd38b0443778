// Package demo ships what `zhen serve --demo` puts in an empty database: the
// seed corpus, five China–Russia joint statements (2011–2015) exactly as they
// were scraped from the web, page chrome and all, and a starter glossary of
// the terms that recur in them.
package demo

import _ "embed"

// SeedName is the file name the seed is imported under.
const SeedName = "zh-ru-joint-statements-2011-2015.txt"

//go:embed zh-ru-joint-statements-2011-2015.txt
var Seed []byte

// GlossaryName is the file name the starter glossary is imported under.
const GlossaryName = "glossary.csv"

// Glossary is the starter glossary, in Zhen's glossary CSV (see
// exchange.ReadGlossaryCSV): the seed's recurring terms with their usual
// English, variants and a few forbidden renderings.
//
//go:embed glossary.csv
var Glossary []byte
