/** The agent list's filters: which conversations each shows, by lifecycle `state` and `assignee`. */
import type { Conversation } from '../../core/protocol.js';

/** The list's filters: mine (assigned to me, not resolved), unassigned (waiting, no owner), all (not resolved), resolved. */
export type ConversationFilter = 'mine' | 'unassigned' | 'all' | 'resolved';

/** Every filter, in the order the list shows them. */
export const CONVERSATION_FILTERS: readonly ConversationFilter[] = ['mine', 'unassigned', 'all', 'resolved'];

/** True when `conversation` belongs under `filter` for the agent `me` (participant id `agent:<id>`); no state (older servers) reads as open. */
export function inFilter(conversation: Conversation, filter: ConversationFilter, me: string | undefined): boolean {
  const resolved = conversation.state === 'resolved';
  switch (filter) {
    case 'resolved':
      return resolved;
    case 'all':
      return !resolved;
    case 'mine':
      return !resolved && !!me && conversation.assignee?.id === me;
    case 'unassigned':
      return !resolved && !conversation.assignee;
  }
}
