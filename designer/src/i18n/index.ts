/**
 * The i18n layer every UI string goes through. Each room registers its messages under a
 * namespace (`registerMessages('routing', { en, zh })`) and reads them as `t('routing.key')`,
 * with `{name}` placeholders filled from `vars`. The language is the browser's at first (zh for
 * zh-*, else en), then whatever the user chose (kept in localStorage).
 */
import { createContext, createElement, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';

export type Locale = 'en' | 'zh';
export type Messages = Record<string, string>;

const STORAGE_KEY = 'taktflow.locale';
const catalog: Record<Locale, Map<string, string>> = { en: new Map(), zh: new Map() };

/** Adds a namespace's messages (keys without the namespace); both languages must have the same keys. */
export function registerMessages(ns: string, messages: { en: Messages; zh: Messages }): void {
  for (const key of Object.keys(messages.en)) {
    if (messages.zh[key] === undefined) throw new Error(`i18n: ${ns}.${key} has no Chinese text`);
  }
  for (const key of Object.keys(messages.zh)) {
    if (messages.en[key] === undefined) throw new Error(`i18n: ${ns}.${key} has no English text`);
  }
  for (const locale of ['en', 'zh'] as const) {
    for (const [key, text] of Object.entries(messages[locale])) catalog[locale].set(`${ns}.${key}`, text);
  }
}

/** The text of `key` in `locale`, placeholders filled; the key itself when nobody registered it (so a gap is visible). */
export function translate(locale: Locale, key: string, vars?: Record<string, string | number>): string {
  const text = catalog[locale].get(key) ?? catalog.en.get(key) ?? key;
  if (vars === undefined) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (vars[name] === undefined ? whole : String(vars[name])));
}

export function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Storage may be unavailable (private mode): fall back to the browser's language.
  }
  return typeof navigator !== 'undefined' && /^zh\b/i.test(navigator.language) ? 'zh' : 'en';
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'en', setLocale: () => undefined });

export function LocaleProvider({ children }: { children: ReactNode }): ReactNode {
  const [locale, setState] = useState<Locale>(initialLocale);
  const setLocale = useCallback((next: Locale) => {
    setState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Not kept across visits when storage is unavailable; the switch still applies now.
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale === 'zh' ? 'zh-CN' : 'en';
  }, [locale]);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return createElement(LocaleContext.Provider, { value }, children);
}

export function useLocale(): [Locale, (locale: Locale) => void] {
  const { locale, setLocale } = useContext(LocaleContext);
  return [locale, setLocale];
}

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export function useT(): Translate {
  const { locale } = useContext(LocaleContext);
  return useCallback((key: string, vars?: Record<string, string | number>) => translate(locale, key, vars), [locale]);
}
