import { api } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';

// The cross-statement report: for each glossary term, where it occurs and
// how it was actually rendered, with the clauses that need attention.
export async function renderReport(app) {
  document.title = t('report.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const list = h('div', { class: 'report' }, h('p', { class: 'muted' }, t('report.collecting')));
  app.append(h('section', { class: 'page-head' }, h('h1', {}, t('report.heading'))),
    h('p', { class: 'hint' }, t('report.hint')),
    status, list);
  const titles = {};
  let terms;
  try {
    for (const d of (await api.documents()).documents) titles[d.id] = d.title;
    terms = (await api.report()).terms;
  } catch (e) {
    show(status, 'error', t('report.failed', { error: e.message }));
    return;
  }
  clear(list);
  if (!terms.length) {
    list.append(h('p', { class: 'empty' }, t('report.empty')));
    return;
  }
  for (const term of terms) list.append(termSection(term, titles, status, () => renderReport(app)));
}

function termSection(term, titles, status, reload) {
  const docs = Object.entries(term.documents || {}).map(([id, n]) => h('li', {},
    h('a', { href: `#/qa?term=${encodeURIComponent(term.term)}&document=${id}`, lang: 'zh-CN' }, titles[id] || t('common.documentN', { id })), ` — ${n}×`));
  const clauseLinks = (ids) => (ids || []).slice(0, 8).map((id) => [' ', h('a', { href: `#/clauses/${id}`, class: 'clause-link' }, `#${id}`)]);
  return h('section', { class: `term-report ${term.attention?.length ? 'has-problems' : ''}`, dataset: { term: term.term } },
    h('h2', {}, h('span', { lang: 'zh-CN' }, term.term), ' → ', term.expected, ' ',
      h('span', { class: 'muted small' }, t('report.summary', { occurrences: term.occurrences, statements: Object.keys(term.documents || {}).length, translated: term.translated, clauses: term.clauses }))),
    h('table', { class: 'renderings' },
      h('thead', {}, h('tr', {}, h('th', {}, t('report.colRendering')), h('th', {}, t('report.colKind')), h('th', { class: 'num' }, t('report.colCount')), h('th', {}, t('report.colClauses')))),
      h('tbody', {}, (term.renderings || []).map((r) => h('tr', { class: `rendering-${r.kind}` },
        h('td', { lang: r.kind === 'other' ? 'en' : undefined }, r.text),
        h('td', {}, t(`rendering.${r.kind}`)),
        h('td', { class: 'num' }, r.count),
        h('td', {}, clauseLinks(r.clauses)))))),
    term.other_omitted ? h('p', { class: 'muted small' }, t('report.otherOmitted', { n: term.other_omitted })) : null,
    term.attention?.length ? h('p', { class: 'small' }, t('report.attention'), clauseLinks(term.attention), ' ',
      h('a', { href: `#/qa?term=${encodeURIComponent(term.term)}` }, t('report.seeFindings'))) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'link promote', onclick: () => promote(term, status, reload) }, t('report.promote'))),
    h('details', {}, h('summary', {}, t('report.statements')), h('ul', {}, docs)));
}

// promote adds a rendering seen in the statements to the entry's variants.
async function promote(entry, status, reload) {
  const text = prompt(t('report.promptVariant', { term: entry.term }));
  if (!text || !text.trim()) return;
  try {
    const term = (await api.terms(entry.term)).terms.find((x) => x.id === entry.entry_id);
    if (!term) throw new Error(t('report.gone', { term: entry.term }));
    await api.updateTerm(term.id, { ...term, variants: [...term.variants, text.trim()] }, term.version);
    show(status, 'ok', t('report.promoted', { text: text.trim(), term: entry.term }));
    reload();
  } catch (e) {
    show(status, 'error', e.message);
  }
}
