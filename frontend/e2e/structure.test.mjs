// Splitting and merging clauses in the browser: keyboard-placed split
// point, the English of both parts, the history, and another user's page
// following along.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

test('split a clause at the cursor, then merge it back', async () => {
  const { base, login, api } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  const doc = docs[0];
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${doc.id}`);
  const other = await login('reviewer');
  await other.goto(`${base}/#/documents/${doc.id}`);
  await other.locator('.row textarea.target').first().waitFor();
  const rows = page.locator('.grid .row');
  await rows.first().locator('textarea.target').waitFor();
  const before = await rows.count();

  // A clause with a comma: split after it.
  const clauses = (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses;
  const c = clauses.find((x) => x.source.includes('，') && [...x.source].length > 12);
  const head = c.source.slice(0, c.source.indexOf('，') + 1);
  const row = page.locator(`.row[data-clause-id="${c.id}"]`);
  await row.locator('textarea.target').fill('On 8 May local time, the two sides met.');
  await row.getByRole('button', { name: 'Split…' }).click();
  const zh = row.getByLabel('Chinese: put the cursor where the clause should end');
  await zh.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < [...head].length; i++) await page.keyboard.press('ArrowRight');
  assert.match(await row.locator('.split-preview').textContent(), new RegExp(`First part: ${head}`));
  await row.getByLabel('English of the first part').fill('On 8 May local time,');
  await row.getByLabel('English of the second part').fill('the two sides met.');
  await page.screenshot({ path: join(shots, 'split.png') });
  await row.getByRole('button', { name: 'Split', exact: true }).click();

  // Both pages show one clause more; the new one holds the rest.
  await page.waitForFunction((n) => document.querySelectorAll('.grid .row').length === n, before + 1);
  await other.waitForFunction((n) => document.querySelectorAll('.grid .row').length === n, before + 1);
  const first = page.locator(`.row[data-clause-id="${c.id}"]`);
  assert.equal(await first.locator('.source').textContent(), head);
  assert.equal(await first.locator('textarea.target').inputValue(), 'On 8 May local time,');
  const next = page.locator(`.row[data-index="${c.index + 1}"]`);
  assert.equal(await next.locator('.source').textContent(), c.source.slice(head.length));
  assert.equal(await next.locator('textarea.target').inputValue(), 'the two sides met.');

  // Merge them back: one clause, both English joined, history says so.
  await first.getByRole('button', { name: 'Merge with next' }).click();
  await page.waitForFunction((n) => document.querySelectorAll('.grid .row').length === n, before);
  const merged = page.locator(`.row[data-clause-id="${c.id}"]`);
  assert.equal(await merged.locator('.source').textContent(), c.source);
  assert.equal(await merged.locator('textarea.target').inputValue(), 'On 8 May local time, the two sides met.');
  await merged.getByRole('button', { name: 'History' }).click();
  await merged.locator('.rev-merge').waitFor();
  assert.ok(await merged.locator('.rev-split').count() >= 1);
  await other.waitForFunction((n) => document.querySelectorAll('.grid .row').length === n, before);

  // The last clause of a paragraph says why it cannot merge.
  const last = clauses.findLast((x, i) => i + 1 < clauses.length && clauses[i + 1].paragraph !== x.paragraph);
  await page.locator(`.row[data-clause-id="${last.id}"] textarea.target`).focus(); // the controls are on the active row
  await page.locator(`.row[data-clause-id="${last.id}"]`).getByRole('button', { name: 'Merge with next' }).click();
  await page.locator('.notice.error', { hasText: 'last of its paragraph' }).waitFor();
  assert.deepEqual(errors, []);
});
