/** Defines `<omni-call-button>` on demand: its code is a lazy chunk for pages that show a call button. */
import { define } from '../shared/define-element.js';

let loading: Promise<void> | undefined;

/** Loads `<omni-call-button>` and defines it (once; later calls share the first). */
export function defineCallButton(): Promise<void> {
  return (loading ??= import('./omni-call-button.js').then(({ OmniCallButton }) => define('omni-call-button', OmniCallButton)));
}

/** Defines `<omni-call-button>` as soon as one is in the document (at once, or when one is added later). */
export function defineCallButtonWhenUsed(): void {
  if (customElements.get('omni-call-button')) return;
  if (document.querySelector('omni-call-button')) {
    void defineCallButton();
    return;
  }
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof Element && (node.localName === 'omni-call-button' || node.querySelector('omni-call-button'))) {
          observer.disconnect();
          void defineCallButton();
          return;
        }
      }
    }
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
