// Counts on the statement list and the statement's page (issue 18): the
// Characters column with the approved words under it, the leverage
// analysis link (a CSV the server answers), and the counts line in the
// editor's details, against GET /api/v1/stats. At 1280 px the list does
// not scroll sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots, ok } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

test('the statement list and the statement page show the counts', async () => {
  const { api, base, login } = env;
  const stats = ok(await api('GET', '/stats'), 'stats');
  const doc = stats.documents[0];
  assert.ok(doc.chinese_characters > 1000, JSON.stringify(doc));
  // Approve one clause: its words count.
  const { clauses } = ok(await api('GET', `/documents/${doc.id}/clauses?limit=500`), 'clauses');
  const c = clauses.find((x) => x.kind !== 'heading');
  let cl = ok(await api('PUT', `/clauses/${c.id}/translation`, { text: 'The two sides note US$100 and Good-Neighbourliness.', version: c.version }, 'translator'), 'save');
  cl = ok(await api('POST', `/clauses/${c.id}/submit`, { version: cl.version }, 'translator'), 'submit');
  ok(await api('POST', `/clauses/${c.id}/approve`, { version: cl.version }), 'approve');

  const page = await login('translator', { viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const cell = page.locator(`td.counts[data-document-id="${doc.id}"]`);
  await cell.locator('.chars').waitFor();
  assert.equal((await cell.locator('.chars').textContent()).replace(/\D/g, ''), String(doc.chinese_characters));
  assert.equal(await cell.locator('.words').textContent(), '7 words');
  assert.match(await cell.getAttribute('title'), new RegExp(`${doc.chinese_characters.toLocaleString('en-US')} Chinese characters.*7 words of approved English.*${doc.markers} numbering markers`));
  assert.equal(await page.locator('th', { hasText: 'Characters' }).count(), 1);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
  assert.ok(wide <= 1, `the list scrolls sideways by ${wide}px at 1280 px`);
  await page.screenshot({ path: join(shots, 'stats-list.png'), fullPage: false });

  // The analysis link downloads the CSV.
  const href = await page.locator('.page-head a.analysis-link').getAttribute('href');
  assert.equal(href, '/api/v1/analysis?format=csv');
  const csv = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  assert.match(csv, /^\uFEFF?document_id,date,title,clauses,chinese_characters,repetitions_clauses/);
  assert.match(csv, /\r\ntotal,/);

  // The statement's page: the details show the counts.
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row').first().waitFor();
  await page.locator('button.details-toggle').click();
  const line = page.locator('.head-details .counts-summary');
  await line.waitFor();
  const text = await line.textContent();
  assert.match(text, new RegExp(`${doc.chinese_characters.toLocaleString('en-US')} Chinese characters, 7 English words approved, ${doc.clauses} clauses \\(${doc.clauses - 1} untranslated, 1 approved\\), ${doc.markers} numbering markers`));
  assert.equal(await page.locator('.head-details a.analysis-link').getAttribute('href'), `/api/v1/analysis?format=csv&document=${doc.id}`);
  await page.screenshot({ path: join(shots, 'stats-editor.png'), fullPage: false });
  assert.deepEqual(errors, []);
});
