/** The calling UI's English strings (with the call button's chunk); sites override them with `setStrings`. */
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
};

/** The calling UI's strings in use. */
export const callStrings = stringsWith(callDefaults);
