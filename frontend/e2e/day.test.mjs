// A translator's and a reviewer's day, as one scenario in real Chromium:
// open a statement, translate with the keyboard only (a translation-memory
// match, then a glossary term), watch a finding appear and disappear,
// submit; the reviewer approves it in a second browser, the translator sees
// it live and exports. With ZHEN_SCREENSHOTS=DIR it also writes the main
// screens' screenshots there (the README's come from this test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

const dir = process.env.ZHEN_SCREENSHOTS ? resolve(process.env.ZHEN_SCREENSHOTS) : shots;
mkdirSync(dir, { recursive: true });
const shot = (page, name, opts = {}) => page.screenshot({ path: join(dir, name), ...opts });

const SOURCE = '双方将加强协作，以维护上海合作组织地区的和平稳定。';
const MEMORY = { zh: '双方将加强协作，维护上海合作组织地区和平稳定。', en: 'The two sides will strengthen coordination to maintain peace and stability in the SCO region.' };
const FINAL = 'The two sides will strengthen coordination to safeguard peace and stability in the region of the Shanghai Cooperation Organisation.';

test("a translator's and a reviewer's day", async () => {
  const { base, login, api, work } = env;
  const ok = (r, what) => {
    assert.ok(r.status >= 200 && r.status < 300, `${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  // The team's glossary and memory: a term, and an earlier translation of
  // a similar clause imported from another tool.
  ok(await api('POST', '/glossary', { zh: '上海合作组织', en: 'Shanghai Cooperation Organisation', variants: ['SCO'], status: 'approved', note: 'Spell out at first mention.' }), 'glossary');
  ok(await api('POST', '/glossary', { zh: '金砖国家', en: 'BRICS', forbidden: ['BRIC'], status: 'approved' }), 'glossary');
  const tmx = `<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" creationtool="test" creationtoolversion="1" o-tmf="test"/><body><tu><tuv xml:lang="zh-CN"><seg>${MEMORY.zh}</seg></tuv><tuv xml:lang="en"><seg>${MEMORY.en}</seg></tuv></tu></body></tmx>`;
  const tokenRes = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'reviewer', password: env.passwords.reviewer }) });
  const token = (await tokenRes.json()).token;
  const imp = await fetch(base + '/api/v1/translations/import?name=memory.tmx&memory_only=1', { method: 'POST', headers: { Authorization: 'Bearer ' + token }, body: tmx });
  assert.equal(imp.status, 200, await imp.clone().text());

  let clause = null;
  for (const d of ok(await api('GET', '/documents'), 'documents').documents) {
    clause ||= ok(await api('GET', `/documents/${d.id}/clauses?limit=500`), 'clauses').clauses.find((c) => c.source === SOURCE);
  }
  assert.ok(clause, 'the seed has the clause');

  // Morning: the translator opens the statement list, then the statement.
  const page = await login('translator', { acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(base + '/');
  await page.locator('table.docs tbody tr').first().waitFor();
  await shot(page, 'documents.png');
  await page.goto(`${base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  const box = row.locator('textarea.target');
  await box.waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('textarea.target'));
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId), String(clause.id));

  // The side panel offers the memory's match; Alt+Shift+1 inserts it.
  await page.locator('.side-panel .match').first().waitFor();
  await page.keyboard.press('Alt+Shift+Digit1');
  assert.equal(await box.inputValue(), MEMORY.en);
  // The glossary term is underlined in the Chinese, with its approved English.
  await row.locator('mark.term', { hasText: '上海合作组织' }).waitFor();
  assert.match(await row.locator('mark.term').getAttribute('title'), /Shanghai Cooperation Organisation/);

  // Rewrite it by keyboard: the approved rendering is missing, and the
  // finding says so as the translator types…
  await page.keyboard.press('Control+A');
  await page.keyboard.type('The two sides will strengthen coordination to safeguard peace and stability in the region of the ');
  const finding = row.locator('.finding[data-kind="term_missing"]');
  await finding.waitFor();
  await shot(page, 'editor.png');
  // …and Alt+1 inserts the term's approved English: the finding goes.
  await page.keyboard.press('Alt+Digit1');
  await page.keyboard.type('.');
  assert.equal(await box.inputValue(), FINAL);
  await finding.waitFor({ state: 'detached' });

  // Ctrl+Shift+Enter saves, submits and moves on.
  await page.keyboard.press('Control+Shift+Enter');
  await row.locator('.status', { hasText: 'submitted' }).waitFor();
  // …on to the next clause still without English.
  const nextId = await page.evaluate(() => document.activeElement.closest('.row')?.dataset.clauseId);
  assert.notEqual(nextId, String(clause.id));
  assert.equal(ok(await api('GET', `/clauses/${nextId}`), 'clause').target, '');
  const submitted = ok(await api('GET', `/clauses/${clause.id}`), 'clause');
  assert.equal(submitted.status, 'submitted');
  assert.equal(submitted.target, FINAL);

  // Afternoon: the reviewer, in another browser, approves from the queue
  // with the keyboard.
  const reviewer = await login('reviewer');
  const reviewerErrors = watchErrors(reviewer);
  await reviewer.goto(base + '/#/review');
  const item = reviewer.locator(`.review-item[data-clause-id="${clause.id}"]`);
  await item.waitFor();
  await shot(reviewer, 'review.png');
  await item.locator('.ri-source').click();
  await reviewer.keyboard.press('a');
  await item.waitFor({ state: 'detached' });
  // The translator's page shows the approval without a reload.
  await row.locator('.status', { hasText: 'approved' }).waitFor();

  // Other main screens, for the docs, with some of the problems QA finds.
  const findClause = async (source) => {
    for (const d of ok(await api('GET', '/documents'), 'documents').documents) {
      const c = ok(await api('GET', `/documents/${d.id}/clauses?limit=500`), 'clauses').clauses.find((x) => x.source === source);
      if (c) return c;
    }
  };
  for (const [zh, en] of [['南非加入对促进金砖国家合作具有重要意义。', 'The accession of South Africa is of great significance for promoting BRIC cooperation.'],
    ['双方强调高度重视金砖国家框架内的合作。', 'The two sides emphasised the great importance they attach to cooperation within the BRICS framework。']]) {
    const c = await findClause(zh);
    ok(await api('PUT', `/clauses/${c.id}/translation`, { text: en, version: c.version }, 'translator'), 'save');
  }
  await reviewer.goto(base + '/#/glossary');
  await reviewer.locator('table').first().waitFor();
  await shot(reviewer, 'glossary.png');
  await reviewer.goto(base + '/#/report');
  await reviewer.locator('main h1').waitFor();
  await reviewer.waitForLoadState('networkidle');
  await shot(reviewer, 'report.png');
  await reviewer.goto(base + '/#/qa');
  await reviewer.locator('.finding[data-kind="term_forbidden"]').first().waitFor();
  await shot(reviewer, 'qa.png');

  // Evening: the translator exports the statement; the approved English is in it.
  await page.getByRole('button', { name: 'Details' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export TMX' }).click()]);
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(`<seg>${FINAL}</seg>`), 'the approved English is exported');
  assert.ok(text.includes(SOURCE));
  // The statement list counts the open findings, linking to them.
  const problem = await findClause('南非加入对促进金砖国家合作具有重要意义。');
  await page.goto(base + '/');
  const count = page.locator(`td.findings-count[data-document-id="${problem.document_id}"] a`);
  await count.waitFor();
  assert.ok(Number(await count.textContent()) >= 2);
  assert.equal(await count.getAttribute('href'), `#/qa?document=${problem.document_id}`);
  await shot(page, 'documents.png');
  assert.deepEqual(errors, []);
  assert.deepEqual(reviewerErrors, []);
});

test('keyboard: copy the numbers and the terms of the Chinese, open the history', async () => {
  const { base, login, api } = env;
  let clause = null;
  for (const d of (await api('GET', '/documents')).body.documents) {
    clause ||= (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.find((c) => c.source.includes('2011年6月15日') && c.source.includes('上海合作组织'));
  }
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  const box = row.locator('textarea.target');
  await row.locator('mark.term').first().waitFor();
  await box.focus();
  await page.keyboard.type('On');
  await page.keyboard.press('Alt+Shift+KeyN');
  await page.waitForFunction((id) => document.querySelector(`.row[data-clause-id="${id}"] textarea.target`).value.includes('15 June 2011'), clause.id);
  await page.keyboard.press('Alt+Shift+KeyT');
  assert.equal(await box.inputValue(), 'On 15 June 2011 Shanghai Cooperation Organisation');
  // Every term is in: a second press says so instead of repeating one.
  await page.keyboard.press('Alt+Shift+KeyT');
  await page.locator('.notice', { hasText: 'already has every glossary term' }).waitFor();
  await page.keyboard.press('Alt+Shift+KeyH');
  await row.locator('.panel .revisions, .panel .muted').first().waitFor();
  assert.equal(await row.locator('button.history-toggle').getAttribute('aria-expanded'), 'true');
  assert.deepEqual(errors, []);
});
