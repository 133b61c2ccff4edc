/**
 * The UI language: zh-CN or en, defaulting from the browser, switchable.
 * `t(key, params)` reads the current locale reactively inside components.
 */
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';
import type { Locale } from '../format/number';

const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'targetscope.locale';

export function defaultLocale(languages: readonly string[]): Locale {
  for (const l of languages) {
    if (/^zh\b/i.test(l)) return 'zh-CN';
    if (/^en\b/i.test(l)) return 'en';
  }
  return 'en';
}

function initialLocale(): Locale {
  if (typeof window === 'undefined') return 'en';
  const saved = window.localStorage?.getItem(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh-CN') return saved;
  return defaultLocale(navigator.languages ?? [navigator.language]);
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  try {
    window.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this visit only
  }
  document.documentElement.lang = locale;
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[locale][key] ?? en[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(i18n.locale, key, params);
}

export type { MessageKey };

/** A piece of a message: its text, or one of its slots (a placeholder the caller renders, e.g. as a link). */
export type MessagePart = { text: string; slot?: string };

/** A message with some placeholders as slots: the text split around them, each slot's text filled in. */
export function tSlots(key: MessageKey, slots: Record<string, string>, params: Record<string, string | number> = {}): MessagePart[] {
  const marked = t(key, { ...params, ...Object.fromEntries(Object.keys(slots).map((k) => [k, `\u0000${k}\u0000`])) });
  return marked
    .split('\u0000')
    .map((piece, i) => (i % 2 === 1 ? { text: slots[piece], slot: piece } : { text: piece }))
    .filter((p) => p.text !== '');
}
