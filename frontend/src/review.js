import { api, can, session, listen } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';
import { findingView, KINDS } from './qa.js';
import { diffView } from './editor.js';

// The review queue: submitted clauses across statements, with what a
// reviewer needs to judge each (the Chinese, the English proposed, what it
// replaces, open findings, alternatives), approve/reject by keyboard, a
// bulk approval for the clean ones, and live updates from others.
// #/review?document=ID&translator=NAME&kind=KIND|none
export async function renderReview(app, params) {
  document.title = 'Review · Zhen';
  clear(app);
  const reviewer = can('reviewer');
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const bulkResult = h('div', { class: 'notice bulk-result', role: 'status', hidden: true });
  const summary = h('div', { class: 'review-summary' });
  const list = h('div', { class: 'review-list', 'aria-label': 'Clauses waiting for review' }, h('p', { class: 'muted' }, 'Loading the review queue…'));
  const count = h('span', { class: 'muted review-count' });
  const docSel = h('select', { name: 'document', 'aria-label': 'Statement' }, h('option', { value: '' }, 'All statements'));
  const transSel = h('select', { name: 'translator', 'aria-label': 'Translator' }, h('option', { value: '' }, 'All translators'));
  const kindSel = h('select', { name: 'kind', 'aria-label': 'Findings' },
    h('option', { value: '' }, 'Any findings'), h('option', { value: 'none' }, 'Without findings'),
    Object.entries(KINDS).map(([k, v]) => h('option', { value: k }, `With: ${v}`)));
  const bulkBtn = reviewer ? h('button', { type: 'button', class: 'bulk-approve', onclick: () => bulkApprove(), disabled: true }, 'Approve all without findings') : null;
  const root = h('div', { class: 'review' },
    h('section', { class: 'page-head' }, h('div', {}, h('h1', {}, 'Review queue'), count), h('div', { class: 'actions' }, bulkBtn)),
    summary,
    h('form', { class: 'filters', role: 'search', onsubmit: (e) => e.preventDefault() }, docSel, transSel, kindSel),
    shortcutsHint(reviewer),
    status, bulkResult, list);
  app.append(root);

  const filter = { document: params.get('document') || '', translator: params.get('translator') || '', kind: params.get('kind') || '' };
  kindSel.value = filter.kind;
  let docs = [];
  let all = []; // the queue for the document/kind filters
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
    const q = new URLSearchParams(Object.entries(filter).filter(([, v]) => v));
    history.replaceState(null, '', '#/review' + (q.size ? '?' + q : ''));
    bulkResult.hidden = true;
    load();
  });

  // Others' approvals, rejections and edits show up as they happen: an
  // event about a listed clause (or a new submission, or a glossary change
  // that moves findings) reloads the queue.
  listen((ev) => {
    if (!root.isConnected) return;
    if (ev.type === 'glossary') return scheduleLoad();
    if (ev.type !== 'clause') return;
    if (ev.actor !== session.user?.username) lastEvent.set(ev.clause_id, ev);
    if (views.has(ev.clause_id) || ev.data?.status === 'submitted') scheduleLoad();
  }, () => scheduleLoad());
  document.addEventListener('keydown', onKey);

  await loadDocs();
  await load();

  function scheduleLoad() {
    clearTimeout(loadTimer);
    loadTimer = setTimeout(() => root.isConnected && load(), 150);
  }

  async function loadDocs() {
    try {
      docs = (await api.documents()).documents;
    } catch (e) {
      show(status, 'error', `The statements could not be loaded: ${e.message}. Reload the page to try again.`);
      return;
    }
    if (docSel.options.length === 1) {
      for (const d of docs) docSel.append(h('option', { value: d.id }, `${d.date || ''} ${d.title}`.trim()));
    }
    docSel.value = filter.document;
    if (docSel.value !== filter.document) {
      // A link to a statement that is not there (any more).
      show(status, 'error', `There is no statement ${filter.document}; showing all statements.`);
      filter.document = '';
    }
    renderSummary();
  }

  function renderSummary() {
    clear(summary);
    if (!docs.length) return;
    const pct = (n, total) => (total ? Math.round((100 * n) / total) : 0);
    const bar = (n, total, what) => h('span', { class: 'bar' },
      h('progress', { max: total || 1, value: n, 'aria-label': `${pct(n, total)}% ${what}`, title: `${n} of ${total} clauses ${what}` }),
      h('span', { class: 'pct' }, `${pct(n, total)}%`));
    summary.append(h('table', { class: 'progress-table' },
      h('caption', { class: 'visually-hidden' }, 'Progress per statement'),
      h('thead', {}, h('tr', {}, h('th', {}, 'Statement'), h('th', {}, 'Translated'), h('th', {}, 'Approved'), h('th', { class: 'num' }, 'Waiting'))),
      h('tbody', {}, docs.map((d) => h('tr', { class: String(d.id) === filter.document ? 'current' : '', dataset: { documentId: d.id } },
        h('td', { class: 'title' }, h('a', { href: `#/documents/${d.id}`, lang: 'zh-CN', title: d.title }, d.title)),
        h('td', {}, bar(d.translated, d.clauses, 'translated')),
        h('td', {}, bar(d.approved, d.clauses, 'approved')),
        h('td', { class: 'num waiting' }, d.submitted
          ? h('a', { href: `#/review?document=${d.id}`, title: 'Review only this statement' }, d.submitted)
          : '0'))))));
  }

  async function load() {
    const seq = ++loadSeq;
    let res;
    try {
      [res] = await Promise.all([api.reviewQueue({ document: filter.document, kind: filter.kind }), refreshDocs()]);
    } catch (e) {
      if (seq !== loadSeq) return;
      show(status, 'error', `The review queue could not be loaded: ${e.message}`);
      return;
    }
    if (seq !== loadSeq || !root.isConnected) return;
    all = res.clauses;
    fillTranslators();
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

  // The translator choice lists everyone with English in the queue, and
  // keeps the chosen name even when nothing of theirs waits any more.
  function fillTranslators() {
    const names = new Map();
    for (const c of all) names.set(c.updated_by, (names.get(c.updated_by) || 0) + 1);
    if (filter.translator && !names.has(filter.translator)) names.set(filter.translator, 0);
    while (transSel.options.length > 1) transSel.lastChild.remove();
    for (const [name, n] of [...names].sort()) transSel.append(h('option', { value: name }, `${name || 'unknown'} (${n})`));
    transSel.value = filter.translator;
  }

  function render() {
    const items = all.filter((c) => !filter.translator || c.updated_by === filter.translator);
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
      if (d.comment) show(status, 'info', `${label} is no longer waiting for review${ev ? ` (${pastTense(ev.action)} by ${ev.actor})` : ''}; your rejection was not sent: “${d.comment}”`);
      else if (ev && !v.removedByMe) show(status, 'info', `${label} was ${pastTense(ev.action)} by ${ev.actor}.`);
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
    if (!shown.length) {
      const filtered = filter.document || filter.translator || filter.kind;
      nodes.push(h('div', { class: 'empty' },
        filtered ? 'Nothing waits for review with these filters. ' : 'Nothing waits for review. Clauses appear here as translators submit them.',
        filtered ? h('button', { type: 'button', class: 'secondary small', onclick: () => clearFilters() }, 'Show all') : null));
    }
    reconcile(list, nodes);
    if (focused?.isConnected && document.activeElement !== focused) focused.focus({ preventScroll: true });
    else if (focused?.classList?.contains('reject-comment')) {
      // The clause was rebuilt under the reviewer's comment: carry on typing
      // in the new box, which has the text.
      views.get(Number(focused.closest('.review-item')?.dataset.clauseId))?.openReject();
    }

    const clean = shown.filter((v) => v.clean()).length;
    count.textContent = `${shown.length} clause${shown.length === 1 ? '' : 's'} waiting` +
      (shown.length !== all.length ? ` (${all.length} before the translator filter)` : '') +
      (shown.length ? ` · ${clean} without findings` : '');
    if (bulkBtn) {
      bulkBtn.disabled = clean === 0;
      bulkBtn.textContent = `Approve all without findings (${clean})`;
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
    const t = e.target;
    if (t.closest?.('textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
    const choice = t.tagName === 'INPUT' && (t.type === 'radio' || t.type === 'checkbox');
    if (t.tagName === 'INPUT' && !choice) return;
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
        if (!v) return;
        if (!reviewer) {
          show(status, 'info', `Approving and rejecting need the reviewer role; you are logged in as ${session.user?.role}.`);
          break;
        }
        if (e.key === 'a') v.approve();
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
    const label = `Clause ${n} of “${item.document_title}”`;
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
    const approveBtn = h('button', { type: 'button', class: 'small approve', onclick: () => approve() }, 'Approve ', h('kbd', {}, 'a'));
    const rejectBtn = h('button', { type: 'button', class: 'secondary small reject', 'aria-expanded': 'false', onclick: () => openReject() }, 'Reject… ', h('kbd', {}, 'r'));
    const comment = h('textarea', { class: 'reject-comment', rows: 2, lang: 'en', 'aria-label': `Why reject ${label.toLowerCase()}? The translator sees this comment.`, placeholder: 'What should the translator change? (Enter sends, Shift+Enter new line, Esc cancels)' });
    const rejectNote = h('p', { class: 'reject-note', hidden: true, role: 'alert' });
    const rejectForm = h('form', { class: 'reject-form', hidden: true, onsubmit: (e) => { e.preventDefault(); reject(); } },
      h('label', { class: 'label' }, `Why reject clause ${n}? The translator sees this comment.`), comment, rejectNote,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', class: 'small send-reject' }, 'Send rejection'),
        h('button', { type: 'button', class: 'secondary small', onclick: () => closeReject() }, 'Cancel'),
        h('span', { class: 'muted small' }, h('kbd', {}, 'Enter'), ' sends · ', h('kbd', {}, 'Shift'), '+', h('kbd', {}, 'Enter'), ' new line · ', h('kbd', {}, 'Esc'), ' cancels')));
    const state = h('span', { class: 'ri-state', 'aria-live': 'polite' });

    let english;
    if (alts.length > 1) {
      const name = `alt-${item.id}`;
      english = h('fieldset', { class: 'alternatives' },
        h('legend', {}, reviewer ? `${alts.length} alternatives: choose the one to approve` : `${alts.length} alternatives proposed`),
        alts.map((a) => h('label', { class: 'alt' },
          h('input', { type: 'radio', name, value: a.version, checked: a === chosen, disabled: !reviewer, onchange: () => choose(a) }),
          h('span', { class: 'alt-body' },
            h('span', { class: 'alt-text', lang: 'en' }, a.text),
            h('span', { class: 'alt-meta muted' }, `v${a.version} · ${a.author} · ${when(a.created_at)}`, a.text === item.target ? ' · newest' : '')))));
    } else {
      english = h('p', { class: 'ri-target', lang: 'en' }, item.target);
    }

    v.el = h('article', {
      class: `review-item${findings.length ? ' has-findings' : ''}`, tabindex: -1, 'aria-label': label,
      dataset: { clauseId: item.id, documentId: item.document_id },
      onfocusin: () => selectedId !== item.id && select(item.id),
    },
    h('div', { class: 'ri-head' },
      h('a', { class: 'ri-clause', href: `#/documents/${item.document_id}?clause=${item.id}`, title: 'Open this clause in its statement' }, `Clause ${n}`),
      h('span', { class: 'ri-doc visually-hidden', lang: 'zh-CN' }, item.document_title),
      h('span', { class: 'ri-by muted' }, `English by ${item.updated_by || 'unknown'} · ${when(item.updated_at)} · v${item.version}`),
      h('span', { class: 'spacer' }), state),
    h('div', { class: 'ri-body' },
      h('div', { class: 'ri-source', lang: 'zh-CN' }, item.source),
      h('div', { class: 'ri-english' },
        english,
        item.approved_target ? h('div', { class: 'ri-approved' },
          h('div', { class: 'label' }, `Approved before, by ${item.approved_by || 'unknown'}${item.approved_at ? ' · ' + when(item.approved_at) : ''}`),
          h('p', { class: 'approved-text', lang: 'en' }, item.approved_target),
          changes) : null,
        findingsBox,
        reviewer ? h('div', { class: 'ri-actions' }, approveBtn, rejectBtn) : null,
        reviewer ? rejectForm : null)));

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
        changes.append(h('p', { class: 'muted small' }, 'Same English as the approved one.'));
        return;
      }
      if (!chosen) return;
      try {
        const d = await api.diff(item.id, item.approved_version, chosen.version);
        clear(changes);
        changes.append(h('div', { class: 'label' }, 'Changes'), diffView(d.ops));
      } catch (e) {
        changes.append(h('p', { class: 'muted small' }, `The changes could not be shown: ${e.message}`));
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
      await act('Approving…', () => api.approve(item.id, item.version, revision), 'approved',
        `Approved ${label.replace(/^C/, 'c')}${revision ? ` (the alternative v${revision} by ${chosen.author})` : ''}.`);
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
        rejectNote.textContent = 'Say what to change: the translator sees this comment.';
        comment.focus();
        return;
      }
      await act('Rejecting…', () => api.reject(item.id, item.version, text), 'rejected', `Rejected ${label.replace(/^C/, 'c')}; the translator sees your comment.`);
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
          rejectNote.textContent = `${e.message}. Change the comment and send it again.`;
          comment.focus();
          return;
        }
        show(status, 'error', failure(e, label, done));
        if (e.status === 409 || e.status === 404) load();
      }
    }

    v.approve = approve;
    v.openReject = openReject;
    if (carry.comment) {
      rejectForm.hidden = false;
      comment.value = carry.comment;
      rejectBtn.setAttribute('aria-expanded', 'true');
      rejectNote.hidden = !carry.changed;
      rejectNote.dataset.kind = 'changed';
      rejectNote.textContent = `This clause changed while you were writing (now v${item.version}, English by ${item.updated_by || 'unknown'}): read it again before you send the rejection.`;
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
    bulkBtn.textContent = 'Approving…';
    let res;
    try {
      res = await api.bulkApprove(sent.map((c) => ({ id: c.id, version: c.version })));
    } catch (e) {
      show(status, 'error', `Nothing was approved: ${e.message}`);
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
    bulkResult.append(h('p', { class: 'bulk-count' }, `Approved ${res.approved.length} clause${res.approved.length === 1 ? '' : 's'}.`,
      res.skipped.length ? ` Skipped ${res.skipped.length}; review ${res.skipped.length === 1 ? 'it' : 'them'} one by one:` : ''));
    if (res.skipped.length) {
      bulkResult.append(h('ul', { class: 'skipped' }, res.skipped.map((s) => {
        const v = labels.get(s.id);
        return h('li', { dataset: { clauseId: s.id } },
          v ? h('a', { href: `#/documents/${v.item.document_id}?clause=${s.id}` }, v.label) : `Clause ${s.id}`, ': ', s.reason);
      })));
    }
    await load();
  }
}

function shortcutsHint(reviewer) {
  const k = (s) => h('kbd', {}, s);
  return h('p', { class: 'hint shortcuts' },
    'Keys: ', k('j'), ' or ', k('↓'), ' next clause · ', k('k'), ' or ', k('↑'), ' previous',
    reviewer
      ? [' · ', k('a'), ' approve · ', k('r'), ' reject with a comment (', k('Enter'), ' sends, ', k('Esc'), ' cancels). Choose between alternatives with the arrow keys on the choice.']
      : ['. You can follow the queue; approving and rejecting need the reviewer role.']);
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
    return `${label} changed since you looked (now v${cur?.version ?? '?'}, English by ${cur?.updated_by || 'unknown'}) — reloaded; review it again.`;
  }
  if (e.status === 409) return `${label} was not ${done}: ${e.message}. The queue has been reloaded.`;
  if (e.status === 404) return `${label} no longer exists — reloaded.`;
  if (e.status === 403) return `${label} was not ${done}: your role (${session.user?.role}) cannot approve or reject. Ask a reviewer.`;
  return `${label} was not ${done}: ${e.message}`;
}

function pastTense(action) {
  return { approve: 'approved', reject: 'rejected', save: 'changed', restore: 'restored', submit: 'submitted' }[action] || 'changed';
}

function when(t) {
  if (!t) return '';
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? '' : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
