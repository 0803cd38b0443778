// The message catalogues: both languages have the same keys and no empty
// text, every key the code uses exists and every key is used, and no
// user-visible English is left outside them (a crude scan, see below).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import en from '../src/messages/en.js';
import zh from '../src/messages/zh-CN.js';

const src = join(import.meta.dirname, '..', 'src');
const files = (function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? (f === 'messages' ? [] : walk(p)) : p.endsWith('.js') ? [p] : [];
  });
})(src);
const sources = Object.fromEntries(files.map((f) => [relative(src, f), readFileSync(f, 'utf8')]));
const html = readFileSync(join(src, 'index.html'), 'utf8');

test('en and zh-CN have the same keys, none empty', () => {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  for (const [name, cat] of [['en', en], ['zh-CN', zh]]) {
    for (const [k, v] of Object.entries(cat)) assert.ok(typeof v === 'string' && v.trim() !== '', `${name}: ${k} is empty`);
  }
  // The same placeholders in both languages.
  const names = (s) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
  for (const k of Object.keys(en)) assert.equal(names(zh[k]), names(en[k]), `placeholders of ${k}`);
});

// t() looks a key up before its plural forms: a plain key k beside k.one
// and k.other would always win, whatever n is.
test('no key is both plain and plural', () => {
  const both = Object.keys(en).filter((k) => /\.one$/.test(k) && k.slice(0, -4) in en).map((k) => k.slice(0, -4));
  assert.deepEqual(both, []);
});

// Keys used: t('key' and t("key" literally; t(`prefix.${x}`) uses every key
// that starts with the prefix (status names, roles, kinds…); index.html's
// data-i18n attributes. A plural key k stands for k.one and k.other.
const used = new Set();
const prefixes = new Set();
for (const text of [...Object.values(sources), html]) {
  for (const m of text.matchAll(/\bt\((['"])([\w.-]+)\1/g)) used.add(m[2]);
  for (const m of text.matchAll(/\bt\(`([\w.-]*)\$\{/g)) prefixes.add(m[1]);
  for (const m of text.matchAll(/data-i18n(?:-label)?="([\w.-]+)"/g)) used.add(m[1]);
}
const exists = (k) => k in en || (`${k}.one` in en && `${k}.other` in en);

test('every key used is in the catalogues', () => {
  assert.ok(used.size > 100);
  const missing = [...used].filter((k) => !exists(k));
  assert.deepEqual(missing, []);
  for (const p of prefixes) assert.ok(Object.keys(en).some((k) => k.startsWith(p)), `no key starts with ${p}`);
});

test('every catalogue key is used', () => {
  const unused = Object.keys(en).filter((k) => !used.has(k) && !used.has(k.replace(/\.(one|other)$/, '')) && ![...prefixes].some((p) => p && k.startsWith(p)));
  assert.deepEqual(unused, []);
});

// The hard-coded-string guard: string literals given as children of h()
// (top level of an argument, either branch of a ?: or an element of an
// array), or as textContent =, title:, placeholder:, 'aria-label':,
// document.title =, confirm(, prompt(, alert( or the text of show(), that
// contain a word of 3+ ASCII letters. Allowed: the names of file formats
// and of the product, which are the same in every language, and the
// glossary's case tag "Aa" (2 letters, not matched anyway). Keyboard key
// names go through t() (key.*) or keyName().
const ALLOW = new Set(['TMX', 'CSV', 'XLIFF', 'TBX', 'Zhen']);
const literal = /^(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)$/;
function wordy(lit) {
  const body = lit.slice(1, -1).replace(/\$\{[^}]*\}/g, ' ');
  return (body.match(/[A-Za-z]{3,}/g) || []).some((w) => !ALLOW.has(w));
}
// splitTop splits s at top-level occurrences of the separators.
function splitTop(s, seps) {
  const out = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') {
      i = skipString(s, i);
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (depth === 0) {
      const sep = seps.find((x) => s.startsWith(x, i));
      if (sep) {
        out.push(s.slice(start, i));
        start = i + sep.length;
        i += sep.length - 1;
      }
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim());
}
function skipString(s, i) {
  const q = s[i];
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === '\\') j++;
    else if (q === '`' && s.startsWith('${', j)) {
      let d = 0;
      for (; j < s.length; j++) {
        if (s[j] === '{') d++;
        else if (s[j] === '}' && --d === 0) break;
      }
    } else if (s[j] === q) return j;
  }
  return s.length;
}
// callArgs returns the argument texts of the call whose '(' is at open.
function callArgs(s, open) {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === "'" || c === '"' || c === '`') i = skipString(s, i);
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return splitTop(s.slice(open + 1, i), [',']);
  }
  return [];
}
function childLiterals(arg) {
  if (arg.startsWith('[') && arg.endsWith(']')) return splitTop(arg.slice(1, -1), [',']).flatMap(childLiterals);
  const parts = splitTop(arg, ['?', ':', '||', '&&']);
  if (parts.length > 1) return parts.flatMap(childLiterals);
  return literal.test(arg) ? [arg] : [];
}

test('no user-visible string outside the catalogues', () => {
  const found = [];
  for (const [file, text] of Object.entries(sources)) {
    const line = (i) => text.slice(0, i).split('\n').length;
    for (const m of text.matchAll(/\bh\(/g)) {
      const args = callArgs(text, m.index + 1);
      for (const a of args.slice(2)) for (const lit of childLiterals(a)) if (wordy(lit)) found.push(`${file}:${line(m.index)}: h() child ${lit}`);
    }
    for (const m of text.matchAll(/\b(show|confirm|prompt|alert)\(/g)) {
      const args = callArgs(text, m.index + m[0].length - 1);
      const a = m[1] === 'show' ? args[2] : args[0];
      if (a) for (const lit of childLiterals(a)) if (wordy(lit)) found.push(`${file}:${line(m.index)}: ${m[1]}() ${lit}`);
    }
    const attr = /(?:textContent\s*=|document\.title\s*=|\btitle:|\bplaceholder:|'aria-label':)\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`)/g;
    for (const m of text.matchAll(attr)) if (wordy(m[1])) found.push(`${file}:${line(m.index)}: ${m[0]}`);
  }
  assert.deepEqual(found, []);
});

test('index.html: labels come from the catalogues', () => {
  const body = html.replace(/<noscript>[\s\S]*?<\/noscript>/, '');
  for (const m of body.matchAll(/<(a|p|h1|button|span)\b([^>]*)>([^<]*[A-Za-z]{3,}[^<]*)</g)) {
    if (m[3].trim() === 'Zhen') continue;
    assert.match(m[2], /data-i18n=/, `index.html: “${m[3]}” has no data-i18n`);
  }
});
