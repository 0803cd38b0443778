import { renderDocuments } from './documents.js';
import { renderEditor, hasUnsaved } from './editor.js';

const app = document.getElementById('app');

// Hash routes: #/ is the document list, #/documents/ID a statement.
function route() {
  const m = location.hash.match(/^#\/documents\/(\d+)/);
  if (m) renderEditor(app, Number(m[1]));
  else renderDocuments(app);
}

window.addEventListener('hashchange', route);
window.addEventListener('beforeunload', (e) => {
  if (hasUnsaved()) e.preventDefault();
});
route();
