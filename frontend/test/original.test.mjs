// The memory panel shows a match's Chinese as the corpus writes it
// (src/editor/original.js), though the server's diff is of normalised text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asOriginal, units } from '../src/editor/original.js';

test('full-width punctuation and digits come back', () => {
  const match = '双方将加强协作，维护上海合作组织地区和平稳定（２０１１）。';
  const clause = '双方将加强协作，以维护上海合作组织地区的和平稳定。';
  // The server's diff, over the normalised texts ("，" and "（２０１１）" fold to "," and "(2011)").
  const ops = [
    { kind: 'equal', text: '双方将加强协作,' },
    { kind: 'insert', text: '以' },
    { kind: 'equal', text: '维护上海合作组织地区' },
    { kind: 'insert', text: '的' },
    { kind: 'equal', text: '和平稳定' },
    { kind: 'delete', text: '(2011)' },
    { kind: 'equal', text: '。' },
  ];
  const out = asOriginal(ops, match, clause);
  assert.deepEqual(out.filter((o) => o.kind !== 'insert').map((o) => o.text).join(''), match);
  assert.deepEqual(out[5], { kind: 'delete', text: '（２０１１）' });
});

test('spaces collapse as on the server; a mismatch gives null', () => {
  assert.deepEqual(units('　a  b ').map((u) => u.norm).join(''), 'a b');
  assert.equal(asOriginal([{ kind: 'equal', text: 'a b' }], 'a\u3000\u3000b', 'a b')[0].text, 'a\u3000\u3000b');
  assert.equal(asOriginal([{ kind: 'equal', text: 'xyz' }], 'abc', 'abc'), null);
  assert.equal(asOriginal([{ kind: 'equal', text: 'ab' }], 'abc', 'ab'), null);
});
