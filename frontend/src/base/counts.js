// Counts of a statement (issue 18): what GET /api/v1/stats says, as the
// statement list and the editor's details show it.
import { h } from './dom.js';
import { t, locale } from './i18n.js';

// num is a count in the interface's language (3,866).
export function num(n) {
  return (n || 0).toLocaleString(locale());
}

// countsTitle is the tooltip of a statement's counts.
export function countsTitle(c) {
  return t('counts.title', { chars: num(c.chinese_characters), words: num(c.english_words), current: num(c.english_words_current), markers: num(c.markers) });
}

// countsSummary is a statement's counts in a line, with its clauses by
// status, for the editor's details.
export function countsSummary(c) {
  const statuses = ['untranslated', 'draft', 'translated', 'submitted', 'approved', 'rejected']
    .filter((s) => c.by_status?.[s])
    .map((s) => t('counts.status', { n: num(c.by_status[s]), status: t(`status.${s}`) }));
  return h('span', { class: 'counts-summary', title: countsTitle(c) },
    t('counts.characters', { n: c.chinese_characters, shown: num(c.chinese_characters) }), t('common.listSep'),
    t('counts.words', { n: c.english_words, shown: num(c.english_words) }), t('common.listSep'),
    t('counts.clauses', { n: c.clauses, shown: num(c.clauses) }),
    statuses.length ? ` (${statuses.join(t('common.listSep'))})` : '',
    c.markers ? [t('common.listSep'), t('counts.markers', { n: c.markers, shown: num(c.markers) })] : '');
}
