// Package cedict serves CC-CEDICT's English senses of Chinese words, the
// bilingual dictionary term discovery uses as prior evidence. The data is
// CC BY-SA 4.0 and lives in its own file (cedict.tsv.gz, see LICENSE and
// gen.mjs for how it is built).
package cedict

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"strings"
	"sync"
)

//go:embed cedict.tsv.gz
var data []byte

// Dictionary maps simplified Chinese headwords to their English senses.
type Dictionary struct {
	senses map[string][]string
}

var (
	once   sync.Once
	loaded *Dictionary
)

// Load returns the dictionary, read once per process (≈ 115,000 headwords,
// a fraction of a second).
func Load() *Dictionary {
	once.Do(func() { loaded = parse(data) })
	return loaded
}

func parse(gz []byte) *Dictionary {
	d := &Dictionary{senses: make(map[string][]string, 120_000)}
	r, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		panic("cedict: embedded data unreadable: " + err.Error()) // a broken build, not input
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		zh, senses, ok := strings.Cut(sc.Text(), "\t")
		if ok {
			d.senses[zh] = strings.Split(senses, " / ")
		}
	}
	if err := sc.Err(); err != nil {
		panic("cedict: embedded data unreadable: " + err.Error())
	}
	return d
}

// Senses returns the English senses of a simplified headword, nil if it is
// not in the dictionary.
func (d *Dictionary) Senses(zh string) []string {
	if d == nil {
		return nil
	}
	return d.senses[zh]
}

// Len is the number of headwords.
func (d *Dictionary) Len() int { return len(d.senses) }
