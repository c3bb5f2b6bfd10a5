/**
 * The wire protocol between the widget and the reference server: HTTP bodies, socket frames and
 * error shapes. Defined once in the contract (`./contract/`, TypeBox schemas the server validates
 * with); the types here are generated from it (`./protocol.generated.ts`) and the constants come
 * from its plain-value module, so importing this file never brings a schema into the bundle.
 */

export type * from './protocol.generated.js';

export {
  CloseCode,
  AnalyticsCloseCode,
  QUEUE_NAME_PATTERN,
  INTEGRATION_ID_PATTERN,
  CONVERSATION_ID_PATTERN,
  MESSAGE_ID_PATTERN,
  ATTACHMENT_ID_PATTERN,
  CLIENT_MESSAGE_ID_PATTERN,
  ProtocolHeader,
  AUTH_SCHEME,
} from './contract/constants.js';
