/**
 * Integrations and their public widget settings (`/v1/integrations…`). The schemas hold shape and
 * limits; what a schema can't say (time zones, overlapping hours, form coherence) the server checks
 * in `server/integrations/settings.ts`.
 */
import { Type } from '@sinclair/typebox';
import { FORM_FIELD_NAME_PATTERN, INTEGRATION_ID_PATTERN, QUEUE_NAME_PATTERN } from './constants.js';
import { HTTPS_URL_PATTERN, Nullable, SAFE_URL_PATTERN, ShortText, SingleLine, Timestamp, VISIBLE_LINE_PATTERN, documented, named } from './schema.js';

const closed = { additionalProperties: false } as const;

const Channels = Type.Object({ messaging: Type.Boolean(), voice: Type.Boolean() }, closed);

/** An integration as the API-key routes show it. */
export const IntegrationInfo = named(
  'IntegrationInfo',
  Type.Object(
    {
      id: Type.String(),
      name: Type.String(),
      channels: documented(Channels, 'Which channels are on.'),
      queue: Type.String({ description: 'The queue its conversations and calls route to.' }),
      enabled: Type.Boolean({ description: 'A disabled integration gets no customer tokens.' }),
      createdAt: Timestamp(),
    },
    { description: 'An integration as the API-key routes show it.' },
  ),
);

/** `POST /v1/integrations` body (API key). */
export const CreateIntegrationRequest = named(
  'CreateIntegrationRequest',
  Type.Object(
    {
      id: Type.String({ pattern: INTEGRATION_ID_PATTERN, description: 'Matches `INTEGRATION_ID_PATTERN`.' }),
      name: Type.String({ minLength: 1, maxLength: 80, pattern: VISIBLE_LINE_PATTERN }),
      queue: Type.String({ pattern: QUEUE_NAME_PATTERN, description: 'Matches `QUEUE_NAME_PATTERN`.' }),
      channels: Type.Optional(documented(Channels, 'Default: both on.')),
    },
    { ...closed, description: '`POST /v1/integrations` body (API key).' },
  ),
);

/** `PATCH /v1/integrations/:id` body (API key): changes the given fields (`enabled: false` disables it). */
export const UpdateIntegrationRequest = named(
  'UpdateIntegrationRequest',
  Type.Object(
    {
      name: Type.Optional(Type.String({ minLength: 1, maxLength: 80, pattern: VISIBLE_LINE_PATTERN })),
      queue: Type.Optional(Type.String({ pattern: QUEUE_NAME_PATTERN })),
      channels: Type.Optional(Channels),
      enabled: Type.Optional(Type.Boolean()),
    },
    { ...closed, minProperties: 1, description: '`PATCH /v1/integrations/:id` body (API key): changes the given fields (`enabled: false` disables it).' },
  ),
);

/** `GET /v1/integrations` response (API key). */
export const IntegrationList = named(
  'IntegrationList',
  Type.Object({ integrations: Type.Array(IntegrationInfo) }, { description: '`GET /v1/integrations` response (API key).' }),
);

/** Days of the week as business-hours keys. */
export const Weekday = named(
  'Weekday',
  Type.Union(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => Type.Literal(day)), { description: 'Days of the week as business-hours keys.' }),
);

const HH_MM = '([01][0-9]|2[0-3]):[0-5][0-9]';

/** Opening hours within one day, local `HH:MM` (`close` after `open`; `24:00` ends at midnight). */
export const OpeningInterval = named(
  'OpeningInterval',
  Type.Object(
    { open: Type.String({ pattern: `^${HH_MM}$` }), close: Type.String({ pattern: `^(${HH_MM}|24:00)$` }) },
    { ...closed, description: 'Opening hours within one day, local `HH:MM` (`close` after `open`; `24:00` ends at midnight).' },
  ),
);

/** The days of `BusinessHours.weekly`, Sunday first (the order of `Date.getUTCDay()`). */
const WEEK = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** When the team answers: weekly hours in an IANA time zone, minus holidays. */
export const BusinessHours = named(
  'BusinessHours',
  Type.Object(
    {
      timeZone: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_+/-]+$', description: 'IANA zone, e.g. `Europe/Berlin`.' }),
      weekly: Type.Object(Object.fromEntries(WEEK.map((day) => [day, Type.Optional(Type.Array(OpeningInterval, { maxItems: 8 }))])), {
        ...closed,
        description:
          'Intervals per weekday; a missing or empty day is closed. An overnight shift is two intervals (`22:00-24:00`, next day `00:00-02:00`).',
      }),
      holidays: Type.Array(Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' }), {
        maxItems: 400,
        uniqueItems: true,
        default: [],
        description: 'Closed days, `YYYY-MM-DD` in the time zone.',
      }),
    },
    { ...closed, description: 'When the team answers: weekly hours in an IANA time zone, minus holidays.' },
  ),
);

/** Kinds of pre-chat form field. */
export const PreChatFieldType = named(
  'PreChatFieldType',
  Type.Union(['name', 'email', 'phone', 'text', 'select', 'consent'].map((type) => Type.Literal(type)), {
    description: "Kinds of pre-chat form field (`name`, `email` and `phone` fill the contact's own fields; at most one of each).",
  }),
);

/** One pre-chat form field. */
export const PreChatField = named(
  'PreChatField',
  Type.Object(
    {
      name: Type.String({ pattern: FORM_FIELD_NAME_PATTERN, description: 'Key of the answer (`^[A-Za-z][A-Za-z0-9_-]{0,39}$`, unique in the form).' }),
      label: ShortText(120),
      type: PreChatFieldType,
      required: Type.Boolean({ default: false }),
      options: Type.Optional(
        Type.Array(ShortText(80), { minItems: 1, maxItems: 20, uniqueItems: true, description: '`select` only: the choices.' }),
      ),
      link: Type.Optional(Type.String({ maxLength: 2000, pattern: HTTPS_URL_PATTERN, description: '`consent` only: the https page the consent refers to.' })),
    },
    { ...closed, description: 'One pre-chat form field.' },
  ),
);

/** What the widget does outside business hours. */
export const OfflineMode = named(
  'OfflineMode',
  Type.Union([Type.Literal('chat'), Type.Literal('leave-message'), Type.Literal('hide')], { description: 'What the widget does outside business hours.' }),
);

/** The public, non-secret look and behaviour of an integration's widget (defaults in brackets). */
export const IntegrationSettings = named(
  'IntegrationSettings',
  Type.Object(
    {
      teamName: SingleLine(80, { description: "1..80 characters [the integration's name]." }),
      greeting: Type.String({ maxLength: 500, description: 'Up to 500 characters [`Hi! How can we help?`].' }),
      accentColor: Type.String({ pattern: '^#[0-9A-Fa-f]{6}$', description: '`#rrggbb` [`#1f5bd8`].' }),
      avatarUrl: Nullable(
        Type.String({ minLength: 1, maxLength: 2000, pattern: SAFE_URL_PATTERN }),
        'An https or page-relative URL, or null for none [null].',
      ),
      businessHours: Nullable(BusinessHours, 'null = always open [null].'),
      preChatForm: Type.Object(
        { enabled: Type.Boolean(), fields: Type.Array(PreChatField, { maxItems: 12, default: [] }) },
        { ...closed, description: 'Up to 12 fields [disabled, no fields].' },
      ),
      offlineMode: documented(
        OfflineMode,
        '`chat`: chat as usual; `leave-message`: offer a `leave-message` form; `hide`: hide the launcher [`leave-message`].',
      ),
      offlineWithoutAgents: Type.Boolean({
        description: 'Within business hours, count the team as away (so the offline mode applies) while no agent of the queue is Available [false].',
      }),
      csat: Type.Boolean({ description: 'Offer a rating after a resolve; the server refuses ratings when off [true].' }),
      transcript: Type.Boolean({ description: "Offer a transcript download; the server refuses customers' downloads when off [true]." }),
      attachments: Type.Boolean({ description: 'Offer uploads (a widget choice; the server does not enforce it) [true].' }),
      voice: Type.Boolean({ description: "Offer calling (a widget choice; the integration's voice channel decides what the server allows) [the voice channel]." }),
      emoji: Type.Boolean({ description: 'Offer the emoji picker [true].' }),
    },
    { ...closed, description: "The public, non-secret look and behaviour of an integration's widget (defaults in brackets)." },
  ),
);

/** `PUT /v1/integrations/:id/settings` body (API key): every field optional, missing ones take their defaults. */
export const IntegrationSettingsRequest = named(
  'IntegrationSettingsRequest',
  Type.Partial(IntegrationSettings, {
    description: '`PUT /v1/integrations/:id/settings` body (API key): every field optional, missing ones take their defaults.',
  }),
);

/** Whether the team can answer now: business hours and agents. */
export const Availability = named(
  'Availability',
  Type.Object(
    {
      open: Type.Boolean({ description: 'Within business hours (and, with `offlineWithoutAgents`, an agent of the queue is Available).' }),
      nextOpen: Type.Optional(Timestamp({ description: 'When closed: the next opening (ISO 8601, UTC), if any within a year.' })),
      agentsAvailable: Type.Optional(Type.Boolean({ description: 'Whether any agent of the queue is Available now (a yes or no only; cached for a few seconds).' })),
    },
    { description: 'Whether the team can answer now: business hours and agents.' },
  ),
);

/** `GET /v1/integrations/:id/settings` response (public, cacheable) and `PUT` response. */
export const IntegrationSettingsResponse = named(
  'IntegrationSettingsResponse',
  Type.Object(
    {
      integrationId: Type.String(),
      settings: IntegrationSettings,
      availability: Availability,
      accentText: Type.Optional(
        Type.Union([Type.Literal('#fff'), Type.Literal('#000')], {
          description: 'With an `accentColor`: the text colour on it, white or black, whichever contrasts more (WCAG), so widgets need not compute it.',
        }),
      ),
    },
    { description: '`GET /v1/integrations/:id/settings` response (public, cacheable) and `PUT` response.' },
  ),
);
