/** Loads and registers `<omni-carousel>` on first use: chats that never show a carousel don't download it. */
import { defineLazily } from '../shared/define-element.js';

/** Defines `<omni-carousel>` (once); carousels rendered before that show their cards in a plain scrolling row, then upgrade. */
export const loadCarouselElement = (): Promise<void> => defineLazily('omni-carousel', () => import('./omni-carousel.js').then((module) => module.OmniCarousel));
