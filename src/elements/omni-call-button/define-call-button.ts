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
  // One cheap query per batch of page changes, until the first call button appears.
  const observer = new MutationObserver(() => {
    if (!document.querySelector('omni-call-button')) return;
    observer.disconnect();
    void defineCallButton();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
