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
  await page.locator('.row[data-index="0"] .save-state', { hasText: 'Confirmed' }).waitFor();
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
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
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

test('a large glossary: the term report comes a page at a time, a term\'s renderings on demand', async () => {
  const { base, login } = env;
  const session = async (user) => ({ Authorization: 'Bearer ' + (await (await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: env.passwords[user] }) })).json()).token });
  const tr = await session('translator');
  const rv = await session('reviewer');
  const N = 25;
  const lines = ['中华人民共和国和俄罗斯联邦关于界河航道的联合声明', ''];
  const csv = ['zh,en'];
  for (let i = 1; i <= N; i++) {
    lines.push(`双方同意疏浚第${i}号航道。`);
    csv.push(`双方同意疏浚第${i}号航道。,The two sides agree to dredge waterway ${i}.`); // "channel" is the glossary's word
  }
  let res = await fetch(base + '/api/v1/documents?name=channels.txt', { method: 'POST', headers: { ...tr, 'Content-Type': 'text/plain' }, body: lines.join('\n') });
  assert.equal(res.status, 201);
  res = await fetch(base + '/api/v1/translations/import?name=channels.csv', { method: 'POST', headers: { ...tr, 'Content-Type': 'text/csv' }, body: csv.join('\n') });
  assert.equal(res.status, 200, await res.text());
  for (let i = 1; i <= N; i++) {
    res = await fetch(base + '/api/v1/glossary', { method: 'POST', headers: { ...rv, 'Content-Type': 'application/json' }, body: JSON.stringify({ zh: `第${i}号航道`, en: `channel No. ${i}`, status: 'approved' }) });
    assert.equal(res.status, 201, await res.text());
  }
  const { total } = await (await fetch(`${base}/api/v1/terms/report?limit=1`, { headers: rv })).json();
  assert.ok(total >= N, `${total} terms in the report`);

  const page = await login('reviewer');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/report`);
  await page.locator('.term-report').first().waitFor();
  assert.equal(await page.locator('.term-report').count(), 20);
  assert.match(await page.locator('button.more').textContent(), new RegExp(`20 of ${total} shown`));
  await page.locator('button.more').click();
  await page.locator('.term-report').nth(Math.min(39, total - 1)).waitFor();
  // A term rendered another way: counted on the page, its renderings and
  // clauses on demand.
  const section = page.locator('.term-report[data-term="第7号航道"]');
  assert.match(await section.textContent(), /1 clause renders it another way/);
  assert.match(await section.textContent(), /1 clause needs attention/);
  await section.locator('button.show-renderings').click();
  const whole = page.locator('.term-report[data-term="第7号航道"] tr.rendering-other');
  await whole.waitFor();
  assert.match(await whole.textContent(), /The two sides agree to dredge waterway 7\./);
  assert.equal(await whole.locator('a.clause-link').count(), 1);
  assert.doesNotMatch(await page.locator('.term-report[data-term="第7号航道"]').textContent(), /null|undefined/);
  await page.locator('.term-report[data-term="第7号航道"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'report-paged.png') });
  assert.deepEqual(errors, []);
});
