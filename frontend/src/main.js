import { api, session, can, onLoggedOut, listen } from './api.js';
import { h, clear } from './dom.js';
import { renderDocuments } from './documents.js';
import { renderEditor, hasUnsaved } from './editor.js';
import { renderGlossary } from './glossary.js';
import { renderQA } from './qa.js';
import { renderReport } from './report.js';
import { renderLogin } from './login.js';
import { renderUsers } from './users.js';
import { renderAccount } from './account.js';
import { renderAlign } from './align.js';
import { renderReview } from './review.js';

const app = document.getElementById('app');
const nav = document.querySelector('.nav');
const who = document.getElementById('who');

// Hash routes: #/ documents, #/documents/ID[?clause=CID] a statement,
// #/glossary, #/qa[?kind=&document=&term=], #/report, #/review, #/users,
// #/account, #/documents/ID/align.
function route() {
  if (!session.user) return;
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
  else if (m) renderEditor(app, Number(m[1]), Number(params.get('clause')) || 0);
  else if (path === '/glossary') (section = 'glossary'), renderGlossary(app, params);
  else if (path === '/qa') (section = 'qa'), renderQA(app, params);
  else if (path === '/report') (section = 'report'), renderReport(app);
  else if (path === '/review') (section = 'review'), renderReview(app, params);
  else if (path === '/users' && can('admin')) (section = 'users'), renderUsers(app);
  else if (path === '/account') (section = 'account'), renderAccount(app);
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
  document.querySelector('[data-nav="users"]').hidden = !can('admin');
  clear(who);
  who.append(
    h('a', { href: '#/account', class: 'who-name', title: 'Your account: password and sessions' }, session.user.username),
    h('span', { class: `role role-${session.user.role}` }, session.user.role),
    h('button', { type: 'button', class: 'secondary small', onclick: logout }, 'Log out'));
}

async function logout() {
  if (hasUnsaved() && !confirm('Some clauses have unsaved changes. Log out anyway?')) return;
  try {
    await api.logout();
  } finally {
    loginScreen('You have logged out.');
  }
}

function loginScreen(notice) {
  session.user = null;
  nav.hidden = true;
  clear(who);
  renderLogin(app, () => {
    showUser();
    route();
  }, notice);
}

onLoggedOut(() => {
  if (session.user) loginScreen('Your session has ended. Log in again; unsaved text in open boxes was kept only in this page.');
});

window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (hasUnsaved()) e.preventDefault();
});

api.whoami().then(() => {
  showUser();
  route();
}, () => loginScreen(''));
