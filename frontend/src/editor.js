import { api, exportURL, analysisURL, can, listen, session } from './base/api.js';
import { countsSummary } from './base/counts.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { kinds, findingView } from './base/findings.js';
import { keyName } from './base/keys.js';
import { t } from './base/i18n.js';
import { NUMBERING_STYLES } from './base/numbering.js';
import { sidePanel } from './editor/sidepanel.js';
import { clauseRow, withComment } from './editor/actions.js';
import { STATUS_ICON } from './editor/row.js';
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
  const editable = can('translator');
  // The active row: the one whose box has (or last had) the focus. It
  // alone shows its controls; it stays active while the focus is in the
  // side panel or a dialog.
  let active = null;
  // The side panel inserts into the clause last edited.
  let lastInput = null;
  grid.addEventListener('focusin', (e) => {
    const r = rows.find((x) => x.el.contains(e.target));
    if (r && r !== active) {
      active?.el.classList.remove('active');
      active = r;
    }
    r?.el.classList.add('active');
    r?.activated?.();
    if (!e.target.matches('textarea.target') || e.target === lastInput) return;
    lastInput = e.target;
    if (r) panel.showMatches(r.clause);
  });
  const panel = sidePanel((text) => {
    if (!lastInput || lastInput.readOnly) return show(status, 'info', t('editor.clickFirst'));
    const { selectionStart: a, selectionEnd: b, value } = lastInput;
    lastInput.value = value.slice(0, a) + text + value.slice(b);
    lastInput.focus();
    lastInput.dispatchEvent(new Event('input'));
  });
  // JUMPS are the "next clause that…" moves: key (Alt+Shift+letter), and
  // what the clause must be.
  const JUMPS = {
    untranslated: ['KeyU', (r) => r.clause.target === '' && r.clause.status === 'untranslated'],
    draft: ['KeyD', (r) => r.clause.status === 'draft'],
    rejected: ['KeyR', (r) => r.clause.status === 'rejected'],
    findings: ['KeyQ', (r) => r.kinds.length > 0],
    comments: ['KeyC', (r) => (r.clause.open_comments ?? r.clause.comments ?? 0) > 0],
  };
  const onKey = (e) => {
    if (!document.body.contains(grid)) return document.removeEventListener('keydown', onKey);
    const jump = e.altKey && e.shiftKey && !e.ctrlKey && Object.keys(JUMPS).find((k) => JUMPS[k][0] === e.code);
    if (e.ctrlKey && e.shiftKey && e.code === 'KeyF') {
      e.preventDefault();
      panel.focusSearch(getSelection().toString().trim());
    } else if (e.ctrlKey && !e.shiftKey && !e.altKey && e.code === 'KeyG') {
      e.preventDefault();
      goTo.focus();
      goTo.select();
    } else if (jump) {
      e.preventDefault();
      jumpTo(jump);
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
    ['untranslated', 'draft', 'translated', 'submitted', 'approved', 'rejected'].map((st) => h('option', { value: st }, t(`status.${st}`))));
  const fFindings = h('select', { 'aria-label': t('editor.findings'), onchange: () => applyFilter() }, h('option', { value: '' }, t('editor.findingsAny')),
    h('option', { value: 'some' }, t('editor.withFindings')), h('option', { value: 'none' }, t('editor.withoutFindings')), Object.entries(kinds()).map(([k, v]) => h('option', { value: k }, v)));
  const fWho = h('select', { 'aria-label': t('editor.translator'), onchange: () => applyFilter() }, h('option', { value: '' }, t('editor.anyone')));
  const fComments = h('input', { type: 'checkbox', onchange: () => applyFilter() });
  const fText = h('input', { type: 'search', 'aria-label': t('editor.textLabel'), placeholder: t('editor.textPlaceholder'), oninput: () => applyFilter() });
  const shown = h('span', { class: 'muted', 'aria-live': 'polite' });
  const helpButton = h('button', { type: 'button', class: 'secondary small', onclick: () => help.showModal(), title: t('editor.shortcutsTitle') }, t('editor.shortcutsButton'));
  const replace = replaceDialog(() => rows, status);
  const replaceButton = editable ? h('button', { type: 'button', class: 'secondary small', onclick: () => replace.open() }, t('editor.replaceButton')) : null;
  const clearFilters = () => {
    fText.value = fStatus.value = fFindings.value = fWho.value = '';
    fComments.checked = false;
    applyFilter();
  };
  const filterBar = h('form', { class: 'filters editor-filters', id: `filters-${id}`, hidden: true, onsubmit: (e) => e.preventDefault() },
    fText, fStatus, fFindings, fWho, h('label', { class: 'check' }, fComments, ' ', t('grid.withComments')), shown,
    h('button', { type: 'button', class: 'link', onclick: clearFilters }, t('grid.clearFilters')));
  const emptyFilter = h('p', { class: 'empty empty-filter', hidden: true, role: 'status' });
  const help = h('dialog', { class: 'help', 'aria-label': t('editor.shortcuts') },
    h('h2', {}, t('editor.shortcuts')),
    h('table', {}, h('tbody', {}, SHORTCUTS().map(([keys, what]) => h('tr', {}, h('td', {}, keys.split(' ').map((k) => [h('kbd', {}, keyName(k)), ' '])), h('td', {}, what))))),
    h('form', { method: 'dialog' }, h('button', { type: 'submit' }, t('common.close'))));
  const tmxLink = h('a', { class: 'button secondary', download: '' }, t('editor.exportTMX'));
  const csvLink = h('a', { class: 'button secondary', download: '' }, t('editor.exportCSV'));
  const xliffLink = h('a', { class: 'button secondary', download: '', title: t('editor.xliffTitle') }, t('editor.exportXLIFF'));
  // The English document (text, HTML, DOCX) and the bilingual DOCX, and
  // the preview of the English beside the Chinese (issue 18).
  const docLinks = [['text', t('docout.text')], ['html', t('docout.html')], ['docx', t('docout.docx')], ['bilingual-docx', t('docout.bilingual')]]
    .map(([format, label]) => h('a', { class: 'button secondary docout-link', download: '', 'data-format': format, title: t('docout.linkTitle') }, label));
  const previewLink = h('a', { class: 'button secondary preview-link' }, t('docout.preview'));
  const drafts = h('input', { type: 'checkbox', class: 'export-drafts', onchange: () => links() });
  const links = () => {
    tmxLink.href = exportURL('tmx', id, drafts.checked);
    csvLink.href = exportURL('csv', id, drafts.checked);
    xliffLink.href = exportURL('xliff', id, drafts.checked);
    for (const a of docLinks) a.href = exportURL(a.dataset.format, id, drafts.checked);
    previewLink.href = `#/documents/${id}/preview${drafts.checked ? '?drafts=1' : ''}`;
  };
  links();
  // The bar: go to clause N, jump to the next clause that…, filters,
  // details (meta, exports, hint) behind toggles.
  const goTo = h('input', { type: 'number', class: 'goto', min: 1, 'aria-label': t('grid.goTo'), placeholder: t('grid.goToPlaceholder'), title: t('grid.goToTitle'),
    onkeydown: (e) => {
      if (e.key !== 'Enter') return;
      e.preventDefault();
      const n = Number(goTo.value);
      const r = rows.find((x) => x.clause.index + 1 >= n);
      if (!n || !r) return show(status, 'info', t('grid.noClauseN', { n: goTo.value }));
      if (r.el.hidden) clearFilters();
      r.focus();
      goTo.value = '';
    } });
  const jumpMenu = h('select', { class: 'jump-menu', 'aria-label': t('grid.jumpLabel'), onchange: () => {
    const what = jumpMenu.value;
    jumpMenu.value = '';
    if (what) jumpTo(what);
  } }, h('option', { value: '' }, t('grid.jumpLabel')), Object.keys(JUMPS).map((k) => h('option', { value: k }, t(`grid.jump.${k}`))));
  const toggle = (button, target) => {
    const open = target.hidden;
    target.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  const filterToggle = h('button', { type: 'button', class: 'secondary small filter-toggle', 'aria-expanded': 'false', 'aria-controls': `filters-${id}`, onclick: () => toggle(filterToggle, filterBar) }, t('grid.filter'));
  const details = h('div', { class: 'head-details', id: `details-${id}`, hidden: true });
  const counts = h('p', { class: 'muted counts' }); // issue 18: filled when the details open
  const detailsToggle = h('button', { type: 'button', class: 'secondary small details-toggle', 'aria-expanded': 'false', 'aria-controls': `details-${id}`, onclick: () => {
    toggle(detailsToggle, details);
    if (!details.hidden) showCounts(counts, id);
  } }, t('grid.details'));
  const submitMineButton = editable ? h('button', { type: 'button', class: 'small submit-mine', title: t('grid.submitMineTitle'), onclick: () => submitMine(false) }, t('grid.submitMine')) : null;
  const findingsDialog = h('dialog', { class: 'modal open-findings', 'aria-labelledby': `findings-head-${id}` });
  app.append(status);

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
  const title = h('h1', { lang: 'zh-CN', class: 'doc-heading', title: doc.title }, doc.title);
  const showHeading = () => {
    title.textContent = title.title = doc.title;
    metaText.textContent = [doc.english_title && t('editor.englishTitleIs', { title: doc.english_title }), doc.date && t('editor.published', { date: doc.date }), doc.signed_date && (doc.signed_place ? t('editor.signedIn', { date: doc.signed_date, place: doc.signed_place }) : t('editor.signed', { date: doc.signed_date })), doc.source_name && t('editor.from', { source: doc.source_name })].filter(Boolean).join(' · ');
    clear(heading);
    if (editable) heading.append(h('button', { type: 'button', class: 'link edit-title', onclick: editHeading }, t('editor.editTitle')));
  };
  function editHeading() {
    const titleInput = h('input', { class: 'title-input', lang: 'zh-CN', value: doc.title, 'aria-label': t('editor.title'), maxlength: 500 });
    const date = h('input', { type: 'date', value: doc.date, 'aria-label': t('editor.date') });
    // The title of the English document (exports, preview); empty: the Chinese title.
    const englishTitle = h('input', { class: 'title-input english-title-input', lang: 'en', value: doc.english_title || '', 'aria-label': t('editor.englishTitle'), placeholder: t('editor.englishTitlePlaceholder'), title: t('editor.englishTitleHint'), maxlength: 500 });
    clear(heading);
    heading.append(h('form', { class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      try {
        Object.assign(doc, await api.updateDocument(id, titleInput.value, date.value, englishTitle.value));
        document.title = `${doc.title} · Zhen`;
        showHeading();
      } catch (err) {
        show(status, 'error', t('editor.titleFailed', { error: err.message }));
      }
    } }, titleInput, englishTitle, date, h('button', { type: 'submit', class: 'small' }, t('common.save')), h('button', { type: 'button', class: 'secondary small', onclick: showHeading }, t('common.cancel'))));
    titleInput.focus();
  }
  showHeading();
  // The English of the statement's numbering markers (一、 （一）): its own
  // style or the corpus default. The server rewrites the markers and says
  // so by an event, which redraws their badges.
  const numbering = h('select', { class: 'numbering-style', 'aria-label': t('grid.numbering'), disabled: !editable, onchange: async () => {
    try {
      Object.assign(doc, await api.setNumberingStyle(id, numbering.value));
      show(status, 'ok', t('grid.numberingSaved'));
    } catch (err) {
      numbering.value = doc.numbering_style || '';
      show(status, 'error', t('settings.numberingFailed', { error: err.message }));
    }
  } }, h('option', { value: '' }, t('grid.numberingDefault')), NUMBERING_STYLES.map((st) => h('option', { value: st }, t(`numbering.${st}`))));
  numbering.value = doc.numbering_style || '';
  api.settings().then((st) => { numbering.options[0].textContent = t('grid.numberingDefaultIs', { style: t(`numbering.${st.numbering_style}`) }); }, () => {});
  details.append(
    h('p', { class: 'muted meta' }, metaText), heading, counts,
    h('label', { class: 'numbering' }, t('grid.numbering'), ' ', numbering),
    h('div', { class: 'actions' },
      editable ? h('a', { class: 'button secondary', href: `#/documents/${id}/align` }, t('editor.align')) : null,
      can('reviewer') ? h('a', { class: 'button secondary assign-link', href: `#/work?document=${id}` }, t('work.assignThis')) : null,
      h('a', { class: 'button secondary discovered-link', href: `#/discovered?document=${id}` }, t('editor.discovered')),
      tmxLink, csvLink, xliffLink,
      h('label', { class: 'check', title: t('editor.draftsTitle') }, drafts, ' ', t('editor.includeDrafts'))),
    h('div', { class: 'actions docout-links', role: 'group', 'aria-label': t('docout.group') }, h('span', { class: 'muted' }, t('docout.group')), previewLink, docLinks),
    editable
      ? h('p', { class: 'hint' }, t('grid.hint1'), h('kbd', {}, keyName('Ctrl')), '+', h('kbd', {}, keyName('Enter')), t('grid.hint2'),
        h('kbd', {}, keyName('Ctrl')), '+', h('kbd', {}, keyName('Shift')), '+', h('kbd', {}, keyName('Enter')), t('editor.hint3'),
        t('editor.hint4'), h('kbd', {}, keyName('Alt')), '+', h('kbd', {}, '1'), '…', h('kbd', {}, '9'), t('editor.hint5'))
      : h('p', { class: 'hint' }, t('editor.viewerHint')));
  app.append(
    h('section', { class: 'editor-head', 'aria-label': t('grid.headLabel') },
      h('div', { class: 'bar' },
        h('a', { class: 'back', href: '#/', title: t('editor.allDocuments') }, '←'),
        title, progress,
        h('span', { class: 'spacer' }),
        goTo, jumpMenu, filterToggle, replaceButton, submitMineButton, detailsToggle, helpButton),
      details, filterBar),
    h('div', { class: 'editor-body' }, h('div', { class: 'grid-wrap' }, grid, emptyFilter), panel.el),
    help, replace.el, findingsDialog);

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
  // Numbering markers (heading clauses: 一、 （一）) are not rows to type
  // into: each is a badge at the start of the clause after it.
  const work = clauses.filter((c) => c.kind !== 'heading');
  const markerOf = new Map();
  clauses.forEach((c, i) => {
    if (c.kind === 'heading' && clauses[i + 1] && clauses[i + 1].kind !== 'heading') markerOf.set(clauses[i + 1].id, c);
  });
  // After a split or merge (here or by someone else), the statement is
  // shown again: what was typed and not saved comes back from this
  // browser's copy (see recover).
  const reshow = (focusId) => renderEditor(app, id, focusId);
  const makeRow = (c) => {
    const r = clauseRow(c, {
      despiteFindings: (findings) => askDespite(findings),
      status,
      unsaved,
      onSaved: (saved) => {
        updateProgress();
        refreshQA([saved.id]);
      },
      focusNext: (real, untranslated) => {
        const item = rowOf(real);
        (untranslated ? item?.nextUntranslated() ?? item?.nextShown() : item?.nextShown())?.focus();
      },
      next: (real) => clauses[clauses.findIndex((x) => x.id === real.clause.id) + 1],
      changed: reshow,
    });
    r.view.showMarker(markerOf.get(c.id));
    return r;
  };
  const rows = virtualRows(work, makeRow, grid, (c) => markerOf.get(c.id));
  const rowOf = (real) => rows.find((x) => x.real === real);
  const byId = new Map(rows.map((r) => [r.clause.id, r]));
  const markerById = new Map([...markerOf.values()].map((m) => [m.id, m]));
  // renumber redraws the markers' badges after a numbering style change
  // (this statement's or the corpus default): only the markers changed,
  // so the grid and what is typed in it stay.
  async function renumber() {
    try {
      Object.assign(doc, await api.document(id));
      numbering.value = doc.numbering_style || '';
      for (let offset = 0; offset < clauses.length; offset += PAGE) {
        for (const c of (await api.clauses(id, offset, PAGE)).clauses) {
          const m = markerById.get(c.id);
          if (!m) continue;
          Object.assign(m, c);
          const after = [...markerOf].find(([, x]) => x === m)?.[0];
          byId.get(after)?.real?.view.showMarker(m);
        }
      }
    } catch (err) {
      show(status, 'error', t('editor.docFailed', { error: err.message }));
    }
  }
  // Others' changes appear as they happen; a missed batch reloads the rows
  // that nobody is typing in.
  let qaTimer = null;
  const remoteChanged = new Set(); // clauses others changed, their QA not asked for yet
  listen((ev) => {
    if (ev.type === 'glossary' || ev.type === 'findings') return refreshQA();
    if (ev.type === 'document') {
      if (ev.document_id !== id || !document.body.contains(grid)) return;
      if (ev.action === 'numbering') return renumber();
      const focused = rows.find((x) => x.el.contains(document.activeElement)) || active;
      reshow(focused?.clause.id || 0);
      return;
    }
    const marker = markerById.get(ev.clause_id);
    if (marker && ev.data) {
      // A marker's English changed (a numbering style): its badge follows.
      Object.assign(marker, ev.data);
      const after = [...markerOf].find(([, m]) => m === marker)?.[0];
      byId.get(after)?.real?.view.showMarker(marker);
      return;
    }
    const r = byId.get(ev.clause_id);
    if (!r) return;
    if (ev.type === 'comment') return r.commentAdded(ev.action);
    if (r.remote(ev.data, ev.actor, ev.action)) {
      updateProgress();
      applyFilter();
      remoteChanged.add(ev.clause_id);
      clearTimeout(qaTimer);
      qaTimer = setTimeout(() => {
        const ids = [...remoteChanged];
        remoteChanged.clear();
        refreshQA(ids);
      }, 300);
    }
  }, async () => {
    for (let offset = 0; offset < clauses.length; offset += PAGE) {
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
  rows.forEach((r, i) => {
    r.nextShown = () => rows.slice(i + 1).find((x) => !x.el.hidden);
    r.prevShown = () => rows.slice(0, i).reverse().find((x) => !x.el.hidden);
    r.nextUntranslated = () => rows.slice(i + 1).find((x) => !x.el.hidden && x.clause.target === '');
  });
  applyFilter();
  // The statement opens on the clause of the link, else on the first one
  // without English, its box ready to type in.
  const start = (focusClause && rows.find((x) => x.clause.id === focusClause)) || rows.find((x) => x.clause.target === '') || rows[0];
  start?.focus();
  await refreshQA();

  // jumpTo focuses the next clause (after the active one, then from the
  // top) that is what JUMPS[what] says, clearing filters that hide it.
  function jumpTo(what) {
    const test = JUMPS[what][1];
    const from = active ? rows.indexOf(active) : -1;
    const r = rows.slice(from + 1).find(test) || rows.slice(0, from + 1).find(test);
    if (!r) return show(status, 'info', t(`grid.none.${what}`));
    if (r.el.hidden) clearFilters();
    r.focus();
  }

  // submitMine submits every clause of the statement this translator
  // confirmed or, while a filter is on, the clauses shown that can be
  // submitted (a selection). With open findings the server says which,
  // and a dialog offers to submit anyway.
  async function submitMine(despite) {
    const chosen = selection();
    try {
      const res = chosen ? await api.submitMany(chosen.map((c) => ({ id: c.id, version: c.version })), despite) : await api.submitMine(id, despite);
      for (const c of res.submitted || []) byId.get(c.id)?.remote(c, session.user?.username || '', 'submit');
      updateProgress();
      applyFilter();
      const skipped = res.skipped?.length || 0;
      show(status, res.submitted?.length ? 'ok' : 'info', res.submitted?.length || skipped
        ? t('grid.submittedMine', { n: res.submitted?.length || 0, skipped })
        : t('grid.nothingToSubmit'));
    } catch (e) {
      if (e.status === 409 && e.body?.error?.code === 'open_findings') {
        if (await askDespite(e.body.findings || [])) return submitMine(true);
        return;
      }
      show(status, 'error', t('grid.submitMineFailed', { error: e.message }));
    }
  }
  // selection is the clauses a filter shows that can be submitted (with
  // English, draft or translated or rejected), or null with no filter on.
  function selection() {
    if (!rows.some((r) => r.el.hidden)) return null;
    return rows.filter((r) => !r.el.hidden && r.clause.target && ['draft', 'translated', 'rejected'].includes(r.clause.status)).map((r) => r.clause);
  }
  // askDespite lists open findings and resolves true if the translator
  // submits anyway, false if they cancel (or close the dialog).
  function askDespite(findings) {
    return new Promise((resolve) => {
      clear(findingsDialog);
      const indexOf = (f) => (byId.get(f.clause_id)?.clause.index ?? f.index ?? -1) + 1;
      const done = (answer) => {
        findingsDialog.onclose = null;
        findingsDialog.close();
        resolve(answer);
      };
      findingsDialog.onclose = () => resolve(false);
      findingsDialog.append(
        h('h2', { id: `findings-head-${id}` }, t('grid.openFindingsHead', { n: findings.length })),
        h('p', {}, t('grid.openFindingsText')),
        h('ul', { class: 'open-findings-list' }, findings.map((f) => h('li', {},
          h('button', { type: 'button', class: 'link', onclick: () => {
            done(false);
            byId.get(f.clause_id)?.focus();
          } }, t('grid.clauseN', { n: indexOf(f) })), ' ',
          findingView(f)))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'submit-anyway', onclick: () => done(true) }, t('grid.submitAnyway')),
          h('button', { type: 'button', class: 'secondary', onclick: () => done(false) }, t('common.cancel'))));
      findingsDialog.showModal();
    });
  }

  // Hits and findings: for the clauses changed (ids) and those with the
  // same Chinese in the statement, whose "same Chinese, other English"
  // findings a save changes too; without ids, the whole statement, a page
  // at a time.
  async function refreshQA(ids) {
    try {
      const answers = ids ? [await api.documentQA(id, { around: ids.slice(0, PAGE) })]
        : await Promise.all(Array.from({ length: Math.ceil(rows.length / PAGE) || 1 }, (_, k) => api.documentQA(id, { offset: k * PAGE, limit: PAGE })));
      for (const qa of answers) {
        const byClause = {};
        for (const f of qa.findings) (byClause[f.clause_id] ||= []).push(f);
        for (const cid of qa.clauses) {
          const r = byId.get(cid);
          if (!r) continue;
          r.setHits(qa.hits[cid] || []);
          if (!r.typing()) r.setFindings(byClause[cid] || []);
        }
      }
      applyFilter();
    } catch (e) {
      show(status, 'error', t('editor.qaFailed', { error: e.message }));
    }
  }

  function updateProgress() {
    // Translated is what the translator confirmed (and what went on from
    // there); a draft is English not confirmed yet.
    const done = rows.filter((r) => ['translated', 'submitted', 'approved'].includes(r.clause.status)).length;
    const drafts = rows.filter((r) => r.clause.status === 'draft').length;
    const approved = rows.filter((r) => r.clause.approved_target !== '').length;
    progress.textContent = t('editor.progress', { done, total: rows.length, approved }) + (drafts ? t('grid.progressDrafts', { n: drafts }) : '');
  }
  function applyFilter() {
    const text = fText.value.trim().toLowerCase();
    let n = 0;
    for (const r of rows) {
      const c = r.clause;
      const ok = (!fStatus.value || c.status === fStatus.value) &&
        (!fWho.value || c.updated_by === fWho.value) &&
        (!fComments.checked || (c.open_comments ?? c.comments ?? 0) > 0) &&
        (!fFindings.value || (fFindings.value === 'some' ? r.kinds.length > 0 : fFindings.value === 'none' ? r.kinds.length === 0 : r.kinds.includes(fFindings.value))) &&
        (!text || c.source.toLowerCase().includes(text) || c.target.toLowerCase().includes(text));
      r.el.hidden = !ok;
      if (ok) n++;
    }
    const filtered = n !== rows.length;
    shown.textContent = filtered ? t('editor.shownCount', { n, total: rows.length }) : t('editor.clauseCount', { n });
    filterToggle.classList.toggle('on', filtered);
    filterToggle.textContent = filtered ? t('grid.filterOn', { n }) : t('grid.filter');
    // With a filter on, the submit button submits what it shows.
    if (submitMineButton) {
      const chosen = filtered ? selection() : null;
      submitMineButton.textContent = chosen ? t('grid.submitShown', { n: chosen.length }) : t('grid.submitMine');
      submitMineButton.title = chosen ? t('grid.submitShownTitle') : t('grid.submitMineTitle');
      submitMineButton.disabled = !!chosen && chosen.length === 0;
    }
    if (filtered && filterBar.hidden) toggle(filterToggle, filterBar);
    // An empty result says so, and how to get the clauses back.
    emptyFilter.hidden = n > 0 || rows.length === 0;
    clear(emptyFilter);
    if (n === 0 && rows.length) {
      const what = [fText.value.trim() && `“${fText.value.trim()}”`, fStatus.value && t(`status.${fStatus.value}`), fFindings.value && fFindings.selectedOptions[0].textContent, fWho.value, fComments.checked && t('grid.withComments')].filter(Boolean).join(', ');
      emptyFilter.append(t('grid.noMatch', { what }), ' ', h('button', { type: 'button', class: 'link clear-filter', onclick: clearFilters }, t('grid.clearFilters')));
    }
  }
}

// placeActive scrolls the page so that a row's top is in the upper third
// of the window, below the sticky bar: the clauses after it stay in view.
export function placeActive(el) {
  const bar = document.querySelector('.editor-head')?.getBoundingClientRect().bottom ?? 0;
  const top = el.getBoundingClientRect().top;
  const want = Math.max(bar + 8, Math.round(innerHeight * 0.25));
  if (Math.abs(top - want) > 4) scrollBy({ top: top - want, behavior: 'instant' });
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
function virtualRows(clauses, make, grid, markerOf) {
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
        swap(placeholder(clause, markerOf(clause)));
        return true;
      },
      commentAdded(action) {
        if (real) return real.commentAdded(action);
        clause = withComment(clause, action);
      },
      activated() {
        real?.activated();
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
        swap(placeholder(clause, markerOf(clause)));
      },
      focus() {
        const r = item.build();
        r.el.querySelector('textarea.target').focus({ preventScroll: true });
        placeActive(r.el);
      },
    };
    if (virtual) swap(placeholder(c, markerOf(c)));
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
function placeholder(c, marker) {
  return h('div', { class: `row placeholder kind-${c.kind}`, role: 'row', dataset: { clauseId: c.id, index: c.index, status: c.status } },
    h('div', { class: 'idx', role: 'cell' }, c.index + 1),
    h('div', { class: 'source-cell source', role: 'cell', lang: 'zh-CN' }, marker ? h('span', { class: 'marker' }, marker.source.trim(), marker.target ? ` ${marker.target}` : '') : null, c.source),
    h('div', { class: 'target-cell target-text', role: 'cell', lang: 'en' }, c.target),
    h('div', { class: 'icons', role: 'cell' }, h('span', { class: `status status-${c.status}`, title: t(`status.${c.status}`) },
      STATUS_ICON[c.status] || '', h('span', { class: 'status-label' }, t(`status.${c.status}`)))));
}

// SHORTCUTS lists the keys and what they do, in the language shown.
const SHORTCUTS = () => [
  ['Ctrl Enter', t('grid.shortcut.confirm')],
  ['Ctrl Shift Enter', t('shortcut.submit')],
  ['Alt ↓', t('shortcut.next')],
  ['Ctrl G', t('grid.shortcut.goTo')],
  ['Alt Shift U', t('grid.jump.untranslated')],
  ['Alt Shift D', t('grid.jump.draft')],
  ['Alt Shift R', t('grid.jump.rejected')],
  ['Alt Shift Q', t('grid.jump.findings')],
  ['Alt Shift C', t('grid.jump.comments')],
  ['Ctrl Z', t('grid.shortcut.undo')],
  ['Ctrl Shift Z', t('grid.shortcut.redo')],
  ['Alt 1…9', t('shortcut.term')],
  ['Alt Shift T', t('shortcut.nextTerm')],
  ['Alt Shift N', t('shortcut.numbers')],
  ['Alt Shift H', t('shortcut.history')],
  ['Alt Shift 1…5', t('shortcut.memory')],
  ['Ctrl Shift F', t('shortcut.search')],
  ['?', t('shortcut.help')],
  ['Esc', t('shortcut.close')],
];

// showCounts fills the details' line of counts (issue 18): characters,
// words, clauses by status, and a link to the statement's leverage
// analysis.
async function showCounts(el, id) {
  try {
    const r = await api.stats(id);
    clear(el);
    el.append(countsSummary(r.total), ' ', h('a', { href: analysisURL(id), download: '', class: 'analysis-link', title: t('counts.analysisTitle') }, t('counts.analysis')));
  } catch (e) {
    el.textContent = t('counts.failed', { error: e.message });
  }
}
