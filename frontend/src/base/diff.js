import { h } from './dom.js';

// diffView shows a word diff: insertions and deletions marked.
export function diffView(ops) {
  return h('p', { class: 'diff-text' }, ops.map((o) => o.kind === 'insert' ? h('ins', {}, o.text) : o.kind === 'delete' ? h('del', {}, o.text) : o.text));
}
