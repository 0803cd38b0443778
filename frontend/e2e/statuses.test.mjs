// Draft and translated in the grid, against the real server (issue 17):
// autosave keeps a draft, Ctrl+Enter confirms (translated) and moves on,
// the status filter lists translated clauses, and "Submit my translated"
// submits them, warning first about open findings. Needs the statuses
// part's server (PUT …/translation with confirm, POST /api/v1/submit).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

test('draft, translated, submit my translated with an open-findings warning', async () => {
  const { api, base, login } = env;
  assert.equal((await api('POST', '/glossary', { zh: '金砖国家', en: 'BRICS', forbidden: ['BRIC'], status: 'approved' })).status, 201);
  const docs = (await api('GET', '/documents')).body.documents;
  let doc;
  let clauses;
  for (const d of docs) {
    clauses = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses;
    if (clauses.some((c) => c.source.includes('金砖国家'))) {
      doc = d;
      break;
    }
  }
  const brics = clauses.find((c) => c.source.includes('金砖国家'));
  const page = await login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page, [409]);
  await page.goto(`${base}/#/documents/${doc.id}?clause=${brics.id}`);
  const row = page.locator(`.row[data-clause-id="${brics.id}"]`);
  await row.locator('textarea.target').waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('textarea.target'));

  // Save draft: a draft.
  await page.keyboard.type('The two sides value cooperation within BRIC.');
  await row.locator('button.save').click();
  await row.locator('.status', { hasText: 'draft' }).waitFor();
  assert.equal((await api('GET', `/clauses/${brics.id}`)).body.status, 'draft');
  // Ctrl+Enter confirms the unchanged draft: translated, and on to the next clause.
  await row.locator('textarea.target').focus();
  await page.keyboard.press('Control+Enter');
  await page.locator(`.row[data-clause-id="${brics.id}"][data-status="translated"]`).waitFor(); // ("untranslated" has "translated" in it)
  assert.match(await row.locator('.status').textContent(), /✓translated/);
  assert.equal((await api('GET', `/clauses/${brics.id}`)).body.status, 'translated');
  const nextId = await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId);
  assert.notEqual(nextId, String(brics.id));
  await page.keyboard.type('A second confirmed clause.');
  await page.keyboard.press('Control+Enter');
  await page.locator(`.row[data-clause-id="${nextId}"][data-status="translated"]`).waitFor();
  // The status filter lists translated clauses.
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByLabel('Status').selectOption('translated');
  assert.equal(await page.locator('.grid .row:visible').count(), 2);
  await page.getByLabel('Status').selectOption('');

  // The statement list tells drafts from confirmed English.
  const listed = (await api('GET', `/documents/${doc.id}`)).body;
  assert.equal(listed.confirmed, 2);
  assert.equal(listed.draft, 0);

  // Submit my translated: the forbidden "BRIC" is an open finding, so the
  // server submits nothing and the dialog lists it.
  await page.locator(`.row[data-clause-id="${brics.id}"] .findings-n`).waitFor();
  await page.getByRole('button', { name: 'Submit my translated' }).click();
  const dialog = page.locator('dialog.open-findings[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /BRIC/);
  await page.screenshot({ path: join(shots, 'submit-open-findings.png') });
  assert.equal((await api('GET', `/clauses/${brics.id}`)).body.status, 'translated');
  // Cancel changes nothing; Submit anyway submits both.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api('GET', `/clauses/${nextId}`)).body.status, 'translated');
  await page.getByRole('button', { name: 'Submit my translated' }).click();
  await page.locator('dialog.open-findings[open]').getByRole('button', { name: 'Submit anyway' }).click();
  await page.locator('.notice.ok', { hasText: 'Submitted 2 clauses' }).waitFor();
  for (const id of [brics.id, nextId]) assert.equal((await api('GET', `/clauses/${id}`)).body.status, 'submitted');
  await row.locator('.status', { hasText: 'submitted' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('one clause or the clauses a filter shows: submitting warns about open findings', async () => {
  const { api, base, login } = env;
  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.date === '2013-03-23');
  const [a, b, c] = (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses.filter((x) => x.kind === 'text').slice(5, 8);
  // a has Chinese punctuation left in its English (an open finding); b and c are clean.
  for (const [x, text] of [[a, 'Both sides agree。'], [b, 'Both sides agree.'], [c, 'The two sides agree.']]) {
    assert.equal((await api('PUT', `/clauses/${x.id}/translation`, { text, version: x.version, confirm: true }, 'translator')).status, 200);
  }
  // A draft besides: the statement list says how many are drafts.
  const d = (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses.filter((x) => x.kind === 'text')[9];
  assert.equal((await api('PUT', `/clauses/${d.id}/translation`, { text: 'Not done yet.', version: d.version }, 'translator')).status, 200);
  const list = await login('translator');
  await list.goto(`${base}/#/`);
  const drafts = list.locator(`tr[data-document-id="${doc.id}"] .drafts`);
  assert.equal(await drafts.textContent(), '1 draft');
  assert.match(await drafts.getAttribute('title'), /3 confirmed by the translator/);
  await list.close();
  const page = await login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page, [409]);
  await page.goto(`${base}/#/documents/${doc.id}?clause=${a.id}`);
  const row = page.locator(`.row[data-clause-id="${a.id}"]`);
  await row.locator('textarea.target').focus();
  await row.locator('.finding').first().waitFor();
  // One clause: Submit on the row asks first; Cancel leaves it translated.
  await row.locator('button.submit').click();
  const dialog = page.locator('dialog.open-findings[open]');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /punctuation/i);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await api('GET', `/clauses/${a.id}`)).body.status, 'translated');
  assert.equal(await row.locator('.save-state').textContent(), '', 'a cancel is no error');
  // A selection: the filter shows the translated clauses; the bar's button
  // submits those shown, after the same warning.
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await page.getByLabel('Status').selectOption('translated');
  const button = page.getByRole('button', { name: 'Submit the 3 shown' });
  await button.click();
  await page.locator('dialog.open-findings[open]').getByRole('button', { name: 'Submit anyway' }).click();
  await page.locator('.notice.ok', { hasText: 'Submitted 3 clauses' }).waitFor();
  for (const x of [a, b, c]) assert.equal((await api('GET', `/clauses/${x.id}`)).body.status, 'submitted');
  await page.getByRole('button', { name: 'Submit the 0 shown' }).waitFor();
  assert.ok(await page.getByRole('button', { name: 'Submit the 0 shown' }).isDisabled());
  assert.deepEqual(errors, []);
  await page.close();
});
