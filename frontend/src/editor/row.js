// The rendering of a clause's row in the editor: its elements and what
// they show. It decides nothing and keeps no state but the DOM's: each
// control calls one of the actions it is given (see actions.js, which
// holds the clause, saves it and says what to show).
import { can } from '../base/api.js';
import { h, clear } from '../base/dom.js';
import { findingView, findingText } from '../base/findings.js';
import { t } from '../base/i18n.js';

// rowView builds the row of a clause. on holds what its controls do:
//   save(), confirm(), submit(), approve(), reject(), merge(), togglePanel(kind)
// The view it returns:
//   el, input              the row and its English box (read, written and
//                          listened to by the actions)
//   fit()                  grows the box to its text
//   insert(text)           types text at the caret, as the user would
//   setState(kind, text), stateKind()
//                          the save state beside the status
//   showClause(c, dirty)   status, approved English, rejection, comment
//                          count, which controls apply
//   showMarker(heading)    a numbering marker (a heading clause: 一、) as a
//                          badge before the Chinese
//   showRejection(r)       "Rejected by X: reason" on the row
//   showTracked(el)        a reviewer's correction (base/tracked.js) or null
//   showHits(source, list) glossary hits in the Chinese; returns the
//                          distinct entries, in order (Alt+1 is the first)
//   showFindings(list, dismiss)
//   showConflict(mine, current, { useTheirs, keepMine }), hideConflict(),
//   conflictShown()
//   panel, showPanel(open), panelShown(), markPanel(kind), panelFailed(kind, error)
//                          the panel under the row (history, comments,
//                          split), drawn into by panels.js
// An inactive row shows its number, the Chinese, the English and small
// icons; the active one (class active: the box has or last had the focus)
// adds its glossary terms, findings and one line of controls, always in
// the same order (those that do not apply now are disabled, those the role
// cannot use are not there).
export function rowView(clause, editable, on) {
  const input = h('textarea', {
    class: 'target', lang: 'en', rows: 1, spellcheck: true, readOnly: !editable,
    'aria-label': t('editor.englishFor', { index: clause.index + 1 }),
    placeholder: !editable ? '' : clause.kind === 'signature' ? t('editor.signaturePlaceholder') : t('editor.englishPlaceholder'),
  });
  input.value = clause.target;
  const state = h('span', { class: 'save-state', 'aria-live': 'polite' });
  const badgeLabel = h('span', { class: 'status-label' });
  const badgeIcon = h('span', { class: 'status-icon', 'aria-hidden': 'true' });
  const badge = h('span', { class: 'status' }, badgeIcon, badgeLabel);
  const findingsCount = h('span', { class: 'count findings-n', hidden: true });
  const statusName = h('span', { class: 'status-name', 'aria-hidden': 'true' }); // the status named on the active row's controls
  const commentsCount = h('span', { class: 'count comments-n', hidden: true });
  const conflict = h('div', { class: 'conflict', hidden: true, role: 'alert' });
  const rejection = h('p', { class: 'rejection', hidden: true });
  const tracked = h('div', { class: 'tracked-slot' }); // a reviewer's correction of the translator's English
  const marker = h('span', { class: 'marker', hidden: true });
  const approvedLine = h('p', { class: 'approved-line', hidden: true });
  const reviewer = can('reviewer');
  const saveBtn = editable ? h('button', { class: 'secondary small save', type: 'button', onclick: () => on.save(), title: t('grid.saveTitle') }, t('grid.saveDraft')) : null;
  const confirmBtn = editable ? h('button', { class: 'small confirm', type: 'button', onclick: () => on.confirm(), title: t('grid.confirmTitle') }, t('grid.confirm')) : null;
  const submitBtn = editable ? h('button', { type: 'button', class: 'secondary small submit', onclick: () => on.submit() }, t('editor.submit')) : null;
  const approveBtn = reviewer ? h('button', { type: 'button', class: 'secondary small approve', onclick: () => on.approve() }, t('editor.approve')) : null;
  const rejectBtn = reviewer ? h('button', { type: 'button', class: 'secondary small reject', onclick: () => on.reject() }, t('editor.reject')) : null;
  const panel = h('div', { class: 'panel', hidden: true });
  const historyBtn = h('button', { type: 'button', class: 'link history-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('history') }, t('common.history'));
  const commentsLabel = h('span', {}, t('editor.comments'));
  const commentsBtn = h('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('comments') }, commentsLabel);
  const splitBtn = editable ? h('button', { type: 'button', class: 'link split-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('split') }, t('split.button')) : null;
  const mergeBtn = editable ? h('button', { type: 'button', class: 'link merge', onclick: () => on.merge(), title: t('merge.title') }, t('merge.button')) : null;
  const source = h('div', { class: 'source', lang: 'zh-CN' }, clause.source);
  const termStrip = h('div', { class: 'term-strip' });
  const findingsBox = h('div', { class: 'findings', 'aria-live': 'polite' });
  const controls = h('div', { class: 'row-controls', role: 'group', 'aria-label': t('grid.controls', { index: clause.index + 1 }) },
    historyBtn, commentsBtn, splitBtn, mergeBtn, h('span', { class: 'spacer' }), statusName, saveBtn, confirmBtn, submitBtn, approveBtn, rejectBtn);

  const el = h('div', { class: `row kind-${clause.kind}`, role: 'row', dataset: { clauseId: clause.id, index: clause.index } },
    h('div', { class: 'idx', role: 'cell' }, clause.index + 1),
    h('div', { class: 'source-cell', role: 'cell' }, marker, source, termStrip),
    h('div', { class: 'target-cell', role: 'cell' }, input, rejection, tracked, approvedLine, conflict),
    h('div', { class: 'icons', role: 'cell' }, badge, findingsCount, commentsCount, state),
    // Under the Chinese and the English, across both: the active row's
    // findings and controls, and an open panel.
    h('div', { class: 'row-extra', role: 'cell' }, findingsBox, controls, panel));

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
  function showRejection(r) {
    rejection.hidden = !r;
    if (r) rejection.textContent = r.reason ? t('grid.rejectedBy', { user: r.author, reason: r.reason }) : t('grid.rejectedByNoReason', { user: r.author });
  }
  function setState(kind, text) {
    state.dataset.kind = kind;
    state.textContent = text;
  }

  return {
    el,
    input,
    fit: () => fit(input),
    insert,
    setState,
    stateKind: () => state.dataset.kind,
    showClause(c, dirty) {
      badgeIcon.textContent = STATUS_ICON[c.status] || '';
      badgeLabel.textContent = statusName.textContent = t(`status.${c.status}`);
      statusName.className = `status-name status-${c.status}`;
      badge.className = `status status-${c.status}`;
      badge.title = t(`status.${c.status}`);
      el.dataset.status = c.status;
      approvedLine.hidden = !c.approved_target || c.approved_target === c.target;
      approvedLine.textContent = t('editor.approvedLine', { user: c.approved_by, text: c.approved_target });
      const text = input.value.trim();
      if (confirmBtn) confirmBtn.disabled = !text || (!dirty && c.status !== 'draft' && c.status !== 'rejected');
      if (submitBtn) submitBtn.disabled = !text || !['draft', 'translated', 'rejected'].includes(c.status) && !dirty;
      if (approveBtn) approveBtn.disabled = !c.target || !['draft', 'translated', 'submitted', 'rejected'].includes(c.status);
      if (rejectBtn) rejectBtn.disabled = !c.target || !['draft', 'translated', 'submitted'].includes(c.status);
      // Comments: the unresolved ones, when the server counts them.
      const open = c.open_comments ?? c.comments ?? 0;
      commentsCount.hidden = !open;
      commentsCount.textContent = `✉ ${open}`;
      commentsCount.title = t('grid.openComments', { n: open });
      commentsLabel.textContent = open ? t('grid.commentsN', { n: open }) : t('editor.comments');
      if (c.status !== 'rejected') showRejection(null);
      else if (c.rejection) showRejection(c.rejection);
      el.classList.toggle('rejected', c.status === 'rejected');
      el.classList.toggle('dirty', dirty);
    },
    showRejection,
    showTracked(view) {
      clear(tracked);
      if (view) tracked.append(view);
    },
    showMarker(heading) {
      marker.hidden = !heading;
      if (!heading) return;
      clear(marker);
      marker.title = t('grid.markerTitle', { index: heading.index + 1 });
      marker.append(h('span', { lang: 'zh-CN' }, heading.source.trim()));
      if (heading.target) marker.append(h('span', { class: 'marker-en', lang: 'en' }, heading.target));
    },
    // Glossary hits: underlined in the Chinese and listed with their
    // approved English, which a click inserts.
    showHits(text, list) {
      clear(source);
      clear(termStrip);
      const terms = [];
      let at = 0;
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
      return terms;
    },
    showFindings(list, dismiss) {
      clear(findingsBox);
      for (const f of list) {
        // Only reviewers dismiss (the server refuses the others).
        findingsBox.append(findingView(f, reviewer ? h('button', { type: 'button', class: 'link dismiss', onclick: () => dismiss(f) }, t('qa.dismiss')) : null));
      }
      el.classList.toggle('has-findings', list.length > 0);
      findingsCount.hidden = list.length === 0;
      findingsCount.textContent = `⚠ ${list.length}`;
      findingsCount.title = list.map(findingText).join('\n');
      findingsCount.classList.toggle('sev-error', list.some((f) => f.severity === 'error'));
    },
    // Someone else saved first: both texts, and the user chooses.
    showConflict(mine, current, { useTheirs, keepMine }) {
      clear(conflict);
      conflict.hidden = false;
      setState('conflict', t('editor.conflict'));
      conflict.append(
        h('p', {}, h('strong', {}, t('editor.conflictHead')), t('editor.conflictText', { version: current.version, user: current.updated_by || t('common.unknown') })),
        h('div', { class: 'versions' },
          h('div', {}, h('div', { class: 'label' }, t('editor.theirs')), h('p', { class: 'theirs' }, current.target || t('common.empty'))),
          h('div', {}, h('div', { class: 'label' }, t('editor.yours')), h('p', { class: 'mine' }, mine || t('common.empty')))),
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'use-theirs', onclick: useTheirs }, t('editor.useTheirs')),
          h('button', { type: 'button', class: 'keep-mine', onclick: keepMine }, t('editor.keepMine')),
          h('span', { class: 'muted' }, t('editor.orMerge'))));
    },
    hideConflict() {
      conflict.hidden = true;
    },
    conflictShown: () => !conflict.hidden,
    panel,
    showPanel(open) {
      panel.hidden = !open;
    },
    panelShown: () => !panel.hidden,
    // markPanel says which panel is open on the buttons that open them.
    markPanel(kind) {
      historyBtn.setAttribute('aria-expanded', String(kind === 'history'));
      commentsBtn.setAttribute('aria-expanded', String(kind === 'comments'));
      splitBtn?.setAttribute('aria-expanded', String(kind === 'split'));
    },
    panelFailed(kind, error) {
      clear(panel);
      panel.append(h('p', { class: 'notice error' }, t(`editor.${kind}Failed`, { error: error.message })));
    },
  };
}

// STATUS_ICON is the small sign of each status in the grid (its name is
// beside it, shown on the active row and read by screen readers).
export const STATUS_ICON = { untranslated: '○', draft: '✎', translated: '✓', submitted: '⇪', approved: '✔', rejected: '✗' };

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
