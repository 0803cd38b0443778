// The actions of a clause's row in the editor: saving (queued, retried,
// kept in this browser until the server has it), submit, approve, reject,
// restore, split, merge, conflicts, others' changes, glossary and number
// insertion and the row's keys. What the row shows is rowView's (row.js).
import { api, can, session } from '../base/api.js';
import { trackedView } from '../base/tracked.js';
import { show } from '../base/status.js';
import { dismissFinding } from '../base/findings.js';
import { t } from '../base/i18n.js';
import { rowView } from './row.js';
import { renderHistory, renderSplit, renderComments } from './panels.js';
import { undoStack } from './undo.js';

// CANCELLED ends a status change the user called off (no error to show).
const CANCELLED = new Error('cancelled');

// AUTOSAVE_MS is the pause in typing after which a draft saves itself.
const AUTOSAVE_MS = 4000;

// clauseRow is a clause's row. ctx is what it needs of the editor:
//   status       the page's status line
//   unsaved      the set of clause ids with text the server does not have
//   onSaved(clause)
//                after a save or a status change of clause here
//   focusNext(row, untranslated)
//                after Ctrl+Enter, which confirms (Ctrl+Shift+Enter, which
//                submits: the next untranslated)
//   next(row)    the clause after this one, for a merge
//   changed(id)  after a split or merge: the statement is shown again
//   despiteFindings(findings)
//                asks whether to submit despite open findings: true or false
// The row it returns is what the editor uses: clause, el, findings, kinds,
// setHits, setFindings, typing, remote, commentAdded, replaceWith, idle.
export function clauseRow(clause, ctx) {
  const { status, unsaved, onSaved, focusNext } = ctx;
  const row = { clause, el: null, findings: [] };
  const editable = can('translator');
  const view = rowView(clause, editable, {
    save: () => save(),
    confirm: () => confirmAndGo(),
    submit: () => submit(),
    approve: () => approve(),
    reject: () => reject(),
    merge: () => merge(),
    togglePanel: (kind) => togglePanel(kind),
  });
  const { input } = view;
  row.el = view.el;
  row.view = view;
  // The row's own undo (by word, across saves): see undo.js.
  const history = undoStack(input.value);

  // Glossary hits: underline them in the Chinese, list them with their
  // approved English, and insert that English on click or Alt+digit.
  let terms = []; // distinct entries in order of first appearance: Alt+1 is the first
  row.setHits = (list) => {
    terms = view.showHits(row.clause.source, list);
  };
  const insert = view.insert;

  // Alt+Shift+T: the approved English of the next glossary term of the
  // clause that the English does not have yet.
  function insertNextTerm() {
    const english = input.value.toLowerCase();
    const term = terms.find((e) => !english.includes(e.en.toLowerCase()));
    if (term) insert(term.en);
    else show(status, 'info', t('editor.allTermsIn', { index: row.clause.index + 1 }));
  }
  // Alt+Shift+N: the next number or date of the Chinese, as English writes
  // it (1000亿美元 → US$100 billion); each press the next one, in order.
  let numbers = null;
  let nextNumber = 0;
  async function insertNextNumber() {
    try {
      numbers ??= (await api.numbers(row.clause.id)).numbers;
    } catch (e) {
      return show(status, 'error', t('editor.numbersFailed', { error: e.message }));
    }
    if (numbers.length === 0) return show(status, 'info', t('editor.noNumbers', { index: row.clause.index + 1 }));
    insert(numbers[nextNumber % numbers.length].english);
    nextNumber++;
  }

  // Findings: from the server on load and after saves, and re-checked as
  // the translator types (debounced), without saving.
  let checkTimer = null;
  let checking = false;
  row.typing = () => checking;
  row.kinds = [];
  row.setFindings = (list) => {
    row.findings = list;
    row.kinds = list.map((f) => f.kind);
    view.showFindings(list, (f) => dismissFinding(f, () => recheck(), status));
  };
  async function recheck() {
    checking = true;
    try {
      const text = input.value.trim();
      row.setFindings(text ? (await api.checkDraft(row.clause.id, text)).findings : []);
    } catch {
      /* the next save or reload shows them */
    } finally {
      checking = false;
    }
  }

  function refresh() {
    const dirty = input.value.trim() !== row.clause.target;
    view.showClause(row.clause, dirty);
    showRejection();
    if (dirty) unsaved.add(row.clause.id);
    else unsaved.delete(row.clause.id);
    keep(dirty);
    if (dirty && !['saving', 'conflict', 'error', 'unsaved'].includes(view.stateKind())) view.setState('unsaved', t('editor.unsaved'));
    if (!dirty && view.stateKind() === 'unsaved') view.setState('', '');
  }

  // Saves of one row run one after another: a blur and a click on Save
  // must not race each other with the same base version.
  // A save asked for while another is pending joins it (blur, then a click
  // on Save, is one save): a second one would otherwise run after a
  // conflict and overwrite the other person's text unseen.
  let queue = Promise.resolve(true);
  let pending = 0;
  function save(text, version, confirm = false) {
    if (pending > 0 && text === undefined && !confirm) return queue;
    pending++;
    queue = queue.then(() => saveNow(text ?? input.value, version ?? row.clause.version, 0, confirm)).finally(() => pending--);
    return queue;
  }
  // confirm saves the English as translated (the translator says it is
  // done), not as a draft: typed and unchanged text alike.
  const confirm = () => save(undefined, undefined, true);

  // Unsaved text is also kept in this browser (localStorage), with the
  // version it was typed on: a reload, a crash or a lost connection loses
  // nothing (see the recovery below).
  const key = `zhen.unsaved.${clause.id}`;
  function keep(dirty) {
    try {
      if (dirty) localStorage.setItem(key, JSON.stringify({ text: input.value, version: row.clause.version }));
      else localStorage.removeItem(key);
    } catch {
      /* storage full or off: the server copy is all there is */
    }
  }

  // A lost connection is retried a few times before the user is told.
  const RETRIES = [2000, 5000, 15000];
  async function saveNow(text, version, attempt = 0, confirm = false) {
    const confirmed = !confirm || !text.trim() || !['draft', 'rejected'].includes(row.clause.status);
    if (text.trim() === row.clause.target && version === row.clause.version && confirmed) {
      refresh();
      return true;
    }
    view.setState('saving', attempt ? t('editor.retrying', { attempt, total: RETRIES.length }) : t('editor.saving'));
    let ok = false;
    try {
      row.clause = await api.save(row.clause.id, text, version, confirm);
      // The box keeps its caret and trailing space unless the server
      // stored something else than the trimmed text.
      if (input.value.trim() === text.trim() && input.value.trim() !== row.clause.target) setText(row.clause.target);
      view.hideConflict();
      view.setState('saved', row.clause.status === 'translated' ? t('grid.confirmed', { version: row.clause.version }) : t('editor.saved', { version: row.clause.version }));
      ok = true;
      onSaved(row.clause);
    } catch (e) {
      if (e.status === 409 && e.body?.current) showConflict(text, e.body.current);
      else if (e.code === 'offline' && attempt < RETRIES.length) {
        await new Promise((r) => setTimeout(r, RETRIES[attempt]));
        return saveNow(input.value, version, attempt + 1, confirm);
      } else {
        view.setState('error', t('editor.notSaved'));
        show(status, 'error', e.code === 'offline'
          ? t('editor.notSavedOffline', { index: row.clause.index + 1 })
          : t('editor.notSavedError', { index: row.clause.index + 1, error: e.message }));
      }
    }
    refresh();
    return ok;
  }

  // Status changes name the version the user saw, as saves do; unsaved
  // text is saved first.
  async function transition(what, call) {
    if (!(await save())) return false;
    view.setState('saving', t(`transition.${what}.doing`));
    try {
      row.clause = await call(row.clause);
      setText(row.clause.target); // what was typed is saved: the box shows what the change left (a restore, an approved alternative)
      view.fit();
      view.setState('saved', t(`transition.${what}.done`, { version: row.clause.version }));
      onSaved(row.clause);
      if (panelKind) openPanel(panelKind);
      refresh();
      return true;
    } catch (e) {
      if (e === CANCELLED) {
        view.setState('', '');
        refresh();
        return false;
      }
      if (e.status === 409 && e.body?.current && e.body.error?.code === 'conflict') showConflict(input.value, e.body.current);
      else {
        view.setState('error', t(`transition.${what}.failed`));
        show(status, 'error', t('editor.clauseError', { index: row.clause.index + 1, error: e.message }));
        if (e.body?.current) row.clause = e.body.current;
      }
      refresh();
      return false;
    }
  }
  // Submitting warns when the clause has open findings (the server holds
  // it back, 409 open_findings): the editor asks, and submits anyway only
  // if the translator says so.
  const submit = () => transition('submit', async (c) => {
    const one = (despite) => api.submitMany([{ id: c.id, version: c.version }], despite);
    let res;
    try {
      res = await one(false);
    } catch (e) {
      if (e.status !== 409 || e.body?.error?.code !== 'open_findings') throw e;
      if (!(await ctx.despiteFindings(e.body.findings || []))) throw CANCELLED;
      res = await one(true);
    }
    if (!res.submitted?.length) throw new Error(res.skipped?.[0]?.reason || t('transition.submit.failed'));
    return res.submitted[0];
  });
  // Ctrl+Shift+Enter: save, and submit unless there is nothing to submit.
  async function submitIfDue() {
    if (!(await save())) return false;
    const c = row.clause;
    return !c.target || !['draft', 'translated', 'rejected'].includes(c.status) ? true : submit();
  }
  async function confirmAndGo() {
    if (await confirm()) focusNext(row, false);
  }
  const approve = () => transition('approve', (c) => api.approve(c.id, c.version));
  async function reject() {
    const comment = prompt(t('editor.whyReject', { index: row.clause.index + 1 }));
    if (comment === null) return;
    if (!comment.trim()) return show(status, 'error', t('editor.rejectNeedsComment'));
    await transition('reject', (c) => api.reject(c.id, c.version, comment));
  }

  // remote takes a clause someone else changed. A row without unsaved text
  // just shows it; under unsaved text a new English opens the conflict
  // panel (both texts, choose or merge), while a status change only moves
  // the version on. It says whether the row changed.
  row.remote = (c, actor, action) => {
    if (c.version <= row.clause.version) return false;
    c = withNotes(c, row.clause);
    const dirty = input.value.trim() !== row.clause.target;
    if (dirty && c.target !== row.clause.target) {
      showConflict(input.value, c);
    } else {
      row.clause = c;
      if (!dirty) setText(c.target);
      trackedAsked = 0;
      view.fit();
      view.setState('remote', t('editor.remote', { action: t(`action.${action}`), actor }));
    }
    if (panelKind) openPanel(panelKind);
    refresh();
    return true;
  };

  // The panel under a row: its history (revisions, diffs, restore) or its
  // comments.
  let panelKind = '';
  function togglePanel(kind) {
    if (panelKind === kind) {
      panelKind = '';
      view.showPanel(false);
    } else openPanel(kind);
    view.markPanel(panelKind);
  }
  async function openPanel(kind) {
    panelKind = kind;
    view.showPanel(true);
    if (kind === 'split') return renderSplit(view.panel, row.clause, input.value, split, () => togglePanel('split'));
    try {
      if (kind === 'history') renderHistory(view.panel, row.clause, (await api.history(row.clause.id)).revisions, restore);
      else renderComments(view.panel, row.clause, (await api.comments(row.clause.id)).comments, status);
    } catch (e) {
      view.panelFailed(kind, e);
    }
  }
  // replaceWith saves new English typed for the user (search and replace).
  row.replaceWith = (text) => {
    setText(text);
    view.fit();
    refresh();
    return save();
  };
  // A comment event: the thread, if open, and the counts on the row.
  row.commentAdded = (action) => {
    const c = (row.clause = withComment(row.clause, action));
    view.showClause(c, input.value.trim() !== c.target);
    if (panelKind === 'comments') openPanel('comments');
  };
  // A reviewer's correction of the translator's English, shown on the
  // row as a word diff when it becomes active (it reads the history: not
  // for every row of a statement at once).
  let trackedAsked = 0;
  row.activated = () => {
    const c = row.clause;
    const me = session.user?.username;
    if (trackedAsked === c.version) return;
    trackedAsked = c.version;
    view.showTracked(null);
    if (!can('translator') || !c.target || !c.updated_by || c.updated_by === me) return;
    const el = trackedView(c, { me });
    el.ready.then(() => trackedAsked === c.version && view.showTracked(el));
  };
  const restore = (rev) => transition('restore', (c) => api.restore(c.id, rev.version, c.version));

  // Split and merge change the statement's clauses: saved first, then the
  // statement is shown again.
  async function split(at, english) {
    if (!(await save())) return;
    try {
      await api.split(row.clause.id, at, row.clause.version, english);
      ctx.changed(row.clause.id);
    } catch (e) {
      show(status, 'error', t('split.failed', { index: row.clause.index + 1, error: e.message }));
    }
  }
  async function merge() {
    const next = ctx.next(row);
    if (!next || next.paragraph !== row.clause.paragraph) return show(status, 'error', t('merge.lastOfParagraph', { index: row.clause.index + 1 }));
    if (!(await save())) return;
    try {
      await api.merge(row.clause.id, row.clause.version, next.version);
      ctx.changed(row.clause.id);
    } catch (e) {
      show(status, 'error', t('merge.failed', { index: row.clause.index + 1, error: e.message }));
    }
  }

  // Someone else saved first: show both texts and let the user choose;
  // nothing is overwritten without a click.
  function showConflict(mine, current) {
    view.showConflict(mine, current, {
      useTheirs: () => { row.clause = current; setText(current.target); view.hideConflict(); view.setState('', ''); refresh(); onSaved(row.clause); },
      keepMine: () => { row.clause = current; save(mine, current.version); },
    });
    // From now on a save (edit the box to merge) builds on their version.
    row.clause = current;
  }

  // setText puts text in the box for the user (a restore, someone else's
  // save): one step of the undo.
  function setText(text) {
    if (input.value === text) return;
    input.value = text;
    history.mark(text);
  }
  // undo and redo put the box back a word (or an insertion) at a time; the
  // text is then unsaved like any edit, so an undo past an autosave saves
  // the undone text in turn.
  function step(back) {
    const s = back ? history.undo() : history.redo();
    if (!s) return;
    input.value = s.text;
    input.setSelectionRange(s.caret, s.caret);
    edited();
  }

  let idleTimer = null;
  input.addEventListener('input', () => {
    history.record(input.value);
    edited();
  });
  function edited() {
    view.fit();
    refresh();
    clearTimeout(checkTimer);
    checking = true;
    checkTimer = setTimeout(recheck, 350);
    // Drafts save themselves after a pause in typing.
    clearTimeout(idleTimer);
    if (editable) idleTimer = setTimeout(() => !view.conflictShown() && input.value.trim() !== row.clause.target && save(), AUTOSAVE_MS);
  }
  input.addEventListener('blur', () => {
    if (editable && !view.conflictShown()) save();
  });
  input.addEventListener('keydown', async (e) => {
    if (e.altKey && !e.shiftKey && /^Digit[1-9]$/.test(e.code)) {
      const term = terms[Number(e.code.slice(5)) - 1];
      if (term) {
        e.preventDefault();
        insert(term.en);
      }
      return;
    }
    if (e.altKey && e.shiftKey && ['KeyN', 'KeyT', 'KeyH'].includes(e.code)) {
      e.preventDefault();
      if (e.code === 'KeyH') return togglePanel('history');
      if (!editable) return;
      if (e.code === 'KeyT') return insertNextTerm();
      return insertNextNumber();
    }
    if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.code === 'KeyZ' || e.code === 'KeyY') && editable) {
      e.preventDefault();
      return step(e.code === 'KeyZ' && !e.shiftKey);
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && editable) {
      e.preventDefault();
      const ok = e.shiftKey ? await submitIfDue() : await confirm();
      if (ok) focusNext(row, e.shiftKey);
    }
  });
  // idle says whether the row holds nothing a placeholder would lose.
  row.idle = () => !checking && pending === 0 && !view.conflictShown() && !view.panelShown() && !row.el.contains(document.activeElement) &&
    input.value.trim() === row.clause.target;
  // The reason of a rejection: on the clause when the server gives it,
  // else from the clause's history (the reject revision's comment).
  let rejectionAsked = 0;
  async function showRejection() {
    const c = row.clause;
    if (c.status !== 'rejected' || c.rejection || rejectionAsked === c.version) return;
    rejectionAsked = c.version;
    try {
      const rev = (await api.history(c.id)).revisions.find((r) => r.action === 'reject');
      if (rev && row.clause.status === 'rejected') view.showRejection({ author: rev.author, reason: rev.comment, at: rev.created_at });
    } catch {
      /* the status says rejected; History has the reason */
    }
  }
  recover(); // before refresh, which forgets what the browser kept when the box matches the server
  refresh();
  requestAnimationFrame(() => view.fit());
  return row;

  // recover brings back text this browser kept unsaved: into the box when
  // the clause is still at the version it was typed on, else into the
  // conflict panel beside the newer text.
  function recover() {
    let kept = null;
    try {
      kept = JSON.parse(localStorage.getItem(key) || 'null');
    } catch {
      /* unreadable: ignore */
    }
    if (!editable || !kept || kept.text.trim() === row.clause.target) return keep(false);
    if (kept.version === row.clause.version) {
      input.value = kept.text;
      view.setState('unsaved', t('editor.recovered'));
    } else showConflict(kept.text, row.clause);
  }
}

// withNotes keeps the comment counts and the rejection a clause had when
// an event brings the clause without them (only the listing and the
// reject event carry them).
function withNotes(next, prev) {
  if ('open_comments' in next) return next;
  return { ...next, comments: prev.comments, open_comments: prev.open_comments, rejection: next.status === 'rejected' ? prev.rejection : undefined };
}

// withComment is a clause with its comment counts after a comment event:
// a new comment, one resolved or one reopened.
export function withComment(c, action) {
  const n = c.comments ?? 0;
  const open = c.open_comments ?? 0;
  if (action === 'comment') return { ...c, comments: n + 1, open_comments: open + 1 };
  if (action === 'resolve') return { ...c, open_comments: Math.max(0, open - 1) };
  if (action === 'reopen') return { ...c, open_comments: open + 1 };
  return c;
}
