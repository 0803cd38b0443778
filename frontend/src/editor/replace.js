import { h, clear } from '../base/dom.js';
import { show } from '../base/status.js';
import { t } from '../base/i18n.js';

// replaceDialog is search and replace in the English of a statement, with
// a preview of every change: all at once (Replace all), or one occurrence
// at a time (Find next, Replace, Skip), in plain text or a regular
// expression ($1… in the replacement). Each clause is saved as a new
// revision on the version shown, so a colleague's newer text is never
// replaced unseen.
export function replaceDialog(getRows, status) {
  const find = h('input', { 'aria-label': t('replace.findLabel'), placeholder: t('replace.find'), lang: 'en' });
  const repl = h('input', { 'aria-label': t('replace.with'), placeholder: t('replace.with'), lang: 'en' });
  const caseBox = h('input', { type: 'checkbox' });
  const wordBox = h('input', { type: 'checkbox', checked: true });
  const regexBox = h('input', { type: 'checkbox', class: 'regex' });
  const preview = h('ol', { class: 'replace-preview' });
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const error = h('p', { class: 'notice error pattern-error', role: 'alert', hidden: true });
  const go = h('button', { type: 'button', disabled: true, class: 'replace-all', onclick: () => apply() }, t('replace.go'));
  const nextBtn = h('button', { type: 'button', class: 'secondary find-next', disabled: true, onclick: () => step('next') }, t('replace.findNext'));
  const oneBtn = h('button', { type: 'button', class: 'secondary replace-one', disabled: true, onclick: () => step('replace') }, t('replace.one'));
  const skipBtn = h('button', { type: 'button', class: 'secondary skip', disabled: true, onclick: () => step('skip') }, t('replace.skip'));
  let changes = [];
  // The occurrence the step-through is at: a row and the match's offset in
  // its English, or null before the first Find next.
  let at = null;
  let busy = false;

  // pattern is the search as a global regular expression, null when there
  // is nothing to find; an invalid expression throws.
  const pattern = () => {
    const text = find.value;
    if (!text) return null;
    const src = regexBox.checked ? text : text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(wordBox.checked ? `(?<![\\p{L}\\p{N}])(?:${src})(?![\\p{L}\\p{N}])` : src, caseBox.checked ? 'gu' : 'giu');
    if (re.test('')) throw new Error(t('replace.matchesEmpty'));
    return re;
  };
  // replacement is what a match becomes: the text typed, or with a
  // regular expression its $1… filled in.
  const replacement = (re, match) => (regexBox.checked ? match.replace(new RegExp(re.source, re.flags.replace('g', '')), repl.value) : repl.value);
  // occurrences lists every match, row by row, in order.
  function occurrences(re) {
    const out = [];
    for (const r of getRows()) {
      const text = r.clause.target;
      if (!text) continue;
      for (const m of text.matchAll(re)) if (m[0]) out.push({ r, index: m.index, match: m[0], text });
    }
    return out;
  }
  function current() {
    let re;
    try {
      re = pattern();
      error.hidden = true;
    } catch (e) {
      error.hidden = false;
      error.textContent = t('replace.badPattern', { error: e.message });
      return { re: null, list: [] };
    }
    return { re, list: re ? occurrences(re) : [] };
  }

  function update() {
    clear(preview);
    changes = [];
    const { re, list } = current();
    const byRow = new Map();
    for (const o of list) {
      if (!byRow.has(o.r)) byRow.set(o.r, []);
      byRow.get(o.r).push(o);
    }
    for (const [r, occ] of byRow) {
      const before = r.clause.target;
      const after = regexBox.checked ? before.replace(re, repl.value) : before.replace(re, () => repl.value);
      changes.push({ r, after });
      const parts = [];
      let pos = 0;
      for (const o of occ) {
        const here = at && at.r === r && at.index === o.index;
        const ins = replacement(re, o.match);
        parts.push(before.slice(pos, o.index), h('del', { class: here ? 'current' : null }, o.match), ins ? h('ins', {}, ins) : null);
        pos = o.index + o.match.length;
      }
      parts.push(before.slice(pos));
      const li = h('li', { class: at?.r === r ? 'current' : null }, h('span', { class: 'idx' }, r.clause.index + 1), ' ', h('span', { class: 'diff-text' }, parts));
      preview.append(li);
      if (at?.r === r) requestAnimationFrame(() => li.scrollIntoView({ block: 'nearest' }));
    }
    const n = list.length;
    count.textContent = !find.value ? t('replace.typeFind') : at && list.some((o) => o.r === at.r && o.index === at.index)
      ? t('replace.atOf', { i: list.findIndex((o) => o.r === at.r && o.index === at.index) + 1, n, index: at.r.clause.index + 1 })
      : t('replace.count', { n: changes.length });
    go.disabled = busy || changes.length === 0;
    go.textContent = changes.length ? t('replace.goN', { n: changes.length }) : t('replace.go');
    nextBtn.disabled = busy || n === 0;
    oneBtn.disabled = skipBtn.disabled = busy || !at;
  }

  // step moves the step-through: next finds the occurrence after the one
  // shown (from the top after the last), skip leaves it and finds the next,
  // replace changes it alone (and saves its clause) and finds the next.
  async function step(what) {
    const { re, list } = current();
    if (!re || list.length === 0) {
      at = null;
      return update();
    }
    const rows = getRows();
    const order = (o) => [rows.indexOf(o.r), o.index];
    const after = (o, ref) => {
      const [a, b] = order(o);
      const [c, d] = ref;
      return a > c || (a === c && b > d);
    };
    if (what === 'replace' && at) {
      const o = list.find((x) => x.r === at.r && x.index === at.index);
      if (o) {
        busy = true;
        update();
        const text = o.text.slice(0, o.index) + replacement(re, o.match) + o.text.slice(o.index + o.match.length);
        const ok = await o.r.replaceWith(text);
        busy = false;
        if (!ok) show(status, 'error', t('replace.oneFailed', { index: o.r.clause.index + 1 }));
        // On from the end of the new text.
        at = { r: o.r, index: o.index + (text.length - o.text.length) + o.match.length - 1 };
        return step('skip');
      }
    }
    const ref = at ? [rows.indexOf(at.r), what === 'next' && !list.some((x) => x.r === at.r && x.index === at.index) ? at.index - 1 : at.index] : [-1, -1];
    const next = list.find((o) => after(o, ref)) || list[0];
    at = { r: next.r, index: next.index };
    update();
  }

  async function apply() {
    busy = true;
    go.disabled = true;
    let saved = 0;
    let done = 0;
    for (const { r, after } of changes) {
      count.textContent = t('replace.progress', { done, total: changes.length });
      if (await r.replaceWith(after)) saved++;
      done++;
    }
    busy = false;
    el.close();
    show(status, saved === changes.length ? 'ok' : 'error', t('replace.done', { saved, total: changes.length }) + (saved < changes.length ? t('replace.someFailed') : t('common.period')));
  }
  const restart = () => {
    at = null;
    update();
  };
  for (const x of [find, repl]) x.addEventListener('input', restart);
  for (const x of [caseBox, wordBox, regexBox]) x.addEventListener('change', restart);
  find.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      step('next');
    }
  });
  const el = h('dialog', { class: 'modal replace', 'aria-label': t('replace.label') },
    h('h2', {}, t('replace.heading')),
    h('div', { class: 'filters' }, find, repl),
    h('div', { class: 'filters' }, h('label', { class: 'check' }, caseBox, ' ', t('replace.matchCase')), h('label', { class: 'check' }, wordBox, ' ', t('replace.wholeWords')),
      h('label', { class: 'check', title: t('replace.regexTitle') }, regexBox, ' ', t('replace.regex'))),
    error, count, preview,
    h('div', { class: 'actions' }, nextBtn, oneBtn, skipBtn, h('span', { class: 'spacer' }), go, h('button', { type: 'button', class: 'secondary', onclick: () => el.close() }, t('common.cancel'))));
  return {
    el,
    open() {
      at = null;
      update();
      el.showModal();
      find.focus();
    },
  };
}
