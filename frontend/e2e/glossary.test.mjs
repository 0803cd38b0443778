// End-to-end: the glossary in real Chromium — add a term, see it
// highlighted, get findings while typing, insert the approved rendering,
// follow a glossary change on the QA page, dismiss, and read the report;
// and see a change's impact in the glossary form before saving it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('glossary terms drive live findings in the editor and the QA page', async () => {
  const { base, api, login } = env;
  const page = await login('reviewer');
  const errors = watchErrors(page);
  page.on('dialog', (d) => d.accept(d.type() === 'prompt' ? 'Quoted name of the 2009 summit' : undefined));

  // Add 金砖国家 → BRICS (forbidden: BRIC) through the glossary page.
  await page.goto(base + '/#/glossary');
  await page.locator('.term-list .empty').waitFor();
  await page.locator('button.add-term').click();
  await page.locator('dialog input[name=zh]').fill('金砖国家');
  await page.locator('dialog input[name=en]').fill('BRICS');
  await page.locator('dialog textarea[name=variants]').fill('BRICS countries');
  await page.locator('dialog textarea[name=forbidden]').fill('BRIC');
  await page.locator('dialog textarea[name=note]').fill('BRIC predates South Africa joining in 2011.');
  await page.locator('button.save-term').click();
  await page.locator('table.terms tbody tr', { hasText: '金砖国家' }).waitFor();
  assert.match(await page.locator('table.terms .forbidden').first().textContent(), /BRIC/);
  // Suggestions come from the seed and leave out what is in the glossary.
  await page.locator('.suggestion-list li', { hasText: '上海合作组织' }).waitFor();
  assert.equal(await page.locator('.suggestion-list li .zh', { hasText: /^金砖国家$/ }).count(), 0);
  // They are stored: the page says when they were found.
  assert.match(await page.locator('.suggestions .hint').textContent(), /Found \d.*found again a few seconds after/);
  await page.locator('.suggestions').screenshot({ path: join(shots, 'suggestions.png') });

  // Open the first clause that has the term.
  const docs = (await api('GET', '/documents')).body.documents;
  let clause;
  for (const d of docs) {
    const cl = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses;
    clause = cl.find((c) => c.source.includes('金砖国家'));
    if (clause) break;
  }
  await page.goto(`${base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  const mark = row.locator('mark.term', { hasText: '金砖国家' });
  await mark.waitFor();
  assert.match(await mark.getAttribute('title'), /金砖国家 → BRICS[\s\S]*Forbidden: BRIC[\s\S]*Note: BRIC predates/);

  // A forbidden rendering is flagged while typing, before any save.
  const box = row.locator('textarea');
  await box.fill('Promote cooperation within BRIC');
  await row.locator('.finding[data-kind=term_forbidden]').waitFor();
  assert.equal((await api('GET', `/clauses/${clause.id}`)).body.target, '', 'the check must not save');
  // Alt+1 inserts the approved rendering at the cursor; the finding goes away.
  await box.fill('Promote cooperation within ');
  await box.press('End');
  await box.press('Alt+1');
  assert.equal(await box.inputValue(), 'Promote cooperation within BRICS');
  await row.locator('.finding[data-kind=term_forbidden]').waitFor({ state: 'detached' });
  await box.press('Control+Enter');
  await row.locator('.save-state', { hasText: 'Confirmed' }).waitFor();
  await page.screenshot({ path: join(shots, 'glossary-editor.png') });

  // Change the glossary: BRICS itself becomes forbidden. The QA page shows
  // it at once; a reviewer dismisses it with a reason.
  const term = (await api('GET', '/glossary?q=金砖国家')).body.terms[0];
  const put = await api('PUT', `/glossary/${term.id}`, { ...term, en: 'BRICS countries', variants: [], forbidden: ['BRICS'], version: term.version });
  assert.equal(put.status, 200);
  await page.goto(`${base}/#/qa?kind=term_forbidden`);
  const item = page.locator('.qa-item', { hasText: 'BRICS' });
  await item.waitFor();
  assert.equal(await page.locator('.qa-item').count(), 1);
  await page.screenshot({ path: join(shots, 'qa.png') });
  await item.locator('button.dismiss').click();
  await page.locator('.qa-list .empty').waitFor();
  await page.locator('input[name=dismissed]').check();
  await page.locator('.qa-item', { hasText: 'Quoted name of the 2009 summit' }).waitFor();

  // The cross-statement report lists the term with its renderings.
  await page.goto(`${base}/#/report`);
  const section = page.locator('.term-report[data-term="金砖国家"]');
  await section.waitFor();
  assert.match(await section.textContent(), /forbidden/);
  await page.screenshot({ path: join(shots, 'report.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('amounts are checked by value while typing: 1000亿美元 is US$100 billion', async () => {
  const { base, api, login } = env;
  const page = await login('reviewer');
  const errors = watchErrors(page);
  let clause;
  for (const d of (await api('GET', '/documents')).body.documents) {
    clause = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.find((c) => c.source.includes('1000亿美元'));
    if (clause) break;
  }
  await page.goto(`${base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  const box = row.locator('textarea');
  await box.waitFor();
  await box.fill('Raise bilateral trade to US$1,000 billion by 2015 and US$200 billion by 2020.');
  const finding = row.locator('.finding[data-kind=number_mismatch]');
  await finding.waitFor();
  assert.match(await finding.textContent(), /100,000,000,000 USD/);
  await page.screenshot({ path: join(shots, 'number-mismatch.png') });
  await box.fill('Raise bilateral trade to US$100 billion by 2015 and US$200 billion by 2020.');
  await finding.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the glossary form previews the impact of a change while typing, and saves nothing', async () => {
  const { base, api, login } = env;
  // Give clauses holding 上海合作组织 the English the corpus would use, in a
  // few statements (at most two per statement), and approve some of them.
  const ZH = '上海合作组织';
  const USED = 'Shanghai Cooperation Organisation';
  const translated = [];
  for (const d of (await api('GET', '/documents')).body.documents) {
    const cl = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.filter((c) => c.source.includes(ZH) && !c.source.includes('金砖国家') && !c.target);
    for (const c of cl.slice(0, 2)) {
      const times = c.source.split(ZH).length - 1; // the rendering as often as the term
      const text = `Both sides will deepen cooperation within ${Array(times).fill(`the ${USED}`).join(' and ')} (clause ${c.id}).`;
      const saved = await api('PUT', `/clauses/${c.id}/translation`, { text, version: c.version }, 'translator');
      assert.equal(saved.status, 200);
      if (translated.length % 3 === 0) assert.equal((await api('POST', `/clauses/${c.id}/approve`, { version: saved.body.version })).status, 200);
      translated.push(c.id);
    }
  }
  assert.ok(new Set(translated).size >= 3, 'the seed has the term in several clauses');

  const page = await login('reviewer');
  const errors = watchErrors(page, [422]);
  const dryRuns = [];
  page.on('request', (r) => r.url().includes('dry_run=1') && dryRuns.push(r.url()));
  await page.goto(base + '/#/glossary');
  await page.locator('table.terms, .term-list .empty').first().waitFor();
  await page.locator('button.add-term').click();
  const dialog = page.locator('dialog.term-dialog');
  const summary = dialog.locator('.impact-summary');
  await dialog.locator('input[name=zh]').fill(ZH);
  await summary.filter({ hasText: 'Enter the approved English' }).waitFor();
  assert.equal(dryRuns.length, 0, 'no dry run without the English');

  // Typing the English runs one dry run when the typing pauses, not one per key.
  await dialog.locator('input[name=en]').pressSequentially('Shanghai Club', { delay: 30 });
  await summary.filter({ hasText: /flags \d+ clauses/ }).waitFor();
  assert.ok(dryRuns.length < 'Shanghai Club'.length, `debounced: ${dryRuns.length} dry runs`);
  const entry = { zh: ZH, en: 'Shanghai Club', variants: [], forbidden: [], pos: '', note: '', status: 'approved', case_sensitive: false };
  const { impact } = (await api('POST', '/glossary?dry_run=1', entry)).body;
  const flagged = [...new Set(impact.new_findings.map((f) => f.clause_id))];
  const statements = new Set(impact.new_findings.map((f) => f.document_id)).size;
  assert.deepEqual(flagged.toSorted((a, b) => a - b), [...translated].sort((a, b) => a - b), 'every clause translated with the other English is flagged');
  assert.ok(impact.approved_clauses > 0 && statements > 1);
  assert.equal(await summary.textContent(),
    `This change flags ${flagged.length} clauses (${impact.approved_clauses} already approved) in ${statements} statements and clears nothing.`);
  // Each statement is linked at its first flagged clause, under its title.
  const titles = Object.fromEntries((await api('GET', '/documents')).body.documents.map((d) => [d.id, d.title]));
  const docLinks = dialog.locator('.impact-docs a');
  assert.deepEqual(await docLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    impact.documents.map((id) => `#/documents/${id}?clause=${impact.new_findings.find((f) => f.document_id === id).clause_id}`));
  assert.deepEqual(await docLinks.allTextContents(), impact.documents.map((id) => titles[id]));
  assert.deepEqual(await dialog.locator('.impact-clauses a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))),
    flagged.slice(0, 8).map((id) => `#/clauses/${id}`));
  await dialog.screenshot({ path: join(shots, 'glossary-impact.png') });

  // The English the corpus uses flags nothing.
  await dialog.locator('input[name=en]').fill(USED);
  await summary.filter({ hasText: 'This change flags nothing and clears nothing.' }).waitFor();
  assert.deepEqual((await api('POST', '/glossary?dry_run=1', { ...entry, en: USED })).body.impact.new_findings, []);
  assert.equal(await dialog.locator('.impact-docs, .impact-clauses').count(), 0);

  // An entry the server refuses is a quiet hint, not an error.
  await dialog.locator('textarea[name=forbidden]').fill(USED);
  await summary.filter({ hasText: 'No preview yet' }).waitFor();
  assert.ok(await dialog.locator('.notice.error').isHidden());

  // Cancel: nothing was saved, and the next form starts without a preview.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual((await api('GET', '/glossary?q=' + encodeURIComponent(ZH))).body.terms, []);
  await page.locator('button.add-term').click();
  assert.equal(await summary.textContent(), '');
  assert.deepEqual(errors, []);
  await page.close();

  // A translator only proposes terms: the form offers no other status
  // (disabled, saying why), previews the proposal, and the list offers no
  // Edit, Delete or Import (the server would refuse them); nor does the
  // QA page offer Dismiss.
  const tpage = await login('translator');
  const terrors = watchErrors(tpage);
  await tpage.goto(base + '/#/glossary');
  await tpage.locator('table.terms, .term-list .empty').first().waitFor();
  assert.equal(await tpage.locator('button.edit, button.danger').count(), 0);
  assert.equal(await tpage.locator('label[for=glossary-file]').count(), 0);
  await tpage.locator('button.add-term').click();
  const tdialog = tpage.locator('dialog.term-dialog');
  const tstatus = tdialog.locator('select[name=status]');
  assert.equal(await tstatus.inputValue(), 'proposed');
  assert.ok(await tstatus.isDisabled());
  assert.match(await tstatus.getAttribute('title'), /reviewer approves/);
  await tdialog.locator('input[name=zh]').fill(ZH);
  await tdialog.locator('input[name=en]').fill('Shanghai Club');
  await tdialog.locator('.impact-summary', { hasText: `flags ${flagged.length} clauses` }).waitFor();
  await tdialog.getByRole('button', { name: 'Cancel' }).click();
  await tpage.goto(base + '/#/qa');
  await tpage.locator('.qa-item').first().waitFor();
  assert.equal(await tpage.locator('.qa-item button.dismiss').count(), 0);
  assert.deepEqual(terrors, []);
  await tpage.close();
});

test('a glossary save that takes long says so and cannot be sent twice', async () => {
  const { base, api, login } = env;
  const page = await login('reviewer');
  const errors = watchErrors(page);
  // The server's answer is held back, as on an archive where a common
  // term has every finding computed again before it answers.
  let release, held;
  const hold = () => (held = new Promise((r) => (release = r)));
  hold();
  const saves = [];
  await page.route((url) => url.pathname === '/api/v1/glossary' && !url.search.includes('dry_run'), async (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    saves.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.goto(base + '/#/glossary');
  await page.locator('table.terms, .term-list .empty').first().waitFor();
  await page.locator('button.add-term').click();
  const dialog = page.locator('dialog.term-dialog');
  await dialog.locator('input[name=zh]').fill('中亚');
  await dialog.locator('input[name=en]').fill('Central Asia');
  await dialog.locator('button.save-term').click();
  const saving = dialog.locator('.notice.saving');
  await saving.waitFor();
  assert.match(await saving.textContent(), /Saving… .*can take a minute/);
  assert.ok(await dialog.locator('button.save-term').isDisabled());
  await dialog.screenshot({ path: join(shots, 'glossary-saving.png') });
  // Enter in a field, or a second submit, sends nothing more.
  await dialog.locator('form').evaluate((f) => f.requestSubmit());
  await dialog.locator('input[name=en]').press('Enter');
  assert.equal(saves.length, 1);
  release();
  await page.locator('table.terms tbody tr', { hasText: '中亚' }).waitFor();
  assert.ok(await dialog.isHidden());
  assert.ok(await saving.isHidden());
  assert.equal(saves.length, 1);
  assert.equal((await api('GET', '/glossary?q=' + encodeURIComponent('中亚'))).body.terms.length, 1);

  // Cancelled while it saves, and the form opened again for another term:
  // the new form is ready, and the first save's answer leaves it open.
  hold();
  await page.locator('button.add-term').click();
  await dialog.locator('input[name=zh]').fill('中东');
  await dialog.locator('input[name=en]').fill('Middle East');
  await dialog.locator('button.save-term').click();
  await saving.waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('button.add-term').click();
  assert.ok(await dialog.locator('button.save-term').isEnabled());
  assert.ok(await saving.isHidden());
  release();
  await page.locator('table.terms tbody tr', { hasText: '中东' }).waitFor();
  await page.locator('.notice.ok', { hasText: '中东 → Middle East saved.' }).waitFor();
  assert.ok(await dialog.isVisible(), 'the form opened since stays open');
  assert.equal(saves.length, 2);
  assert.deepEqual(errors, []);
  await page.close();
});
