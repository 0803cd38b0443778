import { api, exportURL, can } from './api.js';
import { h, clear } from './dom.js';

export async function renderDocuments(app) {
  document.title = 'Documents · Zhen';
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const fileInput = h('input', { type: 'file', accept: '.txt,text/plain', id: 'import-file', class: 'visually-hidden', onchange: () => upload() });
  const list = h('div', { class: 'doc-list' }, h('p', { class: 'muted' }, 'Loading documents…'));
  clear(app);
  app.append(
    h('section', { class: 'page-head' },
      h('h1', {}, 'Documents'),
      h('div', { class: 'actions' },
        can('translator') ? [h('label', { for: 'import-file', class: 'button' }, 'Import statements…'), fileInput] : null,
        h('a', { class: 'button secondary', href: exportURL('tmx'), download: '', title: 'Approved English of every statement' }, 'Export approved (TMX)'),
        h('a', { class: 'button secondary', href: exportURL('csv'), download: '', title: 'Approved English of every statement' }, 'Export approved (CSV)'),
        h('a', { class: 'button secondary', href: exportURL('tmx', 0, true), download: '', title: 'The newest English of every clause, drafts included' }, 'Export with drafts (TMX)'))),
    status, list);

  async function upload() {
    const file = fileInput.files[0];
    if (!file) return;
    show(status, 'info', `Importing ${file.name}…`);
    try {
      const res = await api.importFile(file);
      const added = res.documents.filter((d) => !d.duplicate);
      const dups = res.documents.length - added.length;
      show(status, 'ok', `${file.name}: ${added.length} new statement(s)` + (dups ? `, ${dups} already imported (not added again)` : '') + '.');
      await load();
    } catch (e) {
      show(status, 'error', `${file.name} was not imported: ${e.message}`);
    } finally {
      fileInput.value = '';
    }
  }

  async function load() {
    let docs;
    try {
      docs = (await api.documents()).documents;
    } catch (e) {
      clear(list);
      list.append(h('p', { class: 'notice error' }, `Documents could not be loaded: ${e.message}`, ' ', h('button', { onclick: load }, 'Retry')));
      return;
    }
    clear(list);
    if (!docs.length) {
      list.append(h('p', { class: 'empty' }, 'No statements yet. Import a Chinese text file (UTF-8 or GB18030) with “Import statements…”.'));
      return;
    }
    list.append(h('table', { class: 'docs' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Date'), h('th', { class: 'num' }, 'Clauses'), h('th', {}, 'Translated'), h('th', {}, 'Approved'), h('th', { class: 'num' }, 'To review'), h('th', {}, 'Export'))),
      h('tbody', {}, docs.map((d) => {
        return h('tr', { dataset: { documentId: d.id } },
          h('td', {}, h('a', { href: `#/documents/${d.id}`, lang: 'zh-CN', class: 'doc-title' }, d.title)),
          h('td', { class: 'date' }, d.date || '—'),
          h('td', { class: 'num' }, d.clauses),
          h('td', { class: 'translated' }, bar(d.translated, d.clauses, 'translated')),
          h('td', { class: 'approved' }, bar(d.approved, d.clauses, 'approved')),
          h('td', { class: 'num' }, d.submitted ? h('a', { href: `#/review?document=${d.id}` }, d.submitted) : '0'),
          h('td', { class: 'export' },
            h('a', { href: exportURL('tmx', d.id), download: '' }, 'TMX'), ' · ',
            h('a', { href: exportURL('csv', d.id), download: '' }, 'CSV')));
      }))));
  }
  await load();
}

// bar is a progress bar with its percentage, labelled for screen readers.
function bar(n, total, what) {
  const pct = total ? Math.round((100 * n) / total) : 0;
  return [h('progress', { max: total || 1, value: n, 'aria-label': `${pct}% ${what}`, title: `${n} of ${total} clauses ${what}` }), h('span', { class: 'pct' }, `${pct}%`)];
}

export function show(el, kind, text) {
  el.hidden = false;
  el.className = `notice ${kind}`;
  el.textContent = text;
}
