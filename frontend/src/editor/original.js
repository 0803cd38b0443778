// The memory panel's diff, in the Chinese as the corpus writes it. The
// server compares normalised texts (full-width ，（２ folded to ,(2, spaces
// collapsed: see glossary.Normalize), so its diff's runs are normalised
// text; asOriginal maps them back onto the match's and the clause's own
// characters, so "，" and "。" are shown as they are stored.

// units splits a text into its normalised characters, each with the
// original characters it came from (a folded ２ is "2" from "２"; a run of
// spaces is one " " from the whole run; leading and trailing spaces are
// dropped, as normalisation drops them).
export function units(text) {
  const out = [];
  let space = '';
  for (const ch of text) {
    const folded = ch === '\u3000' ? ' ' : ch.normalize('NFKC');
    if (/^\s+$/u.test(folded)) {
      space += ch;
      continue;
    }
    if (space && out.length) out.push({ norm: ' ', orig: space });
    space = '';
    [...folded].forEach((c, i) => out.push({ norm: c, orig: i === 0 ? ch : '' }));
  }
  return out;
}

// asOriginal rewrites diff ops ({kind: equal|delete|insert, text}) of the
// normalised match source (equal + delete) against the normalised clause
// (equal + insert) in the original characters of matchSource and
// clauseSource. If the texts do not line up (a folding the browser does
// differently), it returns null and the caller shows the diff as it came.
export function asOriginal(ops, matchSource, clauseSource) {
  const m = units(matchSource);
  const c = units(clauseSource);
  let mi = 0;
  let ci = 0;
  const take = (list, at, text) => {
    const chars = [...text];
    if (at + chars.length > list.length) return null;
    let orig = '';
    for (let k = 0; k < chars.length; k++) {
      if (list[at + k].norm !== chars[k]) return null;
      orig += list[at + k].orig;
    }
    return orig;
  };
  const out = [];
  for (const op of ops) {
    const n = [...op.text].length;
    let text;
    if (op.kind === 'insert') {
      text = take(c, ci, op.text);
      ci += n;
    } else {
      text = take(m, mi, op.text);
      if (op.kind === 'equal') ci += n;
      mi += n;
    }
    if (text === null) return null;
    out.push({ kind: op.kind, text });
  }
  return mi === m.length ? out : null;
}
