import { api, session } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';
import { when } from './account.js';

const ROLES = ['viewer', 'translator', 'reviewer', 'admin'];

// renderUsers is the admin's page: users, their roles, and the audit log.
export async function renderUsers(app) {
  document.title = 'Users · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const secret = h('div', { class: 'notice ok secret', role: 'alert', hidden: true });
  const name = h('input', { id: 'new-user', required: true, maxlength: 64, autocomplete: 'off' });
  const role = h('select', { id: 'new-role' }, ROLES.map((r) => h('option', { value: r }, r)));
  role.value = 'translator';
  const rows = h('tbody');
  const log = h('tbody');
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, 'Users')),
    status, secret,
    h('form', { class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const res = await api.createUser({ username: name.value, role: role.value });
        showSecret(res.user.username, res.password);
        name.value = '';
        await load();
      } catch (err) {
        show(status, 'error', `The user was not added: ${err.message}`);
      }
    } },
    h('label', { for: 'new-user' }, 'New user'), name, h('label', { for: 'new-role' }, 'role'), role, h('button', { type: 'submit' }, 'Add user')),
    h('table', { class: 'docs users' }, h('thead', {}, h('tr', {}, h('th', {}, 'User'), h('th', {}, 'Role'), h('th', {}, 'State'), h('th', {}, 'Since'), h('th', {}, ''))), rows),
    h('h2', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Changes to users and to the glossary, newest first.'),
    h('table', { class: 'docs audit' }, h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'Who'), h('th', {}, 'What'), h('th', {}, 'Subject'), h('th', {}, 'Detail'))), log));

  // A new or reset password is shown once, for the admin to pass on.
  function showSecret(user, password) {
    clear(secret);
    secret.hidden = false;
    secret.append(`Password for ${user}: `, h('code', { class: 'password' }, password), ' — pass it on now; it is not shown again.');
  }

  async function change(u, ch, what) {
    try {
      await api.updateUser(u.id, ch);
      show(status, 'ok', `${u.username}: ${what}.`);
      await load();
    } catch (e) {
      show(status, 'error', `${u.username}: ${e.message}`);
    }
  }

  async function load() {
    let users, events;
    try {
      [users, events] = await Promise.all([api.users(), api.audit()]);
    } catch (e) {
      return show(status, 'error', `Users could not be loaded: ${e.message}`);
    }
    clear(rows);
    for (const u of users.users) {
      const self = u.id === session.user.id;
      const sel = h('select', { 'aria-label': `Role of ${u.username}`, disabled: self, onchange: () => change(u, { role: sel.value }, `role set to ${sel.value}`) },
        ROLES.map((r) => h('option', { value: r }, r)));
      sel.value = u.role;
      rows.append(h('tr', { dataset: { user: u.username } },
        h('td', {}, u.username), h('td', {}, sel),
        h('td', {}, u.disabled ? h('span', { class: 'status status-rejected' }, 'disabled') : 'active'),
        h('td', {}, when(u.created_at)),
        h('td', { class: 'actions' },
          self ? h('span', { class: 'muted' }, 'you') : h('button', { type: 'button', class: 'secondary small', onclick: () => change(u, { disabled: !u.disabled }, u.disabled ? 'enabled' : 'disabled; their sessions have ended') }, u.disabled ? 'Enable' : 'Disable'),
          h('button', { type: 'button', class: 'secondary small', onclick: async () => {
            if (!confirm(`Give ${u.username} a new random password? Their sessions end.`)) return;
            try {
              showSecret(u.username, (await api.resetPassword(u.id)).password);
            } catch (e) {
              show(status, 'error', e.message);
            }
          } }, 'Reset password'))));
    }
    clear(log);
    for (const ev of events.events) {
      log.append(h('tr', {}, h('td', { class: 'date' }, when(ev.created_at)), h('td', {}, ev.actor), h('td', {}, ev.action), h('td', { lang: 'zh-CN' }, ev.subject), h('td', { class: 'detail' }, ev.detail)));
    }
  }
  await load();
}
