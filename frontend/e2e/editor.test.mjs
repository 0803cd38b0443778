// End-to-end test of the browser editor in real Chromium, against the real
// zhen binary serving the demo corpus on a fresh SQLite file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const repo = resolve(import.meta.dirname, '..', '..');
const shots = join(repo, '.e2e');
const work = mkdtempSync(join(tmpdir(), 'zhen-e2e-'));
let server, browser, base;

function freePort() {
  return new Promise((res) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

before(async () => {
  mkdirSync(shots, { recursive: true });
  let bin = process.env.ZHEN_BIN;
  if (!bin) {
    bin = join(work, 'zhen');
    execFileSync('go', ['build', '-o', bin, './cmd/zhen'], { cwd: repo, stdio: 'inherit' });
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--demo', '--db', join(work, 'e2e.db'), '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res, rej) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      if (out.includes('serving')) res();
    });
    server.on('exit', (code) => rej(new Error(`zhen exited with ${code}: ${out}`)));
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
});

async function api(method, path, body) {
  const res = await fetch(base + '/api/v1' + path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

test('translate a clause, reload, resolve a conflict, export', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // The browser logs every 4xx answer; the 409 of the conflict is expected.
  page.on('console', (m) => m.type() === 'error' && !m.text().includes('status of 409') && errors.push(m.text()));

  await page.goto(base + '/');
  const rows = page.locator('table.docs tbody tr');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 5);
  await page.screenshot({ path: join(shots, 'documents.png'), fullPage: true });

  // Open the 2011 treaty-anniversary statement.
  await page.getByRole('link', { name: /签署10周年联合声明/ }).click();
  await page.locator('.row').first().waitFor();
  const docId = Number(page.url().match(/documents\/(\d+)/)[1]);
  const row = page.locator('.row').nth(1);
  const clauseId = Number(await row.getAttribute('data-clause-id'));
  const text = 'On 16 June 2011, President Hu Jintao and President Medvedev issued a joint statement.';
  await row.locator('textarea').fill(text);
  assert.match(await row.locator('.save-state').textContent(), /Unsaved/);
  await row.locator('textarea').press('Control+Enter');
  await row.locator('.save-state', { hasText: 'Saved' }).waitFor();
  // Ctrl+Enter moved the cursor on to the next clause.
  assert.equal(await page.evaluate(() => document.activeElement.closest('.row')?.dataset.index), '2');

  await page.reload();
  await page.locator('.row').first().waitFor();
  assert.equal(await page.locator(`.row[data-clause-id="${clauseId}"] textarea`).inputValue(), text);
  assert.equal((await api('GET', `/clauses/${clauseId}`)).body.target, text);

  // Someone else saves clause 3 while this page still shows version 0.
  const other = page.locator('.row').nth(2);
  const otherId = Number(await other.getAttribute('data-clause-id'));
  const theirs = await api('PUT', `/clauses/${otherId}/translation`, { text: 'Their version.', version: 0 });
  assert.equal(theirs.status, 200);
  await other.locator('textarea').fill('My version.');
  await other.locator('button.save').click();
  const conflict = other.locator('.conflict');
  await conflict.waitFor();
  assert.match(await conflict.locator('.theirs').textContent(), /Their version\./);
  assert.match(await conflict.locator('.mine').textContent(), /My version\./);
  assert.equal((await api('GET', `/clauses/${otherId}`)).body.target, 'Their version.', 'stale save must not overwrite');
  await page.screenshot({ path: join(shots, 'conflict.png') });
  await conflict.locator('button.keep-mine').click();
  await other.locator('.save-state', { hasText: 'Saved · v2' }).waitFor();
  assert.equal((await api('GET', `/clauses/${otherId}`)).body.target, 'My version.');

  // Markup in a translation is text, never code.
  const x = page.locator('.row').nth(3);
  await x.locator('textarea').fill('<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>');
  await x.locator('button.save').click();
  await x.locator('.save-state', { hasText: 'Saved' }).waitFor();
  await page.reload();
  await page.locator('.row').first().waitFor();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('img').count(), 0);
  await page.screenshot({ path: join(shots, 'editor.png') });

  // Export this statement as TMX and CSV from the editor's buttons.
  for (const [label, needle] of [['Export TMX', '<tuv xml:lang="en-US"><seg>On 16 June 2011'], ['Export CSV', 'On 16 June 2011']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()]);
    const file = join(work, download.suggestedFilename());
    await download.saveAs(file);
    assert.ok(download.suggestedFilename().startsWith(`zhen-document-${docId}.`), download.suggestedFilename());
    assert.ok(readFileSync(file, 'utf8').includes(needle), `${label}: ${needle} missing`);
    const validators = join(repo, '..', 'shared', 'validators');
    if (existsSync(validators)) {
      const [script, ...args] = label.endsWith('TMX') ? ['validate_tmx.sh', file] : ['validate_csv.py', file, '--zh-col', '3', '--en-col', '4', '--csvkit'];
      execFileSync(join(validators, script), args, { stdio: 'pipe' });
    } else {
      console.log('../shared/validators not found: exported files not validated');
    }
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('list shows progress and imports a GB18030 file', async () => {
  const page = await browser.newPage();
  await page.goto(base + '/');
  await page.locator('table.docs').waitFor();
  // A file in GB18030, as Chinese files often come.
  const gbk = join(work, 'statement-gbk.txt');
  execFileSync('/usr/bin/env', ['bash', '-c', `printf '%s\\n' '中俄关于测试导入的联合声明' '双方认为，测试很重要。双方同意继续合作。' | iconv -f UTF-8 -t GB18030 > ${gbk}`]);
  await page.locator('#import-file').setInputFiles(gbk);
  await page.locator('.notice.ok').waitFor();
  assert.match(await page.locator('.notice.ok').textContent(), /1 new statement/);
  await page.getByRole('link', { name: '中俄关于测试导入的联合声明' }).waitFor();
  // The same file again is recognised, not duplicated.
  await page.locator('#import-file').setInputFiles(gbk);
  await page.locator('.notice.ok', { hasText: 'already imported' }).waitFor();
  assert.equal(await page.locator('table.docs tbody tr').count(), 6);
  // A file that is not text gets a clear error, and nothing is added.
  const bin = join(work, 'image.txt');
  execFileSync('/usr/bin/env', ['bash', '-c', `printf '\\x89PNG\\x00\\x00' > ${bin}`]);
  await page.locator('#import-file').setInputFiles(bin);
  await page.locator('.notice.error').waitFor();
  assert.match(await page.locator('.notice.error').textContent(), /image\.txt was not imported/);
  assert.equal(await page.locator('table.docs tbody tr').count(), 6);
  await page.close();
});
