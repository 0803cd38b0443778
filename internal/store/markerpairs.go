package store

import (
	"strings"

	"gorm.io/gorm"

	"github.com/zhen-workbench/zhen/glossary"
	"github.com/zhen-workbench/zhen/internal/numbering"
	"github.com/zhen-workbench/zhen/internal/segment"
)

// Pairs that keep the numbering marker with the sentence
//
// Other tools segment 四、双方强调… as one unit, with 4. The two sides…;
// Zhen has two clauses there: the marker 四、 (kind heading, its English
// written by Zhen in the statement's numbering style) and the sentence.
// When a pair's Chinese matches no clause as a whole, it is tried as
// marker + sentence: it applies to every clause with the sentence's
// Chinese that comes right after the same marker in its paragraph, with
// the English's numbering (4. IV. (4) 4)) peeled off. The marker keeps
// Zhen's English.

// markerSplit is a pair read as a marker and its sentence.
type markerSplit struct {
	marker   string // the Chinese marker, as in the pair (四、)
	sentence string // the Chinese after it
	key      string // the sentence's source key
	target   string // the English without its numbering
}

// splitMarkerPair reads p as a marker and its sentence, if its Chinese
// starts with a marker Zhen splits off.
func splitMarkerPair(p SourcePair) (markerSplit, bool) {
	marker, rest := segment.SplitMarker(p.Source)
	if marker == "" {
		return markerSplit{}, false
	}
	key := glossary.Normalize(rest)
	if key == "" {
		return markerSplit{}, false
	}
	_, en := numbering.PeelEnglish(p.Target)
	return markerSplit{marker: marker, sentence: strings.TrimSpace(rest), key: key, target: en}, true
}

// markersBefore returns, for every clause whose source key is in keys and
// that directly follows a heading clause of its paragraph, that heading's
// Chinese, by clause id.
func markersBefore(tx *gorm.DB, keys []string) (map[uint]string, error) {
	out := map[uint]string{}
	if len(keys) == 0 {
		return out, nil
	}
	rows, err := tx.Raw(`SELECT c.id, h.source FROM clauses c
		JOIN clauses h ON h.document_id = c.document_id AND h.position = c.position - 1 AND h.paragraph = c.paragraph
		WHERE h.kind = ? AND c.source_key IN ?`, string(segment.KindHeading), keys).Rows()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id uint
		var marker string
		if err := rows.Scan(&id, &marker); err != nil {
			return nil, err
		}
		out[id] = marker
	}
	return out, rows.Err()
}

// afterMarker keeps the clauses that come right after the marker.
func afterMarker(clauses []*Clause, before map[uint]string, marker string) []*Clause {
	var out []*Clause
	for _, c := range clauses {
		if m, ok := before[c.ID]; ok && numbering.SameMarker(m, marker) {
			out = append(out, c)
		}
	}
	return out
}

// giveAfterMarker is giveSameSource for a pair read as marker + sentence:
// it saves the peeled English in the sentence clauses after that marker
// for which give says so, and returns how many it changed, or -1 if no
// clause follows that marker with that sentence.
func giveAfterMarker(tx *gorm.DB, sp markerSplit, author, origin string, give func(c Clause, target string) bool) (int, error) {
	var clauses []*Clause
	if err := tx.Where("source_key = ?", sp.key).Order("id").Find(&clauses).Error; err != nil {
		return 0, err
	}
	before, err := markersBefore(tx, []string{sp.key})
	if err != nil {
		return 0, err
	}
	clauses = afterMarker(clauses, before, sp.marker)
	if len(clauses) == 0 {
		return -1, nil
	}
	target, n := normalizeTarget(sp.target), 0
	for _, c := range clauses {
		if !give(*c, target) {
			continue
		}
		if _, err := saveTx(tx, c.ID, target, c.Version, author, origin); err != nil {
			return 0, err
		}
		n++
	}
	return n, nil
}
