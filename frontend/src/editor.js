import { api, exportURL, can, session, listen } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';
import { findingView, dismissFinding, kinds } from './qa.js';
import { t, locale } from './i18n.js';
import { sidePanel } from './panel.js';

const PAGE = 500;
// Rows with text the server does not have yet, by clause id.
const unsaved = new Set();

export function hasUnsaved() {
  return unsaved.size > 0;
}

// renderings counts the editor's renderings: a rendering that finds a newer
// one started while it waited for the server stops (a split's own answer
// and the event it causes both show the statement again).
let renderings = 0;

export async function renderEditor(app, id, focusClause = 0) {
  const mine = ++renderings;
  unsaved.clear();
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const grid = h('div', { class: 'grid', role: 'table', 'aria-label': t('editor.clauses') });
  // The side panel inserts into the clause last edited.
  let lastInput = null;
  grid.addEventListener('focusin', (e) => {
    if (!e.target.matches('textarea.target') || e.target === lastInput) return;
    lastInput = e.target;
    const r = rows.find((x) => x.el.contains(e.target));
    if (r) panel.showMatches(r.clause);
  });
  const panel = sidePanel((text) => {
    if (!lastInput || lastInput.readOnly) return show(status, 'info', t('editor.clickFirst'));
    const { selectionStart: a, selectionEnd: b, value } = lastInput;
    lastInput.value = value.slice(0, a) + text + value.slice(b);
    lastInput.focus();
    lastInput.dispatchEvent(new Event('input'));
  });
  const onKey = (e) => {
    if (!document.body.contains(grid)) return document.removeEventListener('keydown', onKey);
    if (e.ctrlKey && e.shiftKey && e.code === 'KeyF') {
      e.preventDefault();
      panel.focusSearch(getSelection().toString().trim());
    } else if (e.altKey && e.shiftKey && /^Digit[1-9]$/.test(e.code) && e.target.matches('textarea.target')) {
      if (panel.insertMatch(Number(e.code.slice(5)))) e.preventDefault();
    } else if (e.key === '?' && !e.target.matches('input, textarea, select')) {
      e.preventDefault();
      help.showModal();
    } else if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp') && e.target.matches('textarea.target')) {
      e.preventDefault();
      const r = rows.find((x) => x.el.contains(e.target));
      (e.key === 'ArrowDown' ? r?.nextShown() : r?.prevShown())?.focus();
    }
  };
  document.addEventListener('keydown', onKey);
  const progress = h('span', { class: 'doc-progress' });
  // Filters: only the rows that match stay visible (and keyboard moves
  // skip the others).
  const fStatus = h('select', { 'aria-label': t('editor.status'), onchange: () => applyFilter() }, h('option', { value: '' }, t('editor.anyStatus')),
    ['untranslated', 'draft', 'submitted', 'approved', 'rejected'].map((st) => h('option', { value: st }, t(`status.${st}`))));
  const fFindings = h('select', { 'aria-label': t('editor.findings'), onchange: () => applyFilter() }, h('option', { value: '' }, t('editor.findingsAny')),
    h('option', { value: 'some' }, t('editor.withFindings')), h('option', { value: 'none' }, t('editor.withoutFindings')), Object.entries(kinds()).map(([k, v]) => h('option', { value: k }, v)));
  const fWho = h('select', { 'aria-label': t('editor.translator'), onchange: () => applyFilter() }, h('option', { value: '' }, t('editor.anyone')));
  const fText = h('input', { type: 'search', 'aria-label': t('editor.textLabel'), placeholder: t('editor.textPlaceholder'), oninput: () => applyFilter() });
  const shown = h('span', { class: 'muted', 'aria-live': 'polite' });
  const helpButton = h('button', { type: 'button', class: 'secondary small', onclick: () => help.showModal(), title: t('editor.shortcutsTitle') }, t('editor.shortcutsButton'));
  const replaceButton = can('translator') ? h('button', { type: 'button', class: 'secondary small', onclick: () => openReplace() }, t('editor.replaceButton')) : null;
  const replace = replaceDialog(() => rows, status);
  const openReplace = () => replace.open();
  const filterBar = h('form', { class: 'filters editor-filters', onsubmit: (e) => e.preventDefault() }, fText, fStatus, fFindings, fWho, shown, h('span', { class: 'spacer' }), replaceButton, helpButton);
  const help = h('dialog', { class: 'help', 'aria-label': t('editor.shortcuts') },
    h('h2', {}, t('editor.shortcuts')),
    h('table', {}, h('tbody', {}, SHORTCUTS().map(([keys, what]) => h('tr', {}, h('td', {}, keys.split(' ').map((k) => [h('kbd', {}, keyName(k)), ' '])), h('td', {}, what))))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, t('common.close'))));
  const tmxLink = h('a', { class: 'button secondary', download: '' }, t('editor.exportTMX'));
  const csvLink = h('a', { class: 'button secondary', download: '' }, t('editor.exportCSV'));
  const xliffLink = h('a', { class: 'button secondary', download: '', title: t('editor.xliffTitle') }, t('editor.exportXLIFF'));
  const drafts = h('input', { type: 'checkbox', class: 'export-drafts', onchange: () => links() });
  const links = () => {
    tmxLink.href = exportURL('tmx', id, drafts.checked);
    csvLink.href = exportURL('csv', id, drafts.checked);
    xliffLink.href = exportURL('xliff', id, drafts.checked);
  };
  links();
  app.append(h('p', { class: 'crumbs' }, h('a', { href: '#/' }, t('editor.allDocuments'))), status);

  let doc;
  try {
    doc = await api.document(id);
  } catch (e) {
    show(status, 'error', e.status === 404 ? t('editor.noDocument', { id }) : t('editor.docFailed', { error: e.message }));
    return;
  }
  if (mine !== renderings) return;
  document.title = `${doc.title} · Zhen`;
  // The title and date as imported can be corrected (scraped pages glue
  // titles to signatures).
  const heading = h('div', { class: 'doc-title-edit' });
  const metaText = h('span');
  const showHeading = () => {
    metaText.textContent = [doc.date && t('editor.published', { date: doc.date }), doc.signed_date && (doc.signed_place ? t('editor.signedIn', { date: doc.signed_date, place: doc.signed_place }) : t('editor.signed', { date: doc.signed_date })), doc.source_name && t('editor.from', { source: doc.source_name })].filter(Boolean).join(' · ');
    clear(heading);
    heading.append(h('h1', { lang: 'zh-CN', class: 'doc-heading' }, doc.title),
      can('translator') ? h('button', { type: 'button', class: 'link edit-title', onclick: editHeading }, t('editor.editTitle')) : null);
  };
  function editHeading() {
    const title = h('input', { class: 'title-input', lang: 'zh-CN', value: doc.title, 'aria-label': t('editor.title'), maxlength: 500 });
    const date = h('input', { type: 'date', value: doc.date, 'aria-label': t('editor.date') });
    clear(heading);
    heading.append(h('form', { class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      try {
        Object.assign(doc, await api.updateDocument(id, title.value, date.value));
        document.title = `${doc.title} · Zhen`;
        showHeading();
      } catch (err) {
        show(status, 'error', t('editor.titleFailed', { error: err.message }));
      }
    } }, title, date, h('button', { type: 'submit', class: 'small' }, t('common.save')), h('button', { type: 'button', class: 'secondary small', onclick: showHeading }, t('common.cancel'))));
    title.focus();
  }
  showHeading();
  app.append(
    h('section', { class: 'page-head' },
      h('div', {}, heading,
        h('p', { class: 'muted' }, metaText, ' · ', progress)),
      h('div', { class: 'actions' },
        can('translator') ? h('a', { class: 'button secondary', href: `#/documents/${id}/align` }, t('editor.align')) : null,
        tmxLink, csvLink, xliffLink,
        h('label', { class: 'check', title: t('editor.draftsTitle') }, drafts, ' ', t('editor.includeDrafts')))),
    can('translator')
      ? h('p', { class: 'hint' }, t('editor.hint1'), h('kbd', {}, keyName('Ctrl')), '+', h('kbd', {}, keyName('Enter')), t('editor.hint2'),
        h('kbd', {}, keyName('Ctrl')), '+', h('kbd', {}, keyName('Shift')), '+', h('kbd', {}, keyName('Enter')), t('editor.hint3'),
        t('editor.hint4'), h('kbd', {}, keyName('Alt')), '+', h('kbd', {}, '1'), '…', h('kbd', {}, '9'), t('editor.hint5'))
      : h('p', { class: 'hint' }, t('editor.viewerHint')),
    filterBar,
    h('div', { class: 'editor-body' }, grid, panel.el),
    help, replace.el);

  const clauses = [];
  try {
    // The first page says how many there are; the others are asked for
    // at once.
    const first = await api.clauses(id, 0, PAGE);
    clauses.push(...first.clauses);
    const rest = [];
    for (let offset = PAGE; offset < first.total; offset += PAGE) rest.push(api.clauses(id, offset, PAGE));
    for (const page of await Promise.all(rest)) clauses.push(...page.clauses);
  } catch (e) {
    show(status, 'error', t('editor.clausesFailed', { error: e.message }));
    return;
  }
  if (mine !== renderings) return;
  // After a split or merge (here or by someone else), the statement is
  // shown again: what was typed and not saved comes back from this
  // browser's copy (see recover).
  const reshow = (focusId) => renderEditor(app, id, focusId);
  const makeRow = (c) => clauseRow(c, status, () => {
    updateProgress();
    refreshQA();
  }, (r, untranslated) => {
    const item = rowOf(r);
    (untranslated ? item?.nextUntranslated() ?? item?.nextShown() : item?.nextShown())?.focus();
  }, {
    next: (r) => rows[rows.indexOf(rowOf(r)) + 1]?.clause,
    changed: reshow,
  });
  const rows = virtualRows(clauses, makeRow, grid);
  const rowOf = (real) => rows.find((x) => x.real === real);
  const byId = new Map(rows.map((r) => [r.clause.id, r]));
  // Others' changes appear as they happen; a missed batch reloads the rows
  // that nobody is typing in.
  let qaTimer = null;
  listen((ev) => {
    if (ev.type === 'glossary') return refreshQA();
    if (ev.type === 'document') {
      if (ev.document_id !== id || !document.body.contains(grid)) return;
      const focused = rows.find((x) => x.el.contains(document.activeElement));
      reshow(focused?.clause.id || 0);
      return;
    }
    const r = byId.get(ev.clause_id);
    if (!r) return;
    if (ev.type === 'comment') return r.commentAdded(ev.data);
    if (r.remote(ev.data, ev.actor, ev.action)) {
      updateProgress();
      applyFilter();
      clearTimeout(qaTimer);
      qaTimer = setTimeout(refreshQA, 300);
    }
  }, async () => {
    for (let offset = 0; offset < rows.length; offset += PAGE) {
      for (const c of (await api.clauses(id, offset, PAGE)).clauses) byId.get(c.id)?.remote(c, t('editor.someone'), 'change');
    }
    updateProgress();
    applyFilter();
    refreshQA();
  });
  grid.append(...rows.map((r) => r.el));
  rows.observe();
  for (const who of [...new Set(rows.map((r) => r.clause.updated_by).filter(Boolean))].sort()) fWho.append(h('option', { value: who }, who));
  updateProgress();
  await refreshQA();
  if (focusClause) rows.find((x) => x.clause.id === focusClause)?.focus('center');

  // Hits and findings for the whole statement: after a save, a repeated
  // clause elsewhere may have become (in)consistent too.
  async function refreshQA() {
    try {
      const qa = await api.documentQA(id);
      const byClause = {};
      for (const f of qa.findings) (byClause[f.clause_id] ||= []).push(f);
      for (const r of rows) {
        r.setHits(qa.hits[r.clause.id] || []);
        if (!r.typing()) r.setFindings(byClause[r.clause.id] || []);
      }
      applyFilter();
    } catch (e) {
      show(status, 'error', t('editor.qaFailed', { error: e.message }));
    }
  }

  function updateProgress() {
    const done = rows.filter((r) => r.clause.target !== '').length;
    const approved = rows.filter((r) => r.clause.approved_target !== '').length;
    progress.textContent = t('editor.progress', { done, total: rows.length, approved });
  }
  function applyFilter() {
    const text = fText.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) {
      const c = r.clause;
      const ok = (!fStatus.value || c.status === fStatus.value) &&
        (!fWho.value || c.updated_by === fWho.value) &&
        (!fFindings.value || (fFindings.value === 'some' ? r.kinds.length > 0 : fFindings.value === 'none' ? r.kinds.length === 0 : r.kinds.includes(fFindings.value))) &&
        (!text || c.source.toLowerCase().includes(text) || c.target.toLowerCase().includes(text));
      r.el.hidden = !ok;
      if (ok) n++;
    }
    shown.textContent = n === rows.length ? t('editor.clauseCount', { n }) : t('editor.shownCount', { n, total: rows.length });
  }
  rows.forEach((r, i) => {
    r.nextShown = () => rows.slice(i + 1).find((x) => !x.el.hidden);
    r.prevShown = () => rows.slice(0, i).reverse().find((x) => !x.el.hidden);
    r.nextUntranslated = () => rows.slice(i + 1).find((x) => !x.el.hidden && x.clause.target === '');
  });
  applyFilter();
}

// VIRTUAL_FROM is the size from which a statement's grid is virtualised:
// smaller ones build every row at once.
export const VIRTUAL_FROM = 300;

// virtualRows stands for the clauses' rows in the grid. In a statement of
// VIRTUAL_FROM clauses or more, a clause is a light placeholder (its
// number, status, Chinese and English as plain text: 5 elements instead
// of about 30) until it comes near the viewport, when its full row is
// built; a row that is far out of view again goes back to a placeholder,
// unless it holds something a placeholder cannot (unsaved text, a save
// under way, an open panel or conflict, focus). So the page holds a few
// dozen full rows whatever the statement's size. Each item has what the
// editor uses of a row (clause, el, kinds, setHits, setFindings, remote,
// replaceWith…), and focus, which builds the row first.
function virtualRows(clauses, make, grid) {
  const virtual = clauses.length >= VIRTUAL_FROM;
  const byEl = new Map();
  let observer = null;
  const items = clauses.map((c) => {
    let clause = c;
    let real = null;
    let hits = [];
    let findings = [];
    let el = null;
    const swap = (next) => {
      if (el) {
        next.hidden = el.hidden;
        observer?.unobserve(el);
        byEl.delete(el);
        el.replaceWith(next);
      }
      el = next;
      byEl.set(el, item);
      observer?.observe(el);
    };
    const item = {
      get clause() { return real ? real.clause : clause; },
      get el() { return el; },
      get real() { return real; },
      get kinds() { return real ? real.kinds : findings.map((f) => f.kind); },
      typing: () => real?.typing() ?? false,
      setHits(list) {
        hits = list;
        real?.setHits(list);
      },
      setFindings(list) {
        findings = list;
        real?.setFindings(list);
      },
      remote(next, actor, action) {
        if (real) return real.remote(next, actor, action);
        if (next.version <= clause.version) return false;
        clause = next;
        swap(placeholder(clause));
        return true;
      },
      commentAdded(data) {
        real?.commentAdded(data);
      },
      replaceWith(text) {
        return item.build().replaceWith(text);
      },
      // build makes the full row if it is a placeholder.
      build() {
        if (real) return real;
        real = make(clause);
        real.setHits(hits);
        real.setFindings(findings);
        swap(real.el);
        return real;
      },
      // release puts a placeholder back if nothing would be lost.
      release() {
        if (!real || !real.idle()) return;
        clause = real.clause;
        findings = real.findings;
        real = null;
        swap(placeholder(clause));
      },
      focus(block = 'nearest') {
        const r = item.build();
        r.el.scrollIntoView({ block });
        r.el.querySelector('textarea.target').focus();
      },
    };
    if (virtual) swap(placeholder(c));
    else item.build();
    return item;
  });
  // observe starts building and releasing rows as the grid scrolls, once
  // the rows are in the page.
  items.observe = () => {
    if (!virtual) return;
    observer = new IntersectionObserver((entries) => {
      for (const e of entries) {
        const item = byEl.get(e.target);
        if (!item) continue;
        if (e.isIntersecting) item.build();
        else item.release();
      }
    }, { rootMargin: '600px 0px' });
    for (const el of byEl.keys()) observer.observe(el);
    grid.classList.add('virtual');
  };
  return items;
}

// placeholder is a clause's row before it is built: what it says, without
// the controls.
function placeholder(c) {
  return h('div', { class: `row placeholder kind-${c.kind}`, role: 'row', dataset: { clauseId: c.id, index: c.index } },
    h('div', { class: 'idx', role: 'cell' }, c.index + 1),
    h('div', { class: 'source-cell', role: 'cell' }, h('div', { class: 'source', lang: 'zh-CN' }, c.source)),
    h('div', { class: 'target-cell', role: 'cell' }, h('p', { class: 'target-text', lang: 'en' }, c.target), h('span', { class: `status status-${c.status}` }, t(`status.${c.status}`))));
}

// SHORTCUTS lists the keys and what they do, in the language shown.
const SHORTCUTS = () => [
  ['Ctrl Enter', t('shortcut.save')],
  ['Ctrl Shift Enter', t('shortcut.submit')],
  ['Alt ↓', t('shortcut.next')],
  ['Alt 1…9', t('shortcut.term')],
  ['Alt Shift T', t('shortcut.nextTerm')],
  ['Alt Shift N', t('shortcut.numbers')],
  ['Alt Shift H', t('shortcut.history')],
  ['Alt Shift 1…5', t('shortcut.memory')],
  ['Ctrl Shift F', t('shortcut.search')],
  ['?', t('shortcut.help')],
  ['Esc', t('shortcut.close')],
];

// keyName is a key's name on the keyboard (Ctrl, Shift, Enter…) as shown
// in the language of the interface; other keys are shown as they are.
export function keyName(k) {
  const names = { Ctrl: t('key.ctrl'), Shift: t('key.shift'), Enter: t('key.enter'), Alt: t('key.alt'), Esc: t('key.esc') };
  return names[k] || k;
}

function clauseRow(clause, status, onSaved, focusNext, structure) {
  const row = { clause, el: null, findings: [] };
  const editable = can('translator');
  const input = h('textarea', {
    class: 'target', lang: 'en', rows: 2, spellcheck: true, readOnly: !editable,
    'aria-label': t('editor.englishFor', { index: clause.index + 1 }),
    placeholder: clause.kind === 'signature' ? t('editor.signaturePlaceholder') : t('editor.englishPlaceholder'),
  });
  input.value = clause.target;
  const state = h('span', { class: 'save-state', 'aria-live': 'polite' });
  const badge = h('span', { class: 'status' });
  const conflict = h('div', { class: 'conflict', hidden: true, role: 'alert' });
  const saveBtn = editable ? h('button', { class: 'save', type: 'button', onclick: () => save() }, t('common.save')) : null;
  const approvedLine = h('p', { class: 'approved-line', hidden: true });
  const submitBtn = h('button', { type: 'button', class: 'secondary small submit', onclick: () => submit(), hidden: true }, t('editor.submit'));
  const approveBtn = h('button', { type: 'button', class: 'secondary small approve', onclick: () => approve(), hidden: true }, t('editor.approve'));
  const rejectBtn = h('button', { type: 'button', class: 'secondary small reject', onclick: () => reject(), hidden: true }, t('editor.reject'));
  const panel = h('div', { class: 'panel', hidden: true });
  const historyBtn = h('button', { type: 'button', class: 'link history-toggle', 'aria-expanded': 'false', onclick: () => togglePanel('history') }, t('common.history'));
  const commentsBtn = h('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': 'false', onclick: () => togglePanel('comments') }, t('editor.comments'));
  const splitBtn = editable ? h('button', { type: 'button', class: 'link split-toggle', 'aria-expanded': 'false', onclick: () => togglePanel('split') }, t('split.button')) : null;
  const mergeBtn = editable ? h('button', { type: 'button', class: 'link merge', onclick: () => merge(), title: t('merge.title') }, t('merge.button')) : null;
  const source = h('div', { class: 'source', lang: 'zh-CN' }, clause.source);
  const termStrip = h('div', { class: 'term-strip' });
  const findingsBox = h('div', { class: 'findings', 'aria-live': 'polite' });

  row.el = h('div', { class: `row kind-${clause.kind}`, role: 'row', dataset: { clauseId: clause.id, index: clause.index } },
    h('div', { class: 'idx', role: 'cell' }, clause.index + 1),
    h('div', { class: 'source-cell', role: 'cell' }, source, termStrip),
    h('div', { class: 'target-cell', role: 'cell' }, input, approvedLine, conflict, findingsBox,
      h('div', { class: 'row-foot' }, badge, state, historyBtn, commentsBtn, splitBtn, mergeBtn, h('span', { class: 'spacer' }), submitBtn, approveBtn, rejectBtn, saveBtn),
      panel));

  // Glossary hits: underline them in the Chinese, list them with their
  // approved English, and insert that English on click or Alt+digit.
  let terms = []; // distinct entries in order of first appearance: Alt+1 is the first
  row.setHits = (list) => {
    clear(source);
    clear(termStrip);
    terms = [];
    let at = 0;
    const text = row.clause.source;
    for (const hit of list) {
      const e = hit.entry;
      source.append(text.slice(at, hit.start), h('mark', {
        class: `term term-${e.status}`, title: termTitle(e), tabindex: -1,
        onclick: () => insert(e.en),
      }, text.slice(hit.start, hit.end)));
      at = hit.end;
      if (!terms.some((t) => t.zh === e.zh)) terms.push(e);
    }
    source.append(text.slice(at));
    terms.slice(0, 9).forEach((e, i) => termStrip.append(h('button', { type: 'button', class: 'term-chip', title: termTitle(e), onclick: () => insert(e.en) },
      h('kbd', {}, i + 1), ' ', h('span', { lang: 'zh-CN' }, e.zh), ' → ', e.en)));
  };
  function insert(text) {
    const { selectionStart: a, selectionEnd: b, value } = input;
    const focused = document.activeElement === input;
    const start = focused ? a : value.length;
    const end = focused ? b : value.length;
    const before = value.slice(0, start);
    const pad = before && !/\s$/.test(before) ? ' ' : '';
    input.value = before + pad + text + value.slice(end);
    input.focus();
    input.selectionStart = input.selectionEnd = start + pad.length + text.length;
    input.dispatchEvent(new Event('input'));
  }

  // Alt+Shift+T: the approved English of the next glossary term of the
  // clause that the English does not have yet.
  function insertNextTerm() {
    const english = input.value.toLowerCase();
    const term = terms.find((e) => !english.includes(e.en.toLowerCase()));
    if (term) insert(term.en);
    else show(status, 'info', t('editor.allTermsIn', { index: row.clause.index + 1 }));
  }
  // Alt+Shift+N: the next number or date of the Chinese, as English writes
  // it (1000亿美元 → US$100 billion); each press the next one, in order.
  let numbers = null;
  let nextNumber = 0;
  async function insertNextNumber() {
    try {
      numbers ??= (await api.numbers(row.clause.id)).numbers;
    } catch (e) {
      return show(status, 'error', t('editor.numbersFailed', { error: e.message }));
    }
    if (numbers.length === 0) return show(status, 'info', t('editor.noNumbers', { index: row.clause.index + 1 }));
    insert(numbers[nextNumber % numbers.length].english);
    nextNumber++;
  }

  // Findings: from the server on load and after saves, and re-checked as
  // the translator types (debounced), without saving.
  let checkTimer = null;
  let checking = false;
  row.typing = () => checking;
  row.kinds = [];
  row.setFindings = (list) => {
    row.findings = list;
    row.kinds = list.map((f) => f.kind);
    clear(findingsBox);
    for (const f of list) {
      findingsBox.append(findingView(f, h('button', { type: 'button', class: 'link dismiss', onclick: () => dismissFinding(f, () => recheck(), status) }, t('qa.dismiss'))));
    }
    row.el.classList.toggle('has-findings', list.length > 0);
  };
  async function recheck() {
    checking = true;
    try {
      const text = input.value.trim();
      row.setFindings(text ? (await api.checkDraft(row.clause.id, text)).findings : []);
    } catch {
      /* the next save or reload shows them */
    } finally {
      checking = false;
    }
  }

  function refresh() {
    const c = row.clause;
    badge.textContent = t(`status.${c.status}`);
    badge.className = `status status-${c.status}`;
    approvedLine.hidden = !c.approved_target || c.approved_target === c.target;
    approvedLine.textContent = t('editor.approvedLine', { user: c.approved_by, text: c.approved_target });
    submitBtn.hidden = !editable || !c.target || !['draft', 'rejected'].includes(c.status);
    approveBtn.hidden = rejectBtn.hidden = !can('reviewer') || !c.target || !['draft', 'submitted', 'rejected'].includes(c.status);
    rejectBtn.hidden ||= c.status === 'rejected';
    const dirty = input.value.trim() !== row.clause.target;
    row.el.classList.toggle('dirty', dirty);
    if (dirty) unsaved.add(row.clause.id);
    else unsaved.delete(row.clause.id);
    keep(dirty);
    if (dirty && !['saving', 'conflict', 'error', 'unsaved'].includes(state.dataset.kind)) setState('unsaved', t('editor.unsaved'));
    if (!dirty && state.dataset.kind === 'unsaved') setState('', '');
  }
  function setState(kind, text) {
    state.dataset.kind = kind;
    state.textContent = text;
  }

  // Saves of one row run one after another: a blur and a click on Save
  // must not race each other with the same base version.
  // A save asked for while another is pending joins it (blur, then a click
  // on Save, is one save): a second one would otherwise run after a
  // conflict and overwrite the other person's text unseen.
  let queue = Promise.resolve(true);
  let pending = 0;
  function save(text, version) {
    if (pending > 0 && text === undefined) return queue;
    pending++;
    queue = queue.then(() => saveNow(text ?? input.value, version ?? row.clause.version)).finally(() => pending--);
    return queue;
  }

  // Unsaved text is also kept in this browser (localStorage), with the
  // version it was typed on: a reload, a crash or a lost connection loses
  // nothing (see the recovery below).
  const key = `zhen.unsaved.${clause.id}`;
  function keep(dirty) {
    try {
      if (dirty) localStorage.setItem(key, JSON.stringify({ text: input.value, version: row.clause.version }));
      else localStorage.removeItem(key);
    } catch {
      /* storage full or off: the server copy is all there is */
    }
  }

  // A lost connection is retried a few times before the user is told.
  const RETRIES = [2000, 5000, 15000];
  async function saveNow(text, version, attempt = 0) {
    if (text.trim() === row.clause.target && version === row.clause.version) {
      refresh();
      return true;
    }
    setState('saving', attempt ? t('editor.retrying', { attempt, total: RETRIES.length }) : t('editor.saving'));
    let ok = false;
    try {
      row.clause = await api.save(row.clause.id, text, version);
      if (input.value.trim() === text.trim()) input.value = row.clause.target;
      conflict.hidden = true;
      setState('saved', t('editor.saved', { version: row.clause.version }));
      ok = true;
      onSaved();
    } catch (e) {
      if (e.status === 409 && e.body?.current) showConflict(text, e.body.current);
      else if (e.code === 'offline' && attempt < RETRIES.length) {
        await new Promise((r) => setTimeout(r, RETRIES[attempt]));
        return saveNow(input.value, version, attempt + 1);
      } else {
        setState('error', t('editor.notSaved'));
        show(status, 'error', e.code === 'offline'
          ? t('editor.notSavedOffline', { index: row.clause.index + 1 })
          : t('editor.notSavedError', { index: row.clause.index + 1, error: e.message }));
      }
    }
    refresh();
    return ok;
  }

  // Status changes name the version the user saw, as saves do; unsaved
  // text is saved first.
  async function transition(what, call) {
    if (!(await save())) return false;
    setState('saving', t(`transition.${what}.doing`));
    try {
      row.clause = await call(row.clause);
      input.value = row.clause.target; // what was typed is saved: the box shows what the change left (a restore, an approved alternative)
      fit(input);
      setState('saved', t(`transition.${what}.done`, { version: row.clause.version }));
      onSaved();
      if (panelKind) openPanel(panelKind);
      refresh();
      return true;
    } catch (e) {
      if (e.status === 409 && e.body?.current && e.body.error?.code === 'conflict') showConflict(input.value, e.body.current);
      else {
        setState('error', t(`transition.${what}.failed`));
        show(status, 'error', t('editor.clauseError', { index: row.clause.index + 1, error: e.message }));
        if (e.body?.current) row.clause = e.body.current;
      }
      refresh();
      return false;
    }
  }
  const submit = () => transition('submit', (c) => api.submit(c.id, c.version));
  // Ctrl+Shift+Enter: save, and submit unless there is nothing to submit.
  async function submitIfDue() {
    if (!(await save())) return false;
    const c = row.clause;
    return !c.target || !['draft', 'rejected'].includes(c.status) ? true : submit();
  }
  const approve = () => transition('approve', (c) => api.approve(c.id, c.version));
  async function reject() {
    const comment = prompt(t('editor.whyReject', { index: row.clause.index + 1 }));
    if (comment === null) return;
    if (!comment.trim()) return show(status, 'error', t('editor.rejectNeedsComment'));
    await transition('reject', (c) => api.reject(c.id, c.version, comment));
  }

  // remote takes a clause someone else changed. A row without unsaved text
  // just shows it; under unsaved text a new English opens the conflict
  // panel (both texts, choose or merge), while a status change only moves
  // the version on. It says whether the row changed.
  row.remote = (c, actor, action) => {
    if (c.version <= row.clause.version) return false;
    const dirty = input.value.trim() !== row.clause.target;
    if (dirty && c.target !== row.clause.target) {
      showConflict(input.value, c);
    } else {
      row.clause = c;
      if (!dirty) input.value = c.target;
      fit(input);
      setState('remote', t('editor.remote', { action: t(`action.${action}`), actor }));
    }
    if (panelKind) openPanel(panelKind);
    refresh();
    return true;
  };

  // The panel under a row: its history (revisions, diffs, restore) or its
  // comments.
  let panelKind = '';
  function togglePanel(kind) {
    if (panelKind === kind) {
      panelKind = '';
      panel.hidden = true;
    } else openPanel(kind);
    historyBtn.setAttribute('aria-expanded', String(panelKind === 'history'));
    commentsBtn.setAttribute('aria-expanded', String(panelKind === 'comments'));
    splitBtn?.setAttribute('aria-expanded', String(panelKind === 'split'));
  }
  async function openPanel(kind) {
    panelKind = kind;
    panel.hidden = false;
    if (kind === 'split') return renderSplit(panel, row.clause, input.value, split, () => togglePanel('split'));
    try {
      if (kind === 'history') renderHistory(panel, row.clause, (await api.history(row.clause.id)).revisions, restore);
      else renderComments(panel, row.clause, (await api.comments(row.clause.id)).comments, status);
    } catch (e) {
      clear(panel);
      panel.append(h('p', { class: 'notice error' }, t(`editor.${kind}Failed`, { error: e.message })));
    }
  }
  // replaceWith saves new English typed for the user (search and replace).
  row.replaceWith = (text) => {
    input.value = text;
    fit(input);
    refresh();
    return save();
  };
  row.commentAdded = () => {
    if (panelKind === 'comments') openPanel('comments');
  };
  const restore = (rev) => transition('restore', (c) => api.restore(c.id, rev.version, c.version));

  // Split and merge change the statement's clauses: saved first, then the
  // statement is shown again.
  async function split(at, english) {
    if (!(await save())) return;
    try {
      await api.split(row.clause.id, at, row.clause.version, english);
      structure.changed(row.clause.id);
    } catch (e) {
      show(status, 'error', t('split.failed', { index: row.clause.index + 1, error: e.message }));
    }
  }
  async function merge() {
    const next = structure.next(row);
    if (!next || next.paragraph !== row.clause.paragraph) return show(status, 'error', t('merge.lastOfParagraph', { index: row.clause.index + 1 }));
    if (!(await save())) return;
    try {
      await api.merge(row.clause.id, row.clause.version, next.version);
      structure.changed(row.clause.id);
    } catch (e) {
      show(status, 'error', t('merge.failed', { index: row.clause.index + 1, error: e.message }));
    }
  }

  // Someone else saved first: show both texts and let the user choose;
  // nothing is overwritten without a click.
  function showConflict(mine, current) {
    clear(conflict);
    conflict.hidden = false;
    setState('conflict', t('editor.conflict'));
    conflict.append(
      h('p', {}, h('strong', {}, t('editor.conflictHead')), t('editor.conflictText', { version: current.version, user: current.updated_by || t('common.unknown') })),
      h('div', { class: 'versions' },
        h('div', {}, h('div', { class: 'label' }, t('editor.theirs')), h('p', { class: 'theirs' }, current.target || t('common.empty'))),
        h('div', {}, h('div', { class: 'label' }, t('editor.yours')), h('p', { class: 'mine' }, mine || t('common.empty')))),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'use-theirs', onclick: () => { row.clause = current; input.value = current.target; conflict.hidden = true; setState('', ''); refresh(); onSaved(); } }, t('editor.useTheirs')),
        h('button', { type: 'button', class: 'keep-mine', onclick: () => { row.clause = current; save(mine, current.version); } }, t('editor.keepMine')),
        h('span', { class: 'muted' }, t('editor.orMerge'))));
    // From now on a save (edit the box to merge) builds on their version.
    row.clause = current;
  }

  let idleTimer = null;
  input.addEventListener('input', () => {
    fit(input);
    refresh();
    clearTimeout(checkTimer);
    checking = true;
    checkTimer = setTimeout(recheck, 350);
    // Drafts save themselves after a pause in typing.
    clearTimeout(idleTimer);
    if (editable) idleTimer = setTimeout(() => conflict.hidden && input.value.trim() !== row.clause.target && save(), AUTOSAVE_MS);
  });
  input.addEventListener('blur', () => {
    if (editable && conflict.hidden) save();
  });
  input.addEventListener('keydown', async (e) => {
    if (e.altKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
      const term = terms[Number(e.code.slice(5)) - 1];
      if (term) {
        e.preventDefault();
        insert(term.en);
      }
      return;
    }
    if (e.altKey && e.shiftKey && ['KeyN', 'KeyT', 'KeyH'].includes(e.code)) {
      e.preventDefault();
      if (e.code === 'KeyH') return togglePanel('history');
      if (!editable) return;
      if (e.code === 'KeyT') return insertNextTerm();
      return insertNextNumber();
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && editable) {
      e.preventDefault();
      const ok = e.shiftKey ? await submitIfDue() : await save();
      if (ok) focusNext(row, e.shiftKey);
    }
  });
  // idle says whether the row holds nothing a placeholder would lose.
  row.idle = () => !checking && pending === 0 && conflict.hidden && panel.hidden && !row.el.contains(document.activeElement) &&
    input.value.trim() === row.clause.target;
  recover(); // before refresh, which forgets what the browser kept when the box matches the server
  refresh();
  requestAnimationFrame(() => fit(input));
  return row;

  // recover brings back text this browser kept unsaved: into the box when
  // the clause is still at the version it was typed on, else into the
  // conflict panel beside the newer text.
  function recover() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      /* unreadable: ignore */
    }
    if (!editable || !kept || kept.text.trim() === row.clause.target) return keep(false);
    if (kept.version === row.clause.version) {
      input.value = kept.text;
      setState('unsaved', t('editor.recovered'));
    } else showConflict(kept.text, row.clause);
  }
}

// replaceDialog is search and replace in the English of a statement, with
// a preview of every change; each clause is saved as a new revision on the
// version shown, so a colleague's newer text is never replaced unseen.
function replaceDialog(getRows, status) {
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

// AUTOSAVE_MS is the pause in typing after which a draft saves itself.
const AUTOSAVE_MS = 4000;

// Browsers without CSS field-sizing grow the box to its text by hand.
const fieldSizing = globalThis.CSS?.supports?.('field-sizing', 'content');
function fit(textarea) {
  if (fieldSizing) return;
  textarea.style.height = 'auto';
  textarea.style.height = textarea.scrollHeight + 2 + 'px';
}

function termTitle(e) {
  return [`${e.zh} → ${e.en} (${t(`status.${e.status}`)})`,
    e.variants?.length ? t('editor.termVariants', { list: e.variants.join(', ') }) : '',
    e.forbidden?.length ? t('editor.termForbidden', { list: e.forbidden.join(', ') }) : '',
    e.note ? t('editor.termNote', { note: e.note }) : ''].filter(Boolean).join('\n');
}

// renderHistory lists a clause's revisions, newest first, with a word
// diff between any two of them and "restore" for earlier texts.
function renderHistory(panel, clause, revisions, restore) {
  clear(panel);
  const texts = revisions.filter((r) => r.action === 'save' || r.action === 'restore');
  const out = h('div', { class: 'diff', 'aria-live': 'polite' });
  const pick = (label, value) => {
    const sel = h('select', { 'aria-label': label }, h('option', { value: 0 }, t('common.empty')), texts.map((r) => h('option', { value: r.version }, `v${r.version} · ${r.author}`)));
    sel.value = value;
    return sel;
  };
  const from = pick(t('history.from'), texts[1]?.version ?? 0);
  const to = pick(t('history.to'), texts[0]?.version ?? 0);
  const compare = async () => {
    clear(out);
    if (Number(to.value) === 0) return;
    try {
      out.append(diffView((await api.diff(clause.id, Number(from.value), Number(to.value))).ops));
    } catch (e) {
      out.append(h('span', { class: 'notice error' }, e.message));
    }
  };
  panel.append(
    h('div', { class: 'filters' }, h('strong', {}, t('history.compare')), from, '→', to, h('button', { type: 'button', class: 'secondary small', onclick: compare }, t('history.show'))),
    out,
    revisions.length === 0 ? h('p', { class: 'muted' }, t('history.none')) : h('ol', { class: 'revisions', reversed: true },
      revisions.map((r) => h('li', { class: `rev rev-${r.action}` },
        h('div', { class: 'rev-head' },
          h('span', { class: 'rev-version' }, `v${r.version}`), ' ', h('span', { class: `status status-${ACTION_STATUS[r.action] || 'draft'}` }, t(`action.${r.action}`)),
          t('history.by', { user: r.author, when: new Date(r.created_at).toLocaleString(locale()) }),
          can('translator') && (r.action === 'save' || r.action === 'restore') && r.text !== clause.target
            ? h('button', { type: 'button', class: 'link restore', onclick: () => restore(r) }, t('history.restore')) : null),
        r.text ? h('p', { class: 'rev-text' }, r.text) : null,
        r.comment ? h('p', { class: 'rev-comment' }, '“', r.comment, '”') : null))));
  compare();
}

const ACTION_STATUS = { submit: 'submitted', approve: 'approved', reject: 'rejected' };

// renderSplit is the form that splits a clause: the caret in the Chinese
// says where, and each part gets its English (all of it stays with the
// first part unless moved).
function renderSplit(panel, clause, english, split, close) {
  clear(panel);
  const chars = [...clause.source];
  // Not readOnly: a read-only box has no caret to move with the keys.
  // Typing is refused instead, so the Chinese stays as it is.
  const zh = h('textarea', { class: 'split-source', lang: 'zh-CN', rows: 2, 'aria-label': t('split.where') });
  zh.value = clause.source;
  zh.addEventListener('beforeinput', (e) => e.preventDefault());
  const at = () => [...zh.value.slice(0, zh.selectionStart)].length; // in characters, as the API counts
  const first = h('textarea', { class: 'split-first', lang: 'en', rows: 2, 'aria-label': t('split.firstEnglish') });
  const second = h('textarea', { class: 'split-second', lang: 'en', rows: 2, 'aria-label': t('split.secondEnglish') });
  first.value = english;
  const preview = h('p', { class: 'muted split-preview', 'aria-live': 'polite' });
  const go = h('button', { type: 'submit', class: 'small' }, t('split.go'));
  const update = () => {
    const n = at();
    const ok = n > 0 && n < chars.length;
    go.disabled = !ok;
    preview.textContent = ok ? t('split.preview', { first: chars.slice(0, n).join(''), second: chars.slice(n).join('') }) : t('split.placeCaret');
  };
  for (const ev of ['select', 'click', 'keyup']) zh.addEventListener(ev, update);
  panel.append(h('form', { class: 'split-form', onsubmit: (e) => {
    e.preventDefault();
    go.disabled = true;
    split(at(), [first.value, second.value]);
  } },
  h('p', { class: 'hint' }, t('split.hint')), zh, preview,
  h('label', {}, t('split.firstEnglish'), first), h('label', {}, t('split.secondEnglish'), second),
  h('div', { class: 'actions' }, go, h('button', { type: 'button', class: 'secondary small', onclick: close }, t('common.cancel')))));
  zh.focus();
  zh.setSelectionRange(0, 0);
  update();
}

// diffView shows a word diff: insertions and deletions marked.
export function diffView(ops) {
  return h('p', { class: 'diff-text' }, ops.map((o) => o.kind === 'insert' ? h('ins', {}, o.text) : o.kind === 'delete' ? h('del', {}, o.text) : o.text));
}

function renderComments(panel, clause, comments, status) {
  clear(panel);
  const text = h('textarea', { class: 'comment-input', rows: 2, 'aria-label': t('comments.new'), placeholder: t('comments.placeholder') });
  panel.append(
    comments.length === 0 ? h('p', { class: 'muted' }, t('comments.none')) : h('ul', { class: 'comments' },
      comments.map((c) => h('li', {}, h('strong', {}, c.author), h('span', { class: 'muted' }, ` ${new Date(c.created_at).toLocaleString(locale())}`), h('p', { class: 'comment-text' }, c.text)))),
    can('translator') ? h('form', { class: 'comment-form', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api.addComment(clause.id, text.value);
        renderComments(panel, clause, (await api.comments(clause.id)).comments, status);
      } catch (err) {
        show(status, 'error', t('comments.failed', { error: err.message }));
      }
    } }, text, h('button', { type: 'submit', class: 'small' }, t('comments.add'))) : null);
}
