// After a save the editor reloads the hits and findings of the clause saved
// and of the statement's clauses with the same Chinese (?around=), not the
// whole statement's: the other copy of a sentence shows "same Chinese,
// other English" at once, in real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, watchErrors, ok, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

test('a save reloads the QA of its clause and of the same Chinese, and the other copy shows the inconsistency', async () => {
  const file = join(env.work, 'twins.txt');
  writeFileSync(file, '中俄两国关于加强合作的声明\n\n双方同意加强务实合作。两国元首举行会晤。双方同意加强务实合作。\n');
  execFileSync(env.bin, ['import', '--db', env.db, file], { stdio: 'ignore' });
  const doc = ok(await env.api('GET', '/documents'), 'documents').documents.find((d) => d.title === '中俄两国关于加强合作的声明');
  const { clauses } = ok(await env.api('GET', `/documents/${doc.id}/clauses?offset=0&limit=50`), 'clauses');
  const [first, , second] = clauses.filter((c) => c.kind !== 'heading');
  assert.equal(first.source, second.source);

  const page = await env.login('translator', { viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  const asked = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname === `/api/v1/documents/${doc.id}/qa`) asked.push(url.search);
  });
  const loaded = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/documents/${doc.id}/qa`);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  const row = (c) => page.locator(`.grid .row[data-clause-id="${c.id}"]`);
  await row(first).locator('textarea.target').waitFor();
  await loaded;
  const opened = asked.length;
  assert.ok(opened >= 1 && asked.every((q) => q.includes('limit=')), `the statement's QA, a page at a time: ${asked}`);

  await row(first).locator('textarea.target').fill('The two sides agree to deepen practical cooperation.');
  await row(first).locator('textarea.target').press('Control+Enter');
  await row(first).locator('.save-state', { hasText: /Saved|Confirmed/ }).waitFor();
  await row(second).locator('textarea.target').fill('Both sides agree to strengthen practical cooperation.');
  await row(second).locator('textarea.target').press('Control+Enter');
  // The first copy, not saved again, now has the finding: it came with
  // the second copy's save.
  // (A row's findings are listed when it is active, counted with their
  // text as a tooltip when not.)
  await row(first).locator('.findings-n[title*="The same Chinese has 2 translations"]').waitFor();
  await row(second).locator('.findings-n[title*="The same Chinese has 2 translations"]').waitFor();
  const afterSaves = asked.slice(opened);
  assert.ok(afterSaves.length >= 2, `QA asked for after the saves: ${afterSaves}`);
  // (Live events of the saves, the editor's own included, may ask again
  // for several clauses at once.)
  for (const q of afterSaves) assert.match(q, /^\?around=\d+(,\d+)*$/, `after a save, only the clauses around it: ${q}`);
  assert.ok(afterSaves.some((q) => q.slice('?around='.length).split(',').includes(String(second.id))), `${afterSaves}`);
  await page.screenshot({ path: join(shots, 'qa-refresh.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
