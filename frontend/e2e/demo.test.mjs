// End-to-end: the demo as a new user gets it from `zhen serve --demo` — the
// seed statements and the starter glossary, whose terms are underlined and
// checked from the first clause opened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start({ demoGlossary: true })));
after(() => env?.stop());

test('the demo comes with a starter glossary that the editor uses at once', async () => {
  const { base, api, login } = env;
  const terms = (await api('GET', '/glossary')).body.terms;
  assert.ok(terms.length >= 20, `${terms.length} demo terms`);
  assert.ok(terms.some((t) => t.zh === '金砖国家' && t.forbidden.includes('BRIC')));

  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(base + '/#/glossary');
  await page.locator('table.terms tbody tr', { hasText: '全面战略协作伙伴关系' }).waitFor();
  assert.equal(await page.locator('table.terms tbody tr').count(), terms.length);

  // A clause with 联合国安理会: the longer term is the one underlined, not
  // 安理会 inside it.
  const docs = (await api('GET', '/documents')).body.documents;
  let clause;
  for (const d of docs) {
    const cl = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses;
    clause = cl.find((c) => c.source.includes('联合国安理会') && c.source.includes('金砖国家')) || cl.find((c) => c.source.includes('联合国安理会'));
    if (clause) break;
  }
  assert.ok(clause, 'a seed clause with 联合国安理会');
  await page.goto(`${base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  await row.locator('mark.term', { hasText: '联合国安理会' }).first().waitFor();
  assert.equal(await row.locator('mark.term', { hasText: /^安理会$/ }).count(), 0);

  // The English is checked against the starter glossary as it is typed.
  const box = row.locator('textarea');
  await box.fill('The two sides discussed the reform.');
  await row.locator('.finding[data-kind=term_missing]').first().waitFor();
  await box.fill('The two sides discussed the reform of the UN Security Council.');
  const missing = row.locator('.finding[data-kind=term_missing]', { hasText: '联合国安理会' });
  await missing.waitFor({ state: 'detached' });
  await page.screenshot({ path: join(shots, 'demo-glossary.png') });
  assert.deepEqual(errors, []);
});
