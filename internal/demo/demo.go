// Package demo ships the seed corpus that `zhen serve --demo` imports into an
// empty database: five China–Russia joint statements (2011–2015) exactly as
// they were scraped from the web, page chrome and all.
package demo

import _ "embed"

// SeedName is the file name the seed is imported under.
const SeedName = "zh-ru-joint-statements-2011-2015.txt"

//go:embed zh-ru-joint-statements-2011-2015.txt
var Seed []byte
