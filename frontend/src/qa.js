import { api } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';

export const KINDS = {
  term_missing: 'Term missing',
  term_forbidden: 'Forbidden rendering',
  segment_inconsistent: 'Inconsistent translation',
  untranslated: 'Untranslated',
  punctuation: 'Chinese punctuation',
  number_mismatch: 'Number mismatch',
};

// findingView renders one finding; actions are added by the caller.
export function findingView(f, ...actions) {
  return h('div', { class: `finding sev-${f.severity}`, dataset: { kind: f.kind, key: f.key } },
    h('span', { class: 'kind' }, KINDS[f.kind] || f.kind),
    f.term ? h('span', { class: 'term', lang: 'zh-CN' }, f.term) : null,
    h('span', { class: 'message' }, f.message),
    f.dismissed ? h('span', { class: 'muted' }, ` — dismissed by ${f.dismissed.author}: ${f.dismissed.reason}`) : null,
    ...actions);
}

export async function dismissFinding(f, onDone, status) {
  const reason = prompt(`Why is this a false positive?\n\n${f.message}`);
  if (reason === null) return;
  try {
    await api.dismiss(f, reason);
    onDone();
  } catch (e) {
    if (status) show(status, 'error', e.message);
    else alert(e.message);
  }
}

export async function renderQA(app, params) {
  document.title = 'QA · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const kind = h('select', { name: 'kind', 'aria-label': 'Kind' }, h('option', { value: '' }, 'All kinds'), Object.entries(KINDS).map(([k, v]) => h('option', { value: k }, v)));
  const doc = h('select', { name: 'document', 'aria-label': 'Document' }, h('option', { value: '' }, 'All documents'));
  const term = h('input', { type: 'search', name: 'term', placeholder: 'Chinese term', 'aria-label': 'Term', lang: 'zh-CN' });
  const dismissed = h('input', { type: 'checkbox', name: 'dismissed' });
  const list = h('div', { class: 'qa-list' }, h('p', { class: 'muted' }, 'Checking…'));
  const count = h('span', { class: 'muted' });
  kind.value = params.get('kind') || '';
  term.value = params.get('term') || '';
  dismissed.checked = params.get('dismissed') === '1';
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, 'Quality assurance'), count),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, kind, doc, term, h('label', { class: 'check' }, dismissed, ' Show dismissed')),
    status, list);

  const titles = {};
  try {
    for (const d of (await api.documents()).documents) {
      titles[d.id] = d.title;
      doc.append(h('option', { value: d.id }, `${d.date || ''} ${d.title}`));
    }
  } catch (e) {
    show(status, 'error', e.message);
  }
  doc.value = params.get('document') || '';
  for (const el of [kind, doc, dismissed]) el.addEventListener('change', () => update());
  let timer;
  term.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });

  function update() {
    const q = new URLSearchParams();
    for (const [k, v] of [['kind', kind.value], ['document', doc.value], ['term', term.value.trim()], ['dismissed', dismissed.checked ? '1' : '']]) if (v) q.set(k, v);
    history.replaceState(null, '', '#/qa' + (q.size ? '?' + q : ''));
    load(Object.fromEntries(q));
  }

  async function load(filter) {
    let findings;
    try {
      findings = (await api.findings(filter)).findings;
    } catch (e) {
      show(status, 'error', `Findings could not be loaded: ${e.message}`);
      return;
    }
    clear(list);
    count.textContent = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
    if (!findings.length) {
      list.append(h('p', { class: 'empty' }, 'No findings. Everything checked agrees with the glossary.'));
      return;
    }
    let lastDoc = null;
    for (const f of findings) {
      if (f.document_id !== lastDoc) {
        lastDoc = f.document_id;
        list.append(h('h2', { class: 'qa-doc', lang: 'zh-CN' }, titles[f.document_id] || `Document ${f.document_id}`));
      }
      list.append(h('div', { class: 'qa-item' },
        findingView(f,
          h('a', { class: 'jump', href: `#/documents/${f.document_id}?clause=${f.clause_id}` }, 'Open clause'),
          f.dismissed
            ? h('button', { type: 'button', class: 'link', onclick: async () => { await api.undismiss(f.key); update(); } }, 'Restore')
            : h('button', { type: 'button', class: 'link dismiss', onclick: () => dismissFinding(f, update, status) }, 'Dismiss…')),
        h('div', { class: 'pair' }, h('p', { lang: 'zh-CN' }, f.source), h('p', { lang: 'en' }, f.target || '—')),
        f.expected || f.found ? h('p', { class: 'muted small' }, f.expected ? `Expected: ${f.expected}` : '', f.expected && f.found ? ' · ' : '', f.found ? `Found: ${f.found}` : '') : null));
    }
  }
  update();
}
