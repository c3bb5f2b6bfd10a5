/**
 * The page's widget language: picked from `lang` (the element's, an ancestor's or `<html lang>`),
 * else the visitor's `navigator.languages`; one for every element of the page. English is built in;
 * another language's strings are a lazy chunk (`src/i18n/`), applied before the chat renders.
 */
import { atom } from 'nanostores';
import type { ReactiveElement } from 'lit';
import { setLocaleStrings } from './strings.js';

/** The BCP 47 tag in use (dates and times are formatted in it); empty until one is picked. */
export const $language = atom('');

let requested: string | undefined;
/** Settles once the language asked for last is in use (or failed to load: English stays); `await` it before rendering text. */
export let languageReady: Promise<unknown> | undefined;

/** Puts the first of these BCP 47 tags that has strings in use (English when none has). */
export function useLanguage(tags: readonly string[]): void {
  const key = tags.join();
  if (key === requested) return;
  requested = key;
  const first = tags[0] ?? '';
  if (/^(en(-[a-z\d]+)*)?$/i.test(first)) {
    setLocaleStrings({});
    $language.set(first || 'en');
    languageReady = undefined;
  } else {
    languageReady = import('../../i18n/locale-loader.js').then((loader) => loader.loadLocale(tags)).then(([tag, table]) => {
      if (requested !== key) return;
      setLocaleStrings(table);
      $language.set(tag);
    }, () => undefined);
  }
}

/** A date formatter (`Intl.DateTimeFormat`) in the language in use. */
export function dateFormat(options: Intl.DateTimeFormatOptions): (date: Date) => string {
  let tag: string | undefined;
  let format: Intl.DateTimeFormat | undefined;
  return (date) => {
    if (!format || tag !== $language.get()) format = new Intl.DateTimeFormat((tag = $language.get()) || undefined, options);
    return format.format(date);
  };
}

/**
 * Gives an element the page's language: picks it when connected and when its or `<html>`'s `lang`
 * changes (the nearest `lang` up the composed tree, else `navigator.languages`), re-renders on a
 * switch and sets `dir` (ar and he read right to left). For `static { this.addInitializer(followLanguage) }`.
 */
export function followLanguage(host: ReactiveElement): void {
  const pick = (): void => {
    let node: Element | undefined = host;
    while (node && !(node as HTMLElement).lang) node = node.parentElement ?? (node.getRootNode() as ShadowRoot).host;
    useLanguage(node ? [(node as HTMLElement).lang] : navigator.languages);
  };
  const observer = new MutationObserver(pick);
  let stop: () => void;
  host.addController({
    hostConnected() {
      observer.observe(host, { attributeFilter: ['lang'] });
      observer.observe(document.documentElement, { attributeFilter: ['lang'] });
      pick();
      stop = $language.subscribe((tag) => {
        host.dir = /^(ar|he)\b/i.test(tag) ? 'rtl' : 'ltr';
        host.requestUpdate();
      });
    },
    hostDisconnected() {
      observer.disconnect();
      stop();
    },
  });
}
