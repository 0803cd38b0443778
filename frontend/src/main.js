import { api } from './api.js';
import { renderDocuments } from './documents.js';
import { renderEditor, hasUnsaved } from './editor.js';
import { renderGlossary } from './glossary.js';
import { renderQA } from './qa.js';
import { renderReport } from './report.js';

const app = document.getElementById('app');

// Hash routes: #/ documents, #/documents/ID[?clause=CID] a statement,
// #/glossary, #/qa[?kind=&document=&term=], #/report.
function route() {
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
  if (m) renderEditor(app, Number(m[1]), Number(params.get('clause')) || 0);
  else if (path === '/glossary') (section = 'glossary'), renderGlossary(app, params);
  else if (path === '/qa') (section = 'qa'), renderQA(app, params);
  else if (path === '/report') (section = 'report'), renderReport(app);
  else renderDocuments(app);
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (hasUnsaved()) e.preventDefault();
});
route();
