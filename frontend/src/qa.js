import { api, can, findingsReportURL } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';
import { findingView, dismissFinding, kinds } from './base/findings.js';

export async function renderQA(app, params) {
  document.title = t('qa.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const kind = h('select', { name: 'kind', 'aria-label': t('qa.kind') }, h('option', { value: '' }, t('qa.allKinds')), Object.entries(kinds()).map(([k, v]) => h('option', { value: k }, v)));
  const doc = h('select', { name: 'document', 'aria-label': t('qa.document') }, h('option', { value: '' }, t('qa.allDocuments')));
  const term = h('input', { type: 'search', name: 'term', placeholder: t('qa.termPlaceholder'), 'aria-label': t('qa.term'), lang: 'zh-CN' });
  const dismissed = h('input', { type: 'checkbox', name: 'dismissed' });
  const list = h('div', { class: 'qa-list' }, h('p', { class: 'muted' }, t('qa.checking')));
  const count = h('span', { class: 'muted' });
  // The QA report to hand over (issue 18): every open and dismissed
  // finding of the statement chosen, or of the corpus.
  const reportCSV = h('a', { class: 'button secondary small', download: '', title: t('qa.reportTitle') }, t('qa.reportCSV'));
  const reportHTML = h('a', { class: 'button secondary small', target: '_blank', rel: 'noopener', title: t('qa.reportTitle') }, t('qa.reportHTML'));
  const reportLinks = () => {
    reportCSV.href = findingsReportURL('csv', doc.value);
    reportHTML.href = findingsReportURL('html', doc.value);
  };
  kind.value = params.get('kind') || '';
  term.value = params.get('term') || '';
  dismissed.checked = params.get('dismissed') === '1';
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, t('qa.heading')), count,
      h('div', { class: 'actions qa-report-links' }, h('span', { class: 'muted' }, t('qa.reportLabel')), ' ', reportCSV, ' ', reportHTML)),
    h('form', { class: 'filters', onsubmit: (e) => e.preventDefault() }, kind, doc, term, h('label', { class: 'check' }, dismissed, ' ', t('qa.showDismissed'))),
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
  reportLinks();
  for (const el of [kind, doc, dismissed]) el.addEventListener('change', () => update());
  let timer;
  term.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(update, 250);
  });

  function update() {
    reportLinks();
    const q = new URLSearchParams();
    for (const [k, v] of [['kind', kind.value], ['document', doc.value], ['term', term.value.trim()], ['dismissed', dismissed.checked ? '1' : '']]) if (v) q.set(k, v);
    history.replaceState(null, '', '#/qa' + (q.size ? '?' + q : ''));
    load(Object.fromEntries(q));
  }

  // Findings come a page at a time: an archive has tens of thousands.
  const PAGE = 100;
  let lastDoc = null;
  let more = null;
  async function load(filter, offset = 0) {
    let page;
    try {
      page = await api.findings({ ...filter, offset, limit: PAGE });
    } catch (e) {
      show(status, 'error', t('qa.loadFailed', { error: e.message }));
      return;
    }
    more?.remove();
    more = null;
    if (offset === 0) {
      clear(list);
      lastDoc = null;
      count.textContent = t('qa.count', { n: page.total });
      if (!page.total) {
        list.append(h('p', { class: 'empty' }, t('qa.none')));
        return;
      }
    }
    for (const f of page.findings) {
      if (f.document_id !== lastDoc) {
        lastDoc = f.document_id;
        list.append(h('h2', { class: 'qa-doc', lang: 'zh-CN' }, titles[f.document_id] || t('common.documentN', { id: f.document_id })));
      }
      list.append(h('div', { class: 'qa-item' },
        findingView(f,
          h('a', { class: 'jump', href: `#/documents/${f.document_id}?clause=${f.clause_id}` }, t('qa.open')),
          !can('reviewer') ? null : f.dismissed
            ? h('button', { type: 'button', class: 'link', onclick: async () => { await api.undismiss(f.key); update(); } }, t('qa.restore'))
            : h('button', { type: 'button', class: 'link dismiss', onclick: () => dismissFinding(f, update, status) }, t('qa.dismiss'))),
        h('div', { class: 'pair' }, h('p', { lang: 'zh-CN' }, f.source), h('p', { lang: 'en' }, f.target || '—')),
        f.expected || f.found ? h('p', { class: 'muted small' }, f.expected ? t('qa.expected', { text: f.expected }) : '', f.expected && f.found ? ' · ' : '', f.found ? t('qa.found', { text: f.found }) : '') : null));
    }
    const shown = offset + page.findings.length;
    if (shown < page.total) {
      more = h('button', { type: 'button', class: 'secondary more', onclick: () => load(filter, shown) },
        t('qa.more', { n: Math.min(PAGE, page.total - shown), shown, total: page.total }));
      list.append(more);
    }
  }
  update();
}
