/**
 * Wire types of integrations and their public widget settings (`/v1/integrations…`), part of
 * the one protocol contract: `protocol.ts` re-exports them.
 */
/** An integration as the API-key routes show it. */
export interface IntegrationInfo {
  id: string;
  name: string;
  /** Which channels are on. */
  channels: { messaging: boolean; voice: boolean };
  /** The queue its conversations and calls route to. */
  queue: string;
  createdAt: string;
}

/** `POST /v1/integrations` body (API key). */
export interface CreateIntegrationRequest {
  /** Matches `INTEGRATION_ID_PATTERN`. */
  id: string;
  name: string;
  /** Matches `QUEUE_NAME_PATTERN`. */
  queue: string;
  /** Default: both on. */
  channels?: { messaging: boolean; voice: boolean };
}

/** `GET /v1/integrations` response (API key). */
export interface IntegrationList {
  integrations: IntegrationInfo[];
}

/** Days of the week as business-hours keys. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** Opening hours within one day, local `HH:MM` (`close` after `open`; `24:00` ends at midnight). */
export interface OpeningInterval {
  open: string;
  close: string;
}

/** When the team answers: weekly hours in an IANA time zone, minus holidays. */
export interface BusinessHours {
  /** IANA zone, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Intervals per weekday; a missing or empty day is closed. An overnight shift is two intervals (`22:00-24:00`, next day `00:00-02:00`). */
  weekly: Partial<Record<Weekday, OpeningInterval[]>>;
  /** Closed days, `YYYY-MM-DD` in the time zone. */
  holidays: string[];
}

/** Kinds of pre-chat form field (`name`, `email` and `phone` fill the contact's own fields; at most one of each). */
export type PreChatFieldType = 'name' | 'email' | 'phone' | 'text' | 'select' | 'consent';

/** One pre-chat form field. */
export interface PreChatField {
  /** Key of the answer (`^[A-Za-z][A-Za-z0-9_-]{0,39}$`, unique in the form). */
  name: string;
  label: string;
  type: PreChatFieldType;
  required: boolean;
  /** `select` only: the choices. */
  options?: string[];
  /** `consent` only: the https page the consent refers to. */
  link?: string;
}

/** What the widget does outside business hours. */
export type OfflineMode = 'chat' | 'leave-message' | 'hide';

/** The public, non-secret look and behaviour of an integration's widget (defaults in brackets). */
export interface IntegrationSettings {
  /** 1..80 characters [the integration's name]. */
  teamName: string;
  /** Up to 500 characters [`Hi! How can we help?`]. */
  greeting: string;
  /** `#rrggbb` [`#1f5bd8`]. */
  accentColor: string;
  /** An https or page-relative URL, or null for none [null]. */
  avatarUrl: string | null;
  /** null = always open [null]. */
  businessHours: BusinessHours | null;
  /** Up to 12 fields [disabled, no fields]. */
  preChatForm: { enabled: boolean; fields: PreChatField[] };
  /** `chat`: chat as usual; `leave-message`: offer a `leave-message` form; `hide`: hide the launcher [`leave-message`]. */
  offlineMode: OfflineMode;
  /** Offer a rating after a resolve; the server refuses ratings when off [true]. */
  csat: boolean;
  /** Offer a transcript download; the server refuses customers' downloads when off [true]. */
  transcript: boolean;
  /** Offer uploads (a widget choice; the server does not enforce it) [true]. */
  attachments: boolean;
  /** Offer calling (a widget choice; the integration's voice channel decides what the server allows) [the voice channel]. */
  voice: boolean;
  /** Offer the emoji picker [true]. */
  emoji: boolean;
}

/** Whether the team is within business hours now. */
export interface Availability {
  open: boolean;
  /** When closed: the next opening (ISO 8601, UTC), if any within a year. */
  nextOpen?: string;
}

/** `GET /v1/integrations/:id/settings` response (public, cacheable) and `PUT` response. */
export interface IntegrationSettingsResponse {
  integrationId: string;
  settings: IntegrationSettings;
  availability: Availability;
}

/** `PUT /v1/integrations/:id/settings` body (API key): every field optional, missing ones take their defaults. */
export type IntegrationSettingsRequest = Partial<IntegrationSettings>;
