// Thin client for /api/v1. Every failure becomes an ApiError whose message
// tells the user what happened and what to do.
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

async function request(method, path, body) {
  const opts = { method, headers: { Accept: 'application/json' } };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch('/api/v1' + path, opts);
  } catch {
    throw new ApiError(0, 'offline', 'The server cannot be reached. Check your connection; your text is kept here, try again.');
  }
  let data = null;
  if (res.status !== 204) {
    try {
      data = await res.json();
    } catch {
      /* not JSON */
    }
  }
  if (!res.ok) {
    const e = data?.error;
    throw new ApiError(res.status, e?.code || 'http_' + res.status, e?.message || `The server answered ${res.status}. Try again.`, data);
  }
  return data;
}

export const api = {
  documents: () => request('GET', '/documents'),
  document: (id) => request('GET', `/documents/${id}`),
  clauses: (id, offset, limit) => request('GET', `/documents/${id}/clauses?offset=${offset}&limit=${limit}`),
  clause: (id) => request('GET', `/clauses/${id}`),
  save: (id, text, version) => request('PUT', `/clauses/${id}/translation`, { text, version }),
  history: (id) => request('GET', `/clauses/${id}/history`),
  importFile: (file) => request('POST', '/documents', formWith(file)),
  terms: (q = '') => request('GET', '/glossary?q=' + encodeURIComponent(q)),
  createTerm: (entry) => request('POST', '/glossary', entry),
  updateTerm: (id, entry, version) => request('PUT', `/glossary/${id}`, { ...entry, version }),
  deleteTerm: (id) => request('DELETE', `/glossary/${id}`),
  termHistory: (id) => request('GET', `/glossary/${id}/history`),
  importGlossary: (file) => request('POST', '/glossary/import', formWith(file)),
  findings: (filter = {}) => request('GET', '/findings?' + new URLSearchParams(Object.entries(filter).filter(([, v]) => v))),
  documentQA: (id) => request('GET', `/documents/${id}/qa`),
  checkDraft: (id, text) => request('POST', `/clauses/${id}/check`, { text }),
  dismiss: (f, reason) => request('POST', '/findings/dismissals', { key: f.key, clause_id: f.clause_id, kind: f.kind, reason }),
  undismiss: (key) => request('DELETE', '/findings/dismissals?key=' + encodeURIComponent(key)),
  report: () => request('GET', '/terms/report'),
  suggest: () => request('GET', '/terms/suggest'),
};

function formWith(file) {
  const fd = new FormData();
  fd.append('file', file);
  return fd;
}

export function exportURL(format, documentId) {
  const q = new URLSearchParams({ format });
  if (documentId) q.set('document', documentId);
  return '/api/v1/export?' + q;
}
