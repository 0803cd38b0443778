// The review queue of a busy project reads a page at a time: 130 clauses
// wait, the reviewer sees the first 100 and the count of all, "Show 30
// more" loads the rest, and an approval keeps what was loaded.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots, ok } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

const WAITING = 130;

test('review queue: a page of 100, the count of all, "Show more" for the rest', async () => {
  const { base, api, login } = env;
  const lines = ['中华人民共和国和俄罗斯联邦关于深化务实合作的联合声明', ''];
  for (let i = 1; i <= WAITING; i++) lines.push(`双方同意举行第${i}次会晤。`);
  const login0 = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'translator', password: env.passwords.translator }) });
  const { token: tr } = await login0.json();
  const res = await fetch(base + '/api/v1/documents?name=paging.txt', { method: 'POST', headers: { Authorization: 'Bearer ' + tr, 'Content-Type': 'text/plain' }, body: lines.join('\n') });
  assert.equal(res.status, 201);
  const [doc] = (await res.json()).documents;
  const { clauses } = ok(await api('GET', `/documents/${doc.id}/clauses?limit=500`), 'clauses');
  const sentences = clauses.filter((c) => c.kind !== 'heading' && c.source.startsWith('双方'));
  assert.equal(sentences.length, WAITING);
  for (const c of sentences) {
    ok(await api('PUT', `/clauses/${c.id}/translation`, { text: `The two sides agreed to hold meeting ${c.source.match(/\d+/)[0]}.`, version: c.version, confirm: true }, 'translator'), 'save');
  }
  const sent = ok(await api('POST', '/submit', { document: doc.id, mine: true, despite_findings: true }, 'translator'), 'submit');
  assert.equal(sent.submitted.length, WAITING, JSON.stringify(sent).slice(0, 400));

  const page = await login('reviewer');
  const errors = watchErrors(page);
  const requests = [];
  page.on('request', (r) => r.url().includes('/api/v1/review?') && requests.push(new URL(r.url()).searchParams));
  await page.goto(`${base}/#/review`);
  const items = page.locator('.review-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 100);
  const more = page.locator('.review-list button.more');
  assert.equal(await more.textContent(), 'Show 30 more (100 of 130 shown)');
  assert.match(await page.locator('.review-count').textContent(), /^130 clauses waiting · 100 shown/);
  assert.ok(requests.every((p) => p.get('limit') === '100'), 'the queue is asked for a page of 100');
  await page.screenshot({ path: join(shots, 'review-paging.png') });
  await more.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'review-paging-more.png') });

  await more.click();
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 130);
  assert.equal(await more.count(), 0, 'no "Show more" once all are shown');
  assert.equal(requests.at(-1).get('offset'), '100');
  assert.match(await page.locator('.review-count').textContent(), /^130 clauses waiting(?! · 130 shown)/);

  // Approving the first keeps the 129 others shown: the reload asks for as
  // many as were loaded.
  await items.first().click();
  await page.keyboard.press('a');
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 129);
  await page.locator('.review-count', { hasText: /^129 clauses waiting/ }).waitFor();
  assert.equal(await items.count(), 129);
  assert.deepEqual(errors, []);
});
