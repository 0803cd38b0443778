import { locale } from './i18n.js';

// when is a date and time in the language shown, or a dash for none.
export function when(iso) {
  return iso ? new Date(iso).toLocaleString(locale()) : '—';
}
