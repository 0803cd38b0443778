import { api } from '../base/api.js';
import { h, clear } from '../base/dom.js';
import { t } from '../base/i18n.js';

// sidePanel is the editor's reference column: translation-memory matches
// for the clause being edited (their Chinese as the corpus writes it, with
// what differs from the clause marked), and a concordance search over the whole
// corpus. insert(text) puts English into the clause being edited.
export function sidePanel(insert) {
  const memInfo = h('p', { class: 'muted', 'aria-live': 'polite' }, t('panel.memIntro'));
  const memList = h('ol', { class: 'hits matches' });
  let matches = [];
  let memAsked = 0;
  async function showMatches(clause) {
    const mine = ++memAsked;
    try {
      const res = await api.matches(clause.id);
      if (mine !== memAsked) return;
      matches = res.matches;
      clear(memList);
      memInfo.textContent = matches.length ? t('panel.similar', { index: clause.index + 1, n: matches.length }) : t('panel.noSimilar', { index: clause.index + 1 });
      matches.forEach((m, i) => memList.append(h('li', { class: 'hit match' },
        h('div', { class: 'hit-head' }, h('span', { class: 'score' }, `${Math.round(100 * m.score)}%`),
          h('span', { class: 'muted' }, m.origin === 'imported' ? t('panel.originImported') : t('panel.originApproved')),
          h('button', { type: 'button', class: 'link', title: t('panel.insertMatchTitle', { n: i + 1 }), onclick: () => insert(m.target) }, h('kbd', {}, `⇧${i + 1}`), ' ', t('panel.insert'))),
        h('p', { class: 'hit-zh', lang: 'zh-CN' }, m.diff.map((o) => o.kind === 'equal' ? o.text : o.kind === 'delete' ? h('del', { title: t('panel.onlyInMatch') }, o.text) : h('ins', { title: t('panel.onlyInClause') }, o.text))),
        h('p', { class: 'hit-en', lang: 'en' }, m.target))));
    } catch (e) {
      if (mine === memAsked) memInfo.textContent = t('panel.matchesFailed', { error: e.message });
    }
  }
  const q = h('input', { type: 'search', id: 'concordance-q', placeholder: t('panel.searchPlaceholder'), 'aria-label': t('panel.searchLabel'), autocomplete: 'off' });
  const where = h('select', { 'aria-label': t('panel.searchIn') }, h('option', { value: '' }, t('panel.inBoth')), h('option', { value: 'zh' }, t('panel.inChinese')), h('option', { value: 'en' }, t('panel.inEnglish')));
  const info = h('p', { class: 'muted', 'aria-live': 'polite' });
  const list = h('ol', { class: 'hits' });
  let timer = null;
  let asked = 0;
  async function search() {
    const text = q.value.trim();
    clear(list);
    if (!text) {
      info.textContent = t('panel.typeSomething');
      return;
    }
    const mine = ++asked;
    info.textContent = t('panel.searching');
    try {
      const res = await api.concordance(text, where.value);
      if (mine !== asked) return; // a newer search is on its way
      const n = res.hits.length;
      info.textContent = n ? t('panel.hits', { n, count: `${n}${n === 50 ? '+' : ''}` }) : t('panel.noHits', { text });
      for (const hit of res.hits) list.append(hitView(hit));
    } catch (e) {
      if (mine === asked) info.textContent = t('panel.searchFailed', { error: e.message });
    }
  }
  function hitView(hit) {
    return h('li', { class: 'hit' },
      h('div', { class: 'hit-head' }, h('a', { href: `#/documents/${hit.document_id}?clause=${hit.id}`, lang: 'zh-CN' }, `${hit.document_title} · ${hit.index + 1}`),
        hit.target ? h('button', { type: 'button', class: 'link', title: t('panel.insertHitTitle'), onclick: () => insert(hit.target) }, t('panel.insert')) : null),
      h('p', { class: 'hit-zh', lang: 'zh-CN' }, marked(hit.source, hit.source_spans)),
      hit.target ? h('p', { class: 'hit-en', lang: 'en' }, marked(hit.target, hit.target_spans), ' ', h('span', { class: `status status-${hit.status}` }, t(`status.${hit.status}`))) : h('p', { class: 'muted' }, t('panel.noEnglish')));
  }
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  where.addEventListener('change', search);
  const el = h('aside', { class: 'side-panel', 'aria-label': t('panel.label') },
    h('h2', {}, t('panel.memory')), memInfo, memList,
    h('h2', {}, t('panel.concordance')),
    h('div', { class: 'filters' }, q, where),
    info, list);
  info.textContent = t('panel.searchIntro');
  return {
    el,
    showMatches,
    // insertMatch inserts the English of match n (1-based), if there is one.
    insertMatch(n) {
      if (!matches[n - 1]) return false;
      insert(matches[n - 1].target);
      return true;
    },
    // focusSearch searches for text (the selection) or just focuses the box.
    focusSearch(text) {
      if (text) {
        q.value = text;
        search();
      }
      q.focus();
    },
  };
}

// marked is text with its spans (UTF-16 offsets) in <mark>.
function marked(text, spans = []) {
  const out = [];
  let at = 0;
  for (const s of spans) {
    out.push(text.slice(at, s.start), h('mark', {}, text.slice(s.start, s.end)));
    at = s.end;
  }
  out.push(text.slice(at));
  return out;
}
