// Lists read a page at a time (the term report, the discovered terms).
import { h } from './dom.js';
import { t } from './i18n.js';

// pageShown is what follows a page of a list: count says how many of total
// are shown once this page's n items (from offset) are, and a "More"
// button at the end of list loads the next page (next(shown)). It returns
// the button, for the next page to remove, or null when all are shown.
export function pageShown({ count, list, offset, n, total, size, next }) {
  const shown = offset + n;
  count.textContent = t('report.count', { shown, total });
  if (shown >= total) return null;
  const more = h('button', { type: 'button', class: 'secondary more', onclick: () => next(shown) },
    t('report.more', { n: Math.min(size, total - shown), shown, total }));
  list.append(more);
  return more;
}
