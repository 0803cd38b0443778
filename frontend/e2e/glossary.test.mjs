// End-to-end: the glossary in real Chromium — add a term, see it
// highlighted, get findings while typing, insert the approved rendering,
// follow a glossary change on the QA page, dismiss, and read the report.
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
  await row.locator('.save-state', { hasText: 'Saved' }).waitFor();
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
