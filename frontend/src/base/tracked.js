import { api } from './api.js';
import { h } from './dom.js';
import { t } from './i18n.js';
import { diffView } from './diff.js';

// A tracked change: when someone other than the translator (a reviewer
// correcting in the review queue) wrote a clause's current English, the
// translator sees "corrected by X" and a word diff from their own English
// to the correction.

// Only these history rows write new English (submit, approve, reject…
// repeat the text; split and merge cut it).
const WRITES = new Set(['save', 'restore']);

// trackedChange picks the correction to show from a clause's revisions (its
// history, or the review queue's alternatives; any order): the current
// English (the newest revision that wrote English) and the English it
// corrected: me's own last English when me is given and wrote some, else
// the last English by someone other than the corrector. null when there is
// nothing to show: no English, me wrote the current English, or no one
// else wrote English that differs.
export function trackedChange(revisions, me = '') {
  const writes = (revisions || []).filter((r) => WRITES.has(r.action ?? 'save') && r.text).sort((a, b) => b.version - a.version);
  const cur = writes[0];
  if (!cur || (me && cur.author === me)) return null;
  const earlier = writes.slice(1);
  const base = (me && earlier.find((r) => r.author === me)) || earlier.find((r) => r.author !== cur.author);
  if (!base || base.text.trim() === cur.text.trim()) return null;
  return { by: cur.author, author: base.author, from: base.version, to: cur.version, at: cur.created_at };
}

// trackedView shows the tracked change of clause ({id}) for me: "corrected
// by X" and the word diff. It reads the clause's history unless revisions
// are given. The element stays hidden when there is nothing to show;
// el.ready settles once it is filled.
export function trackedView(clause, { me = '', revisions = null } = {}) {
  const el = h('div', { class: 'tracked', hidden: true });
  el.ready = (async () => {
    try {
      const change = trackedChange(revisions || (await api.history(clause.id)).revisions, me);
      if (!change) return;
      const d = await api.diff(clause.id, change.from, change.to);
      el.append(h('div', { class: 'label' }, t('tracked.correctedBy', { user: change.by, author: change.author })), diffView(d.ops));
      el.hidden = false;
    } catch {
      /* a tracked change is extra: the English itself is shown anyway */
    }
  })();
  return el;
}
