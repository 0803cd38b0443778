// End-to-end: aligning an existing English version in real Chromium — load
// the text, review the proposed pairs (least certain first), merge, split
// and move sentences, accept; only then are drafts stored.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, repo, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('align the English version of a statement and accept it as drafts', async () => {
  const { api, login, base } = env;
  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.title.includes('签署10周年'));
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('link', { name: 'Align an English version…' }).click();
  await page.locator('#align-file').setInputFiles(join(repo, 'internal/align/testdata/treaty-2011.en.txt'));
  await page.waitForFunction(() => document.querySelector('#align-text').value.includes('Good-Neighbourliness'));
  await page.getByRole('button', { name: 'Propose alignment' }).click();
  await page.locator('.pair').first().waitFor();
  const n = await page.locator('.pair').count();
  assert.ok(n >= 30, `${n} pairs`);
  // Least certain first.
  const conf = await page.locator('.pair .conf').allTextContents();
  const values = conf.map((c) => parseInt(c, 10));
  assert.deepEqual(values, [...values].sort((a, b) => a - b));
  await page.screenshot({ path: join(shots, 'align.png') });
  // Nothing stored yet (the numbering markers have their English from the import).
  const english = async () => (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses.filter((c) => c.target !== '');
  assert.deepEqual((await english()).filter((c) => c.kind !== 'heading'), []);

  // In document order: merge the first two pairs, then split them again.
  await page.getByLabel('Order').selectOption('document');
  const first = page.locator('.pair').first();
  await first.getByRole('button', { name: 'Merge with next' }).click();
  assert.equal(await page.locator('.pair').count(), n - 1);
  assert.ok((await page.locator('.pair').first().locator('.pair-zh p').count()) >= 2);
  await page.locator('.pair').first().getByRole('button', { name: 'Split' }).click();
  assert.equal(await page.locator('.pair').count(), n);
  // Move the last sentence of the first pair down, and back up.
  const firstEnglish = await first.locator('.pair-en').textContent();
  const second = page.locator('.pair').nth(1);
  const before = await second.locator('.pair-en').textContent();
  await page.locator('.pair').first().getByRole('button', { name: 'Last sentence ↓' }).click();
  assert.notEqual(await page.locator('.pair').nth(1).locator('.pair-en').textContent(), before);
  await page.locator('.pair').nth(1).getByRole('button', { name: 'First sentence ↑' }).click();
  assert.equal(await page.locator('.pair').first().locator('.pair-en').textContent(), firstEnglish);

  await page.getByRole('button', { name: 'Accept all as drafts' }).click();
  await page.locator('.notice.ok', { hasText: 'clauses got English as drafts' }).waitFor();
  const translated = (await english()).length;
  assert.ok(translated >= 35, `${translated} of ${doc.clauses} clauses translated`);
  const clauses = (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses;
  const jinping = clauses.find((c) => c.source.includes('2001年7月16日'));
  assert.match(jinping.target, /16 July 2001/);
  assert.equal(jinping.status, 'draft');
  assert.deepEqual(errors, []);
  await page.close();
});
