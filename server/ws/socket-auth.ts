/**
 * How a WebSocket authenticates, shared by the events socket and the analytics socket: the first
 * frame (and any later `auth` frame) carries the token, never the URL; a refused token gets an
 * error frame and a close code that says why; a re-authentication must keep the same identity.
 */
import { CloseCode, type OmniErrorInfo } from '../../src/core/protocol.js';
import type { Caller, TokenIssuer } from '../auth/jwt.js';
import { DomainError } from '../domain-error.js';

/** Why a socket's token was refused: the error frame to send, then the close code and reason. */
export interface SocketRefusal {
  error: OmniErrorInfo;
  closeCode: number;
  reason: string;
}

/** Verifies the token of an `auth` frame: the caller, or how to refuse it. */
export async function verifySocketToken(tokens: TokenIssuer, jwt: string): Promise<{ caller: Caller } | { refusal: SocketRefusal }> {
  try {
    return { caller: await tokens.verify(jwt) };
  } catch (error) {
    const info = error instanceof DomainError ? { code: error.code, message: error.message } : undefined;
    const error_ = info ?? { code: 'unauthorized' as const, message: 'The token is invalid.' };
    if (info?.code === 'agent-disabled') return { refusal: { error: error_, closeCode: CloseCode.agentDisabled, reason: 'Agent disabled.' } };
    const expired = info?.code === 'token-expired';
    return {
      refusal: { error: error_, closeCode: expired ? CloseCode.tokenExpired : CloseCode.invalidToken, reason: expired ? 'Token expired.' : 'Invalid token.' },
    };
  }
}

/** A re-authentication that names another identity than the socket's: refused. */
export function identityChange(current: Caller, next: Caller): SocketRefusal | undefined {
  if (next.participant.id === current.participant.id) return undefined;
  return {
    error: { code: 'forbidden', message: 'Re-authentication must keep the same identity.' },
    closeCode: CloseCode.invalidToken,
    reason: 'Identity changed.',
  };
}

/** How a socket whose token lapsed while connected (without a re-auth) is closed. */
export const TOKEN_LAPSED: SocketRefusal = {
  error: { code: 'token-expired', message: 'The token expired; reconnect with a fresh one.' },
  closeCode: CloseCode.tokenExpired,
  reason: 'Token expired.',
};

/** Calls `onExpired` when the caller's token lapses (tokens live at most an hour, well within a timer's range). */
export function expiryTimer(caller: Caller, onExpired: () => void): NodeJS.Timeout {
  return setTimeout(onExpired, Math.max(0, caller.expiresAt.getTime() - Date.now()));
}
