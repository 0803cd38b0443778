// My work (issue 18): the caller's assignments, as translator and as
// reviewer, with their progress, the due date (overdue marked) and what
// waits for them, each linking into the editor or the review queue.
// Reviewers and admins assign work here (a statement, or a range of its
// clauses, numbered as the editor numbers them); an admin also sees
// everyone's load. It follows changes live (assignments and clauses).
// #/work[?document=ID] (the statement the assign form starts with)
import { api, can, session, listen } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';

export async function renderWork(app, params) {
  document.title = t('work.pageTitle');
  clear(app);
  const me = session.user.username;
  const manager = can('reviewer');
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const mine = h('div', { class: 'work-mine' }, h('p', { class: 'muted' }, t('common.loading')));
  const others = h('div', { class: 'work-all' });
  const load = h('div', { class: 'work-load' });
  const form = manager ? assignForm() : null;
  const root = h('div', { class: 'work' },
    h('section', { class: 'page-head' }, h('h1', {}, t('work.heading'))),
    h('p', { class: 'hint' }, t('work.hint')),
    status, mine, form?.el || null, load, others);
  app.append(root);

  let docs = [];
  const editors = new Map(); // assignment id → its open inline edit form
  let timer = null;
  listen((ev) => {
    if (!root.isConnected) return;
    if (ev.type === 'assignment' || ev.type === 'clause' || ev.type === 'document') {
      clearTimeout(timer);
      timer = setTimeout(() => root.isConnected && refresh(), 300);
    }
  }, () => refresh());

  if (manager) {
    try {
      docs = (await api.documents()).documents;
      form.fill(docs, params.get('document') || '');
    } catch (e) {
      show(status, 'error', t('work.docsFailed', { error: e.message }));
    }
  }
  await refresh();

  async function refresh() {
    let list;
    try {
      list = (await api.assignments(manager ? {} : { mine: 1 })).assignments;
    } catch (e) {
      clear(mine);
      mine.append(h('p', { class: 'notice error' }, t('work.loadFailed', { error: e.message }), ' ', h('button', { type: 'button', onclick: refresh }, t('common.retry'))));
      return;
    }
    if (!root.isConnected) return;
    const asTranslator = list.filter((a) => a.translator === me);
    const asReviewer = list.filter((a) => a.reviewer === me);
    clear(mine);
    if (!asTranslator.length && !asReviewer.length) mine.append(h('p', { class: 'empty' }, t('work.none')));
    if (asTranslator.length) mine.append(h('h2', {}, t('work.asTranslator')), table(asTranslator, 'translator'));
    if (asReviewer.length) mine.append(h('h2', {}, t('work.asReviewer')), table(asReviewer, 'reviewer'));
    for (const id of editors.keys()) if (!list.some((a) => a.id === id)) editors.delete(id);
    clear(others);
    clear(load);
    if (!manager) return;
    if (can('admin')) load.append(h('h2', {}, t('work.load')), loadTable(list));
    others.append(h('h2', {}, t('work.all')), list.length ? table(list, 'manager') : h('p', { class: 'empty' }, t('work.noneAtAll')));
  }

  // table lists assignments for a translator, a reviewer or a manager
  // (who sees everyone's, and may delete them).
  function table(list, as) {
    return h('table', { class: `progress-table work-table work-${as}` },
      h('thead', {}, h('tr', {},
        h('th', {}, t('work.colStatement')), h('th', {}, t('work.colClauses')),
        as === 'manager' ? h('th', {}, t('work.colPeople')) : null,
        h('th', {}, t('work.colDue')), h('th', {}, t('work.colProgress')), h('th', {}, as === 'manager' ? t('work.colWaitingAll') : t('work.colWaiting')),
        as === 'manager' ? h('th', {}, h('span', { class: 'visually-hidden' }, t('work.colActions'))) : null)),
      h('tbody', {}, list.map((a) => (as === 'manager' && editors.has(a.id) ? editorRow(a) : h('tr', { class: a.overdue ? 'overdue' : '', dataset: { assignmentId: a.id, documentId: a.document_id } },
        h('td', { class: 'title' }, h('a', { href: editorURL(a, a.first_clause_id), lang: 'zh-CN', title: a.document_title }, a.document_title)),
        h('td', { class: 'range' }, rangeText(a)),
        as === 'manager' ? h('td', { class: 'people' }, t('work.people', { translator: a.translator, reviewer: a.reviewer })) : null,
        h('td', { class: 'due' }, a.due || '—', a.overdue ? [' ', h('span', { class: 'badge overdue-badge' }, t('work.overdue'))] : null),
        h('td', { class: 'progress' }, progress(a)),
        h('td', { class: 'waiting' }, waiting(a, as)),
        as === 'manager' ? h('td', { class: 'actions' },
          h('button', { type: 'button', class: 'link edit-assignment', onclick: () => startEdit(a) }, t('work.edit')), ' ',
          h('button', { type: 'button', class: 'link danger', onclick: () => remove(a) }, t('work.delete'))) : null)))));
  }

  // Inline editing (issue 18): an open editor survives live refreshes (it
  // keeps the version it was opened on, so a change by someone else in the
  // meantime comes back as a conflict with the current values).
  function startEdit(a) {
    editors.set(a.id, editForm(a));
    refresh();
  }

  function editorRow(a) {
    return h('tr', { class: 'editing', dataset: { assignmentId: a.id, documentId: a.document_id } },
      h('td', { class: 'title' }, h('span', { lang: 'zh-CN', title: a.document_title }, a.document_title)),
      h('td', { colspan: 6 }, editors.get(a.id).el));
  }

  // editForm: the range, translator, reviewer and due date of an
  // assignment; Save sends only the fields changed, with the version.
  function editForm(a) {
    let base = a;
    const first = h('input', { type: 'number', name: 'first', min: 1, class: 'num-input', 'aria-label': t('work.first'), placeholder: t('work.firstPlaceholder') });
    const last = h('input', { type: 'number', name: 'last', min: 1, class: 'num-input', 'aria-label': t('work.last'), placeholder: t('work.lastPlaceholder') });
    const translator = h('input', { type: 'text', name: 'translator', required: true, autocomplete: 'off', 'aria-label': t('work.translator') });
    const reviewer = h('input', { type: 'text', name: 'reviewer', required: true, autocomplete: 'off', 'aria-label': t('work.reviewer') });
    const due = h('input', { type: 'date', name: 'due', 'aria-label': t('work.due') });
    const formStatus = h('p', { class: 'notice', role: 'status', hidden: true });
    const el = h('form', { class: 'assign-edit', onsubmit: save },
      h('div', { class: 'assign-fields' },
        h('label', {}, t('work.clauses'), ' ', first, ' – ', last),
        h('label', {}, t('work.translator'), ' ', translator),
        h('label', {}, t('work.reviewer'), ' ', reviewer),
        h('label', {}, t('work.due'), ' ', due),
        h('button', { type: 'submit' }, t('work.save')),
        h('button', { type: 'button', class: 'secondary', onclick: close }, t('work.cancel'))),
      h('p', { class: 'hint' }, t('work.editHint')),
      formStatus);
    fillFields(a);

    function fillFields(x) {
      first.value = x.first_clause || '';
      last.value = x.last_clause || '';
      translator.value = x.translator;
      reviewer.value = x.reviewer;
      due.value = x.due || '';
    }

    function close() {
      editors.delete(a.id);
      refresh();
    }

    async function save(e) {
      e.preventDefault();
      const change = {};
      const f = Number(first.value || 0), l = Number(last.value || 0);
      if (f !== (base.first_clause || 0) || l !== (base.last_clause || 0)) Object.assign(change, { first_clause: f, last_clause: l });
      if (translator.value.trim() !== base.translator) change.translator = translator.value.trim();
      if (reviewer.value.trim() !== base.reviewer) change.reviewer = reviewer.value.trim();
      if (due.value !== (base.due || '')) change.due = due.value;
      if (!Object.keys(change).length) return close();
      try {
        const saved = await api.updateAssignment(a.id, change, base.version);
        editors.delete(a.id);
        show(status, 'ok', t('work.saved', { title: saved.document_title, range: rangeText(saved), translator: saved.translator, reviewer: saved.reviewer }));
        await refresh();
      } catch (err) {
        if (err.status === 409 && err.body?.current) {
          base = err.body.current;
          fillFields(base);
          show(formStatus, 'error', t('work.editConflict', { error: err.message }));
        } else {
          show(formStatus, 'error', t('work.editFailed', { error: err.message }));
        }
      }
    }

    return { el };
  }

  function progress(a) {
    const pct = (n) => (a.clauses ? Math.round((100 * n) / a.clauses) : 0);
    return h('div', { class: 'work-progress' },
      h('progress', { max: a.clauses || 1, value: a.approved, 'aria-label': t('progress.approved', { pct: pct(a.approved) }) }),
      h('span', { class: 'muted' }, t('work.counts', { english: a.translated, confirmed: a.confirmed + a.submitted, approved: a.approved, total: a.clauses })));
  }

  // waiting says what waits for the person and links to the first of it.
  function waiting(a, as) {
    const todo = a.untranslated + a.draft + a.rejected;
    const parts = [];
    if (as !== 'reviewer' && todo) parts.push(h('a', { class: 'todo-translate', href: editorURL(a, a.translator_clause_id) }, t('work.toTranslate', { n: todo })));
    if (as !== 'translator' && a.submitted) parts.push(h('a', { class: 'todo-review', href: `#/review?document=${a.document_id}` }, t('work.toReview', { n: a.submitted })));
    if (!parts.length) return h('span', { class: 'muted' }, a.clauses && a.approved >= a.clauses ? t('work.done') : t('work.nothing'));
    return parts.flatMap((p, i) => (i ? [' · ', p] : [p]));
  }

  function editorURL(a, clause) {
    return `#/documents/${a.document_id}` + (clause ? `?clause=${clause}` : '');
  }

  function rangeText(a) {
    return a.first_clause ? t('work.range', { first: a.first_clause, last: a.last_clause }) : t('work.whole');
  }

  // loadTable: per user, the assignments, the clauses not approved yet and
  // the overdue assignments (as translator and as reviewer).
  function loadTable(list) {
    const users = new Map();
    const row = (name) => users.get(name) || users.set(name, { name, assignments: 0, left: 0, overdue: 0 }).get(name);
    for (const a of list) {
      for (const name of new Set([a.translator, a.reviewer])) {
        const r = row(name);
        r.assignments++;
        r.left += Math.max(0, a.clauses - a.approved);
        if (a.overdue) r.overdue++;
      }
    }
    if (!users.size) return h('p', { class: 'empty' }, t('work.noneAtAll'));
    return h('table', { class: 'progress-table work-load-table' },
      h('thead', {}, h('tr', {}, h('th', {}, t('work.colUser')), h('th', { class: 'num' }, t('work.colAssignments')), h('th', { class: 'num' }, t('work.colLeft')), h('th', { class: 'num' }, t('work.colOverdue')))),
      h('tbody', {}, [...users.values()].sort((x, y) => y.left - x.left || x.name.localeCompare(y.name)).map((r) => h('tr', { class: r.overdue ? 'overdue' : '' },
        h('td', {}, r.name), h('td', { class: 'num' }, r.assignments), h('td', { class: 'num' }, r.left), h('td', { class: 'num' }, r.overdue)))));
  }

  async function remove(a) {
    if (!confirm(t('work.confirmDelete', { title: a.document_title, range: rangeText(a), translator: a.translator }))) return;
    try {
      await api.deleteAssignment(a.id, a.version);
      show(status, 'ok', t('work.deleted'));
    } catch (e) {
      show(status, 'error', t('work.deleteFailed', { error: e.message }));
    }
    await refresh();
  }

  // assignForm: statement, range (first and last clause, or neither for
  // the whole statement), translator, reviewer, due date.
  function assignForm() {
    // Disabled until the statements are listed (fill), so nothing is chosen
    // from an empty list.
    const doc = h('select', { name: 'document', required: true, disabled: true, 'aria-label': t('work.statement') });
    const first = h('input', { type: 'number', name: 'first', min: 1, class: 'num-input', 'aria-label': t('work.first'), placeholder: t('work.firstPlaceholder') });
    const last = h('input', { type: 'number', name: 'last', min: 1, class: 'num-input', 'aria-label': t('work.last'), placeholder: t('work.lastPlaceholder') });
    const translator = h('input', { type: 'text', name: 'translator', required: true, autocomplete: 'off', 'aria-label': t('work.translator'), placeholder: t('work.translator') });
    const reviewer = h('input', { type: 'text', name: 'reviewer', required: true, autocomplete: 'off', 'aria-label': t('work.reviewer'), placeholder: t('work.reviewer'), value: me });
    const due = h('input', { type: 'date', name: 'due', 'aria-label': t('work.due') });
    const formStatus = h('p', { class: 'notice', role: 'status', hidden: true });
    const el = h('form', { class: 'assign-form', onsubmit: submit },
      h('h2', {}, t('work.assignHeading')),
      h('div', { class: 'assign-fields' },
        h('label', {}, t('work.statement'), ' ', doc),
        h('label', {}, t('work.clauses'), ' ', first, ' – ', last),
        h('label', {}, t('work.translator'), ' ', translator),
        h('label', {}, t('work.reviewer'), ' ', reviewer),
        h('label', {}, t('work.due'), ' ', due),
        h('button', { type: 'submit' }, t('work.assign'))),
      h('p', { class: 'hint' }, t('work.assignHint')),
      formStatus);

    async function submit(e) {
      e.preventDefault();
      const body = { document_id: Number(doc.value), translator: translator.value.trim(), reviewer: reviewer.value.trim(), due: due.value };
      if (first.value || last.value) Object.assign(body, { first_clause: Number(first.value || 0), last_clause: Number(last.value || 0) });
      try {
        const a = await api.createAssignment(body);
        show(formStatus, 'ok', t('work.assigned', { title: a.document_title, range: rangeText(a), translator: a.translator, reviewer: a.reviewer }));
        first.value = last.value = translator.value = due.value = '';
      } catch (err) {
        show(formStatus, 'error', t('work.assignFailed', { error: err.message }));
      }
      await refresh();
    }

    return {
      el,
      fill(list, chosen) {
        clear(doc);
        for (const d of list) doc.append(h('option', { value: d.id, lang: 'zh-CN' }, `${d.date || ''} ${d.title}`.trim() + ` (${t('work.clauseCount', { n: d.clauses + d.markers })})`));
        if (chosen) doc.value = chosen;
        doc.disabled = false;
        if (chosen && doc.value === chosen) el.scrollIntoView?.({ block: 'start' });
      },
    };
  }
}
