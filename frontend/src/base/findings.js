import { api } from './api.js';
import { h } from './dom.js';
import { show } from './status.js';
import { t } from './i18n.js';

// KIND_KEYS are the kinds of finding; kinds() names them in the language shown.
const KIND_KEYS = ['term_missing', 'term_forbidden', 'segment_inconsistent', 'untranslated', 'punctuation', 'number_mismatch'];
export function kinds() {
  return Object.fromEntries(KIND_KEYS.map((k) => [k, t(`kind.${k}`)]));
}

// findingText is a finding's message in the interface's language: the
// catalogue's finding.<code> filled with its params; the server's English
// message when the code is not in the catalogue (a newer server). Term
// findings of a proposed entry say so, and an entry's note ends them.
export function findingText(f) {
  const params = { ...(f.params || {}) };
  if (params.n !== undefined) params.n = Number(params.n);
  const more = Number(params.more || 0);
  if (more > 0) params.others = t('findingpart.more', { others: params.others, n: more });
  const key = `finding.${f.code}`;
  let text = f.code ? t(`finding.${f.code}`, params) : key;
  if (text === key) return f.message;
  if (params.proposed) text = t('findingpart.proposed', { message: text });
  if (params.note) text = t('findingpart.note', { message: text, note: params.note });
  return text;
}

// findingView renders one finding; actions are added by the caller.
export function findingView(f, ...actions) {
  return h('div', { class: `finding sev-${f.severity}`, dataset: { kind: f.kind, key: f.key } },
    h('span', { class: 'kind' }, kinds()[f.kind] || f.kind),
    f.term ? h('span', { class: 'term', lang: 'zh-CN' }, f.term) : null,
    h('span', { class: 'message' }, findingText(f)),
    f.dismissed ? h('span', { class: 'muted' }, t('qa.dismissedBy', { user: f.dismissed.author, reason: f.dismissed.reason })) : null,
    ...actions);
}

// dismissFinding asks why and dismisses the finding, then calls onDone; a
// failure goes to the status line if there is one.
export async function dismissFinding(f, onDone, status) {
  const reason = prompt(t('qa.whyDismiss', { message: findingText(f) }));
  if (reason === null) return;
  try {
    await api.dismiss(f, reason);
    onDone();
  } catch (e) {
    if (status) show(status, 'error', e.message);
    else alert(e.message);
  }
}
