import { api } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';
import { pageShown } from './base/paging.js';

// The cross-statement report: for each glossary term, where it occurs and
// how it was actually rendered, with the clauses that need attention.
export async function renderReport(app) {
  document.title = t('report.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const count = h('p', { class: 'muted' });
  const list = h('div', { class: 'report' }, h('p', { class: 'muted' }, t('report.collecting')));
  app.append(h('section', { class: 'page-head' }, h('h1', {}, t('report.heading'))),
    h('p', { class: 'hint' }, t('report.hint'), ' ', h('a', { href: '#/discovered' }, t('report.discoveredLink'))),
    status, count, list);
  const titles = {};
  try {
    for (const d of (await api.documents()).documents) titles[d.id] = d.title;
  } catch (e) {
    show(status, 'error', t('report.failed', { error: e.message }));
    return;
  }
  const reload = () => renderReport(app);
  // Terms come a page at a time, problems first: a large glossary has
  // thousands, each with thousands of clauses.
  let more = null;
  async function load(offset) {
    let page;
    try {
      page = await api.report(offset, PAGE);
    } catch (e) {
      show(status, 'error', t('report.failed', { error: e.message }));
      return;
    }
    more?.remove();
    if (offset === 0) {
      clear(list);
      if (!page.total) {
        list.append(h('p', { class: 'empty' }, t('report.empty')));
        return;
      }
    }
    for (const term of page.terms) list.append(termSection(term, titles, status, reload));
    more = pageShown({ count, list, offset, n: page.terms.length, total: page.total, size: PAGE, next: load });
  }
  await load(0);
}

const PAGE = 20;

// termSection shows one term: from a page of the report, the glossary's
// forms with their counts and the other renderings counted; once the user
// asks (or from the term's own report), every rendering with its clauses.
function termSection(term, titles, status, reload, whole = false) {
  const docs = Object.entries(term.documents || {}).map(([id, n]) => h('li', {},
    h('a', { href: `#/qa?term=${encodeURIComponent(term.term)}&document=${id}`, lang: 'zh-CN' }, titles[id] || t('common.documentN', { id })), ` — ${n}×`));
  const clauseLinks = (ids) => (ids || []).slice(0, 8).map((id) => [' ', h('a', { href: `#/clauses/${id}`, class: 'clause-link' }, `#${id}`)]);
  const problems = term.problems ?? term.attention?.length ?? 0;
  const section = h('section', { class: `term-report ${problems ? 'has-problems' : ''}`, dataset: { term: term.term } });
  const showAll = async (button) => {
    button.disabled = true;
    try {
      const full = (await api.termReport(term.entry_id)).term;
      section.replaceWith(termSection(full, titles, status, reload, true));
    } catch (e) {
      button.disabled = false;
      show(status, 'error', t('report.failed', { error: e.message }));
    }
  };
  const others = term.other_omitted
    ? h('p', { class: 'muted small' }, whole ? t('report.otherOmitted', { n: term.other_omitted }) : t('report.otherCounted', { n: term.other_omitted }), ' ',
      whole ? null : h('button', { type: 'button', class: 'link show-renderings', onclick: (e) => showAll(e.currentTarget) }, t('report.showRenderings')))
    : null;
  // (append, unlike h, would write a null out as text)
  section.append(...[
    h('h2', {}, h('span', { lang: 'zh-CN' }, term.term), ' → ', term.expected, ' ',
      h('span', { class: 'muted small' }, t('report.summary', { occurrences: t('report.occurrences', { n: term.occurrences }), statements: t('report.statements', { n: Object.keys(term.documents || {}).length }), translated: term.translated, clauses: t('report.clauses', { n: term.clauses }) }))),
    h('table', { class: 'renderings' },
      h('thead', {}, h('tr', {}, h('th', {}, t('report.colRendering')), h('th', {}, t('report.colKind')), h('th', { class: 'num' }, t('report.colCount')), h('th', {}, t('report.colClauses')))),
      h('tbody', {}, (term.renderings || []).map((r) => h('tr', { class: `rendering-${r.kind}` },
        h('td', { lang: r.kind === 'other' ? 'en' : undefined }, r.text),
        h('td', {}, t(`rendering.${r.kind}`)),
        h('td', { class: 'num' }, r.count),
        h('td', {}, clauseLinks(r.clauses)))))),
    others,
    problems ? h('p', { class: 'small' }, t('report.attention', { n: problems }), clauseLinks(term.attention),
      problems > Math.min(8, term.attention?.length ?? 0) ? [' ', t('report.andMore', { n: problems - Math.min(8, term.attention?.length ?? 0) })] : null, ' ',
      h('a', { href: `#/qa?term=${encodeURIComponent(term.term)}` }, t('report.seeFindings'))) : null,
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'link promote', onclick: () => promote(term, status, reload) }, t('report.promote'))),
    h('details', {}, h('summary', {}, t('report.statementsList')), h('ul', {}, docs))].filter(Boolean));
  return section;
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
