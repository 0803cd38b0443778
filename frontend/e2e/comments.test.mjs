// End-to-end test of comments, rejections, mentions and the inbox in real
// Chromium against the real zhen binary: a reviewer rejects with a reason
// in the review queue; the translator's top bar counts it live, the inbox
// lists it and links to the clause, whose thread shows the rejection; a
// mention reaches the reviewer's inbox; resolving folds the rejection; the
// statement list counts open comments (and rejected clauses).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots, ok, findClause as findClauseIn } from './harness.mjs';

let env, base, api, login;
before(async () => {
  env = await start();
  ({ base, api, login } = env);
});
after(() => env?.stop());


const findClause = (source) => findClauseIn(api, source);

const REASON = '“Talk” should be “talks”; @admin, is that our house style?';

test('comments: rejection reason in the inbox and the thread, mentions, resolve, counts on the statement list', async () => {
  const cl = await findClause('两国元首在北京举行了会谈。');
  let cur = ok(await api('PUT', `/clauses/${cl.id}/translation`, { text: 'The heads of state held talk in Beijing.', version: cl.version }, 'translator'), 'save');
  ok(await api('POST', `/clauses/${cl.id}/submit`, { version: cur.version }, 'translator'), 'submit');

  const tr = await login('translator');
  const trErrors = watchErrors(tr);
  const unread = tr.locator('#inbox-unread');
  assert.equal(await unread.isHidden(), true, 'nothing unread at first');

  // The reviewer rejects in the review queue, saying why.
  const rev = await login('reviewer');
  const revErrors = watchErrors(rev);
  await rev.goto(base + '/#/review');
  const item = rev.locator(`.review-item[data-clause-id="${cl.id}"]`);
  await item.locator('.ri-source').click();
  await rev.keyboard.press('r');
  await item.locator('textarea.reject-comment').fill(REASON);
  await item.locator('textarea.reject-comment').press('Enter');
  await item.waitFor({ state: 'detached' });

  // The translator's top bar counts it at once (no reload).
  await tr.locator('#inbox-unread', { hasText: '1' }).waitFor();
  await tr.locator('.nav a[data-nav="inbox"]').click();
  const entry = tr.locator(`.inbox-item[data-clause-id="${cl.id}"]`);
  await entry.waitFor();
  assert.match(await entry.getAttribute('class'), /unread/);
  assert.match(await entry.locator('.inbox-kind').textContent(), /Rejected/);
  assert.equal(await entry.locator('.inbox-text').textContent(), REASON);
  assert.match(await entry.locator('.inbox-head').textContent(), /reviewer/);
  assert.equal(await entry.locator('a.inbox-link').getAttribute('href'), `#/documents/${cl.document_id}?clause=${cl.id}`);
  assert.match(await entry.locator('a.inbox-link').textContent(), new RegExp(`Clause ${cl.index + 1} of`));
  await tr.screenshot({ path: join(shots, 'comments-inbox.png') });

  // The admin was mentioned in the reason; the reviewer was not notified.
  const adminInbox = ok(await api('GET', '/inbox', undefined, 'admin'), 'admin inbox');
  assert.deepEqual(adminInbox.items.map((i) => [i.kind, i.clause_id]), [['mention', cl.id]]);
  assert.equal(ok(await api('GET', '/inbox'), 'reviewer inbox').unread, 0);

  // Following the link opens the clause and reads the notification.
  await entry.locator('a.inbox-link').click();
  const row = tr.locator(`.row[data-clause-id="${cl.id}"]`);
  await row.waitFor();
  await unread.waitFor({ state: 'hidden' });
  // The clause list carries the reason and the counts for the grid.
  const listed = ok(await api('GET', `/documents/${cl.document_id}/clauses?offset=${cl.index}&limit=1`), 'clause list').clauses[0];
  assert.deepEqual([listed.comments, listed.open_comments, listed.rejection?.reason, listed.rejection?.author], [1, 1, REASON, 'reviewer']);

  // The thread shows the rejection, marked as such, with the mention.
  await row.locator('textarea.target').click();
  await row.locator('.comments-toggle').click();
  const rejection = row.locator('.comments .comment-rejection');
  await rejection.waitFor();
  assert.match(await rejection.locator('.comment-kind').textContent(), /Rejection/);
  assert.equal(await rejection.locator('.comment-text').textContent(), REASON);
  assert.equal(await rejection.locator('.mention').textContent(), '@admin');
  assert.match(await row.locator('.comment-hint').textContent(), /@name/);

  // A comment mentioning the reviewer reaches the reviewer's top bar.
  await row.locator('textarea.comment-input').fill('Fixed, @reviewer: please look again. (@nobody is just text.)');
  await row.locator('.comment-form button[type=submit]').click();
  await row.locator('.comments .comment-comment').waitFor();
  assert.equal(await row.locator('.comments .comment-comment .mention').count(), 1);
  await rev.locator('#inbox-unread', { hasText: '1' }).waitFor();
  await tr.screenshot({ path: join(shots, 'comments-thread.png') });

  // Resolve the rejection: it folds and dims; reopen and resolve again.
  await rejection.locator('.comment-resolve').click();
  await row.locator('.comments .comment-rejection.comment-is-resolved').waitFor();
  const folded = row.locator('.comments .comment-rejection.comment-is-resolved');
  assert.equal(await folded.locator('.comment-text').isVisible(), false, 'a resolved comment is folded');
  assert.match(await folded.locator('summary').textContent(), /resolved by translator/);
  await folded.locator('summary').click();
  await folded.locator('.comment-reopen').click();
  await row.locator('.comments .comment-rejection:not(.comment-is-resolved) .comment-resolve').click();
  await row.locator('.comments .comment-rejection.comment-is-resolved').waitFor();
  await tr.screenshot({ path: join(shots, 'comments-resolved.png') });

  // The statement list: one open comment (the mention) and one rejected
  // clause.
  await tr.goto(base + '/#/');
  const docRow = tr.locator(`tr[data-document-id="${cl.document_id}"]`);
  await docRow.waitFor();
  assert.equal(await docRow.locator('.comments-count').textContent(), '1');
  const summary = ok(await api('GET', `/documents/${cl.document_id}`), 'document');
  assert.equal(summary.open_comments, 1);
  assert.equal(summary.rejected, 1);
  assert.equal(await docRow.locator('.rejected-count').textContent(), '1');
  await tr.screenshot({ path: join(shots, 'comments-documents.png') });

  // The reviewer's inbox: the mention, marked read with "Mark all read".
  await rev.locator('.nav a[data-nav="inbox"]').click();
  await rev.locator('.inbox-item.inbox-mention.unread').waitFor();
  await rev.locator('.inbox-all-read').click();
  await rev.locator('.inbox-item.inbox-mention:not(.unread)').waitFor();
  await rev.locator('#inbox-unread').waitFor({ state: 'hidden' });

  // A viewer reads the thread but may not resolve or comment.
  const viewer = await login('viewer');
  const vErrors = watchErrors(viewer);
  await viewer.goto(base + `/#/documents/${cl.document_id}?clause=${cl.id}`);
  const vrow = viewer.locator(`.row[data-clause-id="${cl.id}"]`);
  await vrow.locator('textarea.target').click();
  await vrow.locator('.comments-toggle').click();
  await vrow.locator('.comments .comment').first().waitFor();
  assert.equal(await vrow.locator('.comment-resolve, .comment-reopen, .comment-form').count(), 0);

  assert.deepEqual([...trErrors, ...revErrors, ...vErrors], []);
});
