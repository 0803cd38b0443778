// Accessibility of the main screens at 1280×800, in both languages: every
// control has a name, text contrast meets WCAG AA, keyboard focus is
// visible, nothing scrolls sideways, and Chinese is set in a CJK font.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';

let env;
before(async () => {
  env = await start();
});
after(() => env?.stop());

// audit runs in the page and returns what is wrong with it.
function audit() {
  const problems = [];
  const describe = (el) => `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
  const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  // Names: aria-label(ledby), a label, a title, or (buttons, links) text.
  for (const el of document.querySelectorAll('input, select, textarea, button, a[href], [role=button]')) {
    if (!visible(el) || el.type === 'hidden') continue;
    const labelled = el.getAttribute('aria-label')?.trim() || el.getAttribute('aria-labelledby') || el.labels?.length || el.title?.trim() ||
      (['BUTTON', 'A'].includes(el.tagName) && el.textContent.trim());
    if (!labelled) problems.push(`no accessible name: ${describe(el)}`);
  }
  // Contrast of text against the background it is drawn on.
  const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (c) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || seen.has(el) || !visible(el) || el.closest('[hidden], option, [aria-hidden=true]')) continue;
    seen.add(el);
    const style = getComputedStyle(el);
    if (el.matches('input, textarea, select') || el.closest('button:disabled')) continue;
    const fg = rgb(style.color);
    if (fg.length > 3 && fg[3] < 1) continue; // translucent text: decorative
    const [a, b] = [lum(fg.slice(0, 3)), lum(background(el))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) problems.push(`contrast ${ratio.toFixed(2)}: ${describe(el)} (${style.color} on rgb(${background(el)}))`);
  }
  if (document.documentElement.scrollWidth > innerWidth + 1) problems.push(`scrolls sideways: ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.querySelectorAll('[lang="zh-CN"]')) {
    if (!/Noto Sans CJK SC/.test(getComputedStyle(el).fontFamily)) problems.push(`Chinese without a CJK font: ${describe(el)}`);
    break;
  }
  return problems;
}

test('main screens: names, contrast, focus, width, CJK font', async () => {
  const { base, login, api } = env;
  await api('POST', '/glossary', { zh: '金砖国家', en: 'BRICS', forbidden: ['BRIC'], status: 'approved' });
  const doc = (await api('GET', '/documents')).body.documents[0];
  const screens = ['#/', `#/documents/${doc.id}`, '#/review', '#/glossary', '#/qa', '#/report', '#/discovered', '#/account', '#/users', '#/inbox'];
  const page = await login('admin', { viewport: { width: 1280, height: 800 } });
  const problems = [];
  for (const lang of ['en', 'zh-CN']) {
    if (lang === 'zh-CN') {
      await page.goto(base + '/#/');
      await page.locator('select.lang, #lang, select[aria-label]').first().selectOption('zh-CN');
    }
    for (const hash of screens) {
      await page.goto(`${base}/${hash}`);
      await page.locator('main h1, main .grid .row').first().waitFor();
      await page.waitForLoadState('networkidle');
      for (const p of await page.evaluate(audit)) problems.push(`${lang} ${hash}: ${p}`);
      // Keyboard focus is always visible: tab through the first controls.
      for (let i = 0; i < 12; i++) {
        await page.keyboard.press('Tab');
        const seen = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return true;
          const s = getComputedStyle(el);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none' ? true : `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 20)}"`;
        });
        if (seen !== true) problems.push(`${lang} ${hash}: focus not visible on ${seen}`);
      }
    }
  }
  assert.deepEqual([...new Set(problems)], []);
});
