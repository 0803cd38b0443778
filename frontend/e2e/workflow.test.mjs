// End-to-end: the review workflow in real Chromium with several users at
// once, each in a browser context of their own — a translator submits, a
// reviewer approves and rejects, both see each other's changes live; the
// history shows word diffs and restores; markup in comments and glossary
// entries stays text; a viewer cannot edit; an admin manages users.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

// The 2012 statement and two of its clauses.
async function openStatement(page, docId) {
  await page.goto(`${env.base}/#/documents/${docId}`);
  await page.locator('.row').first().waitFor();
}

test('submit, approve and reject, seen live in another browser', async () => {
  const { api, login } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  const doc = docs.find((d) => d.date === '2012-06-06');
  const tr = await login('translator');
  const rv = await login('reviewer');
  const errors = [...watchErrors(tr, [409]), ...watchErrors(rv, [409])];
  await openStatement(tr, doc.id);
  await openStatement(rv, doc.id);
  const trRow = tr.locator('.row').nth(1);
  const rvRow = rv.locator('.row').nth(1);
  const id = Number(await trRow.getAttribute('data-clause-id'));

  // The translator types and submits with Ctrl+Shift+Enter.
  await trRow.locator('textarea').fill('The People’s Republic of China and the Russian Federation issue this joint statement.');
  await trRow.locator('textarea').press('Control+Shift+Enter');
  await trRow.locator('.status', { hasText: 'submitted' }).waitFor();
  // The reviewer's page shows the text and the new status without a reload.
  await rvRow.locator('.status', { hasText: 'submitted' }).waitFor();
  assert.match(await rvRow.locator('textarea').inputValue(), /joint statement/);
  assert.match(await rvRow.locator('.save-state').textContent(), /submit by translator/);
  // A translator has no approve button; the server refuses it anyway.
  assert.equal(await trRow.locator('button.approve').isVisible(), false);
  assert.equal((await api('POST', `/clauses/${id}/approve`, { version: 2 }, 'translator')).status, 403);

  // The reviewer approves (from the row's controls: it is made the active
  // row first); the translator sees it live.
  await rvRow.locator('textarea').focus();
  await rvRow.locator('button.approve').click();
  await rvRow.locator('.status', { hasText: 'approved' }).waitFor();
  await trRow.locator('.status', { hasText: 'approved' }).waitFor();
  const approved = (await api('GET', `/clauses/${id}`)).body;
  assert.equal(approved.approved_by, 'reviewer');
  assert.equal(approved.approved_target, approved.target);

  // Editing an approved clause: a pending draft, the approved text shown beside it.
  await trRow.locator('textarea').fill('China and Russia issue this joint statement.');
  await trRow.locator('button.save').click();
  await trRow.locator('.approved-line', { hasText: 'The People’s Republic of China' }).waitFor();
  await rvRow.locator('.status', { hasText: 'draft' }).waitFor();
  const tmx = await (await fetch(`${env.base}/api/v1/export?format=tmx&document=${doc.id}`, { headers: { Authorization: 'Bearer ' + (await token('viewer')) } })).text();
  assert.match(tmx, /The People’s Republic of China and the Russian Federation/, 'exports keep the approved English');
  assert.doesNotMatch(tmx, /China and Russia issue/);

  // The reviewer rejects the draft with a comment; the translator reads it in the history.
  rv.once('dialog', (d) => d.accept('Keep the full official names of both states.'));
  await rvRow.locator('textarea').focus();
  await rvRow.locator('button.reject').click();
  await trRow.locator('.status', { hasText: 'rejected' }).waitFor();
  await trRow.locator('button.history-toggle').click();
  await trRow.locator('.rev-reject .rev-comment', { hasText: 'Keep the full official names' }).waitFor();
  // The word diff between the two texts marks what changed.
  await trRow.locator('.diff ins').first().waitFor();
  assert.match(await trRow.locator('.diff del').allTextContents().then((t) => t.join(' ')), /People’s Republic of/);
  await tr.screenshot({ path: join(shots, 'history.png') });
  // Restore the approved wording as a new revision.
  const restoreFirst = trRow.locator('.rev-save').last().locator('button.restore');
  await restoreFirst.click();
  await trRow.locator('.save-state', { hasText: 'Restored' }).waitFor();
  assert.match(await trRow.locator('textarea').inputValue(), /People’s Republic of China/);
  const hist = (await api('GET', `/clauses/${id}/history`)).body.revisions.map((r) => `${r.action}:${r.author}`);
  assert.deepEqual(hist, ['restore:translator', 'reject:reviewer', 'save:translator', 'approve:reviewer', 'submit:translator', 'save:translator']);
  await rv.locator('.row').nth(1).locator('.status', { hasText: 'draft' }).waitFor();
  assert.deepEqual(errors, []);
  await tr.close();
  await rv.close();
});

const tokens = {};
async function token(user) {
  if (!tokens[user]) {
    const res = await fetch(`${env.base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: user, password: env.passwords[user] }) });
    tokens[user] = (await res.json()).token;
  }
  return tokens[user];
}

test('markup in comments and glossary entries is shown as text, never run', async () => {
  const { api, login } = env;
  const evil = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
  const created = await api('POST', '/glossary', { zh: '六方会谈', en: 'Six-Party Talks', note: evil, forbidden: [evil], status: 'approved' });
  assert.equal(created.status, 201);
  const docs = (await api('GET', '/documents')).body.documents;
  let clause;
  for (const d of docs) {
    clause = (await api('GET', `/documents/${d.id}/clauses?limit=500`)).body.clauses.find((c) => c.source.includes('六方会谈'));
    if (clause) break;
  }
  assert.equal((await api('POST', `/clauses/${clause.id}/comments`, { text: evil }, 'translator')).status, 201);
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${env.base}/#/documents/${clause.document_id}?clause=${clause.id}`);
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  await row.locator('mark.term').first().waitFor();
  await row.locator('button.comments-toggle').click();
  await row.locator('.comment-text').waitFor();
  assert.equal(await row.locator('.comment-text').textContent(), evil);
  assert.match(await row.locator('mark.term').first().getAttribute('title'), /onerror/);
  // Typing the forbidden "rendering" shows it in a finding, as text.
  await row.locator('textarea.target').fill('The ' + evil + ' resumed.');
  await row.locator('.finding[data-kind="term_forbidden"]').waitFor();
  await page.goto(`${env.base}/#/glossary`);
  await page.locator('text=Six-Party Talks').first().waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a viewer reads and exports but cannot edit', async () => {
  const { api, login } = env;
  const page = await login('viewer');
  const errors = watchErrors(page);
  const doc = (await api('GET', '/documents')).body.documents[0];
  await openStatement(page, doc.id);
  const box = page.locator('.row').first().locator('textarea');
  assert.equal(await box.getAttribute('readonly'), '');
  assert.equal(await page.locator('button.save').count(), 0);
  assert.equal(await page.locator('label[for="import-file"]').count(), 0);
  assert.equal((await api('PUT', `/clauses/${doc.id}/translation`, { text: 'x', version: 0 }, 'viewer')).status, 403);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an admin adds a user, who logs in; disabling them ends their session at once', async () => {
  const { base, login } = env;
  const admin = await login('admin');
  const errors = watchErrors(admin);
  await admin.getByRole('link', { name: 'Users' }).click();
  await admin.getByLabel('New user').fill('li.wei');
  await admin.locator('#new-role').selectOption('translator');
  await admin.getByRole('button', { name: 'Add user' }).click();
  const password = (await admin.locator('code.password').textContent()).trim();
  assert.ok(password.length >= 16);
  await admin.locator('tr[data-user="li.wei"]').waitFor();
  await admin.screenshot({ path: join(shots, 'users.png'), fullPage: true });

  // The new user logs in through the form, in a browser of their own.
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const li = await context.newPage();
  await li.goto(base + '/');
  await li.getByLabel('User name').fill('li.wei');
  await li.getByLabel('Password').fill('not the password');
  await li.getByRole('button', { name: 'Log in' }).click();
  await li.locator('.notice.error', { hasText: 'Wrong user name or password' }).waitFor();
  await li.getByLabel('Password').fill(password);
  await li.getByRole('button', { name: 'Log in' }).click();
  await li.locator('#who .who-name', { hasText: 'li.wei' }).waitFor();
  await li.locator('table.docs').waitFor();

  // Disabled: the login form is back at once, without a click (the event
  // stream every page keeps open for the inbox's count ends with the
  // session).
  await admin.locator('tr[data-user="li.wei"]').getByRole('button', { name: 'Disable' }).click();
  await admin.locator('tr[data-user="li.wei"] .status', { hasText: 'disabled' }).waitFor();
  await li.locator('form.login').waitFor();
  assert.match(await li.locator('form.login').textContent(), /session has ended/);
  // The audit log names who did it.
  await admin.locator('.audit td', { hasText: 'user.disable' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
  await admin.close();
});
