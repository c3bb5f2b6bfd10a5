/** The calling UI's English strings (with the call button's chunk); sites override them with `setStrings`. */
import type { CallReason } from '../../calling/call-state.js';
import { stringsWith } from '../shared/strings.js';

/** English defaults of the call button and in-call controls. */
export const callDefaults = {
  call: 'Call us',
  hangup: 'Hang up',
  mute: 'Mute',
  unmute: 'Unmute',
  hold: 'Hold',
  resume: 'Resume',
  dialpad: 'Dialpad',
  micLevel: 'Microphone level',
  callStates: {
    idle: 'Ready to call',
    connecting: 'Connecting…',
    ringing: 'Ringing…',
    active: 'In call',
    held: 'On hold',
    reconnecting: 'Reconnecting…',
    ended: 'Call ended',
    dropped: 'Call dropped',
    error: 'Call failed',
  } as Record<string, string>,
  /** Why a call ended or failed, by reason; English shows the call state's own message. */
  callReasons: {} as Partial<Record<CallReason, string>>,
};

/** The calling UI's strings in use. */
export const callStrings = stringsWith(callDefaults);
