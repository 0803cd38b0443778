// The module rule: a view never imports from another view; what more than
// one view needs lives in base/.
//   main.js          the entry (router): may import views and base/
//   views            src/NAME.js with its own folder src/NAME/ (editor.js
//                    and editor/): may import from base/ and from within
//                    the same view only
//   base/            may import from base/ only (and its i18n.js the message
//                    catalogues in messages/, which import nothing)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const src = join(import.meta.dirname, '..', 'src');
const files = (function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.js') ? [p] : [];
  });
})(src).map((f) => relative(src, f).split(sep).join('/'));

// imports lists the specifiers a module imports: import … from '…',
// import '…' and export … from '…' at the start of a line, and import('…').
function imports(text) {
  const res = [
    /^\s*import\s+[\w$*\s{},]+?\s+from\s*(['"])(.+?)\1/gm,
    /^\s*import\s*(['"])(.+?)\1/gm,
    /^\s*export\s*(?:\*(?:\s+as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(['"])(.+?)\1/gm,
    /(?<![\w$.'"])import\s*\(\s*(['"])(.+?)\1\s*\)/g,
  ];
  return res.flatMap((re) => [...text.matchAll(re)].map((m) => m[2]));
}

// owner is who a module belongs to: 'main', 'base', 'messages' or the
// view's name.
function owner(file) {
  if (file === 'main.js') return 'main';
  const [first] = file.split('/');
  return first.replace(/\.js$/, '');
}

const edges = files.flatMap((file) => imports(readFileSync(join(src, file), 'utf8')).map((spec) => {
  const target = spec.startsWith('.') ? relative(src, resolve(src, dirname(file), spec)).split(sep).join('/') : spec;
  return { file, spec, target };
}));

function allowed(from, to) {
  if (to === 'main') return false;
  if (from === 'main') return true;
  if (from === 'messages') return false;
  if (from === 'base') return to === 'base' || to === 'messages';
  return to === 'base' || to === from;
}

test('the import scan sees the modules', () => {
  assert.ok(files.includes('main.js') && files.some((f) => f.startsWith('base/')));
  // main.js imports every view: a scan that misses them would pass anything.
  const views = new Set(edges.filter((e) => e.file === 'main.js').map((e) => owner(e.target)));
  for (const v of ['documents', 'editor', 'review', 'qa', 'glossary']) assert.ok(views.has(v), `main.js imports ${v}`);
});

test('every import is a file in src/', () => {
  const bad = edges.filter((e) => !e.spec.startsWith('.') || !existsSync(join(src, e.target))).map((e) => `${e.file}: ${e.spec}`);
  assert.deepEqual(bad, []);
});

test('views import only from base/ and themselves; base/ only from base/', () => {
  const bad = edges.filter((e) => !allowed(owner(e.file), owner(e.target))).map((e) => `${e.file} imports ${e.spec} (${owner(e.file)} → ${owner(e.target)})`);
  assert.deepEqual(bad, []);
});
