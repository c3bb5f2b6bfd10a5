/**
 * Fan-out of what happened to whoever is connected. Topics: `participant:<id>` (a customer's or
 * agent's own sockets), `queue:<name>` (the sockets of agents serving that queue),
 * `supervisors:<queue>` (its supervisors) and `agents:disabled`. In-process by default;
 * with REDIS_URL, `RedisEventBus` (redis-bus.ts) spreads it across processes.
 */
import type { AgentPresence, ConversationHead, ConversationEvent, Note, Participant, VisitorInfo } from '../../src/core/protocol.js';

/** What travels on the bus. */
export type BusMessage =
  | { type: 'event'; event: ConversationEvent }
  | { type: 'conversation'; conversation: ConversationHead }
  | { type: 'typing'; conversationId: string; participant: Participant; active: boolean }
  /** An agent's presence changed (to its own sockets and its queues' supervisors). */
  | { type: 'presence'; agent: Participant; presence: AgentPresence }
  /** A conversation's customer changed page or went on/offline (to the agents of its queue only). */
  | { type: 'visitor'; visitor: VisitorInfo }
  /** An internal note was added (to the agents and supervisors of the conversation's queue only; never a customer's topic). */
  | { type: 'note'; note: Note }
  /** A waiting customer's place in its queue (to the customer's own topic only). */
  | { type: 'queue'; conversationId: string; position: number }
  /** An agent was disabled: its sockets (events and SIP) close. */
  | { type: 'agent-disabled'; participantId: string }
  /** Never published: a bus that may have lost messages (Redis was away) tells its listeners to re-read their heads. */
  | { type: 'resync' };

/** A listener of one topic. */
export type BusListener = (message: BusMessage) => void;

/** Publish/subscribe by topic. */
export interface EventBus {
  /** Delivers `message` to every subscriber of each topic (once per subscriber even if it holds several). */
  publish(topics: string[], message: BusMessage): void;
  /** Subscribes to topics; returns the unsubscribe function. */
  subscribe(topics: string[], listener: BusListener): () => void;
  /** Resolves once every subscription made so far receives what other processes publish (at once for an in-process bus). */
  ready?(): Promise<void>;
}

/** Topic of a participant's own sockets. */
export const participantTopic = (participantId: string): string => `participant:${participantId}`;

/** Topic of the agents serving a queue. */
export const queueTopic = (queue: string): string => `queue:${queue}`;

/** Topic of the supervisors of a queue. */
export const supervisorTopic = (queue: string): string => `supervisors:${queue}`;

/** Topic every process listens on for agents being disabled (to close their SIP sockets). */
export const DISABLED_AGENTS_TOPIC = 'agents:disabled';

/** The in-process bus of the embedded default. */
export class LocalEventBus implements EventBus {
  private readonly topics = new Map<string, Set<BusListener>>();

  publish(topics: string[], message: BusMessage): void {
    const delivered = new Set<BusListener>();
    for (const topic of topics) {
      for (const listener of this.topics.get(topic) ?? []) {
        if (delivered.has(listener)) continue;
        delivered.add(listener);
        try {
          listener(message);
        } catch {
          // A broken listener must not stop delivery to the others.
        }
      }
    }
  }

  subscribe(topics: string[], listener: BusListener): () => void {
    for (const topic of topics) {
      let listeners = this.topics.get(topic);
      if (!listeners) this.topics.set(topic, (listeners = new Set()));
      listeners.add(listener);
    }
    return () => {
      for (const topic of topics) {
        const listeners = this.topics.get(topic);
        listeners?.delete(listener);
        if (listeners?.size === 0) this.topics.delete(topic);
      }
    };
  }
}
