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

// Findings speak the interface's language too: in the editor (stored
// findings and QA as you type) and on the QA page.
test('findings in Simplified Chinese in the editor and on the QA page', async () => {
  const { api, login, base } = env;
  const ok = (res, what) => {
    assert.ok(res.status >= 200 && res.status < 300, `${what}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  ok(await api('POST', '/glossary', { zh: '金砖国家', en: 'BRICS', forbidden: ['BRIC'], status: 'approved' }), 'glossary');
  let clause;
  for (const d of ok(await api('GET', '/documents'), 'documents').documents) {
    const { clauses } = ok(await api('GET', `/documents/${d.id}/clauses?offset=0&limit=500`), 'clauses');
    clause = clauses.find((x) => x.source === '双方强调高度重视金砖国家框架内的合作。');
    if (clause) break;
  }
  ok(await api('PUT', `/clauses/${clause.id}/translation`, { text: 'Both sides value BRIC cooperation。', version: clause.version }, 'translator'), 'save');
  const [stored] = ok(await api('GET', `/findings?document=${clause.document_id}&kind=term_forbidden`), 'findings').findings;
  assert.equal(stored.code, 'term_forbidden');
  assert.deepEqual(stored.params, { term: '金砖国家', found: 'BRIC', n: '1', use: 'BRICS' });

  const page = await login('translator');
  const errors = watchErrors(page);
  await page.goto(`${base}/#/documents/${clause.document_id}`);
  await page.locator('.row').first().waitFor();
  await page.getByRole('combobox', { name: 'Language / 语言' }).selectOption('zh-CN');
  const row = page.locator(`.row[data-clause-id="${clause.id}"]`);
  await row.locator('textarea.target').focus(); // the active row shows its findings
  await row.locator('.finding .message', { hasText: '“BRIC”是术语“金砖国家”的禁用译法：请用“BRICS”。' }).waitFor();
  await row.locator('.finding .message', { hasText: '英文中残留中文标点，请改为英文标点：“。” → “.”' }).waitFor();
  // QA as you type: the clause's findings of the text being typed.
  await row.locator('textarea.target').fill('Both sides value BRICS cooperation in 2012.');
  await row.locator('.finding .message', { hasText: '数字：译文中的 2012 在原文中没有。' }).waitFor();
  await row.locator('.finding .message', { hasText: '禁用译法' }).waitFor({ state: 'detached' });
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(shots, 'zh-CN-findings-editor.png') });
  await row.locator('textarea.target').fill('Both sides value BRIC cooperation。');
  await row.locator('.finding .message', { hasText: '禁用译法' }).waitFor();

  await page.goto(`${base}/#/qa?document=${clause.document_id}`);
  const item = page.locator('.qa-item', { hasText: '“BRIC”是术语“金砖国家”的禁用译法：请用“BRICS”。' });
  await item.waitFor();
  await page.locator('.qa-item', { hasText: '英文中残留中文标点' }).first().waitFor();
  assert.equal(await page.locator('.qa-item', { hasText: 'is a forbidden rendering' }).count(), 0);
  await page.screenshot({ path: join(shots, 'zh-CN-findings-qa.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test("the server's errors in Simplified Chinese: from their code, not the server's English", async () => {
  const { api, login, base } = env;
  assert.equal((await api('POST', '/glossary', { zh: '上海合作组织', en: 'Shanghai Cooperation Organisation', status: 'approved' })).status, 201);
  const page = await login('reviewer');
  await page.goto(`${base}/#/glossary`);
  await page.getByRole('combobox', { name: 'Language / 语言' }).selectOption('zh-CN');
  await page.locator('button.add-term').click();
  const dialog = page.locator('dialog.term-dialog');
  await dialog.locator('input[name=zh]').fill('上海合作组织');
  await dialog.locator('input[name=en]').fill('SCO');
  await dialog.locator('button.save-term').click();
  const error = dialog.locator('.notice.error');
  await error.waitFor();
  const text = await error.textContent();
  assert.match(text, /[\u4e00-\u9fff]{4}/, text);
  assert.doesNotMatch(text, /[A-Za-z]{4,}/, `no English words: ${text}`);
  await page.close();
});
