import { api } from './api.js';
import { h } from './dom.js';
import { show } from './status.js';
import { t } from './i18n.js';

// KIND_KEYS are the kinds of finding; kinds() names them in the language shown.
const KIND_KEYS = ['term_missing', 'term_forbidden', 'segment_inconsistent', 'untranslated', 'punctuation', 'number_mismatch'];
export function kinds() {
  return Object.fromEntries(KIND_KEYS.map((k) => [k, t(`kind.${k}`)]));
}

// findingView renders one finding; actions are added by the caller.
export function findingView(f, ...actions) {
  return h('div', { class: `finding sev-${f.severity}`, dataset: { kind: f.kind, key: f.key } },
    h('span', { class: 'kind' }, kinds()[f.kind] || f.kind),
    f.term ? h('span', { class: 'term', lang: 'zh-CN' }, f.term) : null,
    h('span', { class: 'message' }, f.message),
    f.dismissed ? h('span', { class: 'muted' }, t('qa.dismissedBy', { user: f.dismissed.author, reason: f.dismissed.reason })) : null,
    ...actions);
}

// dismissFinding asks why and dismisses the finding, then calls onDone; a
// failure goes to the status line if there is one.
export async function dismissFinding(f, onDone, status) {
  const reason = prompt(t('qa.whyDismiss', { message: f.message }));
  if (reason === null) return;
  try {
    await api.dismiss(f, reason);
    onDone();
  } catch (e) {
    if (status) show(status, 'error', e.message);
    else alert(e.message);
  }
}
