import { api } from './api.js';
import { h, clear } from './dom.js';

// sidePanel is the editor's reference column: translation-memory matches
// for the clause being edited, and a concordance search over the whole
// corpus. insert(text) puts English into the clause being edited.
export function sidePanel(insert) {
  const memInfo = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Click into a clause to see similar approved clauses.');
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
      memInfo.textContent = matches.length ? `Clause ${clause.index + 1}: ${matches.length} similar` : `Clause ${clause.index + 1}: nothing similar (70% or more) approved or imported yet.`;
      matches.forEach((m, i) => memList.append(h('li', { class: 'hit match' },
        h('div', { class: 'hit-head' }, h('span', { class: 'score' }, `${Math.round(100 * m.score)}%`),
          h('span', { class: 'muted' }, m.origin === 'imported' ? 'imported memory' : 'approved'),
          h('button', { type: 'button', class: 'link', title: `Insert (Alt+Shift+${i + 1})`, onclick: () => insert(m.target) }, h('kbd', {}, `⇧${i + 1}`), ' Insert')),
        h('p', { class: 'hit-zh', lang: 'zh-CN' }, m.diff.map((o) => o.kind === 'equal' ? o.text : o.kind === 'delete' ? h('del', { title: 'only in the match' }, o.text) : h('ins', { title: 'only in this clause' }, o.text))),
        h('p', { class: 'hit-en', lang: 'en' }, m.target))));
    } catch (e) {
      if (mine === memAsked) memInfo.textContent = `Matches are unavailable: ${e.message}`;
    }
  }
  const q = h('input', { type: 'search', id: 'concordance-q', placeholder: 'Chinese or English', 'aria-label': 'Search the corpus', autocomplete: 'off' });
  const where = h('select', { 'aria-label': 'Search in' }, h('option', { value: '' }, 'both'), h('option', { value: 'zh' }, 'Chinese'), h('option', { value: 'en' }, 'English'));
  const info = h('p', { class: 'muted', 'aria-live': 'polite' });
  const list = h('ol', { class: 'hits' });
  let timer = null;
  let asked = 0;
  async function search() {
    const text = q.value.trim();
    clear(list);
    if (!text) {
      info.textContent = 'Type at least one character; any length works, 金砖 too.';
      return;
    }
    const mine = ++asked;
    info.textContent = 'Searching…';
    try {
      const res = await api.concordance(text, where.value);
      if (mine !== asked) return; // a newer search is on its way
      const n = res.hits.length;
      info.textContent = n ? `${n}${n === 50 ? '+' : ''} ${n === 1 ? 'clause' : 'clauses'}` : `“${text}” is in no clause.`;
      for (const hit of res.hits) list.append(hitView(hit));
    } catch (e) {
      if (mine === asked) info.textContent = `The search failed: ${e.message}`;
    }
  }
  function hitView(hit) {
    return h('li', { class: 'hit' },
      h('div', { class: 'hit-head' }, h('a', { href: `#/documents/${hit.document_id}?clause=${hit.id}`, lang: 'zh-CN' }, `${hit.document_title} · ${hit.index + 1}`),
        hit.target ? h('button', { type: 'button', class: 'link', title: 'Insert this English into the clause you are editing', onclick: () => insert(hit.target) }, 'Insert') : null),
      h('p', { class: 'hit-zh', lang: 'zh-CN' }, marked(hit.source, hit.source_spans)),
      hit.target ? h('p', { class: 'hit-en', lang: 'en' }, marked(hit.target, hit.target_spans), ' ', h('span', { class: `status status-${hit.status}` }, hit.status)) : h('p', { class: 'muted' }, 'no English yet'));
  }
  q.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(search, 250);
  });
  where.addEventListener('change', search);
  const el = h('aside', { class: 'side-panel', 'aria-label': 'Translation memory and concordance' },
    h('h2', {}, 'Translation memory'), memInfo, memList,
    h('h2', {}, 'Concordance'),
    h('div', { class: 'filters' }, q, where),
    info, list);
  info.textContent = 'Search every statement for a Chinese or English string (Ctrl+Shift+F, with the selected text).';
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
