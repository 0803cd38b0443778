import { api } from './api.js';
import { h, clear } from './dom.js';
import { show } from './documents.js';

// renderLogin shows the login form; onDone runs once logged in.
export function renderLogin(app, onDone, notice = '') {
  document.title = 'Log in · Zhen';
  clear(app);
  const status = h('p', { class: 'notice', role: 'alert', hidden: true });
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { type: 'submit' }, 'Log in');
  const form = h('form', { class: 'login', onsubmit: async (e) => {
    e.preventDefault();
    button.disabled = true;
    try {
      await api.login(user.value, pass.value);
      onDone();
    } catch (err) {
      show(status, 'error', err.status === 401 ? 'Wrong user name or password. Check both and try again.' : err.message);
      pass.select();
    } finally {
      button.disabled = false;
    }
  } },
  h('h1', {}, 'Log in to Zhen'),
  notice ? h('p', { class: 'notice info' }, notice) : null,
  status,
  h('label', { for: 'login-user' }, 'User name'), user,
  h('label', { for: 'login-password' }, 'Password'), pass,
  button,
  h('p', { class: 'muted' }, 'No account? Ask an administrator. With the demo server, the passwords were printed when it started.'));
  app.append(form);
  user.focus();
}
