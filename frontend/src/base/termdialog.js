// The glossary term dialog: the add/edit form with the impact preview of
// the change (a dry run), and an entry's history. The glossary page and the
// Discovered view open it.
import { api, can } from './api.js';
import { h, clear } from './dom.js';
import { show } from './status.js';
import { t, locale } from './i18n.js';

const splitList = (s) => s.split(/\n|\|/).map((x) => x.trim()).filter(Boolean);

// termDialog is the add/edit form and the history view.
export function termDialog(status, onSaved) {
  const f = {
    zh: h('input', { name: 'zh', required: true, lang: 'zh-CN' }),
    en: h('input', { name: 'en', required: true }),
    variants: h('textarea', { name: 'variants', rows: 2, placeholder: t('gloss.onePerLine') }),
    forbidden: h('textarea', { name: 'forbidden', rows: 2, placeholder: t('gloss.onePerLine') }),
    pos: h('input', { name: 'pos', placeholder: t('gloss.noun') }),
    note: h('textarea', { name: 'note', rows: 2 }),
    status: h('select', { name: 'status' }, ['approved', 'proposed', 'deprecated'].map((s) => h('option', { value: s }, t(`status.${s}`)))),
    case_sensitive: h('input', { type: 'checkbox', name: 'case_sensitive' }),
  };
  const error = h('p', { class: 'notice error', hidden: true, role: 'alert' });
  // On an archive a change to a common term has every finding computed
  // again before the server answers (half a minute at 200,000 clauses):
  // the form says so, and a second click cannot send it twice.
  const saving = h('p', { class: 'notice saving', hidden: true, role: 'status' }, t('gloss.saving'));
  const saveButton = h('button', { type: 'submit', class: 'save-term' }, t('common.save'));
  const title = h('h2', {});
  const body = h('div', { class: 'dialog-body' });
  const el = h('dialog', { class: 'term-dialog', onclose: () => impact.reset() }, title, body);
  const impact = impactPreview();
  let editing = null;
  let opened = 0; // which opening of the form a save belongs to

  const field = (label, input, hint) => h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', { class: 'muted' }, hint) : null);
  const form = h('form', { method: 'dialog', oninput: () => impact.schedule(() => [entry(), editing]), onsubmit: (e) => { e.preventDefault(); save(); } },
    field(t('gloss.fieldZh'), f.zh), field(t('gloss.colEnglish'), f.en),
    field(t('gloss.fieldVariants'), f.variants, t('gloss.variantsHint')), field(t('gloss.fieldForbidden'), f.forbidden, t('gloss.forbiddenHint')),
    h('div', { class: 'field-row' }, field(t('gloss.fieldPOS'), f.pos), field(t('gloss.colStatus'), f.status),
      h('label', { class: 'check' }, f.case_sensitive, ' ', t('gloss.matchCase'))),
    field(t('gloss.fieldNote'), f.note), error, saving,
    h('div', { class: 'actions' }, saveButton,
      h('button', { type: 'button', class: 'secondary', onclick: () => el.close() }, t('common.cancel'))));

  // open shows the form for term (a glossary entry to edit, or the fields
  // of a new one). prefill, if given, are changes already made to it (from
  // the Discovered view): the form shows them, and the preview of what they
  // would do runs at once instead of waiting for the first keystroke.
  // reuse starts another use of the dialog: a save from the one before
  // goes on, and answers on the page instead.
  function reuse() {
    opened++;
    saveButton.disabled = false;
    saving.hidden = true;
  }

  function open(term = {}, prefill = null) {
    reuse();
    editing = term.id ? term : null;
    const shown = { ...term, ...prefill };
    title.textContent = editing ? t('gloss.editTitle', { zh: term.zh }) : t('gloss.addTitle');
    f.zh.value = shown.zh || '';
    f.en.value = shown.en || '';
    f.variants.value = (shown.variants || []).join('\n');
    f.forbidden.value = (shown.forbidden || []).join('\n');
    f.pos.value = shown.pos || '';
    f.note.value = shown.note || '';
    // A translator proposes; a reviewer approves.
    f.status.value = can('reviewer') ? shown.status || 'approved' : 'proposed';
    f.status.disabled = !can('reviewer');
    f.status.title = can('reviewer') ? '' : t('gloss.proposeOnly');
    f.case_sensitive.checked = !!shown.case_sensitive;
    error.hidden = true;
    impact.reset();
    clear(body);
    body.append(form, impact.el);
    el.showModal();
    (f.zh.value ? f.en : f.zh).focus();
    if (prefill) impact.now(() => [entry(), editing]);
  }

  const entry = () => ({
    zh: f.zh.value, en: f.en.value, variants: splitList(f.variants.value), forbidden: splitList(f.forbidden.value),
    pos: f.pos.value, note: f.note.value, status: f.status.value, case_sensitive: f.case_sensitive.checked,
  });

  async function save() {
    if (saveButton.disabled) return;
    const mine = opened;
    saveButton.disabled = true;
    saving.hidden = false;
    error.hidden = true;
    try {
      const saved = editing ? await api.updateTerm(editing.id, entry(), editing.version) : await api.createTerm(entry());
      if (mine === opened) el.close(); // else the dialog shows something else now
      show(status, 'ok', t('gloss.saved', { zh: saved.zh, en: saved.en }));
      onSaved(saved);
    } catch (e) {
      if (mine !== opened || !el.open) {
        show(status, 'error', e.message); // its form is gone
        return;
      }
      error.hidden = false;
      if (e.status === 409 && e.body?.current) {
        editing = e.body.current; // saving again builds on their version
        error.textContent = e.body.current.variants.length
          ? t('gloss.conflictVariants', { error: e.message, en: e.body.current.en, variants: e.body.current.variants.join(', ') })
          : t('gloss.conflict', { error: e.message, en: e.body.current.en });
      } else error.textContent = e.message;
    } finally {
      if (mine === opened) {
        saveButton.disabled = false;
        saving.hidden = true;
      }
    }
  }

  async function history(term) {
    reuse();
    title.textContent = t('gloss.historyTitle', { zh: term.zh });
    impact.reset();
    clear(body);
    el.showModal();
    try {
      const { changes } = await api.termHistory(term.id);
      body.append(h('ol', { class: 'history' }, changes.map((c) => h('li', {},
        h('strong', {}, t(`action.${c.action}`)), t('gloss.historyBy', { user: c.author, when: new Date(c.created_at).toLocaleString(locale()) }),
        h('span', { lang: 'zh-CN' }, c.entry.zh), ' → ', c.entry.en,
        c.entry.variants.length ? t('gloss.historyVariants', { list: c.entry.variants.join(', ') }) : '',
        c.entry.forbidden.length ? t('gloss.historyForbidden', { list: c.entry.forbidden.join(', ') }) : '',
        ` · ${t(`status.${c.entry.status}`)}`))));
    } catch (e) {
      body.append(h('p', { class: 'notice error' }, e.message));
    }
    body.append(h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => el.close() }, t('common.close'))));
  }

  return { el, open, history };
}

// impactPreview shows, while the form is filled in, what saving it would do
// to the findings: a dry run of the change, debounced, the one before
// cancelled. It stays quiet about what the user is still typing (an
// incomplete entry, a change their role cannot make).
function impactPreview() {
  const summary = h('p', { class: 'impact-summary', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const details = h('div', { class: 'impact-details' });
  const el = h('section', { class: 'impact', 'aria-label': t('gloss.impactLabel') }, summary, details);
  let timer = 0;
  let pending = null; // the AbortController of the dry run under way
  let last = ''; // the input last previewed
  let titles = null;

  // schedule previews read() ([entry, the term edited or null]) once the
  // typing pauses.
  function schedule(read) {
    clearTimeout(timer);
    timer = setTimeout(() => run(...read()), 300);
  }

  // now previews read() at once (a form opened already filled in).
  function now(read) {
    clearTimeout(timer);
    run(...read());
  }

  function reset() {
    clearTimeout(timer);
    cancel();
    last = '';
    quiet('');
  }

  function cancel() {
    pending?.abort();
    pending = null;
    el.classList.remove('pending');
  }

  async function run(entry, term) {
    const key = JSON.stringify([term?.id, term?.version, entry.zh, entry.en, entry.variants, entry.forbidden, entry.status, entry.case_sensitive]);
    if (key === last) return; // the note or part of speech changed: no new impact
    cancel();
    last = key;
    if (!entry.zh.trim() || !mayChange(entry, term)) return quiet('');
    if (!entry.en.trim()) return quiet(t('gloss.impactNeedsEnglish'));
    const mine = (pending = new AbortController());
    el.classList.add('pending');
    try {
      const [{ impact }, names] = await Promise.all([api.termImpact(entry, term, mine.signal), docTitles()]);
      render(impact, names);
    } catch (e) {
      if (mine.signal.aborted) return;
      if (e.status === 403) quiet(''); // the save would be refused too
      else if (e.status === 422) quiet(t('gloss.impactInvalid', { error: e.message }));
      else {
        last = ''; // try again on the next keystroke
        quiet(t('gloss.impactUnavailable'));
      }
    } finally {
      if (pending === mine) {
        pending = null;
        el.classList.remove('pending');
      }
    }
  }

  function render(impact, names) {
    summary.className = 'impact-summary';
    summary.textContent = impactSummary(impact);
    clear(details);
    const docs = impact.per_document;
    if (docs.length) details.append(h('ul', { class: 'impact-docs' }, docs.slice(0, 8).map((d) => impactDocument(d, names)),
      docs.length > 8 ? h('li', { class: 'muted' }, t('gloss.impactMoreStatements', { n: docs.length - 8 })) : null));
    const flagged = byClause(impact.new_findings);
    if (flagged.size) {
      const ids = [...flagged.keys()].slice(0, 8);
      details.append(h('p', { class: 'impact-clauses small' }, t('gloss.impactWouldFlag'),
        ids.map((id) => [' ', h('a', { href: `#/clauses/${id}`, class: 'clause-link', target: '_blank', rel: 'noopener', title: flagged.get(id).message }, `#${id}`)]),
        impact.flagged_clauses > 8 ? ` ${t('gloss.impactMore', { n: impact.flagged_clauses - 8 })}` : null));
    }
  }

  // quiet replaces the preview with a muted line, or nothing.
  function quiet(text) {
    summary.className = 'impact-summary muted';
    summary.textContent = text;
    clear(details);
  }

  // docTitles maps statement ids to titles, asked for once.
  function docTitles() {
    titles ??= api.documents().then((r) => Object.fromEntries(r.documents.map((d) => [d.id, d.title])), () => {
      titles = null;
      return {};
    });
    return titles;
  }

  return { el, schedule, now, reset };
}

// mayChange says whether the user's role may make the change, as the
// server decides it: translators only propose new terms.
function mayChange(entry, term) {
  if (term) return can('reviewer');
  return can('reviewer') || (can('translator') && entry.status === 'proposed');
}

// byClause maps each clause of findings to its first finding, in order.
function byClause(findings) {
  const out = new Map();
  for (const f of findings) if (!out.has(f.clause_id)) out.set(f.clause_id, f);
  return out;
}

// impactSummary is the dry run in a sentence: "This change flags 14
// clauses (9 already approved) in 4 statements and clears 2 findings."
// It reads the counts: the lists hold only the first findings (?limit).
function impactSummary(impact) {
  const flagged = impact.flagged_clauses;
  const cleared = impact.resolved_count;
  const approved = impact.approved_clauses;
  const parts = {
    clauses: t('gloss.impactClauses', { n: flagged }),
    approved: approved ? t('gloss.impactApproved', { n: approved }) : t('gloss.impactNoneApproved'),
    cleared: t('gloss.impactFindings', { n: cleared }),
  };
  const statements = (has) => t('gloss.impactStatements', { n: impact.per_document.filter(has).length });
  if (flagged) parts.statements = statements((d) => d.flagged_clauses > 0);
  else if (cleared) parts.statements = statements((d) => d.resolved_count > 0);
  if (flagged && cleared) return t('gloss.impactFlagsClears', parts);
  if (flagged) return t('gloss.impactFlags', parts);
  if (cleared) return t('gloss.impactClears', parts);
  return t('gloss.impactNone');
}

// impactDocument links a statement the change touches, at its first
// clause concerned, with what the change does there.
function impactDocument(d, names) {
  const id = d.document_id;
  return h('li', {},
    h('a', { href: `#/documents/${id}${d.first_clause ? `?clause=${d.first_clause}` : ''}`, lang: 'zh-CN', target: '_blank', rel: 'noopener' }, names[id] || t('common.documentN', { id })), ' ',
    h('span', { class: 'muted' }, inDocument(d.flagged_clauses, d.resolved_count)));
}

function inDocument(flagged, cleared) {
  if (flagged && cleared) return t('gloss.impactInDocument', { flagged, cleared });
  return flagged ? t('gloss.impactFlaggedHere', { n: flagged }) : t('gloss.impactClearedHere', { n: cleared });
}
