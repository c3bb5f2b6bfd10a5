/** The agent console's English strings (agent bundle only); sites override them with `setStrings`. */
import { stringsWith } from '../shared/strings.js';

/** English defaults of the agent console and the conversation list. */
export const agentDefaults = {
  conversations: 'Conversations',
  noConversations: 'No conversations in the queue yet.',
  noSelection: 'Select a conversation.',
  resolve: 'Resolve',
  resolved: 'Resolved',
  answer: 'Answer',
  decline: 'Decline',
  incomingCall: (name: string) => `Incoming call from ${name}`,
  phoneStates: { offline: 'Phone off', registering: 'Phone connecting…', ready: 'Phone ready', error: 'Phone unavailable' } as Record<string, string>,
};

/** The agent console's strings in use. */
export const agentStrings = stringsWith(agentDefaults);
