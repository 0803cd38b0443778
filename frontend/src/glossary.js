import { api, can } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';
import { when } from './base/time.js';
import { termDialog } from './base/termdialog.js';

export async function renderGlossary(app, params) {
  document.title = t('gloss.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const search = h('input', { type: 'search', class: 'search', placeholder: t('gloss.searchPlaceholder'), 'aria-label': t('gloss.searchLabel'), value: params.get('q') || '' });
  const list = h('div', { class: 'term-list' });
  const suggestions = h('section', { class: 'suggestions' });
  const fileInput = h('input', { type: 'file', accept: '.csv,.tbx,.xml', id: 'glossary-file', class: 'visually-hidden', onchange: () => importFile() });
  const dialog = termDialog(status, () => {
    load();
    loadSuggestions();
  });
  app.append(
    h('section', { class: 'page-head' },
      h('h1', {}, t('gloss.heading')),
      h('div', { class: 'actions' },
        can('translator') ? h('button', { type: 'button', class: 'add-term', onclick: () => dialog.open() }, t('gloss.add')) : null,
        can('reviewer') ? [h('label', { for: 'glossary-file', class: 'button secondary' }, t('gloss.import')), fileInput] : null,
        h('a', { class: 'button secondary', href: '/api/v1/glossary/export?format=tbx', download: '' }, t('gloss.exportTBX')),
        h('a', { class: 'button secondary', href: '/api/v1/glossary/export?format=csv', download: '' }, t('editor.exportCSV')))),
    h('p', { class: 'hint' }, t('gloss.hint')),
    status, search, list, suggestions, dialog.el);

  let timer;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(load, 200);
  });

  async function importFile() {
    const file = fileInput.files[0];
    if (!file) return;
    show(status, 'info', t('common.importing', { name: file.name }));
    try {
      const r = await api.importGlossary(file);
      show(status, 'ok', t('gloss.imported', { name: file.name, created: r.created, updated: r.updated, unchanged: r.unchanged }));
      await load();
    } catch (e) {
      show(status, 'error', e.message);
    } finally {
      fileInput.value = '';
    }
  }

  async function load() {
    let terms;
    try {
      terms = (await api.terms(search.value)).terms;
    } catch (e) {
      show(status, 'error', t('gloss.loadFailed', { error: e.message }));
      return;
    }
    clear(list);
    if (!terms.length) {
      list.append(h('p', { class: 'empty' }, search.value ? t('gloss.noMatch', { q: search.value }) : t('gloss.empty')));
      return;
    }
    list.append(h('table', { class: 'terms' },
      h('thead', {}, h('tr', {}, [t('gloss.colChinese'), t('gloss.colEnglish'), t('gloss.colVariants'), t('gloss.colForbidden'), t('gloss.colPOS'), t('gloss.colStatus'), t('gloss.colNote'), ''].map((label) => h('th', {}, label)))),
      h('tbody', {}, terms.map((term) => h('tr', { dataset: { termId: term.id } },
        h('td', { lang: 'zh-CN', class: 'zh' }, term.zh),
        h('td', { class: 'en' }, term.en, term.case_sensitive ? h('span', { class: 'tag', title: t('gloss.caseTitle') }, 'Aa') : null),
        h('td', {}, term.variants.join(' · ')),
        h('td', { class: 'forbidden' }, term.forbidden.join(' · ')),
        h('td', {}, term.pos),
        h('td', {}, h('span', { class: `status status-${term.status}` }, t(`status.${term.status}`))),
        h('td', { class: 'note' }, term.note),
        h('td', { class: 'row-actions' },
          // Only reviewers change or delete entries (the server refuses
          // the others): what a role cannot do is not offered.
          can('reviewer') ? h('button', { type: 'button', class: 'link edit', onclick: () => dialog.open(term) }, t('gloss.edit')) : null,
          h('button', { type: 'button', class: 'link', onclick: () => dialog.history(term) }, t('common.history')),
          can('reviewer') ? h('button', { type: 'button', class: 'link danger', onclick: () => remove(term) }, t('gloss.delete')) : null))))));
  }

  async function remove(term) {
    if (!confirm(t('gloss.confirmDelete', { zh: term.zh, en: term.en }))) return;
    try {
      await api.deleteTerm(term.id);
      show(status, 'ok', t('gloss.deleted', { zh: term.zh }));
      await load();
    } catch (e) {
      show(status, 'error', e.message);
    }
  }

  async function loadSuggestions() {
    clear(suggestions);
    let s, computedAt;
    try {
      ({ suggestions: s, computed_at: computedAt } = await api.suggest());
    } catch (e) {
      suggestions.append(h('p', { class: 'muted' }, t('gloss.suggestFailed', { error: e.message })));
      return;
    }
    suggestions.append(h('h2', {}, t('gloss.suggested')),
      h('p', { class: 'hint' }, t('gloss.suggestHint'), ' ', t('gloss.suggestComputed', { when: when(computedAt) })),
      s.length ? h('ul', { class: 'suggestion-list' }, s.slice(0, 30).map((x) => h('li', {},
        h('span', { lang: 'zh-CN', class: 'zh' }, x.text), ' ',
        h('span', { class: 'muted' }, t('gloss.suggestCount', { occurrences: x.occurrences, documents: t('report.statements', { n: x.documents }) })), ' ',
        can('translator') ? h('button', { type: 'button', class: 'link', onclick: () => dialog.open({ zh: x.text, status: 'proposed' }) }, t('gloss.addSuggested')) : null)))
        : h('p', { class: 'muted' }, t('gloss.noSuggestions')));
  }

  await load();
  loadSuggestions();
}
