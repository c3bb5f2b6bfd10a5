/** Loads and registers `<omni-carousel>` on first use: chats that never show a carousel don't download it. */
import { define } from '../shared/define-element.js';

let loading: Promise<void> | undefined;

/** Defines `<omni-carousel>` (once); carousels rendered before that show their cards in a plain scrolling row, then upgrade. */
export function loadCarouselElement(): Promise<void> {
  loading ??= import('./omni-carousel.js').then(({ OmniCarousel }) => define('omni-carousel', OmniCarousel));
  // Asked for again next time when it failed (offline).
  loading.catch(() => (loading = undefined));
  return loading;
}
