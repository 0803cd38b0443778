// What reaches a translator from the rest of the team (issue 17), in real
// Chromium: a reviewer's correction as a tracked change on the row, the
// controls a translator is not offered (Dismiss), and the numbering style
// of markers, per statement and as the corpus default.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots, ok } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

const statement = async (date) => ok(await env.api('GET', '/documents'), 'documents').documents.find((d) => d.date === date);
const clausesOf = async (doc) => ok(await env.api('GET', `/documents/${doc.id}/clauses?limit=500`), 'clauses').clauses;

test("a reviewer's correction is a tracked change on the translator's row; only reviewers dismiss", async () => {
  const doc = await statement('2013-03-23');
  const [c, d] = (await clausesOf(doc)).filter((x) => x.kind === 'text').slice(3, 5);
  let saved = ok(await env.api('PUT', `/clauses/${c.id}/translation`, { text: 'The two sides will hold 10 meetings a year.', version: c.version, confirm: true }, 'translator'), 'save');
  saved = ok(await env.api('POST', `/clauses/${c.id}/submit`, { version: saved.version }, 'translator'), 'submit');
  saved = ok(await env.api('PUT', `/clauses/${c.id}/translation`, { text: 'The two sides will hold 100 meetings a year.', version: saved.version }, 'reviewer'), 'correct');
  ok(await env.api('POST', `/clauses/${c.id}/approve`, { version: saved.version }, 'reviewer'), 'approve');
  // A finding on another clause: Chinese punctuation left in the English.
  ok(await env.api('PUT', `/clauses/${d.id}/translation`, { text: 'Both sides agree。', version: d.version }, 'translator'), 'save d');

  const page = await env.login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}?clause=${c.id}`);
  const row = page.locator(`.row[data-clause-id="${c.id}"]`);
  await row.locator('textarea.target').focus();
  const tracked = row.locator('.tracked');
  await tracked.waitFor();
  assert.match(await tracked.textContent(), /Corrected by reviewer \(changes to the English of translator\)/);
  assert.equal(await tracked.locator('del').first().textContent(), '10');
  assert.equal(await tracked.locator('ins').first().textContent(), '100');
  await page.screenshot({ path: join(shots, 'grid-tracked.png') });
  // Another row: its finding is shown, with no Dismiss for a translator.
  const other = page.locator(`.row[data-clause-id="${d.id}"]`);
  await other.locator('textarea.target').focus();
  await other.locator('.finding').first().waitFor();
  assert.equal(await other.locator('button.dismiss').count(), 0);
  assert.equal(await row.locator('.tracked').count(), 1, 'the tracked change stays on its row');
  assert.deepEqual(errors, []);
  await page.close();

  const rv = await env.login('reviewer');
  await rv.goto(`${env.base}/#/documents/${doc.id}?clause=${d.id}`);
  await rv.locator(`.row[data-clause-id="${d.id}"] textarea.target`).focus();
  await rv.locator(`.row[data-clause-id="${d.id}"] .finding button.dismiss`).first().waitFor();
  await rv.close();
});

test('numbering markers follow the statement style, else the corpus default an admin sets', async () => {
  // Two statements with markers whose English differs by style (一、 is
  // 1. in arabic, I. in roman and outline; （一） is (1) or A.).
  const differs = (x) => x.kind === 'heading' && /、$|^（/.test(x.source.trim());
  const docs = [];
  for (const d of ok(await env.api('GET', '/documents'), 'documents').documents) {
    if ((await clausesOf(d)).some((x) => differs(x) && x.source.trim().endsWith('、'))) docs.unshift(d);
    else if ((await clausesOf(d)).some(differs)) docs.push(d);
  }
  assert.ok(docs.length >= 2, 'two statements with such markers');
  const doc = docs[0];
  const clauses = await clausesOf(doc);
  const i = clauses.findIndex((x) => differs(x) && x.source.trim().endsWith('、'));
  const marker = clauses[i];
  assert.equal(marker.status, 'approved');
  assert.match(marker.target, /^\d+\.$/, 'arabic by default');
  const page = await env.login('translator', { viewport: { width: 1440, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${doc.id}`);
  const badge = page.locator(`.row[data-clause-id="${clauses[i + 1].id}"] .marker`);
  await badge.waitFor();
  assert.equal((await badge.textContent()).replace(/\s+/g, ''), marker.source.trim() + marker.target);
  await page.locator('button.details-toggle').click();
  const select = page.getByLabel('Numbering of markers');
  assert.equal(await select.inputValue(), '');
  await page.locator('select.numbering-style option').first().filter({ hasText: 'Corpus default (Arabic' }).waitFor({ state: 'attached' });
  await select.selectOption('roman');
  await page.locator('.notice.ok', { hasText: 'numbering markers of this statement were rewritten' }).waitFor();
  const roman = (await clausesOf(doc))[i];
  assert.match(roman.target, /^[IVXLC]+\.$/, `roman: ${roman.target}`);
  await page.waitForFunction(([sel, want]) => document.querySelector(sel)?.textContent.replace(/\s+/g, '') === want,
    [`.row[data-clause-id="${clauses[i + 1].id}"] .marker`, marker.source.trim() + roman.target]);
  await page.screenshot({ path: join(shots, 'grid-numbering.png') });
  assert.deepEqual(errors, []);
  await page.close();

  // The corpus default changes the statements without their own style.
  const other = docs[1];
  const before = (await clausesOf(other)).find(differs);
  assert.match(before.target, /^\(?\d+[.)]$/, 'arabic');
  const admin = await env.login('admin');
  await admin.goto(`${env.base}/#/users`);
  await admin.getByLabel('Numbering of markers').selectOption('outline');
  await admin.locator('form.corpus-settings button[type=submit]').click();
  await admin.locator('.notice.ok', { hasText: 'Numbering markers now follow the style Outline' }).waitFor();
  const after = (await clausesOf(other)).find((x) => x.id === before.id);
  assert.match(after.target, /^[A-Z]+\.$/, `outline: ${after.target}`);
  assert.equal((await clausesOf(doc))[i].target, roman.target, 'a statement with its own style keeps it');
  await admin.close();
});
