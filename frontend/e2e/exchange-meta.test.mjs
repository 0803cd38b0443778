// End-to-end (issue 18, exchange): the admin sets the corpus's target
// language on the admin page; a statement's TMX downloads under its date and
// short title and names that English; a file naming another English is
// imported with a note saying so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('target language, export names and the import note', async () => {
  const { api, login, base, work } = env;
  const admin = await login('admin');
  const adminErrors = watchErrors(admin);
  await admin.goto(`${base}/#/users`);
  const select = admin.getByLabel('Target language');
  await select.waitFor();
  assert.equal(await select.inputValue(), 'en-GB'); // the demo glossary's spelling: Organisation
  await select.selectOption('en-US');
  await admin.locator('form', { has: select }).getByRole('button', { name: 'Save' }).click();
  await admin.locator('.notice.ok', { hasText: 'American English (en-US)' }).waitFor();
  await admin.screenshot({ path: join(shots, 'target-language.png') });
  assert.equal((await api('GET', '/settings')).body.target_language, 'en-US');
  assert.deepEqual(adminErrors, []);
  await admin.close();

  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.date === '2013-03-23');
  const page = await login('translator', { acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.getByRole('button', { name: 'Details' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export TMX' }).click()]);
  assert.equal(download.suggestedFilename(), '2013-03-23 合作共赢、深化全面战略协作伙伴关系.tmx');
  const file = join(work, 'statement.tmx');
  await download.saveAs(file);
  const tmx = readFileSync(file, 'utf8');
  assert.match(tmx, /<tuv xml:lang="en-US">/);
  assert.match(tmx, /<prop type="x-clause-number">[1-9]\d*<\/prop>/); // from 1, as the editor counts

  // The same units as en-GB: imported, and the page says the English differs.
  const gb = join(work, 'british.tmx');
  writeFileSync(gb, tmx.replaceAll('xml:lang="en-US"', 'xml:lang="en-GB"'));
  await page.goto(`${base}/#/`);
  await page.locator('#import-translations').setInputFiles(gb);
  await page.locator('.notice.ok', { hasText: 'The file’s English is en-GB' }).waitFor();
  await page.screenshot({ path: join(shots, 'import-other-english.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
