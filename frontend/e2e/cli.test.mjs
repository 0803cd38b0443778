// A change made with the command line on the server's database appears in
// an editor that has the statement open, without a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, shots, watchErrors } from './harness.mjs';

test('a CLI import reaches an open editor', async () => {
  const z = await start();
  try {
    const page = await z.login('translator');
    const errors = watchErrors(page);
    await page.goto(z.base + '/#/documents/1');
    const row = page.locator('.row').nth(1);
    await row.locator('textarea').waitFor();
    const { body } = await z.api('GET', '/documents/1/clauses?limit=2');
    const zh = body.clauses[1].source;
    const csv = join(z.work, 'from-cli.csv');
    writeFileSync(csv, `zh,en\n"${zh.replaceAll('"', '""')}",English imported on the command line.\n`);
    execFileSync(z.bin, ['translations', 'import', csv, '--db', z.db], { stdio: ['ignore', 'ignore', 'inherit'] });
    await page.waitForFunction((el) => el.value === 'English imported on the command line.', await row.locator('textarea').elementHandle(), { timeout: 15000 });
    // 44 clauses, 8 of them numbering markers (badges, not work).
    await page.getByText('0 of 36 clauses translated, 0 approved, 1 draft').waitFor(); // imported English is a draft until confirmed
    await page.screenshot({ path: join(shots, 'cli-import-reaches-editor.png') });
    assert.deepEqual(errors, []);
  } finally {
    await z.stop();
  }
});
