import { api, session } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';
import { when } from './base/time.js';

// renderAccount: the user's own password and sessions.
export async function renderAccount(app) {
  document.title = t('account.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 72 });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true });
  const list = h('tbody');
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, t('account.heading', { user: session.user.username })), h('span', { class: `role role-${session.user.role}` }, t(`role.${session.user.role}`))),
    status,
    h('h2', {}, t('account.change')),
    h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      if (next.value !== again.value) return show(status, 'error', t('account.differ'));
      try {
        await api.changePassword(current.value, next.value);
        e.target.reset();
        show(status, 'ok', t('account.changed'));
        await load();
      } catch (err) {
        show(status, 'error', err.status === 403 ? t('account.wrongCurrent') : err.message);
      }
    } },
    h('label', { for: 'pw-current' }, t('account.current')), current,
    h('label', { for: 'pw-new' }, t('account.new')), next,
    h('label', { for: 'pw-again' }, t('account.again')), again,
    h('button', { type: 'submit' }, t('account.submit'))),
    h('h2', {}, t('account.where')),
    h('table', { class: 'docs sessions' }, h('thead', {}, h('tr', {}, h('th', {}, t('account.browser')), h('th', {}, t('account.loggedIn')), h('th', {}, t('account.lastUsed')), h('th', {}, t('account.expires')), h('th', {}, ''))), list));

  async function load() {
    let ss;
    try {
      ss = (await api.sessions()).sessions;
    } catch (e) {
      return show(status, 'error', t('account.sessionsFailed', { error: e.message }));
    }
    clear(list);
    for (const s of ss) {
      list.append(h('tr', {},
        h('td', {}, s.user_agent || t('common.unknown'), s.current ? h('strong', {}, t('account.thisOne')) : null),
        h('td', {}, when(s.created_at)), h('td', {}, when(s.last_seen_at)), h('td', {}, when(s.expires_at)),
        h('td', {}, s.current ? null : h('button', { type: 'button', class: 'secondary small', onclick: async () => {
          try {
            await api.revokeSession(s.id);
            await load();
          } catch (e) {
            show(status, 'error', e.message);
          }
        } }, t('account.logoutThere')))));
    }
  }
  await load();
}
