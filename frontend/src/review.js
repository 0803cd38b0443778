import { api, can, session, listen } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t, locale } from './base/i18n.js';
import { findingView, kinds } from './base/findings.js';
import { diffView } from './base/diff.js';
import { trackedView } from './base/tracked.js';
import { keyName } from './base/keys.js';

// A page of the review queue, and the most a reload asks for at once (the
// server's largest page).
const queuePage = 100;
const maxQueuePage = 500;

// The review queue: submitted clauses across statements, with what a
// reviewer needs to judge each (the Chinese, the English proposed, what it
// replaces, open findings, alternatives), approve/reject by keyboard, a
// bulk approval for the clean ones, and live updates from others.
// #/review?document=ID&translator=NAME&kind=KIND|none&all=1
// A reviewer with assignments sees the statements (ranges) they are
// assigned to review first, with a switch to show all (all=1).
export async function renderReview(app, params) {
  document.title = t('review.pageTitle');
  clear(app);
  const reviewer = can('reviewer');
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const bulkResult = h('div', { class: 'notice bulk-result', role: 'status', hidden: true });
  const summary = h('div', { class: 'review-summary' });
  const list = h('div', { class: 'review-list', 'aria-label': t('review.listLabel') }, h('p', { class: 'muted' }, t('review.loading')));
  const count = h('span', { class: 'muted review-count' });
  const docSel = h('select', { name: 'document', 'aria-label': t('review.statement') }, h('option', { value: '' }, t('review.allStatements')));
  const transSel = h('select', { name: 'translator', 'aria-label': t('editor.translator') }, h('option', { value: '' }, t('review.allTranslators')));
  const kindSel = h('select', { name: 'kind', 'aria-label': t('editor.findings') },
    h('option', { value: '' }, t('review.anyFindings')), h('option', { value: 'none' }, t('editor.withoutFindings')),
    Object.entries(kinds()).map(([k, v]) => h('option', { value: k }, t('review.withKind', { kind: v }))));
  const bulkBtn = reviewer ? h('button', { type: 'button', class: 'bulk-approve', onclick: () => bulkApprove(), disabled: true }, t('review.bulk', { n: 0 })) : null;
  // The switch between the reviewer's assignments and the whole queue
  // (issue 18): shown when they have assignments to review.
  const assignedBar = h('p', { class: 'assigned-switch', hidden: true });
  const root = h('div', { class: 'review' },
    h('section', { class: 'page-head' }, h('div', {}, h('h1', {}, t('review.heading')), count), h('div', { class: 'actions' }, bulkBtn)),
    summary,
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() }, docSel, transSel, kindSel),
    assignedBar,
    shortcutsHint(reviewer),
    status, bulkResult, list);
  app.append(root);

  const filter = { document: params.get('document') || '', translator: params.get('translator') || '', kind: params.get('kind') || '' };
  let assignedCount = 0; // the caller's assignments as reviewer
  let showAll = params.get('all') === '1';
  const assignedOnly = () => assignedCount > 0 && !showAll;
  kindSel.value = filter.kind;
  let docs = [];
  let all = []; // the queue's pages loaded so far, for the filters
  let total = 0; // how many wait under the filters
  let more = null; // the "Show more" button, when not all are loaded
  let shown = []; // views in order, after the translator filter
  const views = new Map(); // clause id → view
  const headings = new Map(); // document id → heading element
  const lastEvent = new Map(); // clause id → the latest event from someone else
  let selectedId = 0;
  let selectedIndex = 0;
  let loadSeq = 0;
  let loadTimer = null;

  for (const el of [docSel, transSel, kindSel]) el.addEventListener('change', () => {
    filter.document = docSel.value;
    filter.translator = transSel.value;
    filter.kind = kindSel.value;
    updateURL();
    bulkResult.hidden = true;
    load();
  });

  function updateURL() {
    const q = new URLSearchParams(Object.entries({ ...filter, all: showAll ? '1' : '' }).filter(([, v]) => v));
    history.replaceState(null, '', '#/review' + (q.size ? '?' + q : ''));
  }

  async function loadAssigned() {
    if (!reviewer) return;
    try {
      const me = session.user?.username;
      assignedCount = (await api.assignments({ mine: 1 })).assignments.filter((a) => a.reviewer === me).length;
    } catch {
      assignedCount = 0; // the whole queue, as before
    }
    renderAssignedBar();
  }

  function renderAssignedBar() {
    clear(assignedBar);
    assignedBar.hidden = assignedCount === 0;
    if (!assignedCount) return;
    const toggle = h('button', { type: 'button', class: 'secondary small show-all', 'aria-pressed': String(showAll), onclick: () => {
      showAll = !showAll;
      updateURL();
      renderAssignedBar();
      load();
    } }, showAll ? t('review.onlyAssigned') : t('review.showAllAssigned'));
    assignedBar.append(h('span', { class: 'muted' }, showAll ? t('review.showingAll') : t('review.showingAssigned', { n: assignedCount })), ' ', toggle);
  }

  // Others' approvals, rejections and edits show up as they happen: an
  // event about a listed clause (or a new submission, or a glossary change
  // that moves findings) reloads the queue.
  listen((ev) => {
    if (!root.isConnected) return;
    if (ev.type === 'glossary' || ev.type === 'findings') return scheduleLoad();
    if (ev.type !== 'clause') return;
    if (ev.actor !== session.user?.username) lastEvent.set(ev.clause_id, ev);
    if (views.has(ev.clause_id) || ev.data?.status === 'submitted') scheduleLoad();
  }, () => scheduleLoad());
  document.addEventListener('keydown', onKey);

  await Promise.all([loadDocs(), loadAssigned()]);
  await load();

  function scheduleLoad() {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => root.isConnected && load(), 150);
  }

  async function loadDocs() {
    try {
      docs = (await api.documents()).documents;
    } catch (e) {
      show(status, 'error', t('review.docsFailed', { error: e.message }));
      return;
    }
    if (docSel.options.length === 1) {
      for (const d of docs) docSel.append(h('option', { value: d.id }, `${d.date || ''} ${d.title}`.trim()));
    }
    docSel.value = filter.document;
    if (docSel.value !== filter.document) {
      // A link to a statement that is not there (any more).
      show(status, 'error', t('review.noStatement', { id: filter.document }));
      filter.document = '';
    }
    renderSummary();
  }

  function renderSummary() {
    clear(summary);
    if (!docs.length) return;
    const pct = (n, total) => (total ? Math.round((100 * n) / total) : 0);
    const bar = (n, total, what) => h('span', { class: 'bar' },
      h('progress', { max: total || 1, value: n, 'aria-label': t(`progress.${what}`, { pct: pct(n, total) }), title: t(`progress.${what}Title`, { n, total }) }),
      h('span', { class: 'pct' }, `${pct(n, total)}%`));
    summary.append(h('table', { class: 'progress-table' },
      h('caption', { class: 'visually-hidden' }, t('review.progressCaption')),
      h('thead', {}, h('tr', {}, h('th', {}, t('review.statement')), h('th', {}, t('docs.colTranslated')), h('th', {}, t('docs.colApproved')), h('th', { class: 'num' }, t('review.colWaiting')))),
      h('tbody', {}, docs.map((d) => h('tr', { class: String(d.id) === filter.document ? 'current' : '', dataset: { documentId: d.id } },
        h('td', { class: 'title' }, h('a', { href: `#/documents/${d.id}`, lang: 'zh-CN', title: d.title }, d.title)),
        h('td', {}, bar(d.translated, d.clauses, 'translated')),
        h('td', {}, bar(d.approved, d.clauses, 'approved')),
        h('td', { class: 'num waiting' }, d.submitted
          ? h('a', { href: `#/review?document=${d.id}`, title: t('review.onlyThis') }, d.submitted)
          : '0'))))));
  }

  // The queue is read a page at a time (an archive's may hold thousands);
  // a reload reads again as many as were shown.
  function queue(offset, limit) {
    return api.reviewQueue({ document: filter.document, translator: filter.translator, kind: filter.kind,
      assigned: assignedOnly() ? '1' : '', offset: offset || '', limit });
  }

  async function load() {
    const seq = ++loadSeq;
    let res;
    try {
      [res] = await Promise.all([queue(0, Math.min(Math.max(queuePage, all.length), maxQueuePage)), refreshDocs()]);
    } catch (e) {
      if (seq !== loadSeq) return;
      show(status, 'error', t('review.failed', { error: e.message }));
      return;
    }
    if (seq !== loadSeq || !root.isConnected) return;
    all = res.clauses;
    total = res.total;
    fillTranslators(res.translators);
    render();
  }

  async function loadMore() {
    const seq = ++loadSeq;
    if (more) more.disabled = true;
    let res;
    try {
      res = await queue(all.length, queuePage);
    } catch (e) {
      if (more) more.disabled = false;
      show(status, 'error', t('review.failed', { error: e.message }));
      return;
    }
    if (seq !== loadSeq || !root.isConnected) return;
    const have = new Set(all.map((c) => c.id));
    all = all.concat(res.clauses.filter((c) => !have.has(c.id)));
    total = res.total;
    render();
  }

  async function refreshDocs() {
    try {
      docs = (await api.documents()).documents;
      renderSummary();
    } catch {
      /* the queue's own error says enough */
    }
  }

  // The translator choice lists everyone with English in the queue (under
  // the other filters), and keeps the chosen name even when nothing of
  // theirs waits any more.
  function fillTranslators(writers) {
    const names = new Map(writers.map((w) => [w.name, w.clauses]));
    if (filter.translator && !names.has(filter.translator)) names.set(filter.translator, 0);
    while (transSel.options.length > 1) transSel.lastChild.remove();
    for (const [name, n] of [...names].sort()) transSel.append(h('option', { value: name }, `${name || t('common.unknown')} (${n})`));
    transSel.value = filter.translator;
  }

  function render() {
    const items = all;
    const focused = document.activeElement;
    const focusInList = list.contains(focused);
    const next = new Map();
    for (const c of items) {
      const old = views.get(c.id);
      if (old && old.item.version === c.version && sameFindings(old.item, c)) next.set(c.id, old);
      else next.set(c.id, itemView(c, old && { ...old.draft(), changed: old.item.version !== c.version }));
    }
    // Clauses that left the queue: say why when someone else did it, and
    // keep an unsent rejection comment in the message.
    for (const [id, v] of views) {
      if (next.has(id)) continue;
      const ev = lastEvent.get(id);
      const d = v.draft();
      const label = v.label;
      if (d.comment) show(status, 'info', ev ? t('review.goneBy', { label, action: pastTense(ev.action), actor: ev.actor, comment: d.comment }) : t('review.gone', { label, comment: d.comment }));
      else if (ev && !v.removedByMe) show(status, 'info', t('review.changedBy', { label, action: pastTense(ev.action), actor: ev.actor }));
    }
    views.clear();
    for (const [id, v] of next) views.set(id, v);
    shown = [...next.values()];

    const nodes = [];
    let lastDoc = 0;
    for (const v of shown) {
      if (v.item.document_id !== lastDoc) {
        lastDoc = v.item.document_id;
        if (!headings.has(lastDoc)) headings.set(lastDoc, h('h2', { class: 'review-doc', lang: 'zh-CN' }, v.item.document_title));
        nodes.push(headings.get(lastDoc));
      }
      nodes.push(v.el);
    }
    if (!shown.length) nodes.push(emptyView());
    more = null;
    if (shown.length && shown.length < total) {
      more = h('button', { type: 'button', class: 'secondary more', onclick: () => loadMore() },
        t('review.more', { n: Math.min(queuePage, total - shown.length), shown: shown.length, total }));
      nodes.push(more);
    }
    reconcile(list, nodes);
    if (focused?.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
    else if (focused?.classList?.contains('reject-comment')) {
      // The clause was rebuilt under the reviewer's comment: carry on typing
      // in the new box, which has the text.
      views.get(Number(focused.closest('.review-item')?.dataset.clauseId))?.openReject();
    }

    const clean = shown.filter((v) => v.clean()).length;
    // Under filters the count says how many of all those waiting match.
    count.textContent = (filtered() ? t('review.countFiltered', { n: total, total: waiting() }) : t('review.count', { n: total })) +
      (shown.length < total ? t('review.shown', { n: shown.length }) : '') + (shown.length ? t('review.clean', { n: clean }) : '');
    if (bulkBtn) {
      bulkBtn.disabled = clean === 0;
      bulkBtn.textContent = t('review.bulkN', { n: clean });
    }
    // The selection stays on its clause, or moves to the one that took its
    // place; focus follows it only when it was in the list already.
    if (!views.has(selectedId)) selectedId = shown[Math.min(selectedIndex, shown.length - 1)]?.item.id || 0;
    select(selectedId, focusInList && !list.contains(document.activeElement));
  }

  function clearFilters() {
    docSel.value = transSel.value = kindSel.value = '';
    docSel.dispatchEvent(new Event('change'));
  }

  function filtered() {
    return Boolean(filter.document || filter.translator || filter.kind || assignedOnly());
  }

  // waiting is how many clauses wait for review in all, whatever the
  // filters: the statements' counts (the queue's own length if they failed
  // to load).
  function waiting() {
    return docs.length ? Math.max(docs.reduce((n, d) => n + (d.submitted || 0), 0), total) : total;
  }

  // emptyView says that nothing matches and how to widen the filters: a
  // button per filter set, and one for all.
  function emptyView() {
    if (!filtered()) return h('div', { class: 'empty' }, t('review.empty'));
    const widen = (sel, label) => h('button', { type: 'button', class: 'secondary small widen', onclick: () => {
      sel.value = '';
      sel.dispatchEvent(new Event('change'));
    } }, label);
    const total = waiting();
    return h('div', { class: 'empty' },
      h('p', {}, t('review.noMatch'), ' ', total ? t('review.noMatchWiden', { n: total }) : t('review.noMatchNone')),
      h('p', { class: 'actions' },
        filter.document ? widen(docSel, t('review.allStatements')) : null,
        filter.translator ? widen(transSel, t('review.allTranslators')) : null,
        filter.kind ? widen(kindSel, t('review.anyFindings')) : null,
        assignedOnly() ? h('button', { type: 'button', class: 'secondary small widen', onclick: () => assignedBar.querySelector('button')?.click() }, t('review.showAllAssigned')) : null,
        h('button', { type: 'button', class: 'secondary small', onclick: () => clearFilters() }, t('review.showAll'))));
  }

  function select(id, focus = false) {
    selectedId = id;
    shown.forEach((v, i) => {
      const on = v.item.id === id;
      if (on) selectedIndex = i;
      v.el.classList.toggle('selected', on);
      v.el.tabIndex = on ? 0 : -1;
    });
    if (focus) views.get(id)?.el.focus();
  }

  function move(by) {
    if (!shown.length) return;
    const i = shown.findIndex((v) => v.item.id === selectedId);
    const j = i < 0 ? 0 : Math.max(0, Math.min(shown.length - 1, i + by));
    select(shown[j].item.id, true);
    shown[j].el.scrollIntoView({ block: 'nearest' });
  }

  // Keyboard: j/k or the arrows move, a approves, r opens the rejection
  // box; nothing happens while the user types in a field.
  function onKey(e) {
    if (!root.isConnected) {
      document.removeEventListener('keydown', onKey);
      return;
    }
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    const target = e.target;
    if (target.closest?.('textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    const choice = target.tagName === 'INPUT' && (target.type === 'radio' || target.type === 'checkbox');
    if (target.tagName === 'INPUT' && !choice) return;
    const v = views.get(selectedId);
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (choice) return; // the arrows choose between alternatives
        move(e.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case 'a':
      case 'r':
      case 'e':
        if (!v) return;
        if (!reviewer) {
          show(status, 'info', t('review.needReviewer', { role: t(`role.${session.user?.role}`) }));
          break;
        }
        if (e.key === 'a') v.approve();
        else if (e.key === 'e') v.openEdit();
        else v.openReject();
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  // itemView builds one clause of the queue. carry is what the user had
  // started on its previous view (the alternative chosen, a rejection
  // comment), kept across a reload.
  function itemView(item, carry = {}) {
    const n = item.index + 1;
    const label = t('review.label', { n, title: item.document_title });
    const v = { item, label, el: null, removedByMe: false };
    const alts = item.alternatives || [];
    // A choice the reviewer made survives a reload that did not change the
    // clause; otherwise the newest English is chosen.
    let picked = !carry.changed && carry.picked;
    let chosen = (picked && alts.find((a) => a.version === carry.chosen)) || alts.find((a) => a.text === item.target) || alts[0] || null;
    const findingsBox = h('div', { class: 'findings', 'aria-live': 'polite' });
    let findings = item.findings || [];
    if (picked && chosen && chosen.text !== item.target) queueMicrotask(() => choose(chosen));
    const changes = h('div', { class: 'ri-changes' });
    const approveBtn = h('button', { type: 'button', class: 'small approve', onclick: () => approve() }, t('editor.approve'), ' ', h('kbd', {}, 'a'));
    const rejectBtn = h('button', { type: 'button', class: 'secondary small reject', 'aria-expanded': 'false', onclick: () => openReject() }, t('editor.reject'), ' ', h('kbd', {}, 'r'));
    const comment = h('textarea', { class: 'reject-comment', rows: 2, lang: 'en', 'aria-label': t('review.whyRejectLabel', { label: lower(label) }), placeholder: t('review.rejectPlaceholder') });
    const rejectNote = h('p', { class: 'reject-note', hidden: true, role: 'alert' });
    const rejectForm = h('form', { class: 'reject-form', hidden: true, onsubmit: (e) => { e.preventDefault(); reject(); } },
      h('label', { class: 'label' }, t('editor.whyReject', { index: n })), comment, rejectNote,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'small send-reject' }, t('review.sendReject')),
        h('button', { type: 'button', class: 'secondary small', onclick: () => closeReject() }, t('common.cancel')),
        h('span', { class: 'muted small' }, h('kbd', {}, keyName('Enter')), t('review.keySends'), h('kbd', {}, keyName('Shift')), '+', h('kbd', {}, keyName('Enter')), t('review.keyNewLine'), h('kbd', {}, keyName('Esc')), t('review.keyCancels'))));
    const state = h('span', { class: 'ri-state', 'aria-live': 'polite' });

    let english;
    if (alts.length > 1) {
      const name = `alt-${item.id}`;
      english = h('fieldset', { class: 'alternatives' },
        h('legend', {}, reviewer ? t('review.altsChoose', { n: alts.length }) : t('review.altsProposed', { n: alts.length })),
        alts.map((a) => h('label', { class: `alt${a.rejected ? ' was-rejected' : ''}` },
          h('input', { type: 'radio', name, value: a.version, checked: a === chosen, disabled: !reviewer, onchange: () => choose(a) }),
          h('span', { class: 'alt-body' },
            h('span', { class: 'alt-text', lang: 'en' }, a.text),
            h('span', { class: 'alt-meta muted' }, `v${a.version} · ${a.author} · ${when(a.created_at)}`, a.text === item.target ? t('review.newest') : ''),
            rejectedBadge(a)))));
    } else {
      english = h('div', {}, h('p', { class: 'ri-target', lang: 'en' }, item.target), alts[0]?.text === item.target ? rejectedBadge(alts[0]) : null);
    }
    // Since the last rejection: the English rejected then, and what changed.
    const sinceRejection = item.rejected_text ? h('div', { class: 'ri-rejected' },
      h('div', { class: 'label' }, item.rejected_reason
        ? t('review.sinceRejectionWhy', { user: item.rejected_by || t('common.unknown'), reason: item.rejected_reason })
        : t('review.sinceRejection', { user: item.rejected_by || t('common.unknown') })),
      (item.rejected_diff || []).every((o) => o.kind === 'equal')
        ? h('p', { class: 'muted small unchanged' }, t('review.unchangedSinceRejection'))
        : diffView(item.rejected_diff)) : null;
    // A correction (the reviewer's, in this queue): the English it corrected, as a word diff.
    const tracked = alts.length > 1 ? trackedView(item, { revisions: alts }) : null;
    const editBtn = h('button', { type: 'button', class: 'secondary small correct', 'aria-expanded': 'false', onclick: () => openEdit() }, t('review.correct'), ' ', h('kbd', {}, 'e'));
    const editBox = h('textarea', { class: 'ri-edit', rows: 3, lang: 'en', 'aria-label': t('review.correctLabel', { label: lower(label) }) });
    const editNote = h('p', { class: 'edit-note', hidden: true, role: 'alert' });
    const editForm = h('form', { class: 'edit-form', hidden: true, onsubmit: (e) => { e.preventDefault(); saveCorrection(); } },
      h('label', { class: 'label' }, t('review.correctHeading')), editBox, editNote,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'small save-correction' }, t('review.saveCorrection')),
        h('button', { type: 'button', class: 'secondary small', onclick: () => closeEdit() }, t('common.cancel')),
        h('span', { class: 'muted small' }, h('kbd', {}, keyName('Ctrl')), '+', h('kbd', {}, keyName('Enter')), t('review.keySavesCorrection'), h('kbd', {}, keyName('Esc')), t('review.keyCancels'))));

    v.el = h('article', {
      class: `review-item${findings.length ? ' has-findings' : ''}`, tabindex: -1, 'aria-label': label,
      dataset: { clauseId: item.id, documentId: item.document_id },
      onfocusin: () => selectedId !== item.id && select(item.id),
    },
    h('div', { class: 'ri-head' },
      h('a', { class: 'ri-clause', href: `#/documents/${item.document_id}?clause=${item.id}`, title: t('review.openClause') }, t('review.clauseN', { n })),
      h('span', { class: 'ri-doc visually-hidden', lang: 'zh-CN' }, item.document_title),
      h('span', { class: 'ri-by muted' }, t('review.englishBy', { user: item.updated_by || t('common.unknown'), when: when(item.updated_at), version: item.version })),
      h('span', { class: 'spacer' }), state),
    h('div', { class: 'ri-body' },
      h('div', { class: 'ri-source', lang: 'zh-CN' }, item.source),
      h('div', { class: 'ri-english' },
        english,
        tracked,
        sinceRejection,
        item.approved_target ? h('div', { class: 'ri-approved' },
          h('div', { class: 'label' }, t('review.approvedBefore', { user: item.approved_by || t('common.unknown') }) + (item.approved_at ? ' · ' + when(item.approved_at) : '')),
          h('p', { class: 'approved-text', lang: 'en' }, item.approved_target),
          changes) : null,
        findingsBox,
        reviewer ? h('div', { class: 'ri-actions' }, approveBtn, editBtn, rejectBtn) : null,
        reviewer ? editForm : null,
        reviewer ? rejectForm : null)));

    editBox.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        saveCorrection();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        closeEdit();
      }
    });

    comment.addEventListener('input', () => {
      if (rejectNote.dataset.kind === 'empty' && comment.value.trim()) rejectNote.hidden = true;
    });
    comment.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey) {
        e.preventDefault();
        reject();
      } else if (e.key === 'Escape') {
        e.preventDefault();
        closeReject();
      }
    });
    rejectForm.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeReject();
      }
    });

    v.clean = () => findings.length === 0;
    v.draft = () => ({ chosen: chosen?.version, picked, comment: rejectForm.hidden ? '' : comment.value.trim() ? comment.value : '' });

    function setFindings(list) {
      findings = list;
      clear(findingsBox);
      for (const f of list) findingsBox.append(findingView(f));
      v.el.classList.toggle('has-findings', list.length > 0);
    }
    setFindings(findings);

    // What changed since the approved English: a word diff from the
    // approval's history row to the alternative shown or chosen.
    async function showChanges() {
      if (!item.approved_target || !item.approved_version) return;
      const text = chosen ? chosen.text : item.target;
      clear(changes);
      if (text === item.approved_target) {
        changes.append(h('p', { class: 'muted small' }, t('review.same')));
        return;
      }
      if (!chosen) return;
      try {
        const d = await api.diff(item.id, item.approved_version, chosen.version);
        clear(changes);
        changes.append(h('div', { class: 'label' }, t('review.changes')), diffView(d.ops));
      } catch (e) {
        changes.append(h('p', { class: 'muted small' }, t('review.changesFailed', { error: e.message })));
      }
    }
    showChanges();

    async function choose(a) {
      chosen = a;
      picked = true;
      showChanges();
      if (a.text === item.target) return setFindings(item.findings || []);
      try {
        setFindings((await api.checkDraft(item.id, a.text)).findings);
      } catch {
        /* the server checks again on approval */
      }
    }

    async function approve() {
      if (v.busy) return;
      const revision = chosen && chosen.text !== item.target ? chosen.version : 0;
      await act(t('review.approving'), () => api.approve(item.id, item.version, revision), 'approved',
        revision ? t('review.approvedAlt', { label: lower(label), version: revision, user: chosen.author }) : t('review.approvedMsg', { label: lower(label) }));
    }

    // The reviewer corrects the English in place: a save as the reviewer
    // (the clause stays waiting for review, as this new version), then the
    // queue reloads and Approve approves the correction.
    function openEdit() {
      if (editForm.hidden) editBox.value = chosen ? chosen.text : item.target;
      editForm.hidden = false;
      editBtn.setAttribute('aria-expanded', 'true');
      editBox.focus();
    }
    function closeEdit() {
      editForm.hidden = true;
      editNote.hidden = true;
      editBtn.setAttribute('aria-expanded', 'false');
      v.el.focus();
    }
    async function saveCorrection() {
      if (v.busy) return;
      const text = editBox.value.trim();
      if (!text || text === (chosen ? chosen.text : item.target).trim()) {
        editNote.hidden = false;
        editNote.textContent = text ? t('review.correctUnchanged') : t('review.correctEmpty');
        editBox.focus();
        return;
      }
      v.busy = true;
      state.textContent = t('review.savingCorrection');
      approveBtn.disabled = rejectBtn.disabled = editBtn.disabled = true;
      try {
        await api.save(item.id, text, item.version);
        show(status, 'ok', t('review.corrected', { label }));
        v.el.focus();
        await load();
      } catch (e) {
        v.busy = false;
        state.textContent = '';
        approveBtn.disabled = rejectBtn.disabled = editBtn.disabled = false;
        if (e.status === 422 || e.status === 400) {
          editNote.hidden = false;
          editNote.textContent = e.message;
          editBox.focus();
          return;
        }
        show(status, 'error', failure(e, label, 'corrected'));
        if (e.status === 409 || e.status === 404) load();
      }
    }

    function openReject() {
      rejectForm.hidden = false;
      rejectBtn.setAttribute('aria-expanded', 'true');
      comment.focus();
    }
    function closeReject() {
      rejectForm.hidden = true;
      rejectNote.hidden = true;
      comment.value = '';
      rejectBtn.setAttribute('aria-expanded', 'false');
      v.el.focus();
    }
    async function reject() {
      if (v.busy) return;
      const text = comment.value.trim();
      if (!text) {
        rejectNote.hidden = false;
        rejectNote.dataset.kind = 'empty';
        rejectNote.textContent = t('review.sayWhat');
        comment.focus();
        return;
      }
      await act(t('review.rejecting'), () => api.reject(item.id, item.version, text), 'rejected', t('review.rejectedMsg', { label: lower(label) }));
    }

    // act runs an approval or rejection: on success the clause leaves the
    // queue; on failure the message says what to do next.
    async function act(doing, call, done, message) {
      v.busy = true;
      state.textContent = doing;
      approveBtn.disabled = rejectBtn.disabled = true;
      try {
        await call();
        v.removedByMe = true;
        rejectForm.hidden = true;
        show(status, 'ok', message);
        bulkResult.hidden = true;
        const wasFocused = v.el.contains(document.activeElement);
        all = all.filter((c) => c.id !== item.id);
        total = Math.max(0, total - 1);
        render();
        if (wasFocused) views.get(selectedId)?.el.focus();
        load();
      } catch (e) {
        v.busy = false;
        state.textContent = '';
        approveBtn.disabled = rejectBtn.disabled = false;
        if (e.status === 422 || (e.status === 400 && done === 'rejected')) {
          rejectNote.hidden = false;
          rejectNote.dataset.kind = 'server';
          rejectNote.textContent = t('review.changeComment', { error: e.message });
          comment.focus();
          return;
        }
        show(status, 'error', failure(e, label, done));
        if (e.status === 409 || e.status === 404) load();
      }
    }

    v.approve = approve;
    v.openReject = openReject;
    v.openEdit = openEdit;
    if (carry.comment) {
      rejectForm.hidden = false;
      comment.value = carry.comment;
      rejectBtn.setAttribute('aria-expanded', 'true');
      rejectNote.hidden = !carry.changed;
      rejectNote.dataset.kind = 'changed';
      rejectNote.textContent = t('review.changedWhileWriting', { version: item.version, user: item.updated_by || t('common.unknown') });
    }
    return v;
  }

  // bulkApprove sends the clauses listed under the current filters; the
  // server approves those without open findings, at the version shown, and
  // says why it skipped the others.
  async function bulkApprove() {
    const sent = shown.map((v) => v.item);
    if (!sent.length) return;
    const labels = new Map(shown.map((v) => [v.item.id, v]));
    bulkBtn.disabled = true;
    bulkBtn.textContent = t('review.approving');
    let res;
    try {
      res = await api.bulkApprove(sent.map((c) => ({ id: c.id, version: c.version })));
    } catch (e) {
      show(status, 'error', t('review.nothingApproved', { error: e.message }));
      render();
      return;
    }
    for (const c of res.approved) {
      const v = labels.get(c.id);
      if (v) v.removedByMe = true;
    }
    status.hidden = true;
    clear(bulkResult);
    bulkResult.hidden = false;
    bulkResult.className = `notice bulk-result ${res.approved.length ? 'ok' : 'info'}`;
    bulkResult.append(h('p', { class: 'bulk-count' }, t('review.bulkApproved', { n: res.approved.length }),
      res.skipped.length ? t('review.bulkSkipped', { n: res.skipped.length }) : ''));
    if (res.skipped.length) {
      bulkResult.append(h('ul', { class: 'skipped' }, res.skipped.map((s) => {
        const v = labels.get(s.id);
        return h('li', { dataset: { clauseId: s.id } },
          v ? h('a', { href: `#/documents/${v.item.document_id}?clause=${s.id}` }, v.label) : t('review.clauseN', { n: s.id }), t('review.reasonSep'), s.reason);
      })));
    }
    await load();
  }
}

// rejectedBadge marks an alternative a reviewer rejected before, with why.
function rejectedBadge(a) {
  if (!a?.rejected) return null;
  return h('span', { class: 'rejected-before' }, a.rejected_reason
    ? t('review.rejectedBeforeWhy', { user: a.rejected_by || t('common.unknown'), reason: a.rejected_reason })
    : t('review.rejectedBefore', { user: a.rejected_by || t('common.unknown') }));
}

// lower starts a label with a small letter in mid-sentence ("Approved clause 3…").
function lower(label) {
  return label.replace(/^C/, 'c');
}

function shortcutsHint(reviewer) {
  const k = (s) => h('kbd', {}, s);
  return h('p', { class: 'hint shortcuts' },
    t('review.keys'), k('j'), t('review.or'), k('↓'), t('review.keyNext'), k('k'), t('review.or'), k('↑'), t('review.keyPrev'),
    reviewer
      ? [' · ', k('a'), t('review.keyApprove'), k('e'), t('review.keyCorrect'), k('r'), t('review.keyReject'), k(keyName('Enter')), t('review.keySends2'), k(keyName('Esc')), t('review.keyCancels2')]
      : [t('review.keysViewer')]);
}

// reconcile makes parent's children exactly nodes, moving as few as it
// can: a node that stays in place keeps its focus and typed text.
function reconcile(parent, nodes) {
  const keep = new Set(nodes);
  for (const c of [...parent.childNodes]) if (!keep.has(c)) c.remove();
  let cur = parent.firstChild;
  for (const n of nodes) {
    if (n === cur) cur = cur.nextSibling;
    else parent.insertBefore(n, cur);
  }
}

function sameFindings(a, b) {
  const keys = (c) => (c.findings || []).map((f) => f.key).join('|');
  return keys(a) === keys(b) && (a.alternatives || []).length === (b.alternatives || []).length;
}

function failure(e, label, done) {
  const cur = e.body?.current;
  if (e.status === 409 && e.code === 'conflict') {
    return t('review.failConflict', { label, version: cur?.version ?? '?', user: cur?.updated_by || t('common.unknown') });
  }
  const notDone = t(`review.not.${done}`, { label });
  if (e.status === 409) return t('review.fail409', { notDone, error: e.message });
  if (e.status === 404) return t('review.fail404', { label });
  if (e.status === 403) return t('review.fail403', { notDone, role: t(`role.${session.user?.role}`) });
  return t('review.failOther', { notDone, error: e.message });
}

function pastTense(action) {
  return ['approve', 'reject', 'save', 'restore', 'submit'].includes(action) ? t(`past.${action}`) : t('past.change');
}

function when(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short' });
}
