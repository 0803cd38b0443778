// End-to-end: the editor's concordance panel finds a two-character term
// (which trigram indexes cannot) across statements, highlights it, and
// inserts a hit's English into the clause being edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('search the corpus from the editor and insert a hit', async () => {
  const { api, login, base } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  let withTerm;
  for (const d of docs) {
    withTerm = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.find((c) => c.source.includes('金砖国家'));
    if (withTerm) break;
  }
  await api('PUT', `/clauses/${withTerm.id}/translation`, { text: 'The BRICS countries will strengthen cooperation.', version: 0 }, 'translator');
  const page = await login('translator');
  const errors = watchErrors(page);
  const other = docs.find((d) => d.id !== withTerm.document_id);
  await page.goto(`${base}/#/documents/${other.id}`);
  const box = page.locator('.row').nth(1).locator('textarea.target');
  await box.click();
  await page.keyboard.press('Control+Shift+F');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'concordance-q');
  await page.locator('#concordance-q').fill('金砖');
  await page.locator('.side-panel .hit').first().waitFor();
  assert.ok((await page.locator('.side-panel .hit').count()) >= 5);
  assert.equal(await page.locator('.side-panel .hit-zh mark').first().textContent(), '金砖');
  // English hits, case-insensitive, marked.
  await page.locator('#concordance-q').fill('brics countries');
  const hit = page.locator('.side-panel .hit', { hasText: 'BRICS countries will strengthen' });
  await hit.waitFor();
  assert.equal(await hit.locator('.hit-en mark').textContent(), 'BRICS countries');
  await page.screenshot({ path: join(shots, 'concordance.png') });
  await hit.getByRole('button', { name: 'Insert' }).click();
  assert.equal(await box.inputValue(), 'The BRICS countries will strengthen cooperation.');
  await page.locator('#concordance-q').fill('不存在的说法');
  await page.locator('.side-panel', { hasText: 'is in no clause' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
