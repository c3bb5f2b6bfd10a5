/** The pre-chat and leave-a-message forms' English strings (with their chunk); sites override them with `setStrings`. */
import { stringsWith } from '../shared/strings.js';

/** English defaults of the chat's forms. */
export const formDefaults = {
  preChatTitle: 'Before we start',
  preChatIntro: 'Tell us a little about yourself so we can help you better.',
  preChatSubmit: 'Start the chat',
  requiredNote: 'Fields marked * are required.',
  chooseOption: 'Choose…',
  consentLink: 'Read the terms (opens in a new tab)',
  fieldRequired: 'Please fill in this field.',
  optionRequired: 'Please choose an option.',
  consentRequired: 'Please accept to continue.',
  emailInvalid: 'Please enter an email address like name@example.com.',
  phoneInvalid: 'Please enter a phone number that starts with + or a digit, like +49 30 1234567.',
  fixFields: (count: number) => (count === 1 ? 'One field needs your attention.' : `${count} fields need your attention.`),
  formSending: 'Sending…',
  formFailed: 'That did not work. Please check your connection and try again.',
  leaveTitle: 'Leave us a message',
  leaveIntro: "We're not here right now. Leave a message and we'll answer by email.",
  leaveEmail: 'Your email',
  leaveMessage: 'Your message',
  leaveSubmit: 'Send message',
  leaveThanks: (email: string) => `Thank you! We got your message and will answer at ${email}.`,
};

/** The forms' strings in use. */
export const formStrings = stringsWith(formDefaults);
