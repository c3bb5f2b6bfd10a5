/**
 * The shipped languages: which one a visitor's BCP 47 tags ask for, and its strings (one lazy chunk
 * per language). A small lazy chunk itself: an English page never loads it.
 */
import type { CallReason } from '../calling/call-state.js';
import type { ErrorCode } from '../core/protocol.js';
import type { OmniStrings } from '../elements/shared/strings.js';

/** A language's strings: every key of every element's strings, with a text for each error code and call reason. */
export type Locale = OmniStrings & { errors: Record<ErrorCode, string>; callReasons: Record<CallReason, string> };

/** The shipped languages besides the built-in English, each with its chunk. */
export const locales: Record<string, () => Promise<{ default: Locale }>> = {
  de: () => import('./locales/de.js'),
  fr: () => import('./locales/fr.js'),
  es: () => import('./locales/es.js'),
  'pt-BR': () => import('./locales/pt-BR.js'),
  it: () => import('./locales/it.js'),
  nl: () => import('./locales/nl.js'),
  pl: () => import('./locales/pl.js'),
  tr: () => import('./locales/tr.js'),
  ru: () => import('./locales/ru.js'),
  uk: () => import('./locales/uk.js'),
  ar: () => import('./locales/ar.js'),
  he: () => import('./locales/he.js'),
  ja: () => import('./locales/ja.js'),
  'zh-CN': () => import('./locales/zh-CN.js'),
  hi: () => import('./locales/hi.js'),
};

/** The primary language subtag of a tag, lower case (`pt-BR` -> `pt`, `zh_Hans` -> `zh`). */
const primary = (tag: string): string => tag.split(/[-_]/)[0]!.toLowerCase();

/** The shipped language for a tag, matched by primary language (`pt`, `pt-PT` -> `pt-BR`; `zh`, `zh-Hans` -> `zh-CN`; `en-GB` -> `en`). */
export function shippedLanguage(tag: string): string | undefined {
  const wanted = primary(tag === 'iw' ? 'he' : tag);
  return wanted === 'en' ? 'en' : Object.keys(locales).find((name) => primary(name) === wanted);
}

/** A tag `Intl` takes: the tag itself when valid, else the shipped language's. */
function intlTag(tag: string, language: string): string {
  try {
    return Intl.getCanonicalLocales(tag.replace(/_/g, '-'))[0] ?? language;
  } catch {
    return language;
  }
}

/** The first of the tags with shipped strings: the tag for `Intl` and its strings (`{}` for English, also when none matches). */
export async function loadLocale(tags: readonly string[]): Promise<[string, Partial<OmniStrings>]> {
  for (const tag of tags) {
    const language = shippedLanguage(tag);
    if (language) return [intlTag(tag, language), language === 'en' ? {} : (await locales[language]!()).default];
  }
  return ['en', {}];
}

/** Count-dependent text for a language, by its CLDR plural category (`#` stands for the count). */
export function plural(language: string): (forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }) => (count: number) => string {
  const rules = new Intl.PluralRules(language);
  return (forms) => (count) => (forms[rules.select(count)] ?? forms.other).replace('#', String(count));
}
