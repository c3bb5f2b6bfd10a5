/**
 * The bus across processes (`REDIS_URL`): Redis pub/sub, one channel per topic
 * (`omni:bus:participant:<id>`, `omni:bus:queue:<name>`), subscribed while this process has a
 * listener of the topic. A message is delivered to this process's own listeners at once and
 * published for the others; each process drops its own echo and, for a message sent to several
 * topics, delivers it once per listener.
 *
 * Why pub/sub and not streams: the database is the source of truth. Every event has a
 * per-conversation seq, clients remember the last seq they applied and fetch any gap from
 * `GET /v1/conversations/:id/events` (src/core/event-stream.ts), and the server re-announces
 * heads on (re)connect. So the bus only has to be fast, not durable: at-most-once is enough.
 * Streams would add per-process read cursors, trimming, and either one stream per topic (a
 * blocking read over thousands of keys) or one stream every process reads in full (every
 * process pays for every message); their replay would duplicate what clients already fetch.
 * Pub/sub routes a message only to processes with a subscriber and keeps nothing in memory.
 * Typing is ephemeral anyway. The one loss pub/sub adds, messages published while this
 * process's subscriber was cut off from Redis, is repaired by a `resync` to every local
 * listener once it is back (events sockets then re-send heads, and clients fetch the gap).
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KEY_PREFIX } from '../cluster/redis-connection.js';
import type { BusListener, BusMessage, EventBus } from './event-bus.js';

/** Channel prefix of bus topics. */
const CHANNEL_PREFIX = `${KEY_PREFIX}bus:`;
/** Ids of recent messages remembered to deliver a multi-topic message once. */
const SEEN_LIMIT = 10_000;
/** Longest wait for a subscription to take effect. */
const READY_TIMEOUT_MS = 2_000;

/** The envelope on the wire. */
interface Envelope {
  /** Publishing process. */
  o: string;
  /** Message id (unique per process). */
  i: number;
  /** Every topic the message went to. */
  t: string[];
  /** Publish time (ms since the epoch), for the latency histogram. */
  s: number;
  m: BusMessage;
}

/** What the bus reports to metrics. */
export interface RedisBusObserver {
  /** A message from another process arrived `seconds` after it was published. */
  delivered?(seconds: number): void;
  /** Publishing failed, or a channel carried something unreadable. */
  failed?(): void;
}

/** An `EventBus` spread over every process connected to the same Redis. */
export class RedisEventBus implements EventBus {
  /** This process on the bus. */
  readonly processId = randomBytes(8).toString('hex');
  private readonly topics = new Map<string, Set<BusListener>>();
  private readonly seen = new Map<string, true>();
  private nextId = 0;
  private subscribing: Promise<unknown> = Promise.resolve();
  private lostConnection = false;

  /** Publishes on `commands` and listens on `subscriber` (a connection used for nothing else). */
  constructor(
    private readonly commands: Redis,
    private readonly subscriber: Redis,
    private readonly observer: RedisBusObserver = {},
  ) {
    subscriber.on('message', (channel: string, text: string) => this.receive(channel, text));
    subscriber.on('close', () => { this.lostConnection = true; });
    subscriber.on('ready', () => {
      if (!this.lostConnection) return;
      this.lostConnection = false;
      void this.resync();
    });
  }

  publish(topics: string[], message: BusMessage): void {
    this.deliver(topics, message);
    const envelope: Envelope = { o: this.processId, i: this.nextId++, t: topics, s: Date.now(), m: message };
    const text = JSON.stringify(envelope);
    for (const topic of topics) {
      this.commands.publish(CHANNEL_PREFIX + topic, text).catch(() => this.observer.failed?.());
    }
  }

  subscribe(topics: string[], listener: BusListener): () => void {
    const added: string[] = [];
    for (const topic of topics) {
      let listeners = this.topics.get(topic);
      if (!listeners) {
        this.topics.set(topic, (listeners = new Set()));
        added.push(CHANNEL_PREFIX + topic);
      }
      listeners.add(listener);
    }
    if (added.length > 0) this.subscribing = this.subscriber.subscribe(...added).catch(() => this.observer.failed?.());
    return () => {
      const removed: string[] = [];
      for (const topic of topics) {
        const listeners = this.topics.get(topic);
        if (!listeners?.delete(listener) || listeners.size > 0) continue;
        this.topics.delete(topic);
        removed.push(CHANNEL_PREFIX + topic);
      }
      if (removed.length > 0) this.subscriber.unsubscribe(...removed).catch(() => this.observer.failed?.());
    };
  }

  /** Commands on one connection run in order: once the latest SUBSCRIBE is answered, all earlier ones are too. Waits at most 2 s (Redis away: the resync covers it). */
  async ready(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.subscribing, new Promise((resolve) => { timer = setTimeout(resolve, READY_TIMEOUT_MS); })]);
    clearTimeout(timer);
  }

  /** After a lost connection: once every channel is subscribed again, whatever was published meanwhile is gone, so every listener re-reads heads. */
  private async resync(): Promise<void> {
    const channels = [...this.topics.keys()].map((topic) => CHANNEL_PREFIX + topic);
    // ioredis re-subscribes on its own right after `ready`; subscribing again is harmless and tells us when it is done.
    if (channels.length > 0) {
      try {
        await this.subscriber.subscribe(...channels);
      } catch {
        this.observer.failed?.();
        return;
      }
    }
    const everyone = new Set([...this.topics.values()].flatMap((listeners) => [...listeners]));
    for (const listener of everyone) this.call(listener, { type: 'resync' });
  }

  private receive(channel: string, text: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
    } catch {
      this.observer.failed?.();
      return;
    }
    if (!channel.startsWith(CHANNEL_PREFIX) || envelope.o === this.processId) return;
    if (envelope.t.length > 1) {
      // Sent to several topics: it arrives once per channel this process holds; deliver on the first.
      const key = `${envelope.o}:${envelope.i}`;
      if (this.seen.has(key)) return;
      this.seen.set(key, true);
      if (this.seen.size > SEEN_LIMIT) this.seen.delete(this.seen.keys().next().value!);
    }
    this.observer.delivered?.(Math.max(0, Date.now() - envelope.s) / 1000);
    this.deliver(envelope.t, envelope.m);
  }

  /** Calls each local listener of any of `topics` once. */
  private deliver(topics: string[], message: BusMessage): void {
    const delivered = new Set<BusListener>();
    for (const topic of topics) {
      for (const listener of this.topics.get(topic) ?? []) {
        if (delivered.has(listener)) continue;
        delivered.add(listener);
        this.call(listener, message);
      }
    }
  }

  private call(listener: BusListener, message: BusMessage): void {
    try {
      listener(message);
    } catch {
      // A broken listener must not stop delivery to the others.
    }
  }
}
