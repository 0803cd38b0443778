// End-to-end test of assignments (issue 18) in real Chromium, against the
// real zhen binary: a reviewer assigns a clause range from the statement's
// page; the translator's open My work page shows it at once, with its
// progress and a link that opens the editor at the first clause waiting;
// the review queue defaults to the reviewer's assignment, with a switch to
// show all; an admin sees everyone's load; the QA page links the report;
// a reviewer edits an assignment inline (and meets a stale edit's conflict).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots, ok } from './harness.mjs';

let env, base, api, login;
before(async () => {
  env = await start();
  ({ base, api, login } = env);
});
after(() => env?.stop());

async function saveAndSubmit(c, text) {
  let cur = ok(await api('PUT', `/clauses/${c.id}/translation`, { text, version: c.version }, 'translator'), 'save');
  cur = ok(await api('POST', `/clauses/${c.id}/submit`, { version: cur.version }, 'translator'), 'submit');
  return cur;
}

test('assign a range, My work with progress and links, the review queue defaults to the assignment', async () => {
  const docs = ok(await api('GET', '/documents'), 'documents').documents;
  const doc = docs.find((d) => d.clauses > 20);
  const { clauses } = ok(await api('GET', `/documents/${doc.id}/clauses?offset=0&limit=500`), 'clauses');
  // The range 3–8 (clause numbers as the editor shows them).
  const inRange = clauses.filter((c) => c.index >= 2 && c.index <= 7 && c.kind !== 'heading' && !c.target);
  const outside = clauses.find((c) => c.index >= 12 && c.kind !== 'heading' && !c.target);
  assert.ok(inRange.length >= 3 && outside, 'the statement has work clauses inside and outside the range');
  await saveAndSubmit(inRange[0], 'The two sides agree on this.');
  await saveAndSubmit(outside, 'The two sides agree on that.');

  // The translator has My work open, with nothing assigned yet.
  const translator = await login('translator');
  const tErrors = watchErrors(translator);
  await translator.getByRole('link', { name: 'My work' }).click();
  await translator.locator('.work-mine .empty').waitFor();
  assert.equal(await translator.locator('.assign-form').count(), 0, 'a translator does not assign');

  // The reviewer assigns 3–8 from the statement's page.
  const reviewer = await login('reviewer');
  const rErrors = watchErrors(reviewer);
  await reviewer.goto(`${base}/#/documents/${doc.id}`);
  const assignLink = reviewer.locator('a.assign-link');
  await assignLink.waitFor({ state: 'attached' });
  await reviewer.goto(base + '/' + (await assignLink.getAttribute('href')));
  const form = reviewer.locator('form.assign-form');
  await form.locator('select[name=document]:enabled').waitFor(); // the statements are listed
  assert.equal(await form.getByLabel('Statement').inputValue(), String(doc.id));
  await form.getByLabel('First clause').fill('3');
  await form.getByLabel('Last clause').fill('8');
  await form.getByLabel('Translator').fill('translator');
  await form.getByLabel('Reviewer').fill('reviewer');
  await form.getByLabel('Due date').fill('2026-12-20');
  await form.getByRole('button', { name: 'Assign', exact: true }).click();
  await form.locator('.notice', { hasText: 'Assigned' }).waitFor();
  const row = reviewer.locator('.work-manager tbody tr');
  await row.first().waitFor();
  assert.equal(await row.count(), 1);
  assert.match(await row.first().textContent(), /3–8.*translator \/ reviewer.*2026-12-20/);
  // The reviewer's own side: one clause submitted in the range waits.
  await reviewer.locator('.work-reviewer a.todo-review', { hasText: '1 clause to review' }).waitFor();

  // A bad range is refused with the server's reason.
  await form.getByLabel('First clause').fill('8');
  await form.getByLabel('Last clause').fill('3');
  await form.getByLabel('Translator').fill('translator');
  await form.getByRole('button', { name: 'Assign', exact: true }).click();
  await form.locator('.notice', { hasText: 'first ≤ last' }).waitFor();

  // The translator's page shows it without a reload: progress, due date,
  // and what waits, linking into the editor.
  const tRow = translator.locator('.work-translator tbody tr');
  await tRow.waitFor();
  const n = inRange.length;
  assert.match(await tRow.locator('.range').textContent(), /^3–8$/);
  assert.equal(await tRow.locator('.due').textContent(), '2026-12-20');
  assert.match(await tRow.locator('.progress').textContent(), new RegExp(`1 with English, 1 confirmed, 0 approved of ${n}`));
  const todo = tRow.locator('a.todo-translate');
  assert.equal(await todo.textContent(), `${n - 1} clauses to translate`);
  await translator.screenshot({ path: join(shots, 'my-work-translator.png'), fullPage: true });
  await todo.click();
  await translator.waitForURL(new RegExp(`#/documents/${doc.id}\\?clause=${inRange[1].id}$`));
  await translator.locator(`.row[data-clause-id="${inRange[1].id}"]`).waitFor();

  // The review queue defaults to the assignment: the clause outside the
  // range is not listed until "Show all".
  await reviewer.goto(base + '/#/review');
  const items = reviewer.locator('.review-item');
  await reviewer.locator(`.review-item[data-clause-id="${inRange[0].id}"]`).waitFor();
  assert.equal(await items.count(), 1);
  const toggle = reviewer.locator('.assigned-switch button');
  assert.equal(await toggle.textContent(), 'Show all');
  assert.match(await reviewer.locator('.assigned-switch').textContent(), /assigned to review/);
  await toggle.click();
  await reviewer.locator(`.review-item[data-clause-id="${outside.id}"]`).waitFor();
  assert.equal(await items.count(), 2);
  assert.match(reviewer.url(), /all=1/);
  await toggle.click();
  await reviewer.locator(`.review-item[data-clause-id="${outside.id}"]`).waitFor({ state: 'detached' });

  // The admin sees everyone's load; the QA page links the report.
  const admin = await login('admin');
  const aErrors = watchErrors(admin);
  await admin.goto(base + '/#/work');
  const load = admin.locator('.work-load-table tbody tr');
  await load.first().waitFor();
  const loadText = await load.allTextContents();
  assert.ok(loadText.some((t) => t.startsWith('translator') && t.includes(String(n))), loadText.join(' | '));
  await admin.screenshot({ path: join(shots, 'my-work-admin.png'), fullPage: true });
  await admin.goto(`${base}/#/qa?document=${doc.id}`);
  const csv = admin.locator(`.qa-report-links a[href="/api/v1/findings/report?format=csv&document=${doc.id}"]`, { hasText: 'CSV' });
  await csv.waitFor();
  const html = await admin.evaluate(async (href) => (await fetch(href)).text(), await admin.locator('.qa-report-links a', { hasText: 'HTML' }).getAttribute('href'));
  assert.match(html, /^<!DOCTYPE html>/);

  // The reviewer edits the assignment inline: the due date and the
  // translator; only those are sent (the audit log has just them).
  const assignment = ok(await api('GET', `/assignments?document=${doc.id}`), 'assignments').assignments[0];
  await reviewer.goto(base + '/#/work');
  const mrow = reviewer.locator(`.work-manager tbody tr[data-assignment-id="${assignment.id}"]`);
  await mrow.getByRole('button', { name: 'Edit' }).click();
  const edit = mrow.locator('form.assign-edit');
  await edit.waitFor();
  assert.equal(await edit.getByLabel('First clause').inputValue(), '3');
  assert.equal(await edit.getByLabel('Due date').inputValue(), '2026-12-20');
  await edit.getByLabel('Due date').fill('2027-01-10');
  await edit.getByLabel('Translator').fill('admin');
  await reviewer.screenshot({ path: join(shots, 'my-work-edit.png'), fullPage: true });
  await edit.getByRole('button', { name: 'Save' }).click();
  await reviewer.locator('.work > .notice', { hasText: 'Saved' }).waitFor();
  await edit.waitFor({ state: 'detached' });
  assert.match(await mrow.textContent(), /3–8.*admin \/ reviewer.*2027-01-10/);
  const audit = ok(await api('GET', '/audit', null, 'admin'), 'audit').events;
  const upd = audit.find((e) => e.action === 'assignment.update' && e.subject === `assignment ${assignment.id}`);
  assert.ok(upd, JSON.stringify(audit.slice(0, 3)));
  assert.equal(upd.actor, 'reviewer');
  assert.equal(upd.detail, `document ${doc.id}: translator translator → admin; due 2026-12-20 → 2027-01-10`);

  // A stale edit: someone changes it through the API while the form is
  // open; Save shows the conflict with the current values loaded, and
  // saving again works.
  await mrow.getByRole('button', { name: 'Edit' }).click();
  await edit.waitFor();
  await edit.getByLabel('Due date').fill('2027-02-01');
  const fresh = ok(await api('GET', `/assignments?document=${doc.id}`), 'assignments').assignments[0];
  ok(await api('PUT', `/assignments/${assignment.id}`, { reviewer: 'admin', version: fresh.version }, 'admin'), 'change through the API');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.locator('.notice', { hasText: 'changed by someone since you opened it' }).waitFor();
  assert.equal(await edit.getByLabel('Reviewer').inputValue(), 'admin');
  assert.equal(await edit.getByLabel('Due date').inputValue(), '2027-01-10');
  await reviewer.screenshot({ path: join(shots, 'my-work-edit-conflict.png'), fullPage: true });
  await edit.getByLabel('Due date').fill('2027-02-01');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.waitFor({ state: 'detached' });
  assert.match(await mrow.textContent(), /admin \/ admin.*2027-02-01/);
  // A bad range is refused next to the form, with the server's reason.
  await mrow.getByRole('button', { name: 'Edit' }).click();
  await edit.getByLabel('First clause').fill('8');
  await edit.getByLabel('Last clause').fill('3');
  await edit.getByRole('button', { name: 'Save' }).click();
  await edit.locator('.notice', { hasText: 'first ≤ last' }).waitFor();
  await edit.getByRole('button', { name: 'Cancel' }).click();
  await edit.waitFor({ state: 'detached' });

  assert.deepEqual(tErrors, []);
  assert.deepEqual(rErrors.filter((e) => !/status of (409|422)/.test(e)), []);
  assert.deepEqual(aErrors, []);
});
