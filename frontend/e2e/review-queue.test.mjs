// End-to-end test of the reviewer's queue (#/review) in real Chromium,
// against the real zhen binary: filters, keyboard approval and rejection,
// choosing between alternatives, bulk approval, live updates in another
// user's browser, and read-only views for viewers and translators.
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

async function save(id, text, user = 'translator') {
  const cur = ok(await api('GET', `/clauses/${id}`), 'clause');
  return ok(await api('PUT', `/clauses/${id}/translation`, { text, version: cur.version }, user), `save ${id}`);
}
async function submit(id) {
  const cur = ok(await api('GET', `/clauses/${id}`), 'clause');
  return ok(await api('POST', `/clauses/${id}/submit`, { version: cur.version }, 'translator'), `submit ${id}`);
}

const TEXT = {
  clean: 'The two sides emphasised the great importance they attach to cooperation within the BRICS framework.',
  forbidden: 'The accession of South Africa is of great significance for promoting BRIC cooperation.',
  reject: 'The heads of state held talk in Beijing.',
  altTranslator: 'The full text of the joint statement is as follows:',
  altReviewer: 'The joint statement reads in full:',
  approvedBefore: 'Full text of the joint statement: Joint Statement of the People’s Republic of China and the Russian Federation on the International Situation and Major International Issues',
  revised: 'The full text of the joint statement is as follows: Joint Statement of the People’s Republic of China and the Russian Federation on the Current International Situation and Major International Issues',
};

test('review queue: filters, keyboard approve/reject, alternatives, bulk approval, live updates, roles', async () => {
  // The glossary says 金砖国家 is BRICS, never BRIC.
  ok(await api('POST', '/glossary', { zh: '金砖国家', en: 'BRICS', forbidden: ['BRIC'], status: 'approved' }), 'glossary');

  const clean = await findClause('双方强调高度重视金砖国家框架内的合作。');
  const forbidden = await findClause('南非加入对促进金砖国家合作具有重要意义。');
  const toReject = await findClause('两国元首在北京举行了会谈。');
  const alt = await findClause('联合声明全文如下：');
  const revised = await findClause('联合声明全文如下：中华人民共和国和俄罗斯联邦关于当前国际形势和重大国际问题的联合声明');

  for (const [c, text] of [[clean, TEXT.clean], [forbidden, TEXT.forbidden], [toReject, TEXT.reject], [alt, TEXT.altTranslator], [revised, TEXT.approvedBefore]]) {
    await save(c.id, text);
    await submit(c.id);
  }
  // Two alternatives: the reviewer proposes other English for the same
  // clause; both saves wait for review together.
  await save(alt.id, TEXT.altReviewer, 'reviewer');
  // One was approved before and has been revised since: the queue shows
  // the approved English and what changed.
  const before = ok(await api('GET', `/clauses/${revised.id}`), 'clause');
  ok(await api('POST', `/clauses/${revised.id}/approve`, { version: before.version }), 'approve');
  await save(revised.id, TEXT.revised);
  await submit(revised.id);

  const queue = ok(await api('GET', '/review'), 'queue').clauses;
  assert.equal(queue.length, 5, JSON.stringify(queue.map((c) => [c.id, c.findings.map((f) => f.kind)])));
  const byId = Object.fromEntries(queue.map((c) => [c.id, c]));
  assert.deepEqual(byId[forbidden.id].findings.map((f) => f.kind), ['term_forbidden']);
  for (const c of [clean, toReject, alt, revised]) assert.deepEqual(byId[c.id].findings, [], `clause ${c.id} should be clean`);
  assert.equal(byId[alt.id].alternatives.length, 2);

  // A viewer sees the queue, without approve or reject controls.
  const viewer = await login('viewer');
  const viewerErrors = watchErrors(viewer);
  await viewer.goto(base + '/#/review');
  await viewer.locator('.review-item').first().waitFor();
  assert.equal(await viewer.locator('.review-item').count(), 5);
  assert.equal(await viewer.locator('.review-item button.approve, .review-item button.reject, button.bulk-approve').count(), 0);
  assert.equal(await viewer.locator(`.review-item[data-clause-id="${alt.id}"] input[type=radio]:enabled`).count(), 0);
  await viewer.screenshot({ path: join(shots, 'review-viewer.png') });
  assert.deepEqual(viewerErrors, []);
  await viewer.close();

  // The translator follows the queue in a browser of their own.
  const translator = await login('translator');
  const translatorErrors = watchErrors(translator);
  await translator.goto(base + '/#/review');
  await translator.locator(`.review-item[data-clause-id="${clean.id}"]`).waitFor();
  assert.equal(await translator.locator('.review-item button.approve').count(), 0);

  const page = await login('reviewer');
  const errors = watchErrors(page, [409]);
  await page.goto(base + '/#/review');
  const items = page.locator('.review-item');
  await items.first().waitFor();
  assert.equal(await items.count(), 5);
  const item = (c) => page.locator(`.review-item[data-clause-id="${c.id}"]`);

  // What a reviewer needs to judge each clause.
  const f = item(forbidden);
  assert.equal(await f.locator('.ri-source').getAttribute('lang'), 'zh-CN');
  assert.equal(await f.locator('.ri-source').textContent(), forbidden.source);
  assert.equal(await f.locator('.ri-target').textContent(), TEXT.forbidden);
  assert.match(await f.locator('.ri-by').textContent(), /English by translator/);
  assert.equal(await f.locator('.finding').getAttribute('data-kind'), 'term_forbidden');
  assert.equal(await f.locator('a.ri-clause').getAttribute('href'), `#/documents/${forbidden.document_id}?clause=${forbidden.id}`);
  assert.equal(await f.locator('a.ri-clause').textContent(), `Clause ${forbidden.index + 1}`);
  assert.equal(await item(alt).locator('input[type=radio]').count(), 2);
  const r = item(revised);
  assert.equal(await r.locator('.approved-text').textContent(), TEXT.approvedBefore);
  await r.locator('.diff-text ins').first().waitFor();
  assert.match(await r.locator('.diff-text ins').allTextContents().then((t) => t.join(' ')), /Current/);
  // Progress per statement, and the shortcuts.
  assert.equal(await page.locator('.progress-table tbody tr').count(), 5);
  const waiting = await page.locator(`.progress-table tr[data-document-id="${forbidden.document_id}"] .waiting`).textContent();
  assert.equal(waiting, '3');
  assert.match(await page.locator('.shortcuts').textContent(), /approve.*reject/);
  assert.match(await page.locator('button.bulk-approve').textContent(), /\(4\)/);
  await page.screenshot({ path: join(shots, 'review.png') });

  // Filters, reflected in the address so that links work.
  await page.getByLabel('Findings', { exact: true }).selectOption('term_forbidden');
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 1);
  assert.equal(await items.first().getAttribute('data-clause-id'), String(forbidden.id));
  assert.match(page.url(), /#\/review\?kind=term_forbidden$/);
  await page.getByLabel('Findings', { exact: true }).selectOption('none');
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 4);
  assert.equal(await item(forbidden).count(), 0);
  await page.getByLabel('Findings', { exact: true }).selectOption('');
  await page.getByLabel('Statement', { exact: true }).selectOption(String(clean.document_id));
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 3);
  assert.match(page.url(), new RegExp(`document=${clean.document_id}`));
  assert.equal(await page.locator('.progress-table tr.current').getAttribute('data-document-id'), String(clean.document_id));
  await page.getByLabel('Translator', { exact: true }).selectOption('translator');
  assert.match(page.url(), /translator=translator/);
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 3);
  assert.equal(await page.locator('.review-count').textContent(), '3 of 5 waiting clauses match the filters · 2 without findings');
  await page.getByLabel('Findings', { exact: true }).selectOption('untranslated');
  await page.locator('.review-list .empty').waitFor();
  // Nothing matches: it says so, how many wait in all, and how to widen.
  assert.match(await page.locator('.review-list .empty').textContent(), /No clause waiting for review matches these filters\. 5 clauses wait in all: widen a filter, or show all\./);
  assert.equal(await page.locator('.review-count').textContent(), '0 of 5 waiting clauses match the filters');
  await page.screenshot({ path: join(shots, 'review-no-match.png') });
  await page.locator('.review-list .empty button.widen', { hasText: 'Any findings' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 3);
  assert.equal(await page.getByLabel('Findings', { exact: true }).inputValue(), '');
  // A link with filters opens the page filtered.
  await page.goto(base + `/#/review?document=${clean.document_id}`);
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 3);
  assert.equal(await page.getByLabel('Statement', { exact: true }).inputValue(), String(clean.document_id));
  await page.goto(base + '/#/review');
  await page.waitForFunction(() => document.querySelectorAll('.review-item').length === 5);

  // Keyboard: select the clean clause, j/k move, a approves.
  await item(clean).locator('.ri-source').click();
  assert.equal(await page.locator('.review-item.selected').getAttribute('data-clause-id'), String(clean.id));
  await page.keyboard.press('j');
  assert.equal(await page.locator('.review-item.selected').getAttribute('data-clause-id'), String(forbidden.id));
  assert.equal(await page.evaluate(() => document.activeElement.dataset.clauseId), String(forbidden.id));
  await page.keyboard.press('k');
  assert.equal(await page.locator('.review-item.selected').getAttribute('data-clause-id'), String(clean.id));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.clauseId), String(clean.id));
  await page.keyboard.press('a');
  await item(clean).waitFor({ state: 'detached' });
  await page.locator('.notice.ok', { hasText: `Approved clause ${clean.index + 1}` }).waitFor();
  let c = ok(await api('GET', `/clauses/${clean.id}`), 'clause');
  assert.equal(c.status, 'approved');
  assert.equal(c.approved_target, TEXT.clean);
  assert.equal(c.approved_by, 'reviewer');
  // The translator's page dropped it too, without a reload.
  await translator.locator(`.review-item[data-clause-id="${clean.id}"]`).waitFor({ state: 'detached' });
  assert.equal(await translator.locator('.review-item').count(), 4);
  await translator.locator('.notice', { hasText: 'approved by reviewer' }).waitFor();
  assert.equal(await translator.evaluate(() => performance.getEntriesByType('navigation').length), 1);
  // The selection moved on to the next clause, and keeps the focus.
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('review-item')), true);

  // r opens the rejection box; Escape cancels, Enter sends.
  await item(toReject).locator('.ri-source').click();
  await page.keyboard.press('r');
  const box = item(toReject).locator('textarea.reject-comment');
  await box.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('reject-comment')), true);
  await page.keyboard.type('abc'); // typing in the box is not a shortcut: "a" approves nothing
  await page.keyboard.press('Escape');
  await box.waitFor({ state: 'hidden' });
  assert.equal(ok(await api('GET', `/clauses/${toReject.id}`), 'clause').status, 'submitted');
  await page.keyboard.press('r');
  await page.keyboard.press('Enter'); // empty: asks for a comment
  await item(toReject).locator('.reject-note', { hasText: 'Say what to change' }).waitFor();
  const comment = '“Talk” should be “talks”: the heads of state held talks.';
  await box.fill(comment);
  assert.equal(await item(toReject).locator('.reject-note').isHidden(), true, 'the request for a comment goes once there is one');
  await page.screenshot({ path: join(shots, 'review-reject.png') });
  await box.press('Enter');
  await item(toReject).waitFor({ state: 'detached' });
  c = ok(await api('GET', `/clauses/${toReject.id}`), 'clause');
  assert.equal(c.status, 'rejected');
  const hist = ok(await api('GET', `/clauses/${toReject.id}/history`), 'history').revisions;
  const rej = hist.find((x) => x.action === 'reject');
  assert.equal(rej?.comment, comment);
  assert.equal(rej?.author, 'reviewer');
  await translator.locator(`.review-item[data-clause-id="${toReject.id}"]`).waitFor({ state: 'detached' });

  // Choose the translator's (older) alternative and approve it.
  const radios = item(alt).locator('input[type=radio]');
  assert.equal(await radios.nth(0).isChecked(), true, 'the newest is chosen first');
  await item(alt).locator('label.alt', { hasText: TEXT.altTranslator }).click();
  assert.equal(await radios.nth(1).isChecked(), true);
  await item(alt).locator('button.approve').click();
  await item(alt).waitFor({ state: 'detached' });
  c = ok(await api('GET', `/clauses/${alt.id}`), 'clause');
  assert.equal(c.status, 'approved');
  assert.equal(c.approved_target, TEXT.altTranslator);
  assert.equal(c.target, TEXT.altTranslator);

  // Bulk: the clean clause is approved, the one with a finding skipped
  // with the reason.
  assert.equal(await items.count(), 2);
  assert.match(await page.locator('button.bulk-approve').textContent(), /\(1\)/);
  await page.locator('button.bulk-approve').click();
  const result = page.locator('.bulk-result');
  await result.locator('.bulk-count', { hasText: 'Approved 1 clause.' }).waitFor();
  const skipped = result.locator(`ul.skipped li[data-clause-id="${forbidden.id}"]`);
  assert.match(await skipped.textContent(), new RegExp(`Clause ${forbidden.index + 1} .*open finding`));
  c = ok(await api('GET', `/clauses/${revised.id}`), 'clause');
  assert.equal(c.status, 'approved');
  assert.equal(c.approved_target, TEXT.revised);
  assert.equal(ok(await api('GET', `/clauses/${forbidden.id}`), 'clause').status, 'submitted');
  await item(revised).waitFor({ state: 'detached' });
  assert.equal(await items.count(), 1);
  await translator.waitForFunction(() => document.querySelectorAll('.review-item').length === 1);

  // The translator fixes the finding: the item updates in place.
  await save(forbidden.id, TEXT.forbidden.replace('BRIC', 'BRICS'));
  // The fix joins the first text as an alternative, chosen by default as
  // the newest.
  await item(forbidden).locator('label.alt', { hasText: 'BRICS cooperation' }).waitFor();
  assert.equal(await item(forbidden).locator('label.alt', { hasText: 'BRICS cooperation' }).locator('input').isChecked(), true);
  await page.waitForFunction(() => document.querySelectorAll('.review-item .finding').length === 0);
  await page.screenshot({ path: join(shots, 'review-after.png') });
  await page.keyboard.press('j'); // nothing selected after the reload: j selects the first item
  await page.keyboard.press('a');
  await page.locator('.review-list .empty', { hasText: 'Nothing waits for review.' }).waitFor();
  assert.equal(ok(await api('GET', `/clauses/${forbidden.id}`), 'clause').approved_target, TEXT.forbidden.replace('BRIC', 'BRICS'));
  await translator.locator('.review-list .empty').waitFor();

  assert.deepEqual(errors, []);
  assert.deepEqual(translatorErrors, []);
  await translator.close();
  await page.close();
});

test('review queue: a stale approval says what happened and reloads', async () => {
  const chair = await findClause('中方将积极支持俄方担任金砖国家主席。');
  await save(chair.id, 'China will actively support Russia in its BRICS chairmanship.');
  await submit(chair.id);
  // A reviewer whose page hears nothing (its event stream never answers),
  // so that it still shows the clause as it was.
  const page = await env.browser.newContext({ viewport: { width: 1280, height: 900 } }).then((cx) => cx.newPage());
  await page.route('**/api/v1/events', () => {}); // held: no events arrive
  await page.goto(base + '/');
  await page.getByLabel('User name').fill('reviewer');
  await page.getByLabel('Password').fill(env.passwords.reviewer);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.locator('#who .who-name', { hasText: 'reviewer' }).waitFor();
  const errors = watchErrors(page, [409]);
  await page.goto(base + '/#/review');
  const it = page.locator(`.review-item[data-clause-id="${chair.id}"]`);
  await it.waitFor();
  const seen = Number((await it.locator('.ri-by').textContent()).match(/v(\d+)$/)[1]);
  await save(chair.id, 'China will actively support Russia’s BRICS chairmanship.');
  await it.locator('.ri-source').click();
  await page.keyboard.press('a');
  const notice = page.locator('.notice.error', { hasText: 'changed since you looked' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /reloaded; review it again/);
  assert.equal(ok(await api('GET', `/clauses/${chair.id}`), 'clause').status, 'submitted');
  // The reload shows the new English; approving it now works.
  await it.locator('.ri-by', { hasText: `v${seen + 1}` }).waitFor();
  await it.locator('label.alt', { hasText: 'Russia’s BRICS' }).waitFor();
  await it.locator('button.approve').click();
  await it.waitFor({ state: 'detached' });
  const c = ok(await api('GET', `/clauses/${chair.id}`), 'clause');
  assert.equal(c.status, 'approved');
  assert.equal(c.approved_target, 'China will actively support Russia’s BRICS chairmanship.');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('review queue: the reviewer corrects the English in place, then approves the correction', async () => {
  const g20 = await findClause('中方欢迎俄方2013年举办二十国集团峰会的倡议。');
  const wrong = 'China welcomes Russia’s initiative to host the G20 summit in 2031.';
  const right = 'China welcomes Russia’s initiative to host the G20 summit in 2013.';
  await save(g20.id, wrong);
  await submit(g20.id);
  const page = await login('reviewer');
  const errors = watchErrors(page);
  await page.goto(base + '/#/review');
  const it = page.locator(`.review-item[data-clause-id="${g20.id}"]`);
  await it.locator('.finding[data-kind="number_mismatch"]').waitFor();
  // e opens the English for editing; Ctrl+Enter saves it as the reviewer's.
  await it.locator('.ri-source').click();
  await page.keyboard.press('e');
  const box = it.locator('textarea.ri-edit');
  await box.waitFor();
  assert.equal(await box.inputValue(), wrong);
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('ri-edit')), true);
  await box.fill(right);
  await box.press('Control+Enter');
  // The queue shows the correction as a word diff against the translator's English.
  const tracked = it.locator('.tracked');
  await tracked.locator('ins', { hasText: '2013' }).waitFor();
  assert.match(await tracked.locator('.label').textContent(), /Corrected by reviewer \(changes to the English of translator\)/);
  assert.equal(await tracked.locator('del').textContent(), '2031');
  await it.locator('.ri-by', { hasText: 'English by reviewer' }).waitFor();
  assert.equal(await it.locator('.finding').count(), 0, 'the correction has no finding');
  await page.locator('.notice.ok', { hasText: 'your correction is saved' }).waitFor();
  let c = ok(await api('GET', `/clauses/${g20.id}`), 'clause');
  assert.equal(c.status, 'submitted');
  assert.equal(c.target, right);
  await it.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'review-corrected.png') });
  // Approve approves that new version.
  await it.locator('button.approve').click();
  await it.waitFor({ state: 'detached' });
  c = ok(await api('GET', `/clauses/${g20.id}`), 'clause');
  assert.equal(c.status, 'approved');
  assert.equal(c.approved_target, right);
  assert.equal(c.approved_by, 'reviewer');
  const hist = ok(await api('GET', `/clauses/${g20.id}/history`), 'history').revisions;
  assert.deepEqual(hist.map((r) => [r.action, r.author]).reverse(),
    [['save', 'translator'], ['submit', 'translator'], ['save', 'reviewer'], ['approve', 'reviewer']]);
  assert.deepEqual(errors, []);
  await page.close();
});

test('review queue: English rejected before is marked, and the new English compared with it', async () => {
  const wto = await findClause('中国支持俄罗斯2011年年底前加入世界贸易组织。');
  const first = 'China supports Russia joining the WTO before the end of 2011.';
  const second = 'China supports Russia’s accession to the WTO before the end of 2011.';
  const reason = 'Say “accession to the WTO”.';
  await save(wto.id, first);
  await submit(wto.id);
  const cur = ok(await api('GET', `/clauses/${wto.id}`), 'clause');
  ok(await api('POST', `/clauses/${wto.id}/reject`, { version: cur.version, comment: reason }), 'reject');
  await save(wto.id, second);
  await submit(wto.id);
  const page = await login('reviewer');
  const errors = watchErrors(page);
  await page.goto(base + '/#/review');
  const it = page.locator(`.review-item[data-clause-id="${wto.id}"]`);
  await it.waitFor();
  // Both English texts are alternatives; the one rejected before says so, and why.
  const rejectedAlt = it.locator('label.alt.was-rejected');
  assert.equal(await rejectedAlt.count(), 1);
  assert.equal(await rejectedAlt.locator('.alt-text').textContent(), first);
  assert.equal(await rejectedAlt.locator('.rejected-before').textContent(), `Rejected before by reviewer: “${reason}”`);
  assert.equal(await it.locator('label.alt', { hasText: second }).locator('.rejected-before').count(), 0);
  assert.equal(await it.locator('label.alt', { hasText: second }).locator('input').isChecked(), true);
  // The English waiting, compared with the English rejected.
  const since = it.locator('.ri-rejected');
  assert.equal(await since.locator('.label').textContent(), `Changes since reviewer rejected it (“${reason}”)`);
  assert.match((await since.locator('del').allTextContents()).join(' '), /joining/);
  assert.match((await since.locator('ins').allTextContents()).join(' '), /accession/);
  await it.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'review-rejected-before.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
