/** The carousel's English strings (with its chunk); sites override them with `setStrings`. */
import { stringsWith } from '../shared/strings.js';

/** English defaults of `<omni-carousel>`. */
export const carouselDefaults = {
  carouselPrevious: 'Previous card',
  carouselNext: 'Next card',
};

/** The carousel's strings in use. */
export const carouselStrings = stringsWith(carouselDefaults);
