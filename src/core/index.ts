/** `omni-widget/core`: sessions, tokens, the events socket and the wire protocol types. */
export { OmniSession, createSession, getDefaultSession, setDefaultSession, $defaultSession } from './session.js';
export type { JwtProvider, SessionConfig, SessionSignal, ConnectionState } from './session.js';
export { OmniError, toErrorInfo } from './errors.js';
export { jwtExpiry, REFRESH_LEAD_MS } from './token-keeper.js';
export { GAP_PORTION } from './event-stream.js';
export { CloseCode } from './protocol.js';
export type * from './protocol.js';
