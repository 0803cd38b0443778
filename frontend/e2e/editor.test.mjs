// End-to-end test of the browser editor in real Chromium, against the real
// zhen binary serving the demo corpus on a fresh SQLite file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { start, watchErrors, repo, shots } from './harness.mjs';

let env, browser, base, work, api, login;
before(async () => {
  env = await start();
  ({ browser, base, work, api, login } = env);
});
after(() => env?.stop());

test('translate a clause, reload, resolve a conflict, export', async () => {
  const page = await login('translator', { acceptDownloads: true });
  const errors = watchErrors(page, [409]); // the conflict's 409 is expected

  await page.goto(base + '/');
  const rows = page.locator('table.docs tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 5);
  await page.screenshot({ path: join(shots, 'documents.png'), fullPage: true });

  // Open the 2011 treaty-anniversary statement.
  await page.getByRole('link', { name: /签署10周年联合声明/ }).click();
  await page.locator('.row').first().waitFor();
  const docId = Number(page.url().match(/documents\/(\d+)/)[1]);
  const row = page.locator('.row').nth(1);
  const clauseId = Number(await row.getAttribute('data-clause-id'));
  const text = 'On 16 June 2011, President Hu Jintao and President Medvedev issued a joint statement.';
  await row.locator('textarea').fill(text);
  assert.match(await row.locator('.save-state').textContent(), /Unsaved/);
  await row.locator('textarea').press('Control+Enter');
  await row.locator('.save-state', { hasText: 'Confirmed' }).waitFor();
  // Ctrl+Enter moved the cursor on to the next clause (clause 3 is a
  // numbering marker, a badge on clause 4, not a row).
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), '3');

  await page.reload();
  await page.locator('.row').first().waitFor();
  assert.equal(await page.locator(`.row[data-clause-id="${clauseId}"] textarea`).inputValue(), text);
  assert.equal((await api('GET', `/clauses/${clauseId}`)).body.target, text);

  // Someone else saves clause 3 while this translator is typing in it: the
  // page hears of it at once and shows both texts; nothing is overwritten.
  const other = page.locator('.row').nth(2);
  const otherId = Number(await other.getAttribute('data-clause-id'));
  await other.locator('textarea').fill('My version.');
  const theirs = await api('PUT', `/clauses/${otherId}/translation`, { text: 'Their version.', version: 0 });
  assert.equal(theirs.status, 200);
  const conflict = other.locator('.conflict');
  await conflict.waitFor();
  assert.match(await conflict.locator('.theirs').textContent(), /Their version\./);
  assert.match(await conflict.locator('.mine').textContent(), /My version\./);
  assert.equal((await api('GET', `/clauses/${otherId}`)).body.target, 'Their version.', 'stale save must not overwrite');
  await page.screenshot({ path: join(shots, 'conflict.png') });
  await conflict.locator('button.keep-mine').click();
  await other.locator('.save-state', { hasText: 'Saved · v2' }).waitFor();
  assert.equal((await api('GET', `/clauses/${otherId}`)).body.target, 'My version.');

  // Markup in a translation is text, never code.
  const x = page.locator('.row').nth(3);
  await x.locator('textarea').fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
  await x.locator('button.save').click(); // the row's controls: it is the active row
  await x.locator('.save-state', { hasText: 'Saved' }).waitFor();
  await page.reload();
  await page.locator('.row').first().waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img').count(), 0);
  await page.screenshot({ path: join(shots, 'editor.png') });

  // Export this statement as TMX and CSV from the editor's buttons (under
  // Details): its drafts, as nothing is approved yet.
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByLabel('Include drafts').check();
  for (const [label, needle] of [['Export TMX', '<tuv xml:lang="en-GB"><seg>On 16 June 2011'], ['Export CSV', 'On 16 June 2011']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()]);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    // Named after the statement: its date and short title (issue 18).
    assert.match(download.suggestedFilename(), /^\d{4}-\d{2}-\d{2} \S.*\.(tmx|csv)$/u);
    assert.ok(readFileSync(file, 'utf8').includes(needle), `${label}: ${needle} missing`);
    const validators = join(repo, '..', 'shared', 'validators');
    if (existsSync(validators)) {
      const [script, ...args] = label.endsWith('TMX') ? ['validate_tmx.sh', file] : ['validate_csv.py', file, '--zh-col', '3', '--en-col', '4', '--csvkit'];
      execFileSync(join(validators, script), args, { stdio: 'pipe' });
    } else {
      console.log('../shared/validators not found: exported files not validated');
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('list shows progress and imports a GB18030 file', async () => {
  const page = await login('translator');
  await page.goto(base + '/');
  await page.locator('table.docs').waitFor();
  // A file in GB18030, as Chinese files often come.
  const gbk = join(work, 'statement-gbk.txt');
  execFileSync('/usr/bin/env', ['bash', '-c', `printf '%s\\n' '中俄关于测试导入的联合声明' '双方认为，测试很重要。双方同意继续合作。' | iconv -f UTF-8 -t GB18030 > ${gbk}`]);
  await page.locator('#import-file').setInputFiles(gbk);
  await page.locator('.notice.ok').waitFor();
  assert.match(await page.locator('.notice.ok').textContent(), /1 new statement/);
  await page.getByRole('link', { name: '中俄关于测试导入的联合声明' }).waitFor();
  // The same file again is recognised, not duplicated.
  await page.locator('#import-file').setInputFiles(gbk);
  await page.locator('.notice.ok', { hasText: 'already imported' }).waitFor();
  assert.equal(await page.locator('table.docs tbody tr').count(), 6);
  // A file that is not text gets a clear error, and nothing is added.
  const bin = join(work, 'image.txt');
  execFileSync('/usr/bin/env', ['bash', '-c', `printf '\\x89PNG\\x00\\x00' > ${bin}`]);
  await page.locator('#import-file').setInputFiles(bin);
  await page.locator('.notice.error').waitFor();
  assert.match(await page.locator('.notice.error').textContent(), /image\.txt was not imported/);
  assert.equal(await page.locator('table.docs tbody tr').count(), 6);
  await page.close();
});

test('filters, keyboard moves and the shortcut list', async () => {
  const page = await login('translator');
  const errors = watchErrors(page);
  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.date === '2013-03-23');
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row').first().waitFor();
  const all = await page.locator('.row').count();
  // Keyboard only: into the first box, type, save with Ctrl+Enter, on to the next with Alt+↓.
  await page.locator('.row').first().locator('textarea.target').focus();
  await page.keyboard.type('On 22 March 2013 local time, President Xi Jinping and President Putin signed the joint statement in Moscow.');
  await page.keyboard.press('Control+Enter');
  await page.locator('.row').first().locator('.save-state', { hasText: 'Confirmed' }).waitFor();
  await page.keyboard.press('Alt+ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), '2');
  // Filters: status, text, findings.
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  assert.equal(await page.locator('button.filter-toggle').getAttribute('aria-expanded'), 'true');
  // The clause confirmed with Ctrl+Enter is translated, not a draft.
  await page.getByLabel('Status').selectOption('draft');
  assert.equal(await page.locator('.row:visible').count(), 0);
  await page.getByLabel('Status').selectOption('translated');
  assert.equal(await page.locator('.row:visible').count(), 1);
  assert.match(await page.locator('.editor-filters').textContent(), new RegExp(`1 of ${all} clauses shown`));
  await page.getByLabel('Status').selectOption('');
  await page.getByLabel('Text in the Chinese or English').fill('习近平');
  const n = await page.locator('.row:visible').count();
  assert.ok(n >= 1 && n < all, `${n} rows with 习近平`);
  await page.getByLabel('Text in the Chinese or English').fill('');
  assert.equal(await page.locator('.row:visible').count(), all);
  // The shortcut list opens with ? outside a text box and closes with Escape.
  await page.locator('h1').click();
  await page.keyboard.press('?');
  await page.locator('dialog.help[open]').waitFor();
  assert.match(await page.locator('dialog.help').textContent(), /Ctrl.*Shift.*Enter/);
  await page.screenshot({ path: join(shots, 'shortcuts.png') });
  await page.keyboard.press('Escape');
  await page.locator('dialog.help[open]').waitFor({ state: 'detached' }).catch(() => {});
  assert.equal(await page.locator('dialog.help[open]').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('unsaved text survives a reload and a lost connection', async () => {
  const page = await login('translator');
  const errors = watchErrors(page);
  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.date === '2012-06-06');
  const cl = (await api('GET', `/documents/${doc.id}/clauses?limit=3`)).body.clauses;
  // What an earlier page kept unsaved: one at the clause's version, one typed
  // on an older version (someone saved since). Saved before this page opens:
  // a live update would otherwise clear what the test puts in storage.
  await api('PUT', `/clauses/${cl[2].id}/translation`, { text: 'Theirs, saved since.', version: 0 });
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row').first().waitFor();
  await page.evaluate(([a, b]) => {
    localStorage.setItem(`zhen.unsaved.${a}`, JSON.stringify({ text: 'Typed, never saved.', version: 0 }));
    localStorage.setItem(`zhen.unsaved.${b}`, JSON.stringify({ text: 'Mine, typed on version 0.', version: 0 }));
  }, [cl[1].id, cl[2].id]);
  await page.reload();
  const r1 = page.locator(`.row[data-clause-id="${cl[1].id}"]`);
  await r1.locator('.save-state', { hasText: 'Recovered unsaved text' }).waitFor();
  assert.equal(await r1.locator('textarea.target').inputValue(), 'Typed, never saved.');
  const r2 = page.locator(`.row[data-clause-id="${cl[2].id}"]`);
  await r2.locator('.conflict .mine', { hasText: 'Mine, typed on version 0.' }).waitFor();
  assert.match(await r2.locator('.conflict .theirs').textContent(), /Theirs, saved since/);

  // The connection drops for two attempts: the save retries, then succeeds.
  let aborted = 0;
  await page.route('**/api/v1/clauses/*/translation', (route) => (aborted++ < 2 ? route.abort() : route.continue()));
  await r1.locator('textarea.target').focus(); // the controls are on the active row
  await r1.locator('button.save').click();
  await r1.locator('.save-state', { hasText: 'retrying' }).waitFor();
  await r1.locator('.save-state', { hasText: 'Saved' }).waitFor({ timeout: 20000 });
  assert.equal((await api('GET', `/clauses/${cl[1].id}`)).body.target, 'Typed, never saved.');
  assert.equal(await page.evaluate((id) => localStorage.getItem(`zhen.unsaved.${id}`), cl[1].id), null);
  assert.deepEqual(errors.filter((e) => !/ERR_FAILED|Failed to fetch/.test(e)), []);
  await page.close();
});

test('correct the title and date; search and replace with a preview', async () => {
  const page = await login('translator');
  const errors = watchErrors(page);
  const doc = (await api('GET', '/documents')).body.documents.find((d) => d.date === '2015-05-09');
  const cl = (await api('GET', `/documents/${doc.id}/clauses?limit=4`)).body.clauses;
  for (const [i, text] of ['Deepen cooperation.', 'Cooperation in all fields.', 'Cooperative projects.'].entries()) {
    await api('PUT', `/clauses/${cl[i + 1].id}/translation`, { text, version: 0 }, 'translator');
  }
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row').first().waitFor();
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Edit title and date' }).click();
  await page.getByLabel('Title', { exact: true }).fill(doc.title + '（修订）');
  await page.getByLabel('Publication date').fill('2015-05-08');
  await page.getByRole('button', { name: 'Save', exact: true }).first().click();
  await page.locator('h1.doc-heading', { hasText: '（修订）' }).waitFor();
  assert.equal((await api('GET', `/documents/${doc.id}`)).body.date, '2015-05-08');
  assert.match(await page.locator('.head-details .meta').textContent(), /Published 2015-05-08/);

  await page.getByRole('button', { name: 'Replace…' }).click();
  await page.getByLabel('Find in the English').fill('cooperation');
  await page.getByLabel('Replace with').fill('collaboration');
  // Whole words, any case: "Cooperative" is left alone.
  await page.locator('.replace-preview li').nth(1).waitFor();
  assert.equal(await page.locator('.replace-preview li').count(), 2);
  await page.screenshot({ path: join(shots, 'replace.png') });
  await page.getByRole('button', { name: 'Replace in 2 clauses' }).click();
  await page.locator('.notice.ok', { hasText: 'Replaced in 2 of 2 clauses' }).waitFor();
  const after = await Promise.all([1, 2, 3].map(async (i) => (await api('GET', `/clauses/${cl[i].id}`)).body.target));
  assert.deepEqual(after, ['Deepen collaboration.', 'collaboration in all fields.', 'Cooperative projects.']);
  assert.deepEqual(errors, []);
  await page.close();
});
