// End-to-end: the editor's concordance panel finds a two-character term
// (which trigram indexes cannot) across statements, highlights it, and
// inserts a hit's English into the clause being edited.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('search the corpus from the editor and insert a hit', async () => {
  const { api, login, base } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  let withTerm;
  for (const d of docs) {
    withTerm = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.find((c) => c.source.includes('金砖国家'));
    if (withTerm) break;
  }
  await api('PUT', `/clauses/${withTerm.id}/translation`, { text: 'The BRICS countries will strengthen cooperation.', version: 0 }, 'translator');
  const page = await login('translator');
  const errors = watchErrors(page);
  const other = docs.find((d) => d.id !== withTerm.document_id);
  await page.goto(`${base}/#/documents/${other.id}`);
  const box = page.locator('.row').nth(1).locator('textarea.target');
  await box.click();
  await page.keyboard.press('Control+Shift+F');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'concordance-q');
  await page.locator('#concordance-q').fill('金砖');
  await page.locator('.side-panel .hit').first().waitFor();
  assert.ok((await page.locator('.side-panel .hit').count()) >= 5);
  assert.equal(await page.locator('.side-panel .hit-zh mark').first().textContent(), '金砖');
  // English hits, case-insensitive, marked.
  await page.locator('#concordance-q').fill('brics countries');
  const hit = page.locator('.side-panel .hit', { hasText: 'BRICS countries will strengthen' });
  await hit.waitFor();
  assert.equal(await hit.locator('.hit-en mark').textContent(), 'BRICS countries');
  await page.screenshot({ path: join(shots, 'concordance.png') });
  await hit.getByRole('button', { name: 'Insert' }).click();
  assert.equal(await box.inputValue(), 'The BRICS countries will strengthen cooperation.');
  await page.locator('#concordance-q').fill('不存在的说法');
  await page.locator('.side-panel', { hasText: 'is in no clause' }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('translation memory: similar approved clauses beside the clause, inserted with Alt+Shift+1', async () => {
  const { api, login, base } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  // Two clauses in different statements whose Chinese is close.
  const all = [];
  for (const d of docs) all.push(...(await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses);
  const ratio = (a, b) => {
    const x = [...a], y = [...b];
    let prev = [...Array(y.length + 1).keys()];
    for (let i = 1; i <= x.length; i++) {
      const cur = [i];
      for (let j = 1; j <= y.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
      prev = cur;
    }
    return (x.length + y.length - prev[y.length]) / (x.length + y.length);
  };
  const pair = (() => {
    for (const a of all) {
      if (a.source.length < 12) continue;
      const b = all.find((x) => x.document_id !== a.document_id && x.source !== a.source && Math.abs(x.source.length - a.source.length) < 8 && ratio(a.source, x.source) > 0.8);
      if (b) return [a, b];
    }
  })();
  assert.ok(pair, 'the seed has near-repeated clauses');
  const [approved, current] = pair;
  await api('PUT', `/clauses/${approved.id}/translation`, { text: 'Approved English of a similar clause.', version: approved.version }, 'translator');
  await api('POST', `/clauses/${approved.id}/approve`, { version: approved.version + 1 });
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${current.document_id}?clause=${current.id}`);
  const box = page.locator(`.row[data-clause-id="${current.id}"] textarea.target`);
  await box.focus();
  const match = page.locator('.side-panel .match').first();
  await match.waitFor({ timeout: 5000 }).catch(async (e) => {
    throw new Error('panel says: ' + (await page.locator('.side-panel').textContent()) + ' / ' + e.message);
  });
  assert.equal(await match.locator('.hit-en').textContent(), 'Approved English of a similar clause.');
  assert.ok((await match.locator('ins, del').count()) > 0, 'the differences are marked');
  await page.screenshot({ path: join(shots, 'memory.png') });
  await box.press('Alt+Shift+Digit1');
  assert.equal(await box.inputValue(), 'Approved English of a similar clause.');
  assert.deepEqual(errors, []);
  await page.close();
});
