// The Discovered view's one-click glossary entry: what the choice made in a
// term (the approved rendering, each other one a variant or forbidden)
// becomes, for a new entry and for one already in the glossary.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { glossaryChange } from '../src/discovered.js';

const central = { en: 'Central Asia', clauses: [1, 2, 3], documents: [1] };
const middle = { en: 'Middle Asia', clauses: [4], documents: [2] };
const ca = { en: 'CA', clauses: [5], documents: [2], abbreviation_of: 'Central Asia' };
const term = { zh: '中亚', renderings: [central, middle, ca] };

test('a new entry: the approved English, the others as chosen', () => {
  assert.deepEqual(glossaryChange(term, { approved: central, others: [[middle, 'forbidden'], [ca, 'variant']] }),
    { zh: '中亚', en: 'Central Asia', variants: ['CA'], forbidden: ['Middle Asia'] });
});

test('an entry in the glossary keeps its variants and forbidden renderings', () => {
  const entry = { id: 7, version: 3, zh: '中亚', en: 'Central Asia', variants: ['Central Asian region'], forbidden: ['Centre Asia'], case_sensitive: false };
  assert.deepEqual(glossaryChange(term, { approved: central, others: [[middle, 'forbidden'], [ca, 'variant']] }, entry),
    { zh: '中亚', en: 'Central Asia', variants: ['Central Asian region', 'CA'], forbidden: ['Centre Asia', 'Middle Asia'] });
});

test('choosing another approved English: the old one stays accepted, a rendering leaves the list it was in', () => {
  // Middle Asia was forbidden, CA a variant; now Middle Asia is approved
  // and CA forbidden.
  const entry = { id: 7, version: 3, zh: '中亚', en: 'Central Asia', variants: ['ca'], forbidden: ['Middle Asia'], case_sensitive: false };
  assert.deepEqual(glossaryChange(term, { approved: middle, others: [[central, 'forbidden'], [ca, 'forbidden']] }, entry),
    { zh: '中亚', en: 'Middle Asia', variants: [], forbidden: ['Central Asia', 'CA'] });
  assert.deepEqual(glossaryChange(term, { approved: middle, others: [[central, 'variant'], [ca, 'variant']] }, entry),
    { zh: '中亚', en: 'Middle Asia', variants: ['ca', 'Central Asia'], forbidden: [] });
});

test('an entry matched case-sensitively keeps forms that differ in case apart', () => {
  const entry = { id: 7, version: 3, zh: '中亚', en: 'Central Asia', variants: ['ca'], forbidden: [], case_sensitive: true };
  assert.deepEqual(glossaryChange(term, { approved: central, others: [[middle, 'forbidden'], [ca, 'variant']] }, entry),
    { zh: '中亚', en: 'Central Asia', variants: ['ca', 'CA'], forbidden: ['Middle Asia'] });
});
