// Findings in the interface's language: every code the server gives a
// finding has its message in both catalogues, and findingText renders it
// from the finding's params (the server's English message where the code is
// unknown).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import en from '../src/messages/en.js';
import zh from '../src/messages/zh-CN.js';

globalThis.document ??= { documentElement: {} };
const { findingText } = await import('../src/base/findings.js');
const { setLanguage } = await import('../src/base/i18n.js');

const root = join(import.meta.dirname, '..', '..');
const codes = ['glossary/check.go', 'internal/numcheck/compare.go'].flatMap((f) =>
  [...readFileSync(join(root, f), 'utf8').matchAll(/^\s*Code\w+\s*=\s*"(\w+)"/gm)].map((m) => m[1]));

test('every finding code has its message in both catalogues', () => {
  assert.ok(codes.length >= 13, `codes found: ${codes}`);
  for (const code of codes) {
    for (const [name, cat] of [['en', en], ['zh-CN', zh]]) {
      const k = `finding.${code}`;
      assert.ok(k in cat || (`${k}.one` in cat && `${k}.other` in cat), `${name} has no ${k}`);
    }
  }
});

const forbidden = {
  code: 'term_forbidden', params: { term: '金砖国家', found: 'BRIC', n: '2', use: 'BRICS' },
  message: '“BRIC” is a forbidden rendering of 金砖国家 (2 times): use “BRICS”.',
};

test('findingText: the English as the server writes it, the Chinese from the catalogue', () => {
  setLanguage('en');
  assert.equal(findingText(forbidden), forbidden.message);
  assert.equal(findingText({ ...forbidden, params: { ...forbidden.params, n: '1' } }), '“BRIC” is a forbidden rendering of 金砖国家: use “BRICS”.');
  assert.equal(findingText({ ...forbidden, params: { ...forbidden.params, proposed: '1', note: 'Plural.' } }),
    'Proposed term: “BRIC” is a forbidden rendering of 金砖国家 (2 times): use “BRICS”. Note: Plural.');
  assert.equal(findingText({ code: 'punctuation', params: { marks: '。', fixes: '“。” → “.”' }, message: '' }),
    'Chinese punctuation left in the English: “。” → “.”.');
  const inconsistent = { code: 'segment_inconsistent', params: { translations: '8', places: '9', here: '1', others: '“A” ×2', more: '2' } };
  assert.match(findingText(inconsistent), /“A” ×2 and 2 other translations\. Choose one/);
  setLanguage('zh-CN');
  assert.equal(findingText(forbidden), '“BRIC”是术语“金砖国家”的禁用译法（出现 2 次）：请用“BRICS”。');
  assert.equal(findingText({ code: 'untranslated', message: 'There is no English for this clause yet.' }), '此条款尚无英文译文。');
  assert.equal(findingText({ code: 'number_changed', params: { source: '5%', target: '6%' } }), '数字不一致：原文为 5%，译文却是 6%。');
  // A code this interface does not know (a newer server), or none: the server's message.
  assert.equal(findingText({ code: 'brand_new', params: {}, message: 'Something new.' }), 'Something new.');
  assert.equal(findingText({ message: 'Old server.' }), 'Old server.');
  setLanguage('en');
});
