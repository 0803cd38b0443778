import { api, exportURL, analysisURL, can } from './base/api.js';
import { num, countsTitle } from './base/counts.js';
import { h, clear } from './base/dom.js';
import { t } from './base/i18n.js';
import { show } from './base/status.js';

export async function renderDocuments(app) {
  document.title = t('docs.pageTitle');
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const fileInput = h('input', { type: 'file', accept: '.txt,text/plain', id: 'import-file', class: 'visually-hidden', onchange: () => upload() });
  const trInput = h('input', { type: 'file', accept: '.csv,.tmx,.xlf,.xliff', id: 'import-translations', class: 'visually-hidden', onchange: () => uploadTranslations() });
  const conflicts = h('div', { class: 'import-conflicts', hidden: true });
  // Progress of an upload: its share sent, then the server's work.
  const sendBar = h('progress', { max: 1, 'aria-label': t('docs.progressLabel') });
  const barText = h('span', { 'aria-live': 'polite' });
  const progress = h('div', { class: 'upload-progress', hidden: true }, sendBar, barText);
  const follow = (name) => (share) => {
    progress.hidden = false;
    if (share === null) {
      sendBar.removeAttribute('value'); // indeterminate: the server is at work
      barText.textContent = t('docs.processing', { name });
    } else {
      sendBar.value = share;
      barText.textContent = t('docs.uploading', { name, pct: Math.round(share * 100) });
    }
  };
  const list = h('div', { class: 'doc-list' }, h('p', { class: 'muted' }, t('docs.loading')));
  clear(app);
  app.append(
    h('section', { class: 'page-head' },
      h('h1', {}, t('docs.heading')),
      h('div', { class: 'actions' },
        can('translator') ? [h('label', { for: 'import-file', class: 'button' }, t('docs.importStatements')), fileInput,
          h('label', { for: 'import-translations', class: 'button secondary', title: t('docs.importTranslationsTitle') }, t('docs.importTranslations')), trInput] : null,
        h('a', { class: 'button secondary', href: exportURL('tmx'), download: '', title: t('docs.exportApprovedTitle') }, t('docs.exportApprovedTMX')),
        h('a', { class: 'button secondary', href: exportURL('csv'), download: '', title: t('docs.exportApprovedTitle') }, t('docs.exportApprovedCSV')),
        h('a', { class: 'button secondary', href: exportURL('tmx', 0, true), download: '', title: t('docs.exportDraftsTitle') }, t('docs.exportDraftsTMX')),
        h('a', { class: 'button secondary analysis-link', href: analysisURL(), download: '', title: t('counts.analysisTitle') }, t('counts.analysis')))),
    can('translator') ? h('p', { class: 'drop-hint muted' }, t('docs.dropHint')) : null,
    progress, status, conflicts, list);

  // Files dropped anywhere on the page: statements (.txt) or translations
  // (.csv, .tmx, .xlf, .xliff), one after another.
  if (can('translator')) {
    let depth = 0;
    app.addEventListener('dragenter', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      depth++;
      app.classList.add('dropping');
    });
    app.addEventListener('dragleave', () => {
      if (--depth <= 0) app.classList.remove('dropping');
    });
    app.addEventListener('dragover', (e) => e.dataTransfer?.types.includes('Files') && e.preventDefault());
    app.addEventListener('drop', async (e) => {
      e.preventDefault();
      depth = 0;
      app.classList.remove('dropping');
      for (const file of e.dataTransfer.files) {
        if (/\.txt$/i.test(file.name) || file.type === 'text/plain') await upload(file);
        else if (/\.(csv|tmx|xlf|xliff)$/i.test(file.name)) await uploadTranslations(file);
        else show(status, 'error', t('docs.dropWhat', { name: file.name }));
      }
    });
  }

  async function upload(file = fileInput.files[0]) {
    if (!file) return;
    show(status, 'info', t('common.importing', { name: file.name }));
    try {
      const res = await api.importFile(file, follow(file.name));
      const added = res.documents.filter((d) => !d.duplicate);
      const dups = res.documents.length - added.length;
      show(status, 'ok', t('docs.imported', { name: file.name, n: added.length }) + (dups ? t('docs.importedDups', { n: dups }) : '') + t('common.period'));
      await load();
    } catch (e) {
      show(status, 'error', t('docs.notImported', { name: file.name, error: e.message }));
    } finally {
      fileInput.value = '';
      progress.hidden = true;
    }
  }

  // Translations from a CSV, XLIFF or TMX file; clauses changed in Zhen
  // since the file was exported are listed, not overwritten.
  async function uploadTranslations(file = trInput.files[0]) {
    if (!file) return;
    show(status, 'info', t('common.importing', { name: file.name }));
    clear(conflicts);
    conflicts.hidden = true;
    try {
      const r = await api.importTranslations(file, follow(file.name));
      const parts = [t('docs.trUpdated', { n: r.updated }), t('docs.trUnchanged', { n: r.unchanged })];
      if (r.unmatched) parts.push(t('docs.trUnmatched', { n: r.unmatched }));
      if (r.marker_pairs) parts.push(t('docs.trMarkerPairs', { n: r.marker_pairs }));
      if (r.memory) parts.push(t('docs.trMemory', { stored: r.memory.stored, units: r.memory.units, kept: r.memory.kept }));
      const otherEnglish = r.other_languages?.length ? t('exchange.otherLanguage', { langs: r.other_languages.join(t('common.listSep')) }) : '';
      show(status, r.conflicts.length ? 'error' : 'ok', t('docs.trResult', { name: file.name, parts: parts.join(t('common.listSep')) }) + (r.conflicts.length ? t('docs.trConflicts', { n: r.conflicts.length }) : '') + otherEnglish);
      if (r.conflicts.length) {
        conflicts.hidden = false;
        conflicts.append(h('h2', {}, t('docs.conflictsHeading')),
          h('table', { class: 'docs' }, h('thead', {}, h('tr', {}, h('th', {}, t('docs.colLine')), h('th', {}, t('docs.colClause')), h('th', {}, t('docs.colInZhen')), h('th', {}, t('docs.colInFile')))),
            h('tbody', {}, r.conflicts.map((c) => h('tr', {}, h('td', {}, c.line || '—'),
              h('td', {}, h('a', { href: `#/clauses/${c.clause_id}` }, `${c.clause_id}`), h('div', { class: 'muted' }, t('docs.changedBy', { user: c.changed_by }))),
              h('td', { lang: 'en' }, c.theirs), h('td', { lang: 'en' }, c.yours))))),
          h('p', { class: 'muted' }, t('docs.conflictsHint')));
      }
      await load();
    } catch (e) {
      show(status, 'error', t('docs.notImported', { name: file.name, error: e.message }));
    } finally {
      trInput.value = '';
      progress.hidden = true;
    }
  }

  async function load() {
    let docs;
    try {
      docs = (await api.documents()).documents;
    } catch (e) {
      clear(list);
      list.append(h('p', { class: 'notice error' }, t('docs.loadFailed', { error: e.message }), ' ', h('button', { onclick: load }, t('common.retry'))));
      return;
    }
    clear(list);
    if (!docs.length) {
      list.append(h('p', { class: 'empty' }, t('docs.empty')));
      return;
    }
    list.append(h('table', { class: 'docs' },
      h('thead', {}, h('tr', {}, h('th', {}, t('docs.colTitle')), h('th', {}, t('docs.colDate')), h('th', { class: 'num' }, t('docs.colClauses')), h('th', { class: 'num', title: t('counts.colCharactersTitle') }, t('counts.colCharacters')), h('th', {}, t('docs.colTranslated')), h('th', {}, t('docs.colApproved')), h('th', { class: 'num' }, t('docs.colToReview')), h('th', { class: 'num' }, t('docs.colFindings')), notesHead(), h('th', {}, t('docs.colExport')))),
      h('tbody', {}, docs.map((d) => {
        return h('tr', { dataset: { documentId: d.id } },
          h('td', {}, h('a', { href: `#/documents/${d.id}`, lang: 'zh-CN', class: 'doc-title' }, d.title)),
          h('td', { class: 'date' }, d.date || '—'),
          h('td', { class: 'num' }, d.clauses),
          h('td', { class: 'num counts', dataset: { documentId: d.id } }, '…'),
          // Drafts have English the translator has not confirmed yet.
          h('td', { class: 'translated' }, bar(d.translated, d.clauses, 'translated'),
            d.draft ? h('span', { class: 'muted drafts', title: t('docs.draftsTitle', { n: d.draft, confirmed: d.confirmed }) }, t('docs.drafts', { n: d.draft })) : null),
          h('td', { class: 'approved' }, bar(d.approved, d.clauses, 'approved')),
          h('td', { class: 'num' }, d.submitted ? h('a', { href: `#/review?document=${d.id}` }, d.submitted) : '0'),
          h('td', { class: 'num findings-count', dataset: { documentId: d.id } }, '…'),
          notesCells(d),
          h('td', { class: 'export' },
            h('a', { href: exportURL('tmx', d.id), download: '' }, 'TMX'), ' · ',
            h('a', { href: exportURL('csv', d.id), download: '' }, 'CSV'), ' · ',
            h('a', { href: exportURL('xliff', d.id), download: '', title: t('docs.xliffTitle') }, 'XLIFF')));
      }))));
    // Characters and words (issue 18) come after the table, as findings do.
    api.stats().then((r) => {
      const by = new Map(r.documents.map((c) => [String(c.id), c]));
      for (const td of list.querySelectorAll('td.counts')) {
        const c = by.get(td.dataset.documentId);
        clear(td);
        if (!c) {
          td.textContent = '—';
          continue;
        }
        td.title = countsTitle(c);
        td.append(h('span', { class: 'chars' }, num(c.chinese_characters)), h('span', { class: 'muted words' }, t('counts.wordsShort', { n: c.english_words, shown: num(c.english_words) })));
      }
    }, () => {
      for (const td of list.querySelectorAll('td.counts')) td.textContent = '—';
    });
    // Open findings come after the table: checking every statement takes
    // longer than listing them.
    try {
      const counts = (await api.findingsSummary()).documents;
      for (const td of list.querySelectorAll('td.findings-count')) {
        const n = counts[td.dataset.documentId] || 0;
        td.textContent = '';
        td.append(n ? h('a', { href: `#/qa?document=${td.dataset.documentId}`, class: 'has-findings', title: t('docs.findingsTitle', { n }) }, n) : '0');
      }
    } catch {
      for (const td of list.querySelectorAll('td.findings-count')) td.textContent = '—';
    }
  }
  await load();
}

// bar is a progress bar with its percentage, labelled for screen readers.
function bar(n, total, what) {
  const pct = total ? Math.round((100 * n) / total) : 0;
  return [h('progress', { max: total || 1, value: n, 'aria-label': t(`progress.${what}`, { pct }), title: t(`progress.${what}Title`, { n, total }) }), h('span', { class: 'pct' }, `${pct}%`)];
}

// The statement list's rejected and open-comment counts (issue 17).
function notesHead() {
  return [h('th', { class: 'num' }, t('docs.colRejected')), h('th', { class: 'num' }, t('docs.colComments'))];
}
function notesCells(d) {
  const link = (n, cls, title) => (n ? h('a', { href: `#/documents/${d.id}`, class: cls, title }, n) : '0');
  return [
    h('td', { class: 'num rejected-count' }, link(d.rejected || 0, 'has-rejected', t('docs.rejectedTitle', { n: d.rejected || 0 }))),
    h('td', { class: 'num comments-count' }, link(d.open_comments || 0, 'has-comments', t('docs.commentsTitle', { n: d.open_comments || 0 }))),
  ];
}
