// The compact grid of issue 17 in real Chromium: how many clauses a screen
// shows, the keystrokes from opening a statement to the second clause
// confirmed, undo by word, jumps, numbering markers as badges, the
// rejection reason on the row, an empty filter, role-aware controls and
// step-through replace.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

// average is the seed statement whose clause length is nearest the
// corpus's average (the 2013 one).
async function statement(date = '2013-03-23') {
  return (await env.api('GET', '/documents')).body.documents.find((d) => d.date === date);
}

// fullyVisible counts the clause rows wholly inside the viewport (below
// the sticky bar).
const fullyVisible = (page) => page.evaluate(() => {
  const bar = document.querySelector('.editor-head').getBoundingClientRect().bottom;
  return [...document.querySelectorAll('.grid .row')].filter((r) => {
    const b = r.getBoundingClientRect();
    return !r.hidden && b.height > 0 && b.top >= bar - 1 && b.bottom <= innerHeight + 1;
  }).length;
});

for (const [width, height, least] of [[1440, 900, 12], [1280, 720, 8]]) {
  test(`at ${width}×${height} at least ${least} clause rows are visible`, async () => {
    const doc = await statement();
    const page = await env.login('translator', { viewport: { width, height } });
    const errors = watchErrors(page);
    await page.goto(`${env.base}/#/documents/${doc.id}`);
    await page.locator('.grid .row.active').waitFor();
    // As opened (the first clause active), and scrolled into the middle.
    const first = await fullyVisible(page);
    await page.locator('.grid .row').nth(20).locator('textarea.target').focus();
    await page.evaluate(() => new Promise(requestAnimationFrame));
    const middle = await fullyVisible(page);
    await page.screenshot({ path: join(shots, `grid-${width}x${height}.png`) });
    console.log(`${width}×${height}: ${first} rows fully visible as opened, ${middle} in the middle`);
    assert.ok(first >= least, `${first} rows visible as opened, want ${least}`);
    assert.ok(middle >= least, `${middle} rows visible in the middle, want ${least}`);
    // The active row's controls are one line, in a fixed order; the others have none.
    assert.equal(await page.locator('.grid .row-controls:visible').count(), 1);
    const names = await page.locator('.grid .row.active .row-controls button').allTextContents();
    assert.deepEqual(names, ['History', 'Comments', 'Split…', 'Merge with next', 'Save draft', 'Confirm', 'Submit']);
    const controls = await page.locator('.grid .row.active .row-controls').boundingBox();
    assert.ok(controls.height < 30, `controls ${controls.height}px high`);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('opening a statement to the second clause confirmed: type, Ctrl+Enter, type, Ctrl+Enter', async () => {
  const doc = await statement('2012-06-06');
  const page = await env.login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page);
  const keys = [];
  const type = async (text) => {
    keys.push(`type ${text.length} characters`);
    await page.keyboard.type(text);
  };
  const press = async (key) => {
    keys.push(key);
    await page.keyboard.press(key);
  };
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  await page.locator('.grid .row.active').waitFor();
  // The box of the first untranslated clause has the focus, no Tab needed.
  const first = await page.evaluate(() => document.activeElement.closest('.row')?.dataset.clauseId);
  assert.ok(first, 'a clause box has the focus');
  await type('On 5 June 2012, the two presidents met in Beijing.');
  await press('Control+Enter');
  await page.waitForFunction((id) => document.activeElement.closest('.row')?.dataset.clauseId !== id, first);
  const second = await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId);
  await type('The two sides agree.');
  await press('Control+Enter');
  await page.locator(`.row[data-clause-id="${second}"] .save-state`, { hasText: /Saved|Confirmed/ }).waitFor();
  for (const id of [first, second]) assert.notEqual((await env.api('GET', `/clauses/${id}`)).body.target, '');
  console.log(`keystrokes from opening to the second clause confirmed: ${keys.join(', ')}`);
  assert.equal(keys.filter((k) => !k.startsWith('type')).length, 2);
  // After Ctrl+Enter the active row is in the upper third of the window.
  await page.locator('.grid .row').nth(12).locator('textarea.target').focus();
  const before = await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId);
  await page.keyboard.type('x');
  await page.keyboard.press('Control+Enter');
  // The focus moves once the save has answered, not at the key press.
  await page.waitForFunction((id) => { const r = document.activeElement.closest('.row'); return r && r.dataset.clauseId !== id; }, before);
  const top = await page.evaluate(() => document.activeElement.closest('.row').getBoundingClientRect().top);
  assert.ok(top < 900 / 3, `active row at ${top}px`);
  // Alt+↓ too.
  for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowDown');
  const top2 = await page.evaluate(() => document.activeElement.closest('.row').getBoundingClientRect().top);
  assert.ok(top2 < 900 / 3, `active row at ${top2}px after Alt+↓`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('Ctrl+Z undoes the last word, also after an autosave; Ctrl+Shift+Z redoes', async () => {
  const doc = await statement('2015-05-09');
  const page = await env.login('translator');
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  await page.locator('.grid .row.active').waitFor();
  const id = await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId);
  const box = page.locator(`.row[data-clause-id="${id}"] textarea.target`);
  await page.keyboard.type('The two sides agree', { delay: 20 });
  await page.keyboard.press('Control+z');
  assert.equal((await box.inputValue()).trimEnd(), 'The two sides');
  await page.keyboard.press('Control+Shift+z');
  assert.equal(await box.inputValue(), 'The two sides agree');
  // Saved (as a draft), then undone: the undone text is unsaved and saves itself.
  await page.locator(`.row[data-clause-id="${id}"] button.save`).click();
  await page.locator(`.row[data-clause-id="${id}"] .save-state`, { hasText: 'Saved' }).waitFor();
  assert.equal((await env.api('GET', `/clauses/${id}`)).body.target, 'The two sides agree');
  await box.focus();
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  assert.equal((await box.inputValue()).trimEnd(), 'The two');
  await page.locator(`.row[data-clause-id="${id}"].dirty`).waitFor();
  await page.waitForFunction(async (cid) => (await (await fetch(`/api/v1/clauses/${cid}`)).json()).target === 'The two', id, { timeout: 10000 });
  assert.deepEqual(errors, []);
  await page.close();
});

test('numbering markers are badges; jumps; an empty filter says so', async () => {
  const doc = await statement('2011-06-17');
  const clauses = (await env.api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses;
  const heading = clauses.findIndex((c) => c.kind === 'heading');
  assert.ok(heading >= 0, 'the statement has numbering markers');
  const page = await env.login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  await page.locator('.grid .row.active').waitFor();
  assert.equal(await page.locator(`.row[data-clause-id="${clauses[heading].id}"]`).count(), 0, 'no row for a marker');
  const next = page.locator(`.row[data-clause-id="${clauses[heading + 1].id}"] .marker`);
  assert.equal((await next.textContent()).trim(), clauses[heading].source.trim() + (clauses[heading].target ? clauses[heading].target : ''));
  // Go to clause N.
  await page.keyboard.press('Control+g');
  await page.keyboard.type(String(heading + 2));
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), String(heading + 1));
  // Next draft: there is one after saving a draft.
  await page.keyboard.type('A draft.');
  await page.locator('.row.active button.save').click();
  await page.locator('.row.active .save-state', { hasText: 'Saved' }).waitFor();
  await page.locator('.grid .row').first().locator('textarea.target').focus();
  await page.keyboard.press('Alt+Shift+D');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), String(heading + 1));
  await page.getByLabel('Next…').selectOption('untranslated');
  assert.notEqual(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), String(heading + 1));
  // A filter that matches nothing says so, with a way back.
  await page.locator('button.filter-toggle').click();
  await page.getByLabel('Text in the Chinese or English').fill('no such text anywhere');
  await page.locator('.empty-filter', { hasText: 'No clause matches “no such text anywhere”' }).waitFor();
  await page.locator('.empty-filter button', { hasText: 'Clear the filters' }).click();
  assert.ok(await page.locator('.grid .row:visible').count() > 10);
  assert.equal(await page.locator('.empty-filter').isVisible(), false);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the rejection reason is on the row; viewers and translators see only their controls', async () => {
  const doc = await statement('2015-05-09');
  const clauses = (await env.api('GET', `/documents/${doc.id}/clauses?limit=5`)).body.clauses.filter((c) => c.kind !== 'heading');
  const c = clauses[1];
  const saved = (await env.api('PUT', `/clauses/${c.id}/translation`, { text: 'China and Russia.', version: 0 }, 'translator')).body;
  const sub = (await env.api('POST', `/clauses/${c.id}/submit`, { version: saved.version }, 'translator')).body;
  assert.equal((await env.api('POST', `/clauses/${c.id}/reject`, { version: sub.version, comment: 'Use the full official names.' })).status, 200);
  const page = await env.login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  const row = page.locator(`.row[data-clause-id="${c.id}"]`);
  await row.locator('.rejection', { hasText: 'Rejected by reviewer: Use the full official names.' }).waitFor();
  assert.equal(await row.locator('.panel').isVisible(), false, 'nothing opened');
  assert.equal(await page.locator('.grid button.approve').count(), 0, 'a translator cannot approve');
  await page.keyboard.press('Alt+Shift+R');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.clauseId), String(c.id));
  await page.screenshot({ path: join(shots, 'grid-rejected.png') });
  await page.close();

  const viewer = await env.login('viewer');
  await viewer.goto(`${env.base}/#/documents/${doc.id}`);
  await viewer.locator('.grid .row.active').waitFor();
  assert.equal(await viewer.locator('.grid .row.active textarea.target').getAttribute('readonly'), '');
  assert.deepEqual(await viewer.locator('.grid .row.active .row-controls button').allTextContents(), ['History', 'Comments']);
  for (const name of ['Replace…', 'Submit my translated']) assert.equal(await viewer.getByRole('button', { name }).count(), 0, name);
  await viewer.close();

  const reviewer = await env.login('reviewer');
  await reviewer.goto(`${env.base}/#/documents/${doc.id}`);
  await reviewer.locator(`.row[data-clause-id="${c.id}"] textarea.target`).focus();
  // The rejection is the clause's first comment (its thread holds the reason).
  assert.deepEqual(await reviewer.locator('.grid .row.active .row-controls button').allTextContents(),
    ['History', 'Comments (1)', 'Split…', 'Merge with next', 'Save draft', 'Confirm', 'Submit', 'Approve', 'Reject…']);
  await reviewer.close();
  assert.deepEqual(errors, []);
});

test('replace step by step, and with a regular expression', async () => {
  const doc = await statement('2015-05-09');
  const cl = (await env.api('GET', `/documents/${doc.id}/clauses?limit=8`)).body.clauses.filter((c) => c.kind !== 'heading');
  const texts = ['Deepen cooperation and cooperation.', 'Cooperation in 2014.', 'Cooperative projects in 2015.'];
  for (const [i, text] of texts.entries()) await env.api('PUT', `/clauses/${cl[i + 4].id}/translation`, { text, version: 0 }, 'translator');
  const page = await env.login('translator');
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  await page.locator('.grid .row.active').waitFor();
  await page.getByRole('button', { name: 'Replace…' }).click();
  await page.getByLabel('Find in the English').fill('cooperation');
  await page.getByLabel('Replace with').fill('collaboration');
  await page.getByRole('button', { name: 'Find next' }).click();
  await page.locator('dialog.replace .muted', { hasText: 'Occurrence 1 of 3' }).waitFor();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.locator('dialog.replace .muted', { hasText: 'Occurrence 2 of 3' }).waitFor();
  await page.getByRole('button', { name: 'Replace', exact: true }).click();
  await page.locator('dialog.replace .muted', { hasText: /Occurrence 2 of 2/ }).waitFor();
  assert.equal((await env.api('GET', `/clauses/${cl[4].id}`)).body.target, 'Deepen cooperation and collaboration.');
  // A bad expression is explained; a good one replaces with its groups.
  await page.getByLabel('Regular expression').check();
  await page.getByLabel('Find in the English').fill('(20');
  await page.locator('dialog.replace .pattern-error', { hasText: 'Not a valid regular expression' }).waitFor();
  await page.getByLabel('Find in the English').fill('in (20\\d\\d)');
  await page.getByLabel('Replace with').fill('from $1');
  await page.locator('.replace-preview ins', { hasText: 'from 2014' }).waitFor();
  await page.screenshot({ path: join(shots, 'replace-regex.png') });
  await page.getByRole('button', { name: 'Replace in 2 clauses' }).click();
  await page.locator('.notice.ok', { hasText: 'Replaced in 2 of 2 clauses' }).waitFor();
  assert.equal((await env.api('GET', `/clauses/${cl[5].id}`)).body.target, 'Cooperation from 2014.');
  assert.deepEqual(errors, []);
  await page.close();
});

// The browser's side of "Submit my translated", with the server's answers
// as the contract gives them (statuses.test.mjs runs it against the real
// server once it has POST /api/v1/submit).
test('submit my translated: open findings are listed, Submit anyway resends', async () => {
  const doc = await statement('2012-06-06');
  const c = (await env.api('GET', `/documents/${doc.id}/clauses?limit=3`)).body.clauses[1];
  const page = await env.login('translator');
  const errors = watchErrors(page, [409]);
  const bodies = [];
  await page.route('**/api/v1/submit', (route) => {
    const body = route.request().postDataJSON();
    bodies.push(body);
    if (!body.despite_findings) {
      return route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({
        error: { code: 'open_findings', message: 'open findings' },
        findings: [{ clause_id: c.id, kind: 'term_forbidden', severity: 'error', key: 'k1', term: '金砖国家', message: 'BRIC is a forbidden rendering of 金砖国家' }],
      }) });
    }
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify({
      submitted: [{ ...c, target: 'Submitted text.', status: 'submitted', version: c.version + 2 }], skipped: [],
    }) });
  });
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  await page.locator('.grid .row.active').waitFor();
  await page.getByRole('button', { name: 'Submit my translated' }).click();
  const dialog = page.locator('dialog.open-findings[open]');
  await dialog.waitFor();
  assert.match(await dialog.locator('h2').textContent(), /1 open finding/);
  assert.match(await dialog.textContent(), new RegExp(`Clause ${c.index + 1}.*BRIC is a forbidden`));
  await page.screenshot({ path: join(shots, 'grid-open-findings.png') });
  await dialog.getByRole('button', { name: 'Submit anyway' }).click();
  await page.locator('.notice.ok', { hasText: 'Submitted 1 clause for review' }).waitFor();
  await page.locator(`.row[data-clause-id="${c.id}"] .status`, { hasText: 'submitted' }).waitFor();
  assert.deepEqual(bodies, [{ document: doc.id, mine: true, despite_findings: false }, { document: doc.id, mine: true, despite_findings: true }]);
  assert.deepEqual(errors, []);
  await page.close();
});
