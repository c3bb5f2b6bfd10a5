/**
 * Agents' presence: Available, Busy, On Break (with a reason), Offline. The state lives in the
 * store, so every process sees the same; each change goes on the bus to the agent's own sockets
 * (its other tabs) and to the supervisors of its queues. An agent whose first socket opens while
 * Offline becomes Available; one whose sockets are all gone, on every process, for
 * `offlineAfterMs` becomes Offline (the process where the last one closed checks, through the
 * shared registry of live sockets).
 */
import type { AgentPresence, Participant, PresenceStatus } from '../../src/core/protocol.js';
import { DISABLED_AGENTS_TOPIC, participantTopic, supervisorTopic, type EventBus } from '../bus/event-bus.js';
import type { LiveSocketRegistry } from '../cluster/live-sockets.js';
import type { Agent, Store } from '../store/store.js';

/** The participant id of an agent (the site's agent id behind `agent:`). */
export const agentParticipantId = (agentId: string): string => `agent:${agentId}`;

/** The site's agent id of an agent participant. */
export const agentIdOf = (participantId: string): string => participantId.slice('agent:'.length);

/** What the presence service needs. */
export interface PresenceOptions {
  store: Store;
  bus: EventBus;
  liveSockets: LiveSocketRegistry;
  offlineAfterMs: number;
  /** A check that failed (logged by the caller). */
  onError?: (error: unknown) => void;
  /** Hears of every announced change (the router: Available may take conversations, Offline gives them back). */
  onChange?: (agent: Agent) => void;
}

/** Sets, announces and times out agents' presence. */
export class PresenceService {
  private readonly offlineTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: PresenceOptions) {}

  /** Sets an agent's presence (a reason only with `on-break`) and announces it; undefined when there is no such agent. */
  async set(agentId: string, status: PresenceStatus, reason?: string): Promise<AgentPresence | undefined> {
    const agent = await this.options.store.setAgentPresence(agentId, { status, ...(reason ? { reason } : {}) });
    if (agent) this.announce(agent);
    return agent?.presence;
  }

  /** An agent's events socket authenticated: Offline becomes Available; true when that changed (the change was announced). */
  async connected(participantId: string): Promise<boolean> {
    this.cancelOffline(participantId);
    const agent = await this.options.store.setAgentPresence(agentIdOf(participantId), { status: 'available', from: ['offline'] });
    if (agent) this.announce(agent);
    return agent !== undefined;
  }

  /** An agent's events socket closed: if none is left anywhere after the grace time, the agent goes Offline. */
  disconnected(participantId: string): void {
    this.cancelOffline(participantId);
    const timer = setTimeout(() => {
      this.offlineTimers.delete(participantId);
      void this.offlineIfGone(participantId).catch((error) => this.options.onError?.(error));
    }, this.options.offlineAfterMs);
    timer.unref();
    this.offlineTimers.set(participantId, timer);
  }

  /** An agent was disabled: its sockets everywhere close and it goes Offline. */
  async disabled(agentId: string): Promise<void> {
    const participantId = agentParticipantId(agentId);
    this.options.bus.publish([participantTopic(participantId), DISABLED_AGENTS_TOPIC], { type: 'agent-disabled', participantId });
    const agent = await this.options.store.setAgentPresence(agentId, { status: 'offline', from: ['available', 'busy', 'on-break'] });
    if (agent) this.announce(agent);
  }

  /** Sends `agent`'s presence to its own sockets and to its queues' supervisors. */
  announce(agent: Agent): void {
    const participant: Participant = { id: agentParticipantId(agent.id), role: 'agent', displayName: agent.name };
    const topics = [participantTopic(participant.id), ...agent.queues.map(supervisorTopic)];
    this.options.bus.publish(topics, { type: 'presence', agent: participant, presence: agent.presence });
    this.options.onChange?.(agent);
  }

  /** Stops the pending timers (server shutdown). */
  close(): void {
    for (const timer of this.offlineTimers.values()) clearTimeout(timer);
    this.offlineTimers.clear();
  }

  private cancelOffline(participantId: string): void {
    const timer = this.offlineTimers.get(participantId);
    if (timer) clearTimeout(timer);
    this.offlineTimers.delete(participantId);
  }

  /** Sets the agent Offline unless it has a socket open on some process (its timer, or the routing sweep after a process died). */
  async offlineIfGone(participantId: string): Promise<void> {
    if (await this.options.liveSockets.has(participantId)) return;
    const agent = await this.options.store.setAgentPresence(agentIdOf(participantId), { status: 'offline', from: ['available', 'busy', 'on-break'] });
    if (agent) this.announce(agent);
  }
}
