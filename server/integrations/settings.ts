/**
 * An integration's public widget settings: the checks the contract's schema of
 * `PUT /v1/integrations/:id/settings` can't express (time zone, date and interval sanity, form
 * coherence, safe URLs), and the defaults an integration starts with.
 */
import type { BusinessHours, IntegrationSettings, IntegrationSettingsRequest, PreChatField, Weekday } from '../../src/core/protocol.js';
import { DomainError } from '../domain-error.js';
import type { Integration, Store } from '../store/store.js';

/** The days of `BusinessHours.weekly`, Sunday first (the order of `Date.getUTCDay()`). */
export const WEEKDAYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** The settings of an integration that has saved none. */
export function defaultSettings(integration: Integration): IntegrationSettings {
  return {
    teamName: integration.name,
    greeting: 'Hi! How can we help?',
    accentColor: '#1f5bd8',
    avatarUrl: null,
    businessHours: null,
    preChatForm: { enabled: false, fields: [] },
    offlineMode: 'leave-message',
    offlineWithoutAgents: false,
    csat: true,
    transcript: true,
    attachments: true,
    voice: integration.channels.voice,
    emoji: true,
  };
}

/** An integration's settings: the saved ones over the defaults (so a setting added later has its default). */
export async function settingsOf(store: Store, integration: Integration): Promise<IntegrationSettings> {
  return { ...defaultSettings(integration), ...(await store.getIntegrationSettings(integration.id)) };
}

const invalid = (message: string): DomainError => new DomainError('invalid-request', `Invalid body/${message}`);

/** Minutes since midnight of a checked `HH:MM` (`24:00` = 1440). */
export const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The IANA zone's canonical name, or undefined when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** True for a real calendar date `YYYY-MM-DD`. */
function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

function checkBusinessHours(hours: BusinessHours): BusinessHours {
  const timeZone = canonicalTimeZone(hours.timeZone);
  if (!timeZone) throw invalid(`businessHours/timeZone: "${hours.timeZone}" is not an IANA time zone.`);
  for (const [day, intervals] of Object.entries(hours.weekly)) {
    const sorted = [...(intervals ?? [])].sort((a, b) => minutesOf(a.open) - minutesOf(b.open));
    sorted.forEach((current, index) => {
      if (minutesOf(current.close) <= minutesOf(current.open)) {
        throw invalid(`businessHours/weekly/${day}: ${current.open}-${current.close} must close after it opens (split an overnight shift at 24:00).`);
      }
      const previous = sorted[index - 1];
      if (previous && minutesOf(current.open) < minutesOf(previous.close)) {
        throw invalid(`businessHours/weekly/${day}: ${previous.open}-${previous.close} and ${current.open}-${current.close} overlap.`);
      }
    });
    hours.weekly[day as Weekday] = sorted;
  }
  const badDate = hours.holidays.find((date) => !isCalendarDate(date));
  if (badDate) throw invalid(`businessHours/holidays: ${badDate} is not a calendar date.`);
  return { timeZone, weekly: hours.weekly, holidays: [...hours.holidays].sort() };
}

function checkPreChatForm(form: IntegrationSettings['preChatForm']): void {
  if (form.enabled && form.fields.length === 0) throw invalid('preChatForm: an enabled form needs at least one field.');
  const names = new Set<string>();
  const contactTypes = new Set<string>();
  form.fields.forEach((field: PreChatField, index) => {
    const where = `preChatForm/fields/${index}`;
    if (names.has(field.name)) throw invalid(`${where}/name: "${field.name}" is used twice.`);
    names.add(field.name);
    if (field.type === 'name' || field.type === 'email' || field.type === 'phone') {
      if (contactTypes.has(field.type)) throw invalid(`${where}/type: a form has at most one "${field.type}" field.`);
      contactTypes.add(field.type);
    }
    if (field.type === 'select' && !field.options) throw invalid(`${where}/options: a select field needs options.`);
    if (field.type !== 'select' && field.options) throw invalid(`${where}/options: only select fields have options.`);
    if (field.type !== 'consent' && field.link) throw invalid(`${where}/link: only consent fields have a link.`);
  });
}

/** True when the URL, resolved against an https page, is an https URL (a second guard behind the schema's pattern). */
function resolvesToHttps(url: string): boolean {
  try {
    return new URL(url, 'https://host.invalid/').protocol === 'https:';
  } catch {
    return false;
  }
}

/** A `PUT` body (already schema-checked) made complete and checked: the settings to store. */
export function completeSettings(integration: Integration, request: IntegrationSettingsRequest): IntegrationSettings {
  const settings: IntegrationSettings = { ...defaultSettings(integration), ...request };
  if (settings.avatarUrl !== null && !resolvesToHttps(settings.avatarUrl)) throw invalid('avatarUrl: must be an https URL or relative to the page.');
  if (settings.businessHours) settings.businessHours = checkBusinessHours(settings.businessHours);
  checkPreChatForm(settings.preChatForm);
  return settings;
}
