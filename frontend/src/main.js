import { api, session, can, onLoggedOut, listen, watchInbox } from './base/api.js';
import { h, clear } from './base/dom.js';
import { renderDocuments } from './documents.js';
import { renderEditor, hasUnsaved } from './editor.js';
import { renderGlossary } from './glossary.js';
import { renderQA } from './qa.js';
import { renderReport } from './report.js';
import { renderDiscovered } from './discovered.js';
import { renderLogin } from './login.js';
import { renderUsers } from './users.js';
import { renderAccount } from './account.js';
import { renderAlign } from './align.js';
import { renderReview } from './review.js';
import { renderInbox } from './inbox.js';
import { renderPreview } from './preview.js';
import { renderWork } from './work.js';
import { t, setLanguage, language, savedLanguage, initialLanguage, LANGUAGES } from './base/i18n.js';

const app = document.getElementById('app');
const nav = document.querySelector('.nav');
const who = document.getElementById('who');
const langSwitch = document.getElementById('lang-switch');
let current = null; // what the app shows: route, or the login screen (re-rendered on a language switch)
let pickedOnLogin = false; // the language was chosen on the login screen

// The language switch in the top bar: the page re-renders in the language
// chosen, which is remembered for the user logged in.
const langSelect = h('select', { id: 'lang', 'aria-label': t('top.language'), onchange: () => {
  if (!session.user) pickedOnLogin = true;
  setLanguage(langSelect.value, session.user?.username);
  rerender();
} }, Object.entries(LANGUAGES).map(([code, name]) => h('option', { value: code, lang: code }, name)));
langSwitch.append(langSelect);

// staticTexts fills index.html's labels (data-i18n) in the language shown.
function staticTexts() {
  langSelect.value = language();
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of document.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(el.dataset.i18nLabel));
}

function rerender() {
  staticTexts();
  if (session.user) {
    showUser();
    route();
  } else if (current) current();
}

// Hash routes: #/ documents, #/documents/ID[?clause=CID] a statement,
// #/glossary, #/qa[?kind=&document=&term=], #/report, #/discovered[?document=ID], #/review, #/users,
// #/account, #/documents/ID/align, #/documents/ID/preview[?drafts=1], #/inbox, #/work[?document=ID].
function route() {
  if (!session.user) return;
  current = route;
  listen(null); // the page about to render subscribes to what it shows
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const params = new URLSearchParams(query || '');
  const m = path.match(/^\/documents\/(\d+)/);
  let section = 'documents';
  const c = path.match(/^\/clauses\/(\d+)/);
  if (c) {
    // A clause link from a report: find its statement, then open it there.
    api.clause(Number(c[1])).then(
      (cl) => location.replace(`#/documents/${cl.document_id}?clause=${cl.id}`),
      () => location.replace('#/'));
    return;
  }
  if (m && path.endsWith('/align') && can('translator')) renderAlign(app, Number(m[1]));
  else if (m && path.endsWith('/preview')) renderPreview(app, Number(m[1]), params.get('drafts') === '1');
  else if (m) renderEditor(app, Number(m[1]), Number(params.get('clause')) || 0);
  else if (path === '/glossary') (section = 'glossary'), renderGlossary(app, params);
  else if (path === '/qa') (section = 'qa'), renderQA(app, params);
  else if (path === '/report') (section = 'report'), renderReport(app);
  else if (path === '/discovered') (section = 'discovered'), renderDiscovered(app, params);
  else if (path === '/review') (section = 'review'), renderReview(app, params);
  else if (path === '/users' && can('admin')) (section = 'users'), renderUsers(app);
  else if (path === '/account') (section = 'account'), renderAccount(app);
  else if (path === '/inbox') (section = 'inbox'), renderInbox(app);
  else if (path === '/work') (section = 'work'), renderWork(app, params);
  else renderDocuments(app);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// showUser fills the top bar for the logged-in user: the admin's Users
// link, and who they are with a way out.
function showUser() {
  nav.hidden = false;
  watchInbox(countUnread);
  countUnread();
  document.querySelector('[data-nav="users"]').hidden = !can('admin');
  clear(who);
  who.append(
    h('a', { href: '#/account', class: 'who-name', title: t('top.account') }, session.user.username),
    h('span', { class: `role role-${session.user.role}` }, t(`role.${session.user.role}`)),
    h('button', { type: 'button', class: 'secondary small', onclick: logout }, t('top.logout')));
}

// countUnread shows the number of unread notifications on the Inbox link
// of the top bar (none: no number).
const unreadBadge = document.getElementById('inbox-unread');
async function countUnread() {
  if (!session.user) return;
  try {
    const { unread } = await api.inbox();
    unreadBadge.hidden = unread === 0;
    unreadBadge.textContent = unread;
    unreadBadge.title = t('top.unread', { n: unread });
  } catch {
    unreadBadge.hidden = true;
  }
}

async function logout() {
  if (hasUnsaved() && !confirm(t('top.unsavedLogout'))) return;
  try {
    await api.logout();
  } finally {
    loginScreen(() => t('top.loggedOut'));
  }
}

// loginScreen shows the login form with a notice (a function giving the
// text in the language shown, or '').
function loginScreen(notice) {
  session.user = null;
  nav.hidden = true;
  clear(who);
  pickedOnLogin = false;
  current = () => renderLogin(app, () => {
    loggedIn();
    showUser();
    route();
  }, notice ? notice() : '');
  current();
}

// loggedIn applies the user's own language: the one they chose before, or
// the one just chosen on the login screen, or English.
function loggedIn() {
  const user = session.user.username;
  setLanguage(savedLanguage(user) || (pickedOnLogin ? language() : 'en'), pickedOnLogin || savedLanguage(user) ? user : '');
  staticTexts();
}

onLoggedOut(() => {
  if (session.user) loginScreen(() => t('top.sessionEnded'));
});

window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (hasUnsaved()) e.preventDefault();
});

initialLanguage();
staticTexts();
api.whoami().then(() => {
  loggedIn();
  showUser();
  route();
}, () => loginScreen(''));
