// What a careless or hostile user meets in the browser: the login slowed
// (not locked) after wrong passwords, common passwords and look-alike user
// names refused with a message that says what to do, and an open editor
// that logs out at once when an admin disables its user.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, shots, watchErrors } from './harness.mjs';

test('security as a user meets it', async () => {
  const z = await start();
  try {
    // Wrong passwords for one name: after five, the form says to wait, in
    // seconds, and says a known browser is not slowed.
    const context = await z.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(z.base + '/');
    let message = '';
    for (let i = 0; i < 8 && !/wait/.test(message); i++) {
      await page.getByLabel('User name').fill('viewer');
      await page.getByLabel('Password').fill('not-the-password-' + i);
      const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST');
      await page.getByRole('button', { name: 'Log in' }).click();
      await answered;
      await page.getByRole('button', { name: 'Log in' }).and(page.locator(':enabled')).waitFor();
      message = await page.locator('.login [role=alert]').textContent();
    }
    assert.match(message, /wait \d+ seconds?/, message);
    assert.match(message, /browser you have logged in with before/);
    await page.screenshot({ path: join(shots, 'security-login-slowed.png') });
    await context.close();

    // An admin cannot add a look-alike of an existing name.
    const admin = await z.login('admin');
    const errors = watchErrors(admin, [409, 422]);
    await admin.goto(z.base + '/#/users');
    await admin.getByLabel('New user').fill('adm1n');
    await admin.getByRole('button', { name: 'Add user' }).click();
    const refusal = admin.locator('.notice.error');
    await refusal.waitFor();
    assert.match(await refusal.textContent(), /looks like that of the existing user admin/);
    await admin.screenshot({ path: join(shots, 'security-look-alike.png') });

    // Nor set a common password for themself.
    await admin.goto(z.base + '/#/account');
    await admin.getByLabel('Current password').fill(z.passwords.admin);
    await admin.getByLabel(/^New password \(/).fill('password123');
    await admin.getByLabel('New password again').fill('password123');
    await admin.getByRole('button', { name: 'Change password' }).click();
    const weak = admin.locator('.notice.error');
    await weak.waitFor();
    assert.match(await weak.textContent(), /10,000 most common passwords/);
    await admin.screenshot({ path: join(shots, 'security-common-password.png') });

    // A reviewer has a statement open; the admin disables the reviewer: the
    // reviewer's page leaves the statement for the login form at once (the
    // stream ends with the session; no 25 s heartbeat).
    const rv = await z.login('reviewer');
    await rv.goto(z.base + '/#/documents/1');
    await rv.locator('.row').first().waitFor();
    const users = await z.api('GET', '/users', null, 'admin');
    const id = users.body.users.find((u) => u.username === 'reviewer').id;
    const res = await z.api('PUT', `/users/${id}`, { disabled: true }, 'admin');
    assert.equal(res.status, 200);
    // Well under the 25 s heartbeat that used to be the only check.
    await rv.getByRole('button', { name: 'Log in' }).waitFor({ timeout: 15000 });
    await rv.screenshot({ path: join(shots, 'security-disabled-logged-out.png') });
    assert.deepEqual(errors, []);
  } finally {
    await z.stop();
  }
});
