// A statement of 5,000 clauses in the editor: the grid is virtualised, so
// the page holds a few dozen full rows wherever the translator is, and
// nothing typed is lost when a row scrolls away.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

const CLAUSES = 5000;

// bigStatement is a statement whose lines each make two clauses.
function bigStatement() {
  const lines = ['中华人民共和国和俄罗斯联邦关于全面推进务实合作的联合声明', ''];
  for (let i = 1; i <= CLAUSES / 2; i++) lines.push(`第${i}条。双方同意进一步加强上海合作组织框架内的务实合作，共同应对第${i}项挑战。`);
  return lines.join('\n');
}

test('5,000 clauses: few rows built, keyboard moves across unbuilt ones, nothing lost', async () => {
  const { base, login } = env;
  const token = (await (await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'translator', password: env.passwords.translator }) })).json()).token;
  const res = await fetch(base + '/api/v1/documents?name=big.txt', { method: 'POST', headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'text/plain' }, body: bigStatement() });
  assert.equal(res.status, 201);
  const [doc] = (await res.json()).documents;
  assert.equal(doc.clauses, CLAUSES);

  const page = await login('translator');
  const errors = watchErrors(page);
  const opened = Date.now();
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row:not(.placeholder) textarea.target').first().waitFor();
  const openMs = Date.now() - opened;
  const counts = () => page.evaluate(() => ({
    rows: document.querySelectorAll('.grid .row').length,
    built: document.querySelectorAll('.grid .row:not(.placeholder)').length,
    nodes: document.querySelectorAll('.grid *').length,
  }));
  let c = await counts();
  assert.equal(c.rows, CLAUSES, 'every clause has a row, built or not');
  assert.ok(c.built < 150, `${c.built} rows built on opening: the grid is not virtualised`);
  // Without virtualising, 5,000 built rows are ≈ 30 elements each.
  assert.ok(c.nodes < CLAUSES * 8, `${c.nodes} elements in the grid`);
  test.diagnostic?.(`opened in ${openMs} ms with ${c.built} of ${c.rows} rows built, ${c.nodes} elements`);

  // Keyboard only: type, Ctrl+Enter saves and moves on; Alt+↓ moves down
  // row after row, building the rows it reaches.
  const first = page.locator('.row[data-index="0"] textarea.target');
  await first.click();
  await page.keyboard.type('Joint Statement of the People\'s Republic of China and the Russian Federation');
  await page.keyboard.press('Control+Enter');
  await page.locator('.row[data-index="0"] .save-state', { hasText: 'Saved' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), '1');
  for (let i = 0; i < 60; i++) await page.keyboard.press('Alt+ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), '61');

  // The end of the statement: built when reached, the top released.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = page.locator(`.row[data-index="${CLAUSES - 1}"]:not(.placeholder) textarea.target`);
  await last.waitFor();
  await page.waitForFunction(() => document.querySelector('.row[data-index="0"]').classList.contains('placeholder'));
  c = await counts();
  assert.ok(c.built < 150, `${c.built} rows built at the end of the statement`);
  // The saved English shows in the placeholder that stands for row 1.
  assert.match(await page.locator('.row[data-index="0"] .target-text').textContent(), /Joint Statement/);

  // Unsaved text keeps its row built while it is out of view.
  await last.click();
  await last.fill('Unsaved English at the end.');
  await page.evaluate(() => document.activeElement.blur()); // the blur saves: type again, unsaved
  await page.locator(`.row[data-index="${CLAUSES - 1}"] .save-state`, { hasText: 'Saved' }).waitFor();
  await last.fill('Unsaved English at the end, changed.');
  await page.locator('.grid').evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction((i) => !document.querySelector(`.row[data-index="${i}"]`).classList.contains('placeholder') &&
    document.querySelector('.row[data-index="100"]').classList.contains('placeholder'), CLAUSES - 1);
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  assert.equal(await last.inputValue(), 'Unsaved English at the end, changed.');

  // Alt+↑ from the last row, then a filter: the one row that matches is
  // built and focusable.
  await last.focus();
  await page.keyboard.press('Alt+ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), String(CLAUSES - 2));
  await page.getByLabel('Text in the Chinese or English').fill('第1234条');
  await page.locator('.editor-filters', { hasText: '1 of 5000 clauses shown' }).waitFor();
  await page.locator('.row:not([hidden]) textarea.target').waitFor();
  await page.screenshot({ path: join(shots, 'editor-large.png') });
  assert.deepEqual(errors, []);
});

// Thousands of findings: the QA page shows the first hundred and the total,
// and brings the next hundred on request; the statement list counts them
// all. The findings are stored, so neither page checks the corpus again.
test('thousands of findings: the QA page pages through them', async () => {
  const { base, login } = env;
  const token = (await (await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'translator', password: env.passwords.translator }) })).json()).token;
  const auth = { Authorization: 'Bearer ' + token };
  const lines = ['中华人民共和国和俄罗斯联邦关于边境合作的联合声明', ''];
  const csv = ['zh,en'];
  const N = 1200;
  for (let i = 1; i <= N; i++) {
    lines.push(`双方商定在第${i}号口岸开展合作。`);
    csv.push(`双方商定在第${i}号口岸开展合作。,The two sides agree to cooperate at the port.`); // the number is missing
  }
  let res = await fetch(base + '/api/v1/documents?name=ports.txt', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/plain' }, body: lines.join('\n') });
  assert.equal(res.status, 201);
  const [doc] = (await res.json()).documents;
  res = await fetch(base + '/api/v1/translations/import?name=ports.csv', { method: 'POST', headers: { ...auth, 'Content-Type': 'text/csv' }, body: csv.join('\n') });
  assert.equal(res.status, 200, await res.text());

  // Small numbers are soft (a translator may drop "one"): most ports count.
  const { total } = await (await fetch(`${base}/api/v1/findings?document=${doc.id}&kind=number_mismatch&limit=1`, { headers: auth })).json();
  assert.ok(total > 1000 && total <= N, `${total} findings`);

  const page = await login('reviewer');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/qa?document=${doc.id}&kind=number_mismatch`);
  await page.locator('.qa-item').first().waitFor();
  assert.equal(await page.locator('.qa-item').count(), 100);
  assert.match(await page.locator('.page-head').textContent(), new RegExp(`${total} findings`));
  const more = page.locator('button.more');
  assert.match(await more.textContent(), new RegExp(`100 of ${total} shown`));
  await more.click();
  await page.locator('.qa-item').nth(199).waitFor();
  assert.equal(await page.locator('.qa-item').count(), 200);
  assert.match(await page.locator('button.more').textContent(), new RegExp(`200 of ${total} shown`));
  await page.locator('button.more').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'qa-paged.png') });

  await page.goto(`${base}/#/`);
  const row = page.locator('tr', { hasText: '边境合作' });
  const all = (await (await fetch(`${base}/api/v1/findings?document=${doc.id}&limit=1`, { headers: auth })).json()).total;
  await row.locator('a[href^="#/qa"]', { hasText: String(all) }).waitFor();
  assert.deepEqual(errors, []);
});
