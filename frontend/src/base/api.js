// Thin client for /api/v1. Every failure becomes an ApiError whose message
// tells the user what happened and what to do.
import { t, has, language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

// The session: who is logged in, and the CSRF secret every write must
// send (the session cookie alone is not enough, so another site cannot
// write through this browser).
export const session = { user: null, csrf: '' };
const RANK = { viewer: 1, translator: 2, reviewer: 3, admin: 4 };
// can says whether the logged-in user's role includes role.
export function can(role) {
  return (RANK[session.user?.role] || 0) >= RANK[role];
}
// onLoggedOut is called when the server says the session has ended.
let loggedOut = () => {};
export function onLoggedOut(fn) {
  loggedOut = fn;
}

// request calls the API; a signal (AbortController) lets the caller cancel
// it, and then it rejects with the abort, not an ApiError.
async function request(method, path, body, signal) {
  const opts = { method, headers: { Accept: 'application/json' }, signal };
  if (method !== 'GET') opts.headers['X-CSRF-Token'] = session.csrf;
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, opts);
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new ApiError(0, 'offline', t('api.offline'));
  }
  let data = null;
  if (res.status !== 204) {
    try {
      data = await res.json();
    } catch {
      /* not JSON */
    }
  }
  signal?.throwIfAborted();
  if (res.status === 401 && path !== '/session') {
    closeStream();
    loggedOut();
  }
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code || 'http_' + res.status, errorText(e, res.status), data);
  }
  return data;
}

// errorText is what to tell the user of an error answer: the server's own
// message (English, and the most precise) in the English interface; in
// another language the catalogue's text for its code (apiError.<code>;
// any invalid_<field> is apiError.invalid), and the server's message only
// for a code the catalogue does not know.
function errorText(e, status) {
  if (!e?.message) return t('api.status', { status });
  if (language() === 'en') return e.message;
  const code = /^invalid_/.test(e.code) && !has(`apiError.${e.code}`) ? 'invalid' : e.code;
  return has(`apiError.${code}`) ? t(`apiError.${code}`) : e.message;
}

// upload sends a file as multipart "file", calling progress with the
// share sent so far (0…1) and then with null while the server works on
// it. fetch cannot report an upload's progress; XMLHttpRequest can.
function upload(path, file, progress = () => {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1' + path);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', session.csrf);
    xhr.upload.onprogress = (e) => e.lengthComputable && progress(e.loaded / e.total);
    xhr.upload.onload = () => progress(null);
    xhr.onerror = () => reject(new ApiError(0, 'offline', t('api.offline')));
    xhr.onload = () => {
      let data = null;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      if (xhr.status === 401) {
        closeStream();
        loggedOut();
      }
      if (xhr.status < 200 || xhr.status > 299) {
        const e = data?.error;
        reject(new ApiError(xhr.status, e?.code || 'http_' + xhr.status, errorText(e, xhr.status), data));
      } else resolve(data);
    };
    xhr.send(formWith(file));
  });
}

export const api = {
  login: async (username, password) => setSession(await request('POST', '/session', { username, password })),
  whoami: async () => setSession(await request('GET', '/session')),
  logout: () => request('DELETE', '/session').finally(() => {
    closeStream();
    setSession({ user: null, csrf: '' });
  }),
  sessions: () => request('GET', '/sessions'),
  revokeSession: (id) => request('DELETE', `/sessions/${id}`),
  changePassword: (current, next) => request('PUT', '/account/password', { current, new: next }),
  users: () => request('GET', '/users'),
  createUser: (user) => request('POST', '/users', user),
  updateUser: (id, change) => request('PUT', `/users/${id}`, change),
  resetPassword: (id) => request('POST', `/users/${id}/password`),
  audit: (limit = 200) => request('GET', `/audit?limit=${limit}`),
  submit: (id, version) => request('POST', `/clauses/${id}/submit`, { version }),
  approve: (id, version, revision = 0) => request('POST', `/clauses/${id}/approve`, { version, revision }),
  reject: (id, version, comment) => request('POST', `/clauses/${id}/reject`, { version, comment }),
  restore: (id, revision, version) => request('POST', `/clauses/${id}/restore`, { revision, version }),
  split: (id, at, version, english) => request('POST', `/clauses/${id}/split`, { at, version, english }),
  merge: (id, version, nextVersion) => request('POST', `/clauses/${id}/merge`, { version, next_version: nextVersion }),
  diff: (id, from, to) => request('GET', `/clauses/${id}/diff?from=${from}&to=${to}`),
  comments: (id) => request('GET', `/clauses/${id}/comments`),
  addComment: (id, text) => request('POST', `/clauses/${id}/comments`, { text }),
  reviewQueue: (filter = {}) => request('GET', '/review?' + new URLSearchParams(Object.entries(filter).filter(([, v]) => v))),
  bulkApprove: (clauses) => request('POST', '/review/approve', { clauses }),
  align: (id, text) => request('POST', `/documents/${id}/align`, { text }),
  applyAlignment: (id, assignments) => request('POST', `/documents/${id}/align/apply`, { assignments }),
  concordance: (q, where = '') => request('GET', '/concordance?' + new URLSearchParams({ q, in: where, limit: 50 })),
  importTranslations: (file, progress) => upload('/translations/import', file, progress),
  documents: () => request('GET', '/documents'),
  document: (id) => request('GET', `/documents/${id}`),
  // englishTitle (the title of the English document, '' = the Chinese
  // title) is sent only when given.
  updateDocument: (id, title, date, englishTitle) => request('PUT', `/documents/${id}`, englishTitle === undefined ? { title, date } : { title, date, english_title: englishTitle }),
  // numbering_style '' follows the corpus default (settings()).
  setNumberingStyle: (id, style) => request('PUT', `/documents/${id}`, { numbering_style: style }),
  settings: () => request('GET', '/settings'),
  changeSettings: (settings) => request('PUT', '/settings', settings),
  clauses: (id, offset, limit) => request('GET', `/documents/${id}/clauses?offset=${offset}&limit=${limit}`),
  statement: (id, drafts = false) => request('GET', `/documents/${id}/statement${drafts ? '?all_statuses=1' : ''}`),
  clause: (id) => request('GET', `/clauses/${id}`),
  // confirm: the translator says the English is done (status translated,
  // not draft).
  save: (id, text, version, confirm = false) => request('PUT', `/clauses/${id}/translation`, confirm ? { text, version, confirm: true } : { text, version }),
  // submitMine submits every clause of a statement the caller confirmed;
  // a 409 open_findings answer lists the open findings.
  submitMine: (document, despiteFindings = false) => request('POST', '/submit', { document, mine: true, despite_findings: despiteFindings }),
  // submitMany submits the listed clauses ([{id, version}]) in one go,
  // with the same 409 open_findings answer.
  submitMany: (clauses, despiteFindings = false) => request('POST', '/submit', { clauses, despite_findings: despiteFindings }),
  history: (id) => request('GET', `/clauses/${id}/history`),
  matches: (id) => request('GET', `/clauses/${id}/matches?k=5`),
  importFile: (file, progress) => upload('/documents', file, progress),
  terms: (q = '') => request('GET', '/glossary?q=' + encodeURIComponent(q)),
  createTerm: (entry) => request('POST', '/glossary', entry),
  updateTerm: (id, entry, version) => request('PUT', `/glossary/${id}`, { ...entry, version }),
  // termImpact is what adding entry, or editing term (the entry as last
  // loaded: id and version) to be entry, would do to the findings: a dry
  // run, nothing is changed. The counts are whole; the lists hold the
  // first 100 findings (a common term flags tens of thousands).
  termImpact: (entry, term, signal) => (term
    ? request('PUT', `/glossary/${term.id}?dry_run=1&limit=100`, { ...entry, version: term.version }, signal)
    : request('POST', '/glossary?dry_run=1&limit=100', entry, signal)),
  deleteTerm: (id) => request('DELETE', `/glossary/${id}`),
  termHistory: (id) => request('GET', `/glossary/${id}/history`),
  importGlossary: (file) => request('POST', '/glossary/import', formWith(file)),
  findings: (filter = {}) => request('GET', '/findings?' + new URLSearchParams(Object.entries(filter).filter(([, v]) => v))),
  // documentQA is a statement's glossary hits and findings: a page of its
  // clauses ({ offset, limit }), or the clauses around (ids) and those with
  // the same Chinese, what a save can change.
  documentQA: (id, { offset, limit, around } = {}) => request('GET', `/documents/${id}/qa` +
    (around ? `?around=${around.join(',')}` : limit ? `?offset=${offset}&limit=${limit}` : '')),
  findingsSummary: () => request('GET', '/findings/summary'),
  numbers: (id) => request('GET', `/clauses/${id}/numbers`),
  checkDraft: (id, text) => request('POST', `/clauses/${id}/check`, { text }),
  dismiss: (f, reason) => request('POST', '/findings/dismissals', { key: f.key, clause_id: f.clause_id, kind: f.kind, reason }),
  undismiss: (key) => request('DELETE', '/findings/dismissals?key=' + encodeURIComponent(key)),
  report: (offset = 0, limit = 50) => request('GET', `/terms/report?offset=${offset}&limit=${limit}`),
  termReport: (id) => request('GET', `/terms/report/${id}`),
  // discovered (issue 19): Chinese terms rendered in more than one way in
  // the translated clauses, glossary terms or not, best first; computed in
  // the background (computed_at, computing); with document, only the terms
  // with a clause in that statement.
  discovered: (offset = 0, limit = 20, signal, document = '') => request('GET', `/terms/discovered?offset=${offset}&limit=${limit}${document ? `&document=${document}` : ''}`, undefined, signal),
  suggest: () => request('GET', '/terms/suggest'),
  // comments and the inbox (issue 17)
  resolveComment: (id) => request('POST', `/comments/${id}/resolve`),
  reopenComment: (id) => request('DELETE', `/comments/${id}/resolve`),
  inbox: () => request('GET', '/inbox'),
  markRead: (ids) => request('POST', '/inbox/read', ids === 'all' ? { all: true } : { ids }),
  // counts and leverage analysis (issue 18)
  stats: (documentId) => request('GET', '/stats' + (documentId ? `?document=${documentId}` : '')),
  // assignments (issue 18): filter {mine: 1} | {user} | {document}
  assignments: (filter = {}) => request('GET', '/assignments?' + new URLSearchParams(Object.entries(filter).filter(([, v]) => v))),
  createAssignment: (a) => request('POST', '/assignments', a),
  updateAssignment: (id, change, version) => request('PUT', `/assignments/${id}`, { ...change, version }),
  deleteAssignment: (id, version) => request('DELETE', `/assignments/${id}?version=${version}`),
};

// findingsReportURL is the QA report's download link (issue 18): every
// open and dismissed finding of a statement, or of the corpus, as csv or
// html.
export function findingsReportURL(format, documentId) {
  const q = new URLSearchParams({ format });
  if (documentId) q.set('document', documentId);
  return '/api/v1/findings/report?' + q;
}

function setSession(s) {
  session.user = s.user;
  session.csrf = s.csrf;
  return s;
}

function formWith(file) {
  const fd = new FormData();
  fd.append('file', file);
  return fd;
}

// exportURL is a download link: approved English only, unless drafts is
// set (then the newest English of every clause).
export function exportURL(format, documentId, drafts = false) {
  const q = new URLSearchParams({ format });
  if (documentId) q.set('document', documentId);
  if (drafts) q.set('all_statuses', '1');
  return '/api/v1/export?' + q;
}

// listen makes fn the receiver of every change others make (server-sent
// events: clause, comment, glossary), and onReload of the news that events
// were missed. One stream serves the whole app, opened on first use; each
// page sets its own receivers (null: none).
let stream = null;
let receiver = null;
let reloader = null;
export function listen(fn, onReload = null) {
  receiver = fn;
  reloader = onReload;
  if (stream || !fn) return;
  openStream();
}

function openStream() {
  stream = new EventSource('/api/v1/events');
  for (const type of ['clause', 'comment', 'glossary', 'document', 'findings', 'assignment']) stream.addEventListener(type, (e) => receiver?.(JSON.parse(e.data)));
  stream.addEventListener('reload', () => reloader?.());
  stream.addEventListener('inbox', (e) => {
    const ev = JSON.parse(e.data);
    if (ev.data?.users?.includes(session.user?.username)) for (const fn of inboxWatchers) fn(ev);
  });
  stream.addEventListener('ended', () => {
    closeStream();
    loggedOut();
  });
}

function closeStream() {
  stream?.close();
  stream = null;
}

// watchInbox calls fn whenever the logged-in user's inbox changes (a
// rejection or a mention reached them, they read something elsewhere),
// whatever page is shown; it opens the event stream if none is open.
const inboxWatchers = new Set();
export function watchInbox(fn) {
  inboxWatchers.add(fn);
  if (!stream) openStream();
  return () => inboxWatchers.delete(fn);
}

// analysisURL is the leverage analysis as CSV (issue 18): every statement,
// or one.
export function analysisURL(documentId) {
  const q = new URLSearchParams({ format: 'csv' });
  if (documentId) q.set('document', documentId);
  return '/api/v1/analysis?' + q;
}
