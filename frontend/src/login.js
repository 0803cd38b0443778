import { api } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { t } from './base/i18n.js';

// renderLogin shows the login form; onDone runs once logged in.
export function renderLogin(app, onDone, notice = '') {
  document.title = t('login.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'alert', hidden: true });
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit' }, t('login.submit'));
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      await api.login(user.value, pass.value);
      onDone();
    } catch (err) {
      show(status, 'error', err.status === 401 ? t('login.wrong') : err.message);
      pass.select();
    } finally {
      button.disabled = false;
    }
  } },
  h('h1', {}, t('login.heading')),
  notice ? h('p', { class: 'notice info' }, notice) : null,
  status,
  h('label', { for: 'login-user' }, t('login.user')), user,
  h('label', { for: 'login-password' }, t('login.password')), pass,
  button,
  h('p', { class: 'muted' }, t('login.noAccount')));
  app.append(form);
  user.focus();
}
