// End-to-end: the English statement. The statement's page links the
// English document (text, HTML, DOCX, bilingual DOCX) and its preview; the
// preview shows the English beside the Chinese paragraph by paragraph,
// drafts marked when asked for, and a click on a clause opens the editor
// at that clause.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

test('preview of the English statement, its links, and the DOCX download', async () => {
  const { api, login, base, work } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  const doc = docs.find((d) => d.title.includes('当前国际形势')) || docs[0];
  const clauses = (await api('GET', `/documents/${doc.id}/clauses?limit=500`)).body.clauses;
  const texts = clauses.filter((c) => c.kind === 'text');
  // Approved English for the opening sentences and the first numbered
  // paragraph; one draft.
  const firstNumbered = clauses.find((c) => c.kind === 'heading');
  const approved = [...texts.slice(0, 3), ...texts.filter((c) => c.paragraph === firstNumbered.paragraph)];
  for (const [i, c] of approved.entries()) {
    await api('PUT', `/clauses/${c.id}/translation`, { text: `Approved sentence ${i + 1}.`, version: 0 });
    const r = await api('POST', `/clauses/${c.id}/approve`, { version: 1 });
    assert.equal(r.status, 200, JSON.stringify(r.body));
  }
  const draft = texts.find((c) => !approved.includes(c));
  assert.equal((await api('PUT', `/clauses/${draft.id}/translation`, { text: 'A sentence still in draft.', version: 0 }, 'translator')).status, 200);

  const page = await login('translator', { acceptDownloads: true });
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.getByRole('button', { name: 'Details' }).click();
  for (const name of ['Text', 'HTML', 'Word (DOCX)', 'Bilingual table (DOCX)']) await page.getByRole('link', { name, exact: true }).waitFor();
  await page.screenshot({ path: join(shots, 'docout-links.png') });

  // The DOCX downloads from the statement's page, not empty, a zip.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Word (DOCX)', exact: true }).click()]);
  assert.match(download.suggestedFilename(), new RegExp(`^${doc.date} .+-en\\.docx$`)); // the statement's date and short title
  const file = join(work, download.suggestedFilename());
  await download.saveAs(file);
  assert.ok(statSync(file).size > 1000, 'the DOCX is empty');
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  const [bilingual] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Bilingual table (DOCX)', exact: true }).click()]);
  assert.match(bilingual.suggestedFilename(), new RegExp(`^${doc.date} .+-zh-en\\.docx$`));

  // The preview: the title, one row per paragraph, approved English only.
  await page.getByRole('link', { name: 'Preview beside the Chinese' }).click();
  await page.waitForURL(`**/#/documents/${doc.id}/preview`);
  const rows = page.locator('.preview-body .preview-row:not(.preview-title)');
  await rows.first().waitFor();
  const paragraphs = new Set(clauses.map((c) => c.paragraph));
  assert.equal(await rows.count(), paragraphs.size);
  const numbered = page.locator(`.preview-row[data-paragraph="${firstNumbered.paragraph + 1}"] .en`);
  assert.match(await numbered.textContent(), /^1\. Approved sentence 4\. Approved sentence 5\./);
  assert.equal(await page.locator('.preview-body .en a.draft').count(), 0);
  assert.ok(await page.locator('.preview-body .en a.missing').count() > 0);
  await page.locator('.preview-body .en .piece', { hasText: 'Approved sentence 1.' }).hover();
  await page.screenshot({ path: join(shots, 'docout-preview.png') });

  // With drafts: the draft is marked.
  await page.getByLabel('Include drafts').check();
  const marked = page.locator(`.preview-body .en a.draft[data-clause="${draft.id}"]`);
  await marked.waitFor();
  assert.match(await marked.textContent(), /A sentence still in draft\. \[draft\]/);
  await page.screenshot({ path: join(shots, 'docout-preview-drafts.png') });

  // A click on a clause opens the editor at it.
  const target = approved[approved.length - 1];
  await page.locator(`.preview-body .zh a.piece[data-clause="${target.id}"]`).click();
  await page.waitForURL(`**/#/documents/${doc.id}?clause=${target.id}`);
  await page.locator(`.row[data-clause-id="${target.id}"] textarea.target`).waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('textarea.target'));
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row').dataset.clauseId), String(target.id));
  assert.deepEqual(errors, []);
  await page.close();
});

// The English title (issue 18): the preview says when there is none; the
// "Edit title and date" form of the Details panel sets it; the preview
// shows it above the English column, and the text export begins with it.
test('the English title: set in the editor, shown in the preview and the export', async () => {
  const { api, login, base } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  const doc = docs.find((d) => !d.english_title) || docs[0];
  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${doc.id}/preview`);
  const enTitle = page.locator('.preview-title .en h1');
  await enTitle.waitFor();
  assert.equal(await enTitle.textContent(), doc.title);
  assert.equal(await enTitle.getAttribute('lang'), 'zh-CN');
  await page.locator('.preview-title .no-english-title').waitFor();

  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.getByRole('button', { name: 'Details' }).click();
  await page.getByRole('button', { name: 'Edit title and date' }).click();
  await page.getByLabel('English title', { exact: true }).fill('  Joint Statement on the Current International Situation ');
  await page.screenshot({ path: join(shots, 'title-form.png') });
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  // The statement's own "updated" event redraws the page (Details closed):
  // the English title is in its details.
  await page.getByText('English title: Joint Statement on the Current International Situation').waitFor({ state: 'attached' });
  assert.equal((await api('GET', `/documents/${doc.id}`)).body.english_title, 'Joint Statement on the Current International Situation');

  await page.goto(`${base}/#/documents/${doc.id}/preview`);
  await enTitle.waitFor();
  assert.equal(await enTitle.textContent(), 'Joint Statement on the Current International Situation');
  assert.equal(await enTitle.getAttribute('lang'), 'en-GB'); // the corpus's target language
  assert.equal(await page.locator('.preview-title .zh h1').textContent(), doc.title);
  assert.equal(await page.locator('.preview-title .no-english-title').count(), 0);
  await page.screenshot({ path: join(shots, 'title-preview.png') });

  const text = await page.evaluate(async (id) => (await fetch(`/api/v1/export?format=text&document=${id}&all_statuses=1`)).text(), doc.id);
  assert.equal(text.split('\n')[0], 'Joint Statement on the Current International Situation');
  assert.deepEqual(errors, []);
  await page.close();
});
