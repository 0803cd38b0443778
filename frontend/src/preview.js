import { api, exportURL } from './base/api.js';
import { h, clear } from './base/dom.js';
import { t } from './base/i18n.js';

// renderPreview shows the whole English statement beside the Chinese,
// paragraph by paragraph, as the English document is written
// (GET /api/v1/documents/ID/statement: the server's one rule for it). Each
// clause is a link to its row in the editor (#/documents/ID?clause=CID);
// the clause under the cursor is highlighted on both sides. Approved
// English by default; "Include drafts" shows the newest English, drafts
// marked.
export async function renderPreview(app, id, drafts = false) {
  clear(app);
  let doc;
  let st;
  try {
    [doc, st] = await Promise.all([api.document(id), api.statement(id, drafts)]);
  } catch (e) {
    app.append(h('p', { class: 'notice error' }, t('editor.docFailed', { error: e.message })));
    return;
  }
  document.title = t('preview.pageTitle', { title: doc.title });
  const draftsBox = h('input', { type: 'checkbox', class: 'preview-drafts', checked: drafts, onchange: () => renderPreview(app, id, draftsBox.checked) });
  const link = (format, label) => h('a', { class: 'button secondary', download: '', href: exportURL(format, id, drafts), 'data-format': format }, label);
  const body = h('div', { class: 'preview-body', role: 'table', 'aria-label': t('preview.tableLabel') });
  const clauseLink = (p, text, lang, cls) => h('a', {
    href: `#/documents/${id}?clause=${p.clause_id}`, class: `piece ${cls}`, lang, 'data-clause': p.clause_id,
    title: t('preview.open', { n: p.number }),
    onmouseenter: () => mark(p.clause_id, true), onmouseleave: () => mark(p.clause_id, false),
    onfocus: () => mark(p.clause_id, true), onblur: () => mark(p.clause_id, false),
  }, text);
  const mark = (cid, on) => {
    for (const el of body.querySelectorAll(`[data-clause="${cid}"]`)) el.classList.toggle('hover', on);
  };
  const english = (p) => {
    if (p.state === 'missing') {
      return clauseLink(p, [h('span', { class: 'note' }, st.all_statuses ? t('preview.untranslated') : t('preview.notApproved')), ' ', h('span', { lang: 'zh-CN' }, p.source)], null, 'missing');
    }
    if (p.state === 'draft') return clauseLink(p, [h('mark', {}, p.english), ' ', h('span', { class: 'note' }, t('preview.draft'))], 'en', 'draft');
    return clauseLink(p, p.english, 'en', 'approved');
  };
  const tag = (b) => (b.kind === 'heading' ? 'h2' : 'p');
  body.append(h('div', { class: 'preview-row preview-title', role: 'row' },
    h('div', { class: 'zh', role: 'cell', lang: 'zh-CN' }, h('h1', {}, st.source_title)),
    h('div', { class: 'en', role: 'cell', lang: st.language },
      h('h1', { lang: st.title_lang }, st.title),
      // No English title yet: the Chinese one stands in (set it under Details).
      st.title_lang === st.language ? null : h('p', { class: 'note no-english-title' }, t('preview.noEnglishTitle')),
      st.date_text ? h('p', { class: 'date' }, st.date_text) : null)));
  let lastKind = '';
  for (const b of st.blocks) {
    const cls = `preview-row block-${b.kind}${b.kind === 'signature' && lastKind !== 'signature' ? ' signature-first' : ''}`;
    lastKind = b.kind;
    body.append(h('div', { class: cls, role: 'row', 'data-paragraph': b.paragraph + 1 },
      h('div', { class: 'zh', role: 'cell', lang: 'zh-CN' }, h(tag(b), {}, b.pieces.map((p) => clauseLink(p, p.source, 'zh-CN', `src ${p.state}`)))),
      h('div', { class: 'en', role: 'cell', lang: st.language }, h(tag(b), {}, b.pieces.map((p) => [p.lead, english(p)])))));
  }
  const counts = [];
  if (st.drafts) counts.push(t('preview.drafts', { n: st.drafts }));
  if (st.missing) counts.push(st.all_statuses ? t('preview.untranslatedCount', { n: st.missing }) : t('preview.notApprovedCount', { n: st.missing }));
  app.append(
    h('p', { class: 'crumbs' }, h('a', { href: `#/documents/${id}` }, t('preview.back'))),
    h('section', { class: 'page-head preview-head' },
      h('h1', {}, t('preview.heading')),
      h('p', { class: 'muted' }, counts.length ? counts.join(t('preview.sep')) : t('preview.complete')),
      h('div', { class: 'actions' },
        h('label', { class: 'check', title: t('editor.draftsTitle') }, draftsBox, ' ', t('editor.includeDrafts')),
        link('text', t('docout.text')), link('html', t('docout.html')), link('docx', t('docout.docx')), link('bilingual-docx', t('docout.bilingual')))),
    body);
}
