import { h, clear } from '../base/dom.js';
import { show } from '../base/status.js';
import { t } from '../base/i18n.js';

// replaceDialog is search and replace in the English of a statement, with
// a preview of every change; each clause is saved as a new revision on the
// version shown, so a colleague's newer text is never replaced unseen.
export function replaceDialog(getRows, status) {
  const find = h('input', { 'aria-label': t('replace.findLabel'), placeholder: t('replace.find'), lang: 'en' });
  const repl = h('input', { 'aria-label': t('replace.with'), placeholder: t('replace.with'), lang: 'en' });
  const caseBox = h('input', { type: 'checkbox' });
  const wordBox = h('input', { type: 'checkbox', checked: true });
  const preview = h('ol', { class: 'replace-preview' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const go = h('button', { type: 'button', disabled: true, onclick: () => apply() }, t('replace.go'));
  let changes = [];
  const pattern = () => {
    const text = find.value;
    if (!text) return null;
    const esc = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(wordBox.checked ? `(?<![\\p{L}\\p{N}])${esc}(?![\\p{L}\\p{N}])` : esc, caseBox.checked ? 'gu' : 'giu');
  };
  function update() {
    clear(preview);
    changes = [];
    const re = pattern();
    if (re) {
      for (const r of getRows()) {
        const before = r.clause.target;
        if (!before || !re.test(before)) continue;
        re.lastIndex = 0;
        const after = before.replace(re, () => repl.value);
        changes.push({ r, after });
        const parts = [];
        let at = 0;
        for (const m of before.matchAll(re)) {
          parts.push(before.slice(at, m.index), h('del', {}, m[0]), repl.value ? h('ins', {}, repl.value) : null);
          at = m.index + m[0].length;
        }
        parts.push(before.slice(at));
        preview.append(h('li', {}, h('span', { class: 'idx' }, r.clause.index + 1), ' ', h('span', { class: 'diff-text' }, parts)));
      }
    }
    count.textContent = find.value ? t('replace.count', { n: changes.length }) : t('replace.typeFind');
    go.disabled = changes.length === 0;
    go.textContent = changes.length ? t('replace.goN', { n: changes.length }) : t('replace.go');
  }
  async function apply() {
    go.disabled = true;
    let saved = 0;
    let done = 0;
    for (const { r, after } of changes) {
      count.textContent = t('replace.progress', { done, total: changes.length });
      if (await r.replaceWith(after)) saved++;
      done++;
    }
    el.close();
    show(status, saved === changes.length ? 'ok' : 'error', t('replace.done', { saved, total: changes.length }) + (saved < changes.length ? t('replace.someFailed') : t('common.period')));
  }
  for (const x of [find, repl]) x.addEventListener('input', update);
  for (const x of [caseBox, wordBox]) x.addEventListener('change', update);
  const el = h('dialog', { class: 'modal replace', 'aria-label': t('replace.label') },
    h('h2', {}, t('replace.heading')),
    h('div', { class: 'filters' }, find, repl),
    h('div', { class: 'filters' }, h('label', { class: 'check' }, caseBox, ' ', t('replace.matchCase')), h('label', { class: 'check' }, wordBox, ' ', t('replace.wholeWords'))),
    count, preview,
    h('div', { class: 'actions' }, go, h('button', { type: 'button', class: 'secondary', onclick: () => el.close() }, t('common.cancel'))));
  return {
    el,
    open() {
      update();
      el.showModal();
      find.focus();
    },
  };
}
