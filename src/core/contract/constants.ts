/**
 * The protocol's plain values: id patterns, close codes and header names. Part of the one contract
 * (see `index.ts`); this file alone is safe for the browser (no TypeBox), so the widget imports it
 * through `protocol.ts` while the contract's schemas build on the same values.
 */

/** A queue's name (integrations route to it; agents answer it; guests call it). */
export const QUEUE_NAME_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** An integration's id (a business function; customers' tokens name it). */
export const INTEGRATION_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** A conversation's id (`conv_` and a UUID). */
export const CONVERSATION_ID_PATTERN = '^conv_[0-9a-f-]{36}$';

/** A stored message's id (`msg_` and a UUID). */
export const MESSAGE_ID_PATTERN = '^msg_[0-9a-f-]{36}$';

/** A stored upload's id (`att_` and a UUID). */
export const ATTACHMENT_ID_PATTERN = '^att_[0-9a-f-]{36}$';

/** The id a client gives a message so a resend is idempotent. */
export const CLIENT_MESSAGE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';

/** A customer's or an agent's own id (as the site's backend names them in token requests). */
export const USER_ID_PATTERN = '^[A-Za-z0-9_.@:-]{1,128}$';

/** The name of a pre-chat form field (the key of its answer). */
export const FORM_FIELD_NAME_PATTERN = '^[A-Za-z][A-Za-z0-9_-]{0,39}$';

/** Close codes of the events socket (4000-4999 are application codes). */
export const CloseCode = {
  /** The first frame was not a valid `auth`, or the token is forged/malformed. */
  invalidToken: 4001,
  /** The token expired (at auth, or while connected without a re-auth). */
  tokenExpired: 4002,
  /** No `auth` frame arrived in time. */
  authTimeout: 4003,
  /** Too many malformed frames. */
  badFrames: 4004,
  /** The peer stopped answering pings. */
  heartbeatTimeout: 4005,
  /** The agent was disabled by an administrator; its tokens are refused from now on. */
  agentDisabled: 4006,
  /** The server is shutting down; reconnect. */
  goingAway: 1001,
} as const;

/**
 * Close codes of the supervisors' analytics socket beyond `CloseCode` (which it shares): kept in an
 * object of their own so the guest bundle, which never opens that socket, does not carry them.
 */
export const AnalyticsCloseCode = {
  /** The token is not a supervisor's (an agent's or a customer's): only supervisors watch queue figures. */
  notSupervisor: 4007,
} as const;

/** Header names the protocol uses (HTTP ones lower case, as Node and fetch report them; SIP ones as sent). */
export const ProtocolHeader = {
  /** `Bearer <jwt>` (customers and agents) or `Bearer <api key>` (the site's backend). */
  authorization: 'authorization',
  /** SIP: the conversation a call belongs to, on the INVITE (the built-in edge stamps the verified one). */
  sipConversation: 'X-Omni-Conversation',
} as const;

/** The authorization scheme of every credential the protocol carries in `authorization`. */
export const AUTH_SCHEME = 'Bearer';
