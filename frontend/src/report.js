import { api } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';

// The cross-statement report: for each glossary term, where it occurs and
// how it was actually rendered, with the clauses that need attention.
export async function renderReport(app) {
  document.title = 'Term report · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const list = h('div', { class: 'report' }, h('p', { class: 'muted' }, 'Collecting renderings…'));
  app.append(h('section', { class: 'page-head' }, h('h1', {}, 'Term report')),
    h('p', { class: 'hint' }, 'How each glossary term was rendered across all statements. Terms with problems come first.'),
    status, list);
  const titles = {};
  let terms;
  try {
    for (const d of (await api.documents()).documents) titles[d.id] = d.title;
    terms = (await api.report()).terms;
  } catch (e) {
    show(status, 'error', `The report could not be built: ${e.message}`);
    return;
  }
  clear(list);
  if (!terms.length) {
    list.append(h('p', { class: 'empty' }, 'No glossary term occurs in the statements yet. Add terms on the Glossary page.'));
    return;
  }
  for (const t of terms) list.append(termSection(t, titles, status, () => renderReport(app)));
}

function termSection(t, titles, status, reload) {
  const docs = Object.entries(t.documents || {}).map(([id, n]) => h('li', {},
    h('a', { href: `#/qa?term=${encodeURIComponent(t.term)}&document=${id}`, lang: 'zh-CN' }, titles[id] || `Document ${id}`), ` — ${n}×`));
  const clauseLinks = (ids) => (ids || []).slice(0, 8).map((id) => [' ', h('a', { href: `#/clauses/${id}`, class: 'clause-link' }, `#${id}`)]);
  return h('section', { class: `term-report ${t.attention?.length ? 'has-problems' : ''}`, dataset: { term: t.term } },
    h('h2', {}, h('span', { lang: 'zh-CN' }, t.term), ' → ', t.expected, ' ',
      h('span', { class: 'muted small' }, `${t.occurrences} occurrences in ${Object.keys(t.documents || {}).length} statements · ${t.translated} of ${t.clauses} clauses translated`)),
    h('table', { class: 'renderings' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Rendering used'), h('th', {}, 'Kind'), h('th', { class: 'num' }, 'Count'), h('th', {}, 'Clauses'))),
      h('tbody', {}, (t.renderings || []).map((r) => h('tr', { class: `rendering-${r.kind}` },
        h('td', { lang: r.kind === 'other' ? 'en' : undefined }, r.text),
        h('td', {}, r.kind),
        h('td', { class: 'num' }, r.count),
        h('td', {}, clauseLinks(r.clauses)))))),
    t.other_omitted ? h('p', { class: 'muted small' }, `${t.other_omitted} more clauses with other renderings.`) : null,
    t.attention?.length ? h('p', { class: 'small' }, `Needs attention: `, clauseLinks(t.attention), ' ',
      h('a', { href: `#/qa?term=${encodeURIComponent(t.term)}` }, 'See the findings')) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'link promote', onclick: () => promote(t, status, reload) }, 'Add a rendering as accepted variant…')),
    h('details', {}, h('summary', {}, 'Statements'), h('ul', {}, docs)));
}

// promote adds a rendering seen in the statements to the entry's variants.
async function promote(t, status, reload) {
  const text = prompt(`Which rendering of ${t.term} should be accepted as a variant? (e.g. the phrase used in a clause)`);
  if (!text || !text.trim()) return;
  try {
    const term = (await api.terms(t.term)).terms.find((x) => x.id === t.entry_id);
    if (!term) throw new Error(`${t.term} is no longer in the glossary`);
    await api.updateTerm(term.id, { ...term, variants: [...term.variants, text.trim()] }, term.version);
    show(status, 'ok', `“${text.trim()}” is now an accepted variant of ${t.term}.`);
    reload();
  } catch (e) {
    show(status, 'error', e.message);
  }
}
