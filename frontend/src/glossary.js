import { api } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';

const splitList = (s) => s.split(/\n|\|/).map((x) => x.trim()).filter(Boolean);

export async function renderGlossary(app, params) {
  document.title = 'Glossary · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const search = h('input', { type: 'search', class: 'search', placeholder: 'Search Chinese, English, variants, notes…', 'aria-label': 'Search the glossary', value: params.get('q') || '' });
  const list = h('div', { class: 'term-list' });
  const suggestions = h('section', { class: 'suggestions' });
  const fileInput = h('input', { type: 'file', accept: '.csv,.tbx,.xml', id: 'glossary-file', class: 'visually-hidden', onchange: () => importFile() });
  const dialog = termDialog(status, () => {
    load();
    loadSuggestions();
  });
  app.append(
    h('section', { class: 'page-head' },
      h('h1', {}, 'Glossary'),
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'add-term', onclick: () => dialog.open() }, 'Add term'),
        h('label', { for: 'glossary-file', class: 'button secondary' }, 'Import CSV/TBX…'), fileInput,
        h('a', { class: 'button secondary', href: '/api/v1/glossary/export?format=tbx', download: '' }, 'Export TBX'),
        h('a', { class: 'button secondary', href: '/api/v1/glossary/export?format=csv', download: '' }, 'Export CSV'))),
    h('p', { class: 'hint' }, 'One entry per Chinese term, shared by all statements. Variants are accepted alternatives; forbidden renderings are flagged wherever they appear.'),
    status, search, list, suggestions, dialog.el);

  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
  });

  async function importFile() {
    const file = fileInput.files[0];
    if (!file) return;
    show(status, 'info', `Importing ${file.name}…`);
    try {
      const r = await api.importGlossary(file);
      show(status, 'ok', `${file.name}: ${r.created} added, ${r.updated} updated, ${r.unchanged} unchanged.`);
      await load();
    } catch (e) {
      show(status, 'error', e.message);
    } finally {
      fileInput.value = '';
    }
  }

  async function load() {
    let terms;
    try {
      terms = (await api.terms(search.value)).terms;
    } catch (e) {
      show(status, 'error', `The glossary could not be loaded: ${e.message}`);
      return;
    }
    clear(list);
    if (!terms.length) {
      list.append(h('p', { class: 'empty' }, search.value ? `No entry matches “${search.value}”.` : 'The glossary is empty. Add a term, import a CSV/TBX file, or pick from the suggestions below.'));
      return;
    }
    list.append(h('table', { class: 'terms' },
      h('thead', {}, h('tr', {}, ['Chinese', 'Approved English', 'Variants', 'Forbidden', 'POS', 'Status', 'Note', ''].map((t) => h('th', {}, t)))),
      h('tbody', {}, terms.map((t) => h('tr', { dataset: { termId: t.id } },
        h('td', { lang: 'zh-CN', class: 'zh' }, t.zh),
        h('td', { class: 'en' }, t.en, t.case_sensitive ? h('span', { class: 'tag', title: 'English matching respects case' }, 'Aa') : null),
        h('td', {}, t.variants.join(' · ')),
        h('td', { class: 'forbidden' }, t.forbidden.join(' · ')),
        h('td', {}, t.pos),
        h('td', {}, h('span', { class: `status status-${t.status}` }, t.status)),
        h('td', { class: 'note' }, t.note),
        h('td', { class: 'row-actions' },
          h('button', { type: 'button', class: 'link edit', onclick: () => dialog.open(t) }, 'Edit'),
          h('button', { type: 'button', class: 'link', onclick: () => dialog.history(t) }, 'History'),
          h('button', { type: 'button', class: 'link danger', onclick: () => remove(t) }, 'Delete')))))));
  }

  async function remove(t) {
    if (!confirm(`Delete ${t.zh} → ${t.en} from the glossary? Its history is kept.`)) return;
    try {
      await api.deleteTerm(t.id);
      show(status, 'ok', `${t.zh} deleted.`);
      await load();
    } catch (e) {
      show(status, 'error', e.message);
    }
  }

  async function loadSuggestions() {
    clear(suggestions);
    let s;
    try {
      s = (await api.suggest()).suggestions;
    } catch (e) {
      suggestions.append(h('p', { class: 'muted' }, `Suggestions unavailable: ${e.message}`));
      return;
    }
    suggestions.append(h('h2', {}, 'Suggested terms'),
      h('p', { class: 'hint' }, 'Chinese strings that recur across statements and are not in the glossary yet.'),
      s.length ? h('ul', { class: 'suggestion-list' }, s.slice(0, 30).map((x) => h('li', {},
        h('span', { lang: 'zh-CN', class: 'zh' }, x.text), ' ',
        h('span', { class: 'muted' }, `${x.occurrences}× in ${x.documents} statements`), ' ',
        h('button', { type: 'button', class: 'link', onclick: () => dialog.open({ zh: x.text, status: 'proposed' }) }, 'Add…'))))
        : h('p', { class: 'muted' }, 'No suggestions.'));
  }

  await load();
  loadSuggestions();
}

// termDialog is the add/edit form and the history view.
function termDialog(status, onSaved) {
  const f = {
    zh: h('input', { name: 'zh', required: true, lang: 'zh-CN' }),
    en: h('input', { name: 'en', required: true }),
    variants: h('textarea', { name: 'variants', rows: 2, placeholder: 'One per line' }),
    forbidden: h('textarea', { name: 'forbidden', rows: 2, placeholder: 'One per line' }),
    pos: h('input', { name: 'pos', placeholder: 'noun' }),
    note: h('textarea', { name: 'note', rows: 2 }),
    status: h('select', { name: 'status' }, ['approved', 'proposed', 'deprecated'].map((s) => h('option', { value: s }, s))),
    case_sensitive: h('input', { type: 'checkbox', name: 'case_sensitive' }),
  };
  const error = h('p', { class: 'notice error', hidden: true, role: 'alert' });
  const title = h('h2', {});
  const body = h('div', { class: 'dialog-body' });
  const el = h('dialog', { class: 'term-dialog' }, title, body);
  let editing = null;

  const field = (label, input, hint) => h('label', { class: 'field' }, h('span', {}, label), input, hint ? h('small', { class: 'muted' }, hint) : null);
  const form = h('form', { method: 'dialog', onsubmit: (e) => { e.preventDefault(); save(); } },
    field('Chinese term', f.zh), field('Approved English', f.en),
    field('Accepted variants', f.variants, 'e.g. SCO; one per line'), field('Forbidden renderings', f.forbidden, 'e.g. BRIC; one per line'),
    h('div', { class: 'field-row' }, field('Part of speech', f.pos), field('Status', f.status),
      h('label', { class: 'check' }, f.case_sensitive, ' Match English case exactly')),
    field('Note for translators', f.note), error,
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'save-term' }, 'Save'),
      h('button', { type: 'button', class: 'secondary', onclick: () => el.close() }, 'Cancel')));

  function open(t = {}) {
    editing = t.id ? t : null;
    title.textContent = editing ? `Edit ${t.zh}` : 'Add a term';
    f.zh.value = t.zh || '';
    f.en.value = t.en || '';
    f.variants.value = (t.variants || []).join('\n');
    f.forbidden.value = (t.forbidden || []).join('\n');
    f.pos.value = t.pos || '';
    f.note.value = t.note || '';
    f.status.value = t.status || 'approved';
    f.case_sensitive.checked = !!t.case_sensitive;
    error.hidden = true;
    clear(body);
    body.append(form);
    el.showModal();
    (f.zh.value ? f.en : f.zh).focus();
  }

  async function save() {
    const entry = {
      zh: f.zh.value, en: f.en.value, variants: splitList(f.variants.value), forbidden: splitList(f.forbidden.value),
      pos: f.pos.value, note: f.note.value, status: f.status.value, case_sensitive: f.case_sensitive.checked,
    };
    try {
      const saved = editing ? await api.updateTerm(editing.id, entry, editing.version) : await api.createTerm(entry);
      el.close();
      show(status, 'ok', `${saved.zh} → ${saved.en} saved.`);
      onSaved();
    } catch (e) {
      error.hidden = false;
      if (e.status === 409 && e.body?.current) {
        editing = e.body.current; // saving again builds on their version
        error.textContent = `${e.message} Theirs: ${e.body.current.en}${e.body.current.variants.length ? ' (variants: ' + e.body.current.variants.join(', ') + ')' : ''}. Save again to keep yours.`;
      } else error.textContent = e.message;
    }
  }

  async function history(t) {
    title.textContent = `History of ${t.zh}`;
    clear(body);
    el.showModal();
    try {
      const { changes } = await api.termHistory(t.id);
      body.append(h('ol', { class: 'history' }, changes.map((c) => h('li', {},
        h('strong', {}, c.action), ` by ${c.author} on ${new Date(c.created_at).toLocaleString()}: `,
        h('span', { lang: 'zh-CN' }, c.entry.zh), ' → ', c.entry.en,
        c.entry.variants.length ? ` · variants: ${c.entry.variants.join(', ')}` : '',
        c.entry.forbidden.length ? ` · forbidden: ${c.entry.forbidden.join(', ')}` : '',
        ` · ${c.entry.status}`))));
    } catch (e) {
      body.append(h('p', { class: 'notice error' }, e.message));
    }
    body.append(h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => el.close() }, 'Close')));
  }

  return { el, open, history };
}
