// The tracked change: which of a clause's revisions a translator's row
// compares when someone else corrected their English.
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.document ??= { documentElement: {} };
const { trackedChange } = await import('../src/base/tracked.js');

const rev = (version, action, author, text) => ({ version, action, author, text, created_at: `2026-12-06T10:0${version}:00Z` });
const history = [
  rev(1, 'save', 'li', 'The two sides held talk.'),
  rev(2, 'submit', 'li', 'The two sides held talk.'),
  rev(3, 'save', 'wang', 'The two sides held talks.'),
  rev(4, 'approve', 'wang', 'The two sides held talks.'),
];

test('the corrector and the English corrected', () => {
  assert.deepEqual(trackedChange(history, 'li'), { by: 'wang', author: 'li', from: 1, to: 3, at: '2026-12-06T10:03:00Z' });
  // Any order; without me, the last English by someone else.
  assert.deepEqual(trackedChange([...history].reverse()), { by: 'wang', author: 'li', from: 1, to: 3, at: '2026-12-06T10:03:00Z' });
  // The review queue's alternatives have the same fields.
  assert.equal(trackedChange([rev(5, 'save', 'wang', 'B'), rev(3, 'restore', 'li', 'A')]).from, 3);
});

test('nothing to show', () => {
  assert.equal(trackedChange(history, 'wang'), null, 'my own correction');
  assert.equal(trackedChange([], 'li'), null);
  assert.equal(trackedChange(undefined), null);
  assert.equal(trackedChange(history.slice(0, 2), 'li'), null, 'only my English');
  assert.equal(trackedChange([...history, rev(5, 'save', 'li', 'Mine again.')], 'li'), null, 'I wrote after the correction');
  assert.equal(trackedChange([rev(1, 'save', 'li', 'Same. '), rev(2, 'save', 'wang', 'Same.')], 'li'), null, 'the same English');
  assert.equal(trackedChange([rev(1, 'save', 'li', 'A'), rev(2, 'save', 'wang', '')], 'li'), null, 'English removed: not a correction to show');
});

test("me's own English is the base, not a third person's in between", () => {
  const h = [rev(1, 'save', 'li', 'Mine.'), rev(2, 'save', 'zhao', 'Zhao’s.'), rev(3, 'save', 'wang', 'Wang’s.')];
  assert.equal(trackedChange(h, 'li').from, 1);
  assert.equal(trackedChange(h).from, 2);
});
