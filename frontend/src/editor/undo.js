// An undo stack for one English box, by word rather than by character, that
// outlives saves: the browser's own undo is lost whenever a script sets the
// box's value (an autosave that tidies the text, a remote change, a
// glossary insertion), this one is not. Pure: it holds texts and carets and
// never touches the page (the row applies what it returns).
//
// Typing is grouped: a group ends where a new word starts (a letter typed
// after a space or punctuation), at a pause (PAUSE_MS), where typing turns
// into deleting or back, and around anything inserted at once (a paste, a
// glossary term, a memory match), which is a group of its own. So after
// typing "The two sides agree" one undo leaves "The two sides ".

// PAUSE_MS is the pause in typing that ends a group.
export const PAUSE_MS = 1500;
// LIMIT is how many steps are kept.
export const LIMIT = 300;

// undoStack starts with the box's text. Its methods:
//   record(text, now)  the box now holds text (after an edit by the user)
//   mark(text)         the box now holds text set for the user (an insert,
//                      someone else's save): a group of its own
//   undo(), redo()     the text to show, with the caret to put, or null
//   canUndo(), canRedo()
export function undoStack(initial = '', { pause = PAUSE_MS, limit = LIMIT } = {}) {
  const past = []; // texts to go back to, oldest first
  let future = []; // texts undone, next redo last
  let current = initial; // the text as last recorded
  let lastKind = ''; // what the open group does: 'type', 'space', 'delete', or '' (closed)
  let lastAt = -Infinity;

  function push(text) {
    if (past[past.length - 1] === text) return;
    past.push(text);
    if (past.length > limit) past.shift();
  }
  return {
    record(text, now = Date.now()) {
      if (text === current) return;
      const kind = editKind(current, text);
      if (shouldBreak(lastKind, kind, now - lastAt > pause)) push(current);
      current = text;
      future = [];
      lastAt = now;
      // A block inserted or replaced at once closes its group at once.
      lastKind = kind === 'block' ? '' : kind;
    },
    mark(text) {
      if (text === current) return;
      push(current);
      current = text;
      future = [];
      lastKind = '';
    },
    undo() {
      if (past.length === 0) return null;
      const to = past.pop();
      future.push(current);
      const step = { text: to, caret: caretAfter(current, to) };
      current = to;
      lastKind = '';
      return step;
    },
    redo() {
      if (future.length === 0) return null;
      const to = future.pop();
      past.push(current);
      const step = { text: to, caret: caretAfter(current, to) };
      current = to;
      lastKind = '';
      return step;
    },
    canUndo: () => past.length > 0,
    canRedo: () => future.length > 0,
    get current() {
      return current;
    },
  };
}

// editKind says what an edit from a to b did: 'type' (letters or digits
// typed), 'space' (a space or punctuation typed), 'delete' (characters
// removed), or 'block' (several characters inserted or replaced at once).
export function editKind(a, b) {
  const p = commonPrefix(a, b);
  const s = commonSuffix(a, b, p);
  const removed = a.length - p - s;
  const added = b.slice(p, b.length - s);
  if (added === '' && removed > 0) return 'delete';
  if (removed > 0 || [...added].length > 1) return 'block';
  return /[\p{L}\p{N}'’-]/u.test(added) ? 'type' : 'space';
}

// shouldBreak says whether an edit of kind starts a new group after one of
// lastKind ('' when the group is closed).
export function shouldBreak(lastKind, kind, paused) {
  if (!lastKind || paused || kind === 'block') return true;
  if (kind === 'delete' || lastKind === 'delete') return kind !== lastKind;
  // A word typed after a space or punctuation starts a new group; the
  // space after a word stays with it.
  return lastKind === 'space' && kind === 'type';
}

// caretAfter is where the caret goes when the box changes from a to b: at
// the end of what changed, in b.
export function caretAfter(a, b) {
  const p = commonPrefix(a, b);
  const s = commonSuffix(a, b, p);
  return b.length - s;
}

function commonPrefix(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

// commonSuffix is the length of the common end of a and b that does not
// overlap the common prefix p.
function commonSuffix(a, b, p) {
  let i = 0;
  while (i < a.length - p && i < b.length - p && a[a.length - 1 - i] === b[b.length - 1 - i]) i++;
  return i;
}
