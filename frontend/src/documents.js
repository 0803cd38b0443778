import { api, exportURL, can } from './api.js';
import { h, clear } from './dom.js';

export async function renderDocuments(app) {
  document.title = 'Documents · Zhen';
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const fileInput = h('input', { type: 'file', accept: '.txt,text/plain', id: 'import-file', class: 'visually-hidden', onchange: () => upload() });
  const trInput = h('input', { type: 'file', accept: '.csv,.tmx,.xlf,.xliff', id: 'import-translations', class: 'visually-hidden', onchange: () => uploadTranslations() });
  const conflicts = h('div', { class: 'import-conflicts', hidden: true });
  const list = h('div', { class: 'doc-list' }, h('p', { class: 'muted' }, 'Loading documents…'));
  clear(app);
  app.append(
    h('section', { class: 'page-head' },
      h('h1', {}, 'Documents'),
      h('div', { class: 'actions' },
        can('translator') ? [h('label', { for: 'import-file', class: 'button' }, 'Import statements…'), fileInput,
          h('label', { for: 'import-translations', class: 'button secondary', title: 'A CSV or XLIFF exported from Zhen and edited elsewhere, or a TMX from another tool' }, 'Import translations…'), trInput] : null,
        h('a', { class: 'button secondary', href: exportURL('tmx'), download: '', title: 'Approved English of every statement' }, 'Export approved (TMX)'),
        h('a', { class: 'button secondary', href: exportURL('csv'), download: '', title: 'Approved English of every statement' }, 'Export approved (CSV)'),
        h('a', { class: 'button secondary', href: exportURL('tmx', 0, true), download: '', title: 'The newest English of every clause, drafts included' }, 'Export with drafts (TMX)'))),
    status, conflicts, list);

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

  // Translations from a CSV, XLIFF or TMX file; clauses changed in Zhen
  // since the file was exported are listed, not overwritten.
  async function uploadTranslations() {
    const file = trInput.files[0];
    if (!file) return;
    show(status, 'info', `Importing ${file.name}…`);
    clear(conflicts);
    conflicts.hidden = true;
    try {
      const r = await api.importTranslations(file);
      const parts = [`${r.updated} clauses got new English`, `${r.unchanged} unchanged`];
      if (r.unmatched) parts.push(`${r.unmatched} rows match no clause`);
      if (r.memory) parts.push(`translation memory: ${r.memory.stored} new of ${r.memory.units} units; ${r.memory.kept} clauses kept their English`);
      show(status, r.conflicts.length ? 'error' : 'ok', `${file.name}: ${parts.join(', ')}.` + (r.conflicts.length ? ` ${r.conflicts.length} clauses changed in Zhen since the export and were not overwritten: see below.` : ''));
      if (r.conflicts.length) {
        conflicts.hidden = false;
        conflicts.append(h('h2', {}, 'Not applied: changed in Zhen since the export'),
          h('table', { class: 'docs' }, h('thead', {}, h('tr', {}, h('th', {}, 'Line'), h('th', {}, 'Clause'), h('th', {}, 'In Zhen now'), h('th', {}, 'In the file'))),
            h('tbody', {}, r.conflicts.map((c) => h('tr', {}, h('td', {}, c.line || '—'),
              h('td', {}, h('a', { href: `#/clauses/${c.clause_id}` }, `${c.clause_id}`), h('div', { class: 'muted' }, `by ${c.changed_by}`)),
              h('td', { lang: 'en' }, c.theirs), h('td', { lang: 'en' }, c.yours))))),
          h('p', { class: 'muted' }, 'Open each clause, compare, and type the English to keep.'));
      }
      await load();
    } catch (e) {
      show(status, 'error', `${file.name} was not imported: ${e.message}`);
    } finally {
      trInput.value = '';
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
            h('a', { href: exportURL('csv', d.id), download: '' }, 'CSV'), ' · ',
            h('a', { href: exportURL('xliff', d.id), download: '', title: 'Every clause, for a CAT tool such as OmegaT' }, 'XLIFF')));
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
