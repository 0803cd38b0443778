// End-to-end: a statement leaves Zhen as XLIFF, is edited elsewhere and
// comes back through "Import translations…"; a second, stale copy is
// reported as conflicts instead of overwriting; a broken file changes
// nothing and says why.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { start, watchErrors, repo, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('XLIFF out and back in, with conflicts for clauses changed since', async () => {
  const { api, login, base, work } = env;
  const doc = (await api('GET', '/documents')).body.documents[0];
  const clauses = (await api('GET', `/documents/${doc.id}/clauses?limit=3`)).body.clauses;
  await api('PUT', `/clauses/${clauses[1].id}/translation`, { text: 'Draft in Zhen.', version: 0 }, 'translator');
  const page = await login('translator', { acceptDownloads: true });
  const errors = watchErrors(page, [422]); // the truncated file's answer
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.getByRole('button', { name: 'Details' }).click(); // exports are under the statement's details
  await page.getByLabel('Include drafts').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export XLIFF' }).click()]);
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  assert.ok(file.endsWith('.xlf'));
  const validators = join(repo, '..', 'shared', 'validators');
  if (existsSync(validators)) execFileSync(join(validators, 'validate_xliff.sh'), [file], { stdio: 'pipe' });
  else console.log('../shared/validators not found: the XLIFF export was not validated');

  // Edited in a CAT tool, then imported on the Documents page.
  const edited = join(work, 'edited.xlf');
  writeFileSync(edited, readFileSync(file, 'utf8').replace('Draft in Zhen.', 'Edited in OmegaT.'));
  await page.goto(`${base}/#/`);
  await page.locator('#import-translations').setInputFiles(edited);
  await page.locator('.notice.ok', { hasText: '1 clause got new English' }).waitFor();
  assert.equal((await api('GET', `/clauses/${clauses[1].id}`)).body.target, 'Edited in OmegaT.');

  // A colleague's stale copy: listed as a conflict, nothing overwritten.
  const stale = join(work, 'stale.xlf');
  writeFileSync(stale, readFileSync(file, 'utf8').replace('Draft in Zhen.', 'Stale copy.'));
  await page.locator('#import-translations').setInputFiles(stale);
  await page.locator('.import-conflicts td', { hasText: 'Stale copy.' }).waitFor();
  assert.match(await page.locator('.import-conflicts').textContent(), /Edited in OmegaT\./);
  await page.screenshot({ path: join(shots, 'import-conflicts.png') });
  assert.equal((await api('GET', `/clauses/${clauses[1].id}`)).body.target, 'Edited in OmegaT.');

  // A truncated file: a clear error with the line, nothing applied.
  const cut = join(work, 'cut.xlf');
  const text = readFileSync(edited, 'utf8');
  writeFileSync(cut, text.slice(0, text.length / 2));
  await page.locator('#import-translations').setInputFiles(cut);
  await page.locator('.notice.error', { hasText: 'cut.xlf was not imported' }).waitFor();
  assert.match(await page.locator('.notice.error').textContent(), /line \d+/);
  assert.deepEqual(errors, []);
  await page.close();
});
