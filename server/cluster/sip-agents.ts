/**
 * The queues of agents that fetched SIP credentials, which the SIP edge lets them register:
 * in-process by default, in Redis (`omni:sip-agent:<participant>`, expiring with the
 * credentials) when several processes share the work, since the credentials may come from one
 * process and the SIP socket land on another.
 */
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from './redis-connection.js';

/** Queues per agent, remembered for the lifetime of the agent's SIP credentials. */
export interface SipAgentDirectory {
  /** Remembers that `participantId` may register for `queues` during the next `seconds`. */
  remember(participantId: string, queues: string[], seconds: number): Promise<void>;
  /** The queues `participantId` may register for (none once forgotten). */
  queuesOf(participantId: string): Promise<string[]>;
}

/** The directory of the embedded default (one process). */
export class LocalSipAgents implements SipAgentDirectory {
  private readonly agents = new Map<string, { queues: string[]; expiresAt: number }>();

  async remember(participantId: string, queues: string[], seconds: number): Promise<void> {
    this.agents.set(participantId, { queues, expiresAt: Date.now() + seconds * 1000 });
  }

  async queuesOf(participantId: string): Promise<string[]> {
    const entry = this.agents.get(participantId);
    if (entry && entry.expiresAt <= Date.now()) this.agents.delete(participantId);
    return entry && entry.expiresAt > Date.now() ? entry.queues : [];
  }
}

/** The directory shared through Redis. */
export class RedisSipAgents implements SipAgentDirectory {
  constructor(private readonly redis: Redis) {}

  async remember(participantId: string, queues: string[], seconds: number): Promise<void> {
    await this.redis.set(`${KEY_PREFIX}sip-agent:${participantId}`, JSON.stringify(queues), 'EX', Math.max(1, Math.ceil(seconds)));
  }

  async queuesOf(participantId: string): Promise<string[]> {
    const text = await this.redis.get(`${KEY_PREFIX}sip-agent:${participantId}`);
    if (!text) return [];
    const queues: unknown = JSON.parse(text);
    return Array.isArray(queues) ? queues.filter((queue): queue is string => typeof queue === 'string') : [];
  }
}
