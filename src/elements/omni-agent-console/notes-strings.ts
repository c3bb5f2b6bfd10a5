/**
 * English strings of the console's internal notes and its `/` popup (canned responses and
 * commands); sites override them with `setStrings` like every other string.
 */
import { stringsWith } from '../shared/strings.js';

/** English defaults of internal notes and the `/` popup. */
export const notesDefaults = {
  notes: 'Internal notes',
  noteLabel: 'Internal note — only agents see this',
  noteToggle: 'Internal note',
  noteInput: 'Internal note (only agents see this)',
  notePlaceholder: 'Write a note for your team…',
  addNote: 'Add note',
  cancelNote: 'Cancel',
  noteAdded: 'Note added',
  slashList: 'Canned responses and commands',
  slashCount: (count: number) => (count === 1 ? '1 suggestion, use the arrow keys and Enter' : `${count} suggestions, use the arrow keys and Enter`),
  noteCommand: 'Write an internal note (only agents see it)',
  commandHints: {
    card: 'Send a card',
    carousel: 'Send a carousel of cards',
    quick: 'Ask with quick replies',
    buttons: 'Send text with buttons',
  } as Record<string, string>,
};

/** The notes and popup strings in use. */
export const notesStrings = stringsWith(notesDefaults);
