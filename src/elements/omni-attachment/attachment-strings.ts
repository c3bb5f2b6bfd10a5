/** The attachment viewer's English strings (with its chunk); sites override them with `setStrings`. */
import { stringsWith } from '../shared/strings.js';

/** English defaults of `<omni-attachment>`. */
export const attachmentDefaults = {
  openImage: (name: string) => `Open image ${name}`,
  attachmentUnavailable: (name: string) => `${name} could not be loaded`,
  close: 'Close',
};

/** The attachment viewer's strings in use. */
export const attachmentStrings = stringsWith(attachmentDefaults);
