import { api, exportURL, can, listen } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { kinds } from './base/findings.js';
import { keyName } from './base/keys.js';
import { t } from './base/i18n.js';
import { sidePanel } from './editor/sidepanel.js';
import { clauseRow } from './editor/actions.js';
import { replaceDialog } from './editor/replace.js';

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
  const makeRow = (c) => clauseRow(c, {
    status,
    unsaved,
    onSaved: () => {
      updateProgress();
      refreshQA();
    },
    focusNext: (r, untranslated) => {
      const item = rowOf(r);
      (untranslated ? item?.nextUntranslated() ?? item?.nextShown() : item?.nextShown())?.focus();
    },
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
    if (ev.type === 'glossary' || ev.type === 'findings') return refreshQA();
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
