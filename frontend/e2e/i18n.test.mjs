// End-to-end: the interface in Simplified Chinese. A translator switches to
// 简体中文; the nav, a statement (buttons, hint, status badges) and the
// shortcut list speak Chinese, and so does the page after a reload; the
// choice is the translator's own: a viewer logging in in the same browser
// gets English, and the translator gets Chinese back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { start, watchErrors, shots } from './harness.mjs';

let env;
before(async () => (env = await start()));
after(() => env?.stop());

async function loginAs(page, user, labels) {
  await page.getByLabel(labels.user, { exact: true }).fill(user);
  await page.getByLabel(labels.password, { exact: true }).fill(env.passwords[user]);
  await page.getByRole('button', { name: labels.submit, exact: true }).click();
  await page.locator('#who .who-name', { hasText: user }).waitFor();
}

test('the interface in Simplified Chinese, remembered per user', async () => {
  const { api, login, base } = env;
  const docs = (await api('GET', '/documents')).body.documents;
  const doc = docs.find((d) => d.date === '2012-06-06');
  const page = await login('translator');
  const errors = watchErrors(page);
  const lang = page.getByRole('combobox', { name: 'Language / 语言' });
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.goto(`${base}/#/documents/${doc.id}`);
  await page.locator('.row').first().waitFor();
  await lang.selectOption('zh-CN');

  // The page re-rendered in Chinese, <html lang> follows.
  await page.getByRole('button', { name: '替换…' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  const nav = page.getByRole('navigation', { name: '主导航' });
  for (const name of ['文件', '审校', '术语库', '质量检查', '术语报告']) await nav.getByRole('link', { name, exact: true }).waitFor();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  await page.getByRole('button', { name: '详情', exact: true }).click(); // the statement's details: title, exports, hint
  await page.getByRole('link', { name: '编辑标题和日期' }).or(page.getByRole('button', { name: '编辑标题和日期' })).waitFor();
  await page.getByText('包括草稿').waitFor();
  await page.getByRole('link', { name: '导出 XLIFF' }).waitFor();
  assert.match(await page.locator('.hint').first().textContent(), /在每条中文原文旁输入英文译文.*确认译文（已译）并转到下一条/);
  await page.locator('.row').first().waitFor();
  const badges = await page.locator('.row .status .status-label').allTextContents();
  assert.ok(badges.length > 0 && badges.every((b) => ['未翻译', '草稿', '已译', '已提交', '已批准', '已退回'].includes(b)), badges.join(' '));
  await page.getByRole('button', { name: '保存草稿', exact: true }).first().waitFor(); // on the active row
  await page.getByRole('heading', { name: '翻译记忆' }).waitFor();
  assert.match(await page.locator('.doc-progress').textContent(), /个条款中已翻译/);

  // The shortcut list.
  await page.getByRole('button', { name: '快捷键 ?' }).click();
  const help = page.getByRole('dialog', { name: '键盘快捷键' });
  await help.getByText('确认（已译）并转到下一个显示的条款').waitFor();
  await help.getByText('插入第 1…5 个翻译记忆匹配').waitFor();
  await page.screenshot({ path: join(shots, 'zh-CN.png') });
  await help.getByRole('button', { name: '关闭' }).click();

  // A reload keeps Chinese.
  await page.reload();
  await page.getByRole('button', { name: '替换…' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.equal(await lang.inputValue(), 'zh-CN');

  // Log out: the login screen stays in the language last used here…
  await page.getByRole('button', { name: '退出登录' }).click();
  await page.getByText('您已退出登录。').waitFor();
  // …but a viewer who never chose gets English.
  await loginAs(page, 'viewer', { user: '用户名', password: '密码', submit: '登录' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Documents', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await lang.inputValue(), 'en');
  await page.getByRole('button', { name: 'Log out' }).click();

  // The translator gets Chinese back.
  await loginAs(page, 'translator', { user: 'User name', password: 'Password', submit: 'Log in' });
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '术语库', exact: true }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  assert.deepEqual(errors, []);
  await page.close();
});
