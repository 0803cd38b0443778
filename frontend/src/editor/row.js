// The rendering of a clause's row in the editor: its elements and what
// they show. It decides nothing and keeps no state but the DOM's: each
// control calls one of the actions it is given (see actions.js, which
// holds the clause, saves it and says what to show).
import { can } from '../base/api.js';
import { h, clear } from '../base/dom.js';
import { findingView } from '../base/findings.js';
import { t } from '../base/i18n.js';

// rowView builds the row of a clause. on holds what its controls do:
//   save(), submit(), approve(), reject(), merge(), togglePanel(kind)
// The view it returns:
//   el, input              the row and its English box (read, written and
//                          listened to by the actions)
//   fit()                  grows the box to its text
//   insert(text)           types text at the caret, as the user would
//   setState(kind, text), stateKind()
//                          the save state beside the status
//   showClause(c, dirty)   status, approved English, which buttons apply
//   showHits(source, list) glossary hits in the Chinese; returns the
//                          distinct entries, in order (Alt+1 is the first)
//   showFindings(list, dismiss)
//   showConflict(mine, current, { useTheirs, keepMine }), hideConflict(),
//   conflictShown()
//   panel, showPanel(open), panelShown(), markPanel(kind), panelFailed(kind, error)
//                          the panel under the row (history, comments,
//                          split), drawn into by panels.js
export function rowView(clause, editable, on) {
  const input = h('textarea', {
    class: 'target', lang: 'en', rows: 2, spellcheck: true, readOnly: !editable,
    'aria-label': t('editor.englishFor', { index: clause.index + 1 }),
    placeholder: clause.kind === 'signature' ? t('editor.signaturePlaceholder') : t('editor.englishPlaceholder'),
  });
  input.value = clause.target;
  const state = h('span', { class: 'save-state', 'aria-live': 'polite' });
  const badge = h('span', { class: 'status' });
  const conflict = h('div', { class: 'conflict', hidden: true, role: 'alert' });
  const saveBtn = editable ? h('button', { class: 'save', type: 'button', onclick: () => on.save() }, t('common.save')) : null;
  const approvedLine = h('p', { class: 'approved-line', hidden: true });
  const submitBtn = h('button', { type: 'button', class: 'secondary small submit', onclick: () => on.submit(), hidden: true }, t('editor.submit'));
  const approveBtn = h('button', { type: 'button', class: 'secondary small approve', onclick: () => on.approve(), hidden: true }, t('editor.approve'));
  const rejectBtn = h('button', { type: 'button', class: 'secondary small reject', onclick: () => on.reject(), hidden: true }, t('editor.reject'));
  const panel = h('div', { class: 'panel', hidden: true });
  const historyBtn = h('button', { type: 'button', class: 'link history-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('history') }, t('common.history'));
  const commentsBtn = h('button', { type: 'button', class: 'link comments-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('comments') }, t('editor.comments'));
  const splitBtn = editable ? h('button', { type: 'button', class: 'link split-toggle', 'aria-expanded': 'false', onclick: () => on.togglePanel('split') }, t('split.button')) : null;
  const mergeBtn = editable ? h('button', { type: 'button', class: 'link merge', onclick: () => on.merge(), title: t('merge.title') }, t('merge.button')) : null;
  const source = h('div', { class: 'source', lang: 'zh-CN' }, clause.source);
  const termStrip = h('div', { class: 'term-strip' });
  const findingsBox = h('div', { class: 'findings', 'aria-live': 'polite' });

  const el = h('div', { class: `row kind-${clause.kind}`, role: 'row', dataset: { clauseId: clause.id, index: clause.index } },
    h('div', { class: 'idx', role: 'cell' }, clause.index + 1),
    h('div', { class: 'source-cell', role: 'cell' }, source, termStrip),
    h('div', { class: 'target-cell', role: 'cell' }, input, approvedLine, conflict, findingsBox,
      h('div', { class: 'row-foot' }, badge, state, historyBtn, commentsBtn, splitBtn, mergeBtn, h('span', { class: 'spacer' }), submitBtn, approveBtn, rejectBtn, saveBtn),
      panel));

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
      badge.textContent = t(`status.${c.status}`);
      badge.className = `status status-${c.status}`;
      approvedLine.hidden = !c.approved_target || c.approved_target === c.target;
      approvedLine.textContent = t('editor.approvedLine', { user: c.approved_by, text: c.approved_target });
      submitBtn.hidden = !editable || !c.target || !['draft', 'rejected'].includes(c.status);
      approveBtn.hidden = rejectBtn.hidden = !can('reviewer') || !c.target || !['draft', 'submitted', 'rejected'].includes(c.status);
      rejectBtn.hidden ||= c.status === 'rejected';
      el.classList.toggle('dirty', dirty);
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
        findingsBox.append(findingView(f, h('button', { type: 'button', class: 'link dismiss', onclick: () => dismiss(f) }, t('qa.dismiss'))));
      }
      el.classList.toggle('has-findings', list.length > 0);
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
