import { api } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';

// renderAlign aligns an existing English version of a statement with its
// Chinese clauses: the server proposes pairs, the translator reviews them
// (least certain first), merges, splits and moves sentences, and only
// "Accept all" stores anything (as drafts).
export async function renderAlign(app, id) {
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  let doc;
  try {
    doc = await api.document(id);
  } catch (e) {
    app.append(h('p', { class: 'notice error' }, t('editor.docFailed', { error: e.message })));
    return;
  }
  document.title = t('align.pageTitle', { title: doc.title });
  const file = h('input', { type: 'file', accept: '.txt,text/plain', id: 'align-file', class: 'visually-hidden', onchange: async () => {
    const f = file.files[0];
    if (f) text.value = await f.text();
    file.value = '';
  } });
  const text = h('textarea', { id: 'align-text', class: 'align-text', rows: 8, lang: 'en', placeholder: t('align.placeholder') });
  const order = h('select', { 'aria-label': t('align.order'), onchange: () => draw() }, h('option', { value: 'confidence' }, t('align.leastCertain')), h('option', { value: 'document' }, t('align.docOrder')));
  const list = h('div', { class: 'align-list' });
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const accept = h('button', { type: 'button', class: 'accept-all', hidden: true, onclick: () => acceptAll() }, t('align.acceptAll'));
  app.append(
    h('p', { class: 'crumbs' }, h('a', { href: `#/documents/${id}` }, t('align.back'))),
    h('section', { class: 'page-head' }, h('h1', {}, t('align.heading')), h('p', { class: 'muted', lang: 'zh-CN' }, doc.title)),
    status,
    h('div', { class: 'align-input' }, text,
      h('div', { class: 'actions' },
        h('label', { for: 'align-file', class: 'button secondary' }, t('align.load')), file,
        h('button', { type: 'button', class: 'propose', onclick: () => propose() }, t('align.propose')))),
    h('div', { class: 'filters' }, summary, order, accept),
    list);

  let clauses = new Map(); // id → clause
  let pairs = []; // in document order: { clauses: [id…], sentences: [text…], confidence, english: [per clause] | null }

  async function propose() {
    if (!text.value.trim()) return show(status, 'error', t('align.noText'));
    show(status, 'info', t('align.aligning'));
    try {
      const res = await api.align(id, text.value);
      clauses = new Map();
      for (let offset = 0; offset < res.clauses; offset += 500) {
        for (const c of (await api.clauses(id, offset, 500)).clauses) clauses.set(c.id, c);
      }
      pairs = res.pairs.map((p) => ({ clauses: p.clause_ids, sentences: [...p.sentences], confidence: p.confidence }));
      status.hidden = true;
      draw();
    } catch (e) {
      show(status, 'error', t('align.failed', { error: e.message }));
    }
  }

  function draw() {
    clear(list);
    accept.hidden = pairs.length === 0;
    const low = pairs.filter((p) => p.confidence < 0.5).length;
    summary.textContent = pairs.length ? t('align.summary', { n: pairs.length, low }) : '';
    const shown = pairs.map((p, i) => [p, i]);
    if (order.value === 'confidence') shown.sort((a, b) => a[0].confidence - b[0].confidence || a[1] - b[1]);
    for (const [p, i] of shown) list.append(pairView(p, i));
  }

  function pairView(p, i) {
    const pct = Math.round(100 * p.confidence);
    const level = pct >= 75 ? 'high' : pct >= 50 ? 'mid' : 'low';
    const english = p.clauses.length > 1 ? distribute(p) : null;
    const edit = (fn) => () => {
      fn();
      draw();
    };
    return h('div', { class: `pair conf-${level}`, dataset: { index: i } },
      h('div', { class: 'pair-head' },
        h('span', { class: `conf conf-${level}`, title: t('align.confTitle') }, `${pct}%`),
        h('span', { class: 'muted' }, `${p.clauses.length}:${p.sentences.length}`),
        h('span', { class: 'spacer' }),
        i > 0 && p.sentences.length ? h('button', { type: 'button', class: 'link move-up', onclick: edit(() => moveUp(i)) }, t('align.moveUp')) : null,
        i < pairs.length - 1 && p.sentences.length ? h('button', { type: 'button', class: 'link move-down', onclick: edit(() => moveDown(i)) }, t('align.moveDown')) : null,
        i < pairs.length - 1 ? h('button', { type: 'button', class: 'link merge', onclick: edit(() => merge(i)) }, t('align.merge')) : null,
        p.clauses.length + p.sentences.length > 2 ? h('button', { type: 'button', class: 'link split', onclick: edit(() => split(i)) }, t('align.split')) : null),
      h('div', { class: 'pair-body' },
        h('div', { class: 'pair-zh', lang: 'zh-CN' }, p.clauses.length ? p.clauses.map((cid) => h('p', {}, h('span', { class: 'idx' }, clauses.get(cid).index + 1), ' ', clauses.get(cid).source)) : h('p', { class: 'muted' }, t('align.noChinese'))),
        h('div', { class: 'pair-en', lang: 'en' }, english
          ? english.map((text, k) => h('textarea', { class: 'pair-split', rows: 2, 'aria-label': t('editor.englishFor', { index: clauses.get(p.clauses[k]).index + 1 }), oninput: (e) => { english[k] = e.target.value; p.english = english; } }, text))
          : p.sentences.length ? h('p', {}, p.sentences.join(' ')) : h('p', { class: 'muted' }, t('align.noEnglish')))));
  }

  // Several clauses with one English: each clause gets its own box, the
  // sentences shared out in order by Chinese length, for the translator to
  // adjust before accepting.
  function distribute(p) {
    if (p.english?.length === p.clauses.length) return p.english;
    const out = p.clauses.map(() => '');
    const weights = p.clauses.map((cid) => clauses.get(cid).source.length);
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    let k = 0;
    let acc = weights[0];
    p.sentences.forEach((s, j) => {
      while (k < p.clauses.length - 1 && ((j + 0.5) / p.sentences.length) * total > acc) acc += weights[++k];
      out[k] = out[k] ? out[k] + ' ' + s : s;
    });
    p.english = out;
    return out;
  }

  function moveUp(i) {
    pairs[i - 1].sentences.push(pairs[i].sentences.shift());
    touch(i - 1, i);
  }
  function moveDown(i) {
    pairs[i + 1].sentences.unshift(pairs[i].sentences.pop());
    touch(i, i + 1);
  }
  function merge(i) {
    const [a, b] = [pairs[i], pairs[i + 1]];
    pairs.splice(i, 2, { clauses: [...a.clauses, ...b.clauses], sentences: [...a.sentences, ...b.sentences], confidence: 1 });
  }
  // split takes the last clause and the last sentence (or what there is)
  // off into a pair of their own.
  function split(i) {
    const p = pairs[i];
    const rest = { clauses: p.clauses.length > 1 ? [p.clauses.pop()] : [], sentences: p.sentences.length > 1 || p.clauses.length === 0 ? [p.sentences.pop()] : [], confidence: 1 };
    pairs.splice(i + 1, 0, rest);
    touch(i, i + 1);
  }
  // An edited pair is the translator's decision now.
  function touch(...is) {
    for (const i of is) {
      pairs[i].confidence = 1;
      pairs[i].english = null;
    }
    pairs = pairs.filter((p) => p.clauses.length || p.sentences.length);
  }

  async function acceptAll() {
    const assignments = [];
    let dropped = 0;
    for (const p of pairs) {
      if (!p.clauses.length) {
        dropped += p.sentences.length;
        continue;
      }
      const english = p.clauses.length > 1 ? distribute(p) : [p.sentences.join(' ')];
      p.clauses.forEach((cid, k) => english[k]?.trim() && assignments.push({ clause_id: cid, english: english[k].trim() }));
    }
    try {
      const res = await api.applyAlignment(id, assignments);
      show(status, 'ok', t('align.done', { n: res.updated }) + (res.kept ? t('align.kept', { n: res.kept }) : '') + (dropped ? t('align.dropped', { n: dropped }) : '') + t('align.openToReview'));
      pairs = [];
      draw();
    } catch (e) {
      show(status, 'error', t('align.nothingStored', { error: e.message }));
    }
  }
}
