// The panels under a clause's row: its history, its comments, and the form
// that splits it. Each draws into the panel element it is given.
import { api, can } from '../base/api.js';
import { h, clear } from '../base/dom.js';
import { show } from '../base/status.js';
import { diffView } from '../base/diff.js';
import { t, locale } from '../base/i18n.js';

// renderHistory lists a clause's revisions, newest first, with a word
// diff between any two of them and "restore" for earlier texts.
export function renderHistory(panel, clause, revisions, restore) {
  clear(panel);
  const texts = revisions.filter((r) => r.action === 'save' || r.action === 'restore');
  const out = h('div', { class: 'diff', 'aria-live': 'polite' });
  const pick = (label, value) => {
    const sel = h('select', { 'aria-label': label }, h('option', { value: 0 }, t('common.empty')), texts.map((r) => h('option', { value: r.version }, `v${r.version} · ${r.author}`)));
    sel.value = value;
    return sel;
  };
  const from = pick(t('history.from'), texts[1]?.version ?? 0);
  const to = pick(t('history.to'), texts[0]?.version ?? 0);
  const compare = async () => {
    clear(out);
    if (Number(to.value) === 0) return;
    try {
      out.append(diffView((await api.diff(clause.id, Number(from.value), Number(to.value))).ops));
    } catch (e) {
      out.append(h('span', { class: 'notice error' }, e.message));
    }
  };
  panel.append(
    h('div', { class: 'filters' }, h('strong', {}, t('history.compare')), from, '→', to, h('button', { type: 'button', class: 'secondary small', onclick: compare }, t('history.show'))),
    out,
    revisions.length === 0 ? h('p', { class: 'muted' }, t('history.none')) : h('ol', { class: 'revisions', reversed: true },
      revisions.map((r) => h('li', { class: `rev rev-${r.action}` },
        h('div', { class: 'rev-head' },
          h('span', { class: 'rev-version' }, `v${r.version}`), ' ', h('span', { class: `status status-${ACTION_STATUS[r.action] || 'draft'}` }, t(`action.${r.action}`)),
          t('history.by', { user: r.author, when: new Date(r.created_at).toLocaleString(locale()) }),
          can('translator') && (r.action === 'save' || r.action === 'restore') && r.text !== clause.target
            ? h('button', { type: 'button', class: 'link restore', onclick: () => restore(r) }, t('history.restore')) : null),
        r.text ? h('p', { class: 'rev-text' }, r.text) : null,
        r.comment ? h('p', { class: 'rev-comment' }, '“', r.comment, '”') : null))));
  compare();
}

const ACTION_STATUS = { submit: 'submitted', approve: 'approved', reject: 'rejected' };

// renderSplit is the form that splits a clause: the caret in the Chinese
// says where, and each part gets its English (all of it stays with the
// first part unless moved).
export function renderSplit(panel, clause, english, split, close) {
  clear(panel);
  const chars = [...clause.source];
  // Not readOnly: a read-only box has no caret to move with the keys.
  // Typing is refused instead, so the Chinese stays as it is.
  const zh = h('textarea', { class: 'split-source', lang: 'zh-CN', rows: 2, 'aria-label': t('split.where') });
  zh.value = clause.source;
  zh.addEventListener('beforeinput', (e) => e.preventDefault());
  const at = () => [...zh.value.slice(0, zh.selectionStart)].length; // in characters, as the API counts
  const first = h('textarea', { class: 'split-first', lang: 'en', rows: 2, 'aria-label': t('split.firstEnglish') });
  const second = h('textarea', { class: 'split-second', lang: 'en', rows: 2, 'aria-label': t('split.secondEnglish') });
  first.value = english;
  const preview = h('p', { class: 'muted split-preview', 'aria-live': 'polite' });
  const go = h('button', { type: 'submit', class: 'small' }, t('split.go'));
  const update = () => {
    const n = at();
    const ok = n > 0 && n < chars.length;
    go.disabled = !ok;
    preview.textContent = ok ? t('split.preview', { first: chars.slice(0, n).join(''), second: chars.slice(n).join('') }) : t('split.placeCaret');
  };
  for (const ev of ['select', 'click', 'keyup']) zh.addEventListener(ev, update);
  panel.append(h('form', { class: 'split-form', onsubmit: (e) => {
    e.preventDefault();
    go.disabled = true;
    split(at(), [first.value, second.value]);
  } },
  h('p', { class: 'hint' }, t('split.hint')), zh, preview,
  h('label', {}, t('split.firstEnglish'), first), h('label', {}, t('split.secondEnglish'), second),
  h('div', { class: 'actions' }, go, h('button', { type: 'button', class: 'secondary small', onclick: close }, t('common.cancel')))));
  zh.focus();
  zh.setSelectionRange(0, 0);
  update();
}

// renderComments shows a clause's thread, oldest first: comments and
// rejections (a reviewer's reason, marked as such), the open ones in full,
// the resolved ones dimmed and folded; translators and above add, resolve
// and reopen. @name in a comment notifies that user.
export function renderComments(panel, clause, comments, status) {
  clear(panel);
  const reload = async () => renderComments(panel, clause, (await api.comments(clause.id)).comments, status);
  const act = (fn, failed) => async () => {
    try {
      await fn();
    } catch (err) {
      show(status, 'error', failed(err.message));
    }
    try {
      await reload();
    } catch (err) {
      show(status, 'error', err.message);
    }
  };
  const text = h('textarea', { class: 'comment-input', rows: 2, 'aria-label': t('comments.new'), placeholder: t('comments.placeholder') });
  const open = comments.filter((c) => !c.resolved_at).length;
  panel.append(
    comments.length === 0 ? h('p', { class: 'muted' }, t('comments.none'))
      : h('p', { class: 'muted comments-summary' }, t('comments.summary', { n: comments.length, open })),
    comments.length ? h('ul', { class: 'comments' }, comments.map((c) => commentItem(c, act))) : null,
    can('translator') ? h('form', { class: 'comment-form', onsubmit: async (e) => {
      e.preventDefault();
      try {
        await api.addComment(clause.id, text.value);
        await reload();
      } catch (err) {
        show(status, 'error', t('comments.failed', { error: err.message }));
      }
    } }, text, h('button', { type: 'submit', class: 'small' }, t('comments.add')),
    h('p', { class: 'hint comment-hint' }, t('comments.mentionHint'))) : null);
}

// commentItem is one comment of a thread: resolved ones fold into a
// <details> whose summary says who resolved them.
function commentItem(c, act) {
  const rejection = c.kind === 'rejection';
  const head = h('span', { class: 'comment-head' },
    h('strong', {}, c.author), ' ',
    rejection ? h('span', { class: 'status status-rejected comment-kind' }, t('comments.rejection')) : null,
    h('span', { class: 'muted' }, ` ${new Date(c.created_at).toLocaleString(locale())}`),
    c.resolved_at ? h('span', { class: 'muted comment-resolved-by' }, t('comments.resolvedBy', { user: c.resolved_by, when: new Date(c.resolved_at).toLocaleString(locale()) })) : null);
  const button = !can('translator') ? null : c.resolved_at
    ? h('button', { type: 'button', class: 'link comment-reopen', onclick: act(() => api.reopenComment(c.id), (error) => t('comments.reopenFailed', { error })) }, t('comments.reopen'))
    : h('button', { type: 'button', class: 'link comment-resolve', onclick: act(() => api.resolveComment(c.id), (error) => t('comments.resolveFailed', { error })) }, t('comments.resolve'));
  const body = h('p', { class: 'comment-text' }, withMentions(c.text, c.mentions || []));
  const cls = `comment comment-${c.kind || 'comment'}${c.resolved_at ? ' comment-is-resolved' : ''}`;
  if (c.resolved_at) {
    return h('li', { class: cls, dataset: { commentId: c.id } },
      h('details', {}, h('summary', {}, head), body, button));
  }
  return h('li', { class: cls, dataset: { commentId: c.id } }, head, body, button);
}

// withMentions is text with the users it @named marked.
function withMentions(text, mentions) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(/@([A-Za-z0-9._-]+)/g)) {
    let name = m[1].toLowerCase();
    if (!mentions.includes(name)) name = name.replace(/[._-]+$/, '');
    if (!mentions.includes(name)) continue;
    out.push(text.slice(last, m.index), h('span', { class: 'mention' }, text.slice(m.index, m.index + 1 + name.length)));
    last = m.index + 1 + name.length;
  }
  out.push(text.slice(last));
  return out;
}
