import { api, session } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';

// renderAccount: the user's own password and sessions.
export async function renderAccount(app) {
  document.title = 'Your account · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true, minlength: 8, maxlength: 72 });
  const again = h('input', { id: 'pw-again', type: 'password', autocomplete: 'new-password', required: true });
  const list = h('tbody');
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, `Your account: ${session.user.username}`), h('span', { class: `role role-${session.user.role}` }, session.user.role)),
    status,
    h('h2', {}, 'Change your password'),
    h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      if (next.value !== again.value) return show(status, 'error', 'The two new passwords differ: type the same one twice.');
      try {
        await api.changePassword(current.value, next.value);
        e.target.reset();
        show(status, 'ok', 'Password changed. Your other sessions have been logged out.');
        await load();
      } catch (err) {
        show(status, 'error', err.status === 403 ? 'The current password is wrong.' : err.message);
      }
    } },
    h('label', { for: 'pw-current' }, 'Current password'), current,
    h('label', { for: 'pw-new' }, 'New password (8 to 72 characters)'), next,
    h('label', { for: 'pw-again' }, 'New password again'), again,
    h('button', { type: 'submit' }, 'Change password')),
    h('h2', {}, 'Where you are logged in'),
    h('table', { class: 'docs sessions' }, h('thead', {}, h('tr', {}, h('th', {}, 'Browser or script'), h('th', {}, 'Logged in'), h('th', {}, 'Last used'), h('th', {}, 'Expires'), h('th', {}, ''))), list));

  async function load() {
    let ss;
    try {
      ss = (await api.sessions()).sessions;
    } catch (e) {
      return show(status, 'error', `Sessions could not be loaded: ${e.message}`);
    }
    clear(list);
    for (const s of ss) {
      list.append(h('tr', {},
        h('td', {}, s.user_agent || 'unknown', s.current ? h('strong', {}, ' (this one)') : null),
        h('td', {}, when(s.created_at)), h('td', {}, when(s.last_seen_at)), h('td', {}, when(s.expires_at)),
        h('td', {}, s.current ? null : h('button', { type: 'button', class: 'secondary small', onclick: async () => {
          try {
            await api.revokeSession(s.id);
            await load();
          } catch (e) {
            show(status, 'error', e.message);
          }
        } }, 'Log out there'))));
    }
  }
  await load();
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}
