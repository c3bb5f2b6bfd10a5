/**
 * The router: assigns waiting conversations to Available agents of their queue with free
 * capacity, by the queue's rule (round robin or least busy). It runs when something changes that
 * could allow an assignment (a conversation starts waiting, an agent becomes Available, capacity
 * frees) and from the periodic sweep. Every decision is one store transaction, so any number of
 * routers in any number of processes assign each conversation exactly once. It also tells waiting
 * customers their place in the queue (an ephemeral `queue` frame when it changes).
 */
import type { AssignedEvent, ConversationEvent, RoutingRule } from '../../src/core/protocol.js';
import { participantTopic, type EventBus } from '../bus/event-bus.js';
import type { Agent, ConversationRecord, Store } from '../store/store.js';

/** Queue positions are told to at most this many waiting customers per queue. */
export const MAX_POSITIONS = 500;
/** Routing decisions in one run of a queue at most (the next trigger or sweep continues). */
const MAX_DECISIONS_PER_RUN = 1000;
/** The rule of a queue without a record. */
export const DEFAULT_ROUTING: RoutingRule = 'round-robin';

/** What the router needs. */
export interface RouterOptions {
  store: Store;
  bus: EventBus;
  /** Publishes a conversation's event to everyone who follows it (the conversation service's `publish`). */
  publish: (conversation: ConversationRecord, event: ConversationEvent) => void;
  /** A run that failed (logged by the caller). */
  onError?: (error: unknown) => void;
}

/** Routes the queues of one process. */
export class Router {
  /** Per queue: the run in progress, and whether another was asked for meanwhile. */
  private readonly runs = new Map<string, { again: boolean; done: Promise<void> }>();
  /** Per conversation: the queue position last told to its customer by this process. */
  private readonly told = new Map<string, number>();
  /** Assignments made by this process (a figure for the metrics and benches). */
  decisions = 0;
  private closed = false;

  constructor(private readonly options: RouterOptions) {}

  /** Routes `queue` now (or once more after the run in progress); resolves when that run is over. */
  route(queue: string): Promise<void> {
    const running = this.runs.get(queue);
    if (running) {
      running.again = true;
      return running.done;
    }
    const run = { again: false, done: Promise.resolve() };
    run.done = (async () => {
      try {
        do {
          run.again = false;
          await this.runOnce(queue);
        } while (run.again && !this.closed);
      } catch (error) {
        this.options.onError?.(error);
      } finally {
        this.runs.delete(queue);
      }
    })();
    this.runs.set(queue, run);
    return run.done;
  }

  /** Routes every queue in `queues`. */
  async routeAll(queues: Iterable<string>): Promise<void> {
    await Promise.all([...new Set(queues)].map((queue) => this.route(queue)));
  }

  /** Hears of every event this process publishes: routes and re-tells positions where it changes the queue. */
  observe(conversation: ConversationRecord, event: ConversationEvent): void {
    if (event.type === 'queued') void this.route(event.queue);
    else if (event.type === 'assigned' || event.type === 'resolved') {
      this.told.delete(conversation.id);
      // An assignment or a resolve frees a place in the waiting list (and a resolve frees capacity).
      void this.route(event.type === 'assigned' ? event.queue : conversation.queue);
    }
  }

  /** An agent's presence changed: Available may take conversations; Offline gives its conversations back to their queues. */
  async presenceChanged(agent: Agent): Promise<void> {
    if (agent.presence.status === 'available') return this.routeAll(agent.queues);
    if (agent.presence.status !== 'offline') return;
    const requeued = await this.options.store.requeueAgent(agent.id);
    for (const { conversation, event } of requeued) this.options.publish(conversation, event);
    await this.routeAll([...agent.queues, ...requeued.map(({ event }) => event.queue)]);
  }

  /** The customer's place in its queue (1 = next), or undefined when the conversation does not wait. */
  async positionOf(conversation: ConversationRecord): Promise<number | undefined> {
    if (conversation.state !== 'open' || !conversation.waitingSince) return undefined;
    const waiting = await this.options.store.listWaiting(conversation.queue, MAX_POSITIONS);
    const index = waiting.findIndex((candidate) => candidate.id === conversation.id);
    return index < 0 ? undefined : index + 1;
  }

  /** Stops runs from continuing (server shutdown). */
  close(): void {
    this.closed = true;
  }

  private async runOnce(queue: string): Promise<void> {
    const rule = (await this.options.store.getQueue(queue))?.routing ?? DEFAULT_ROUTING;
    for (let decisions = 0; decisions < MAX_DECISIONS_PER_RUN && !this.closed; decisions += 1) {
      const assigned: { conversation: ConversationRecord; event: AssignedEvent } | undefined = await this.options.store.routeNext(queue, rule);
      if (!assigned) break;
      this.decisions += 1;
      this.told.delete(assigned.conversation.id);
      this.options.publish(assigned.conversation, assigned.event);
    }
    await this.tellPositions(queue);
  }

  /** Sends each waiting customer of `queue` its place, where it differs from what this process told last. */
  private async tellPositions(queue: string): Promise<void> {
    const waiting = await this.options.store.listWaiting(queue, MAX_POSITIONS);
    waiting.forEach((conversation, index) => {
      const position = index + 1;
      if (this.told.get(conversation.id) === position) return;
      this.told.set(conversation.id, position);
      this.options.bus.publish([participantTopic(conversation.customer.id)], { type: 'queue', conversationId: conversation.id, position });
    });
    // Bounded memory: forget conversations no longer in the list once the map grows.
    if (this.told.size > MAX_POSITIONS * 4) {
      const still = new Set(waiting.map((conversation) => conversation.id));
      for (const id of this.told.keys()) if (!still.has(id)) this.told.delete(id);
    }
  }
}

