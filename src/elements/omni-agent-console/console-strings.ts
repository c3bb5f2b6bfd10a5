/**
 * English strings of the console's working-day parts (filters, search, shortcuts, notifications,
 * the customer panel); sites override them with `setStrings` like every other string. Not yet
 * translated into the shipped languages.
 */
import { stringsWith } from '../shared/strings.js';

/** English defaults of the filters, search, shortcuts, notifications and the customer panel. */
export const consoleDefaults = {
  filters: 'Filter conversations',
  filterNames: { mine: 'Mine', unassigned: 'Unassigned', all: 'All', resolved: 'Resolved' } as Record<string, string>,
  search: 'Search by name or email',
  noMatches: 'No conversations match.',
  typingShort: 'typing…',
  assignedTo: (name: string) => `Assigned to ${name}`,
  shortcuts: 'Keyboard shortcuts',
  shortcutList: [
    ['Alt+↓ / j', 'Next conversation'],
    ['Alt+↑ / k', 'Previous conversation'],
    ['Alt+R', 'Resolve the open conversation'],
    ['Alt+T', 'Transfer the open conversation'],
    ['/', 'Search (in the reply box: canned responses)'],
    ['?', 'Show these shortcuts'],
    ['Esc', 'Close this help'],
  ] as Array<[string, string]>,
  shortcutsNote: 'Single keys work outside text fields; Alt shortcuts work everywhere.',
  close: 'Close',
  notificationsOn: 'Turn on notifications',
  notificationsBlocked: 'Notifications are blocked in this browser',
  newAssignment: 'New conversation assigned to you',
  customer: 'Customer',
  status: 'Status',
  identity: 'Identity',
  email: 'Email',
  phone: 'Phone',
  verified: 'Verified',
  guest: 'Guest',
  customerId: 'Customer id',
  integration: 'Integration',
  page: 'Page',
  noPage: 'Not reported yet',
  localTime: 'Local time',
  online: 'Online',
  offline: 'Offline',
};

/** The console's working-day strings in use. */
export const consoleStrings = stringsWith(consoleDefaults);
