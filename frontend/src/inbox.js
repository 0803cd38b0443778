// The inbox: rejections of the user's English and comments that @named
// them, newest first, each linking to its clause in the editor; read or
// not, marked read one by one or all at once. It follows the user's inbox
// live (a rejection arriving shows at once).
import { api, watchInbox } from './base/api.js';
import { h, clear } from './base/dom.js';
import { t, locale } from './base/i18n.js';
import { show } from './base/status.js';

export async function renderInbox(app) {
  document.title = t('inbox.pageTitle');
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const summary = h('p', { class: 'muted inbox-summary', 'aria-live': 'polite' });
  const allRead = h('button', { type: 'button', class: 'secondary small inbox-all-read', onclick: () => mark('all') }, t('inbox.markAllRead'));
  const list = h('div', { class: 'inbox' }, h('p', { class: 'muted' }, t('common.loading')));
  clear(app);
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, t('inbox.heading')), h('div', { class: 'actions' }, allRead)),
    h('p', { class: 'hint' }, t('inbox.hint')),
    status, summary, list);

  const stop = watchInbox(() => {
    if (!document.body.contains(list)) return stop();
    load();
  });

  async function mark(ids) {
    try {
      await api.markRead(ids);
    } catch (e) {
      show(status, 'error', t('inbox.markFailed', { error: e.message }));
    }
    await load();
  }

  async function load() {
    let inbox;
    try {
      inbox = await api.inbox();
    } catch (e) {
      clear(list);
      list.append(h('p', { class: 'notice error' }, t('inbox.loadFailed', { error: e.message }), ' ', h('button', { onclick: load }, t('common.retry'))));
      return;
    }
    clear(list);
    summary.textContent = t('inbox.summary', { n: inbox.items.length, unread: inbox.unread });
    allRead.disabled = inbox.unread === 0;
    if (!inbox.items.length) {
      list.append(h('p', { class: 'empty' }, t('inbox.empty')));
      return;
    }
    list.append(h('ul', { class: 'inbox-items' }, inbox.items.map((it) => {
      const href = `#/documents/${it.document_id}?clause=${it.clause_id}`;
      return h('li', { class: `inbox-item inbox-${it.kind}${it.read ? '' : ' unread'}`, dataset: { notificationId: it.id, clauseId: it.clause_id } },
        h('div', { class: 'inbox-head' },
          h('span', { class: `status ${it.kind === 'rejection' ? 'status-rejected' : 'status-submitted'} inbox-kind` }, t(`inbox.kind.${it.kind}`)), ' ',
          h('a', { href, class: 'inbox-link', onclick: () => { if (!it.read) api.markRead([it.id]).catch(() => {}); } },
            t('inbox.where', { index: it.index + 1 }), ' ', h('span', { lang: 'zh-CN' }, it.document_title)),
          h('span', { class: 'muted' }, ' ', t('inbox.by', { user: it.author, when: new Date(it.created_at).toLocaleString(locale()) })),
          it.read ? null : h('button', { type: 'button', class: 'link inbox-read', onclick: () => mark([it.id]) }, t('inbox.markRead'))),
        h('p', { class: 'inbox-text' }, it.text));
    })));
  }
  await load();
}
