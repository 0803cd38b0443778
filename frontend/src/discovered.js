import { api, can } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';
import { pageShown } from './base/paging.js';
import { when } from './base/time.js';
import { termDialog } from './base/termdialog.js';

const PAGE = 20;
const POLL = 3000; // ms between two looks at a computation under way
const LINKS = 8; // clause links shown per rendering

// The Discovered view (issue 19): Chinese terms that recur in translated
// clauses and are rendered in more than one way, in the glossary or not,
// best first, computed in the background. From each, one click opens the
// glossary form filled in with the rendering chosen as approved and the
// others as variants or forbidden. The route's document=ID keeps only the
// terms with a clause in that statement.
export async function renderDiscovered(app, params = new URLSearchParams()) {
  document.title = t('disc.pageTitle');
  clear(app);
  const docID = /^\d+$/.test(params.get('document') || '') ? params.get('document') : '';
  // Choosing a statement changes the route (back and forward go through
  // the choices, a link gives the same view), which renders the page anew.
  const statement = h('select', { name: 'document', 'aria-label': t('disc.statement'),
    onchange: () => (location.hash = '#/discovered' + (statement.value ? `?document=${statement.value}` : '')) },
  h('option', { value: '' }, t('disc.allStatements')));
  if (docID) statement.append(h('option', { value: docID }, t('common.documentN', { id: docID })));
  statement.value = docID;
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const computed = h('p', { class: 'muted computed' });
  const count = h('p', { class: 'muted' });
  const list = h('div', { class: 'discovered' }, h('p', { class: 'muted' }, t('disc.loading')));
  const dialog = termDialog(status, saved);
  const root = h('div', { class: 'discovered-page' },
    h('section', { class: 'page-head' }, h('h1', {}, t('disc.heading'))),
    h('p', { class: 'hint' }, t('disc.hint'), ' ', can('translator') ? [t('disc.hintEdit'), ' '] : null, h('a', { href: '#/report' }, t('disc.reportLink'))),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, statement),
    status, computed, count, list, dialog.el);
  app.append(root);

  // The page polls while a computation is under way; leaving it (another
  // route, a language switch re-rendering it) stops that.
  const stop = new AbortController();
  let timer = 0;
  const left = () => {
    if (root.isConnected) return false;
    clearTimeout(timer);
    stop.abort();
    window.removeEventListener('hashchange', left);
    return true;
  };
  window.addEventListener('hashchange', left);

  // The statements' titles fill the choice while the list loads.
  api.documents().then(({ documents }) => {
    if (left()) return;
    // A statement not there (deleted) keeps its number: the list says so.
    const known = documents.some((d) => String(d.id) === docID);
    statement.replaceChildren(...[...statement.options].filter((o) => !o.value || !known), ...documents.map((d) => h('option', { value: d.id }, [d.date, d.title].filter(Boolean).join(' '))));
    statement.value = docID;
  }, (e) => !left() && show(status, 'error', e.message));

  let shownAt = null; // computed_at of the list shown
  let more = null;
  let seq = 0; // the load under way: an older one's answer is dropped

  async function load(offset) {
    const mine = offset === 0 ? ++seq : seq;
    let page;
    try {
      page = await api.discovered(offset, PAGE, stop.signal, docID);
    } catch (e) {
      if (left() || mine !== seq) return;
      show(status, 'error', t('disc.failed', { error: e.message }));
      if (offset === 0 && !shownAt) {
        clear(list);
        if (docID) list.append(h('p', {}, allLink()));
      }
      return;
    }
    if (left() || mine !== seq) return;
    more?.remove();
    if (offset === 0) {
      clearTimeout(timer);
      shownAt = page.computed_at;
      clear(list);
      clear(computed);
      count.textContent = '';
      if (!page.computed_at) {
        if (page.computing) {
          list.append(h('p', { class: 'empty computing' }, t('disc.computing')));
          poll();
        } else list.append(empty());
        return;
      }
      computed.append(t('disc.computed', { when: when(page.computed_at) }));
      if (page.computing) {
        computed.append(' ', h('span', { class: 'recomputing' }, t('disc.recomputing')));
        poll();
      }
      if (!page.total) {
        list.append(empty());
        return;
      }
    }
    for (const term of page.terms) list.append(termSection(term, open));
    more = pageShown({ count, list, offset, n: page.terms.length, total: page.total, size: PAGE, next: load });
  }

  // poll looks again in a few seconds until the computation under way is
  // done: a first result is loaded, a newer one offered (a list being read
  // is not replaced under the reader).
  function poll() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (left()) return;
      let r;
      try {
        r = await api.discovered(0, 1, stop.signal, docID);
      } catch {
        if (!left()) poll();
        return;
      }
      if (left()) return;
      if (r.computing) return poll();
      if (r.computed_at === shownAt) return computed.querySelector('.recomputing')?.remove();
      if (!shownAt) load(0);
      else {
        computed.querySelector('.recomputing')?.remove();
        computed.append(' ', h('button', { type: 'button', class: 'link newer', onclick: () => load(0) }, t('disc.newer')));
      }
    }, POLL);
  }

  // open fills the glossary form from a term and the choice made in it.
  async function open(term, choice, button) {
    button.disabled = true;
    try {
      let entry = null;
      if (term.in_glossary) {
        entry = (await api.terms(term.zh)).terms.find((x) => x.id === term.entry_id);
        if (!entry) throw new Error(t('report.gone', { term: term.zh }));
      }
      dialog.open(entry || {}, {
        ...glossaryChange(term, choice, entry),
        status: can('reviewer') ? 'approved' : 'proposed',
      });
    } catch (e) {
      show(status, 'error', e.message);
    } finally {
      button.disabled = false;
    }
  }

  // saved: the entry is in the glossary, which the list, loaded again,
  // shows (the server reads the glossary when asked).
  function saved(entry) {
    show(status, 'ok', t('disc.saved', { zh: entry.zh, en: entry.en }));
    status.scrollIntoView({ block: 'nearest' });
    load(0);
  }

  // empty says that no term is listed: in the statement chosen (with the
  // way back to all of them), or at all.
  function empty() {
    if (docID) return h('div', { class: 'empty' }, h('p', {}, t('disc.emptyStatement')), h('p', { class: 'small' }, t('disc.emptyStatementMeans'), ' ', allLink()));
    return h('div', { class: 'empty' }, h('p', {}, t('disc.empty')), h('p', { class: 'small' }, t('disc.emptyMeans')));
  }

  await load(0);
}

const allLink = () => h('a', { href: '#/discovered', class: 'all-statements' }, t('disc.showAll'));

let radios = 0; // names of the radio groups, one per term shown

// termSection shows one term: its renderings with their clauses, and, for
// who may change the glossary, the choice of the approved rendering and of
// what the others become, with the button that opens the glossary form.
function termSection(term, open) {
  const renderings = term.renderings || [];
  // Translators propose new terms; only reviewers change an entry.
  const editable = can('reviewer') || (can('translator') && !term.in_glossary);
  const group = `disc-approved-${++radios}`;
  const top = renderings.reduce((best, r, i) => (used(r) > used(renderings[best]) ? i : best), 0);
  const rows = renderings.map((r, i) => {
    const radio = editable ? h('input', { type: 'radio', name: group, value: String(i), checked: i === top }) : null;
    const as = editable ? h('select', { class: 'as', 'aria-label': t('disc.asLabel', { en: r.en }), onchange: () => (as.dataset.touched = '1') },
      h('option', { value: 'variant' }, t('disc.asVariant')), h('option', { value: 'forbidden' }, t('disc.asForbidden'))) : null;
    const approvedHere = h('span', { class: 'approved-here' }, t('disc.approvedHere'));
    const en = h('span', { lang: 'en', class: 'en' }, r.en);
    const short = r.abbreviation_of ? h('span', { class: 'muted small' }, ' ', t('disc.shortFor', { full: r.abbreviation_of })) : null;
    const tr = h('tr', { dataset: { en: r.en } },
      h('td', { class: 'rendering' }, editable ? h('label', { class: 'choice' }, radio, ' ', en, short) : [en, short]),
      h('td', { class: 'num' }, used(r)),
      h('td', { class: 'num' }, r.documents?.length || 0),
      h('td', { class: 'where' }, clauseLinks(r.clauses, used(r))),
      editable ? h('td', { class: 'as-cell' }, as, approvedHere) : null);
    return { r, radio, as, approvedHere, tr };
  });
  // The defaults follow the approved rendering chosen: the others are
  // forbidden, but an abbreviation and its full form accept each other.
  const chosen = () => rows.find((x) => x.radio?.checked) || rows[top];
  const follow = () => {
    const c = chosen();
    for (const x of rows) {
      if (!x.as) continue;
      x.tr.classList.toggle('chosen', x === c);
      x.as.hidden = x === c;
      x.approvedHere.hidden = x !== c;
      if (x !== c && !x.as.dataset.touched) x.as.value = shortAndFull(x.r, c.r) ? 'variant' : 'forbidden';
    }
  };
  for (const x of rows) x.radio?.addEventListener('change', follow);
  follow();

  const unaligned = term.unaligned?.length
    ? h('tr', { class: 'unaligned' },
      h('td', { class: 'muted' }, t('disc.noRendering')),
      h('td', { class: 'num' }, term.unaligned.length),
      h('td', {}),
      h('td', { class: 'where' }, clauseLinks(term.unaligned)),
      editable ? h('td', {}) : null)
    : null;
  const button = editable
    ? h('button', { type: 'button', class: 'add-to-glossary', onclick: () => open(term, { approved: chosen().r, others: rows.filter((x) => x !== chosen()).map((x) => [x.r, x.as.value]) }, button) },
      term.in_glossary ? t('disc.update') : t('disc.add'))
    : null;
  const badges = [
    term.in_glossary ? h('a', { class: 'badge in-glossary', href: `#/glossary?q=${encodeURIComponent(term.zh)}` }, t('disc.inGlossary')) : null,
    term.abbreviation ? h('span', { class: 'badge abbreviation' }, t('disc.abbreviation')) : null,
  ];
  return h('section', { class: 'discovered-term', dataset: { zh: term.zh } },
    h('h2', {}, h('span', { lang: 'zh-CN', class: 'zh' }, term.zh), ' ', badges, ' ',
      h('span', { class: 'muted small' }, t('disc.summary', { clauses: t('disc.clauses', { n: term.clauses }), statements: t('disc.statements', { n: term.statements }) }))),
    h('table', { class: 'renderings discovered-renderings' },
      h('thead', {}, h('tr', {},
        h('th', {}, editable ? t('disc.colApproved') : t('disc.colRendering')),
        h('th', { class: 'num' }, t('disc.colClauses')),
        h('th', { class: 'num' }, t('disc.colStatements')),
        h('th', { class: 'where' }, t('disc.colWhere')),
        editable ? h('th', { class: 'as-cell' }, t('disc.colAs')) : null)),
      h('tbody', {}, rows.map((x) => x.tr), unaligned)),
    button ? h('div', { class: 'actions' }, button, h('span', { class: 'muted small' }, term.in_glossary ? t('disc.updateHint') : t('disc.addHint'))) : null,
    !editable && can('translator') ? h('p', { class: 'muted small' }, t('disc.reviewerOnly')) : null);
}

// used is how many clauses use a rendering: count, of which clauses lists
// the first ones.
const used = (r) => r.count ?? r.clauses?.length ?? 0;

// shortAndFull says whether one rendering is the abbreviation of the other.
function shortAndFull(a, b) {
  const same = (x, y) => !!x && !!y && x.toLowerCase() === y.toLowerCase();
  return same(a.abbreviation_of, b.en) || same(b.abbreviation_of, a.en);
}

// clauseLinks links the first clauses of a list, and counts the rest (of
// total, if the list is not all of them).
function clauseLinks(ids = [], total = ids.length) {
  const shown = Math.min(LINKS, ids.length);
  return [
    ids.slice(0, shown).map((id, i) => [i ? ' ' : '', h('a', { href: `#/clauses/${id}`, class: 'clause-link' }, `#${id}`)]),
    total > shown ? ` ${t('disc.andMore', { n: total - shown })}` : null,
  ];
}

// glossaryChange is the glossary entry the choice makes: the approved
// English, and each other rendering as a variant or forbidden. An entry
// already there keeps its variants and forbidden renderings (and its
// approved English, if another is chosen, as a variant); a rendering
// chosen now leaves the list it was in.
export function glossaryChange(term, { approved, others }, entry = null) {
  const key = (s) => (entry?.case_sensitive ? s : s.toLowerCase());
  const now = new Map(others.map(([r, as]) => [key(r.en), as]));
  const variants = [...(entry?.variants || [])];
  const forbidden = [...(entry?.forbidden || [])];
  if (entry && key(entry.en) !== key(approved.en)) variants.push(entry.en);
  for (const [r, as] of others) (as === 'variant' ? variants : forbidden).push(r.en);
  const keep = (list, other) => {
    const seen = new Set([key(approved.en)]);
    return list.filter((x) => {
      const k = key(x);
      if (seen.has(k) || now.get(k) === other) return false;
      seen.add(k);
      return true;
    });
  };
  return { zh: term.zh, en: approved.en, variants: keep(variants, 'forbidden'), forbidden: keep(forbidden, 'variant') };
}
