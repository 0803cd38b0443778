// The editor's undo stack (src/editor/undo.js): undo by word, across
// saves, and redo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { undoStack, editKind, caretAfter } from '../src/editor/undo.js';

// typeInto records text typed character by character, one every 50 ms.
function typeInto(u, from, text, t0 = 0) {
  let value = from;
  let now = t0;
  for (const ch of text) {
    value += ch;
    u.record(value, (now += 50));
  }
  return { value, now };
}

test('undo removes the last word, not a character', () => {
  const u = undoStack('');
  typeInto(u, '', 'The two sides agree');
  assert.equal(u.undo().text, 'The two sides ');
  assert.equal(u.undo().text, 'The two ');
  assert.equal(u.undo().text, 'The ');
  assert.equal(u.undo().text, '');
  assert.equal(u.undo(), null);
});

test('redo goes forward again; typing after an undo drops the redo', () => {
  const u = undoStack('');
  const { now } = typeInto(u, '', 'The two sides agree');
  u.undo();
  u.undo();
  assert.deepEqual(u.redo(), { text: 'The two sides ', caret: 14 });
  assert.equal(u.redo().text, 'The two sides agree');
  assert.equal(u.redo(), null);
  u.undo();
  typeInto(u, 'The two sides ', 'concur', now + 5000);
  assert.equal(u.canRedo(), false);
  assert.equal(u.undo().text, 'The two sides ');
});

test('a pause ends a group; deleting is a group of its own', () => {
  const u = undoStack('');
  let { value, now } = typeInto(u, '', 'cooperat');
  ({ value, now } = typeInto(u, value, 'ion', now + 3000)); // after a pause
  u.record('cooperati', now + 100); // backspace twice
  u.record('cooperat', now + 150);
  assert.equal(u.undo().text, 'cooperation');
  assert.equal(u.undo().text, 'cooperat');
  assert.equal(u.undo().text, '');
});

test('an insertion (term, match, paste) is one step; the start text is kept', () => {
  const u = undoStack('Saved text.');
  u.mark('Saved text. Shanghai Cooperation Organisation');
  typeInto(u, 'Saved text. Shanghai Cooperation Organisation', ' members');
  assert.equal(u.undo().text, 'Saved text. Shanghai Cooperation Organisation ');
  assert.equal(u.undo().text, 'Saved text. Shanghai Cooperation Organisation');
  assert.equal(u.undo().text, 'Saved text.');
  assert.equal(u.canUndo(), false);
  // A paste recorded as an edit is one step too.
  const p = undoStack('');
  p.record('pasted words here', 10);
  p.record('pasted words here!', 20);
  assert.equal(p.undo().text, 'pasted words here');
  assert.equal(p.undo().text, '');
});

test('edit kinds and the caret', () => {
  assert.equal(editKind('ab', 'abc'), 'type');
  assert.equal(editKind('ab', 'ab '), 'space');
  assert.equal(editKind('ab', 'ab,'), 'space');
  assert.equal(editKind('abc', 'ab'), 'delete');
  assert.equal(editKind('abc', 'aXc'), 'block');
  assert.equal(editKind('a', 'a long paste'), 'block');
  assert.equal(caretAfter('The two sides agree', 'The two sides '), 14);
  assert.equal(caretAfter('one three', 'one 2 three'), 6);
});

test('the stack is bounded', () => {
  const u = undoStack('', { limit: 3 });
  for (const w of ['a', 'a b', 'a b c', 'a b c d', 'a b c d e']) u.mark(w);
  let n = 0;
  while (u.undo()) n++;
  assert.equal(n, 3);
});
