// The interface in English (the default) and Simplified Chinese. Every
// string the user reads goes through t(key, params) and lives in the
// catalogues in src/messages/ (frontend/test/i18n.test.mjs fails on a key that
// is missing from either, unused, or a string left outside them).
//
// Params fill {name} placeholders. A key with .one/.other variants is a
// plural: the variant is chosen by params.n (1: .one, else .other).
//
// The choice is remembered per user in this browser (localStorage keyed by
// user name; the server does not store it), and the last choice made in the
// browser applies to the login screen.
import en from '../messages/en.js';
import zhCN from '../messages/zh-CN.js';

export const LANGUAGES = { en: 'English', 'zh-CN': '简体中文' };
const catalogues = { en, 'zh-CN': zhCN };
let current = 'en';

export function t(key, params = {}) {
  const cat = catalogues[current];
  let msg = cat[key];
  if (msg === undefined && params.n !== undefined) msg = cat[`${key}.${params.n === 1 ? 'one' : 'other'}`];
  if (msg === undefined) msg = en[key] ?? en[`${key}.${params.n === 1 ? 'one' : 'other'}`] ?? key;
  return msg.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// has says whether the catalogue of the language shown has key.
export function has(key) {
  return key in catalogues[current];
}

export function language() {
  return current;
}

// locale is for dates and numbers: the browser's own for English.
export function locale() {
  return current === 'en' ? undefined : current;
}

const storageKey = (user) => (user ? `zhen.lang.user.${user}` : 'zhen.lang');

function stored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

// setLanguage switches the interface; with a user name the choice is
// remembered for that user.
export function setLanguage(lang, user = '') {
  if (!catalogues[lang]) lang = 'en';
  current = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(storageKey(''), lang);
    if (user) localStorage.setItem(storageKey(user), lang);
  } catch {
    /* storage off: the choice lasts for this page */
  }
}

// savedLanguage is the language a user chose before, or '' if none.
export function savedLanguage(user) {
  const lang = stored(storageKey(user));
  return catalogues[lang] ? lang : '';
}

// The login screen speaks the language last chosen in this browser.
export function initialLanguage() {
  const lang = stored(storageKey(''));
  setLanguage(catalogues[lang] ? lang : 'en');
}
