/** The one call state machine every calling element shows. */

/** Names of call states. */
export type CallStateName =
  | 'idle'
  | 'connecting'
  | 'ringing'
  | 'active'
  | 'held'
  | 'reconnecting'
  | 'ended'
  | 'dropped'
  | 'error';

/** Stable reasons for `ended`, `dropped` and `error`. */
export type CallReason =
  | 'local-hangup'
  | 'remote-hangup'
  | 'no-agent-available'
  | 'busy'
  | 'declined'
  | 'forbidden'
  | 'unauthorized'
  | 'cancelled'
  | 'media-denied'
  | 'network-lost'
  | 'credentials-failed'
  | 'invalid-destination'
  | 'failed';

/** A call state with its reason and a human message where one applies. */
export interface CallState {
  name: CallStateName;
  reason?: CallReason;
  message?: string;
}

/** States a call can leave for each state (anything else is a bug). */
const transitions: Record<CallStateName, CallStateName[]> = {
  idle: ['connecting', 'ringing', 'error'],
  connecting: ['ringing', 'active', 'ended', 'error', 'dropped'],
  ringing: ['active', 'ended', 'error', 'dropped'],
  active: ['held', 'reconnecting', 'ended', 'dropped', 'error'],
  held: ['active', 'reconnecting', 'ended', 'dropped', 'error'],
  reconnecting: ['active', 'held', 'ended', 'dropped'],
  ended: [],
  dropped: [],
  error: [],
};

/** True when `from` may move to `to`. */
export const canTransition = (from: CallStateName, to: CallStateName): boolean => transitions[from].includes(to);

/** True once a call is over. */
export const isFinal = (name: CallStateName): boolean => transitions[name].length === 0;

/** Maps a SIP final status to a reason. */
export function reasonOfStatus(status: number): CallReason {
  if (status === 480 || status === 404) return 'no-agent-available';
  if (status === 486 || status === 600) return 'busy';
  if (status === 603) return 'declined';
  if (status === 403) return 'forbidden';
  if (status === 401 || status === 407) return 'unauthorized';
  if (status === 487) return 'cancelled';
  return 'failed';
}

/** Human text of a reason (English; elements may translate by reason). */
export const reasonMessages: Record<CallReason, string> = {
  'local-hangup': 'You ended the call.',
  'remote-hangup': 'The other side ended the call.',
  'no-agent-available': 'No agent is available right now. Please try again later or write to us.',
  busy: 'All agents are busy. Please try again shortly.',
  declined: 'The call was declined.',
  forbidden: 'This call is not allowed.',
  unauthorized: 'The call could not be authorised.',
  cancelled: 'The call was cancelled.',
  'media-denied': 'The microphone is not available or access was denied.',
  'network-lost': 'The connection was lost and could not be restored.',
  'credentials-failed': 'Calling credentials could not be obtained.',
  'invalid-destination': 'The destination is neither a queue name nor a SIP URI.',
  failed: 'The call failed.',
};
