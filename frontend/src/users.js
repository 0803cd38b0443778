import { api, session } from './base/api.js';
import { h, clear } from './base/dom.js';
import { show } from './base/status.js';
import { when } from './base/time.js';
import { t } from './base/i18n.js';
import { NUMBERING_STYLES } from './base/numbering.js';

const ROLES = ['viewer', 'translator', 'reviewer', 'admin'];


// renderUsers is the admin's page: users, their roles, and the audit log.
export async function renderUsers(app) {
  document.title = t('users.pageTitle');
  clear(app);
  const status = h('p', { class: 'notice', role: 'status', hidden: true });
  const secret = h('div', { class: 'notice ok secret', role: 'alert', hidden: true });
  const name = h('input', { id: 'new-user', required: true, maxlength: 64, autocomplete: 'off' });
  const role = h('select', { id: 'new-role' }, ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
  role.value = 'translator';
  const rows = h('tbody');
  const log = h('tbody');
  app.append(
    h('section', { class: 'page-head' }, h('h1', {}, t('users.heading'))),
    status, secret,
    h('form', { class: 'filters', onsubmit: async (e) => {
      e.preventDefault();
      try {
        const res = await api.createUser({ username: name.value, role: role.value });
        showSecret(res.user.username, res.password);
        name.value = '';
        await load();
      } catch (err) {
        show(status, 'error', t('users.notAdded', { error: err.message }));
      }
    } },
    h('label', { for: 'new-user' }, t('users.newUser')), name, h('label', { for: 'new-role' }, t('users.role')), role, h('button', { type: 'submit' }, t('users.add'))),
    h('table', { class: 'docs users' }, h('thead', {}, h('tr', {}, h('th', {}, t('users.colUser')), h('th', {}, t('users.colRole')), h('th', {}, t('users.colState')), h('th', {}, t('users.colSince')), h('th', {}, ''))), rows),
    numberingSetting(status),
    targetLanguageSetting(status),
    h('h2', {}, t('users.audit')),
    h('p', { class: 'muted' }, t('users.auditHint')),
    h('table', { class: 'docs audit' }, h('thead', {}, h('tr', {}, h('th', {}, t('users.colWhen')), h('th', {}, t('users.colWho')), h('th', {}, t('users.colWhat')), h('th', {}, t('users.colSubject')), h('th', {}, t('users.colDetail')))), log));

  // A new or reset password is shown once, for the admin to pass on.
  function showSecret(user, password) {
    clear(secret);
    secret.hidden = false;
    secret.append(t('users.passwordFor', { user }), h('code', { class: 'password' }, password), t('users.passItOn'));
  }

  async function change(u, ch, what) {
    try {
      await api.updateUser(u.id, ch);
      show(status, 'ok', t('users.changed', { user: u.username, what }));
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
      return show(status, 'error', t('users.loadFailed', { error: e.message }));
    }
    clear(rows);
    for (const u of users.users) {
      const self = u.id === session.user.id;
      const sel = h('select', { 'aria-label': t('users.roleOf', { user: u.username }), disabled: self, onchange: () => change(u, { role: sel.value }, t('users.roleSet', { role: t(`role.${sel.value}`) })) },
        ROLES.map((r) => h('option', { value: r }, t(`role.${r}`))));
      sel.value = u.role;
      rows.append(h('tr', { dataset: { user: u.username } },
        h('td', {}, u.username), h('td', {}, sel),
        h('td', {}, u.disabled ? h('span', { class: 'status status-rejected' }, t('users.disabled')) : t('users.active')),
        h('td', {}, when(u.created_at)),
        h('td', { class: 'actions' },
          self ? h('span', { class: 'muted' }, t('users.you')) : h('button', { type: 'button', class: 'secondary small', onclick: () => change(u, { disabled: !u.disabled }, u.disabled ? t('users.enabledMsg') : t('users.disabledMsg')) }, u.disabled ? t('users.enable') : t('users.disable')),
          h('button', { type: 'button', class: 'secondary small', onclick: async () => {
            if (!confirm(t('users.confirmReset', { user: u.username }))) return;
            try {
              showSecret(u.username, (await api.resetPassword(u.id)).password);
            } catch (e) {
              show(status, 'error', e.message);
            }
          } }, t('users.reset')))));
    }
    clear(log);
    for (const ev of events.events) {
      log.append(h('tr', {}, h('td', { class: 'date' }, when(ev.created_at)), h('td', {}, ev.actor), h('td', {}, ev.action), h('td', { lang: 'zh-CN' }, ev.subject), h('td', { class: 'detail' }, ev.detail)));
    }
  }
  await load();
}

// numberingSetting is the corpus default numbering style: the English of
// every statement's numbering markers (一、 （一）) that has no style of its
// own. Changing it rewrites those markers at once.
function numberingSetting(status) {
  // Disabled until the current setting is known: a choice made before
  // would be overwritten by it.
  const style = h('select', { id: 'corpus-numbering', disabled: true }, NUMBERING_STYLES.map((s) => h('option', { value: s }, t(`numbering.${s}`))));
  const save = h('button', { type: 'submit', class: 'secondary', disabled: true }, t('common.save'));
  api.settings().then((s) => {
    style.value = s.numbering_style;
    style.disabled = save.disabled = false;
  }, (e) => show(status, 'error', t('users.loadFailed', { error: e.message })));
  return h('form', { class: 'filters corpus-settings', onsubmit: async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      await api.changeSettings({ numbering_style: style.value });
      show(status, 'ok', t('settings.numberingSaved', { style: t(`numbering.${style.value}`) }));
    } catch (err) {
      show(status, 'error', t('settings.numberingFailed', { error: err.message }));
    } finally {
      save.disabled = false;
    }
  } },
  h('h2', {}, t('settings.heading')),
  h('label', { for: 'corpus-numbering' }, t('settings.numbering')), style, save,
  h('p', { class: 'muted' }, t('settings.numberingHint')));
}

// targetLanguageSetting is the corpus's English (issue 18): the language tag
// every export writes (TMX, XLIFF, the TBX glossary) and imports compare
// with. It names the English; it does not respell it.
const TARGET_LANGUAGES = ['en-GB', 'en-US', 'en'];
function targetLanguageSetting(status) {
  const lang = h('select', { id: 'corpus-target-language' }, TARGET_LANGUAGES.map((l) => h('option', { value: l }, t(`exchange.lang.${l}`))));
  const save = h('button', { type: 'submit', class: 'secondary' }, t('common.save'));
  api.settings().then((s) => { lang.value = s.target_language; }, (e) => show(status, 'error', t('users.loadFailed', { error: e.message })));
  return h('form', { class: 'filters corpus-language', onsubmit: async (e) => {
    e.preventDefault();
    save.disabled = true;
    try {
      await api.changeSettings({ target_language: lang.value });
      show(status, 'ok', t('exchange.languageSaved', { lang: t(`exchange.lang.${lang.value}`) }));
    } catch (err) {
      show(status, 'error', t('exchange.languageFailed', { error: err.message }));
    } finally {
      save.disabled = false;
    }
  } },
  h('label', { for: 'corpus-target-language' }, t('exchange.targetLanguage')), lang, save,
  h('p', { class: 'muted' }, t('exchange.targetLanguageHint')));
}
