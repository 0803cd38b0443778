import { t } from './i18n.js';

// keyName is a key's name on the keyboard (Ctrl, Shift, Enter…) as shown
// in the language of the interface; other keys are shown as they are.
export function keyName(k) {
  const names = { Ctrl: t('key.ctrl'), Shift: t('key.shift'), Enter: t('key.enter'), Alt: t('key.alt'), Esc: t('key.esc') };
  return names[k] || k;
}
