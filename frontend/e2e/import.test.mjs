// Importing by drag and drop, with the upload's progress shown, and a clear
// message for a file Zhen cannot take.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

// drop drops files (name → text) on the page, as a file manager would.
async function drop(page, files) {
  const dt = await page.evaluateHandle((files) => {
    const dt = new DataTransfer();
    for (const [name, text] of Object.entries(files)) dt.items.add(new File([text], name, { type: name.endsWith('.txt') ? 'text/plain' : '' }));
    return dt;
  }, files);
  for (const type of ['dragenter', 'dragover', 'drop']) await page.dispatchEvent('#app', type, { dataTransfer: dt });
}

test('drop a large statement and a translations file; progress shows; a wrong file is refused', async () => {
  const { base, login } = env;
  const page = await login('translator');
  const errors = watchErrors(page, [422]);
  await page.goto(base + '/');
  await page.locator('table.docs tbody tr').first().waitFor();
  const before = await page.locator('table.docs tbody tr').count();
  // Every text the progress line shows, as it changes.
  await page.evaluate(() => {
    window.seen = [];
    new MutationObserver(() => {
      const p = document.querySelector('.upload-progress');
      if (p && !p.hidden) window.seen.push(p.textContent);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const lines = ['中华人民共和国和俄罗斯联邦关于拖放导入的联合声明', ''];
  for (let i = 1; i <= 4000; i++) lines.push(`第${i}条。双方同意进一步加强务实合作，共同应对第${i}项挑战。`);
  await drop(page, { 'big-statement.txt': lines.join('\n') });
  await page.locator('.notice.ok', { hasText: 'big-statement.txt' }).waitFor({ timeout: 60_000 });
  await page.waitForFunction((n) => document.querySelectorAll('table.docs tbody tr').length === n + 1, before);
  const seen = await page.evaluate(() => window.seen);
  assert.ok(seen.some((s) => /Sending big-statement\.txt… \d+ %|big-statement\.txt sent: the server is splitting/.test(s)), `progress shown: ${JSON.stringify(seen.slice(0, 5))}`);
  assert.equal(await page.locator('.upload-progress').isHidden(), true, 'the progress line goes when done');

  // A file that is neither: said so, nothing imported.
  await drop(page, { 'notes.pdf': '%PDF-1.4' });
  await page.locator('.notice.error', { hasText: 'notes.pdf is neither a statement' }).waitFor();
  // A broken translations file: the server's reason, with its line.
  await drop(page, { 'broken.tmx': '<tmx version="1.4"><body><tu>' });
  await page.locator('.notice.error', { hasText: 'broken.tmx' }).waitFor();
  await page.screenshot({ path: join(shots, 'import-drop.png') });
  assert.equal(await page.locator('table.docs tbody tr').count(), before + 1);
  assert.deepEqual(errors, []);
});
