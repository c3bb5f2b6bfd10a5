/**
 * `WS /v1/events`: the push channel. The first frame authenticates (`{type:"auth", jwt}`); then
 * the server sends a welcome with each conversation's lastSeq, every event of the caller's
 * conversations, and heartbeats. A later `auth` frame re-authenticates in place. Bad frames get
 * an error frame; too many, a silent peer, or a lapsed token close the socket with a clear code.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket, RawData } from 'ws';
import { MAX_CLIENT_FRAME_CHARS } from '../../src/core/contract/frames.js';
import { CloseCode, type OmniErrorInfo, type ServerFrame } from '../../src/core/protocol.js';
import { agentIdOf, agentParticipantId } from '../agents/presence.js';
import type { Caller } from '../auth/jwt.js';
import { participantTopic, supervisorTopic, type BusMessage } from '../bus/event-bus.js';
import type { ServerContext } from '../context.js';
import { DomainError } from '../domain-error.js';
import { parseClientFrame } from './client-frames.js';
import { busFrame, writeFrame } from './frame-writer.js';
import { TOKEN_LAPSED, expiryTimer, identityChange, verifySocketToken, type SocketRefusal } from './socket-auth.js';
import { announceVisitor, reportPage } from '../messaging/visitors.js';
import type { PageReport } from '../../src/core/protocol.js';

/** Largest frame a client may send (the contract's limit). */
export const MAX_CLIENT_FRAME_BYTES = MAX_CLIENT_FRAME_CHARS;
/** Malformed frames tolerated before the socket is closed. */
const MAX_BAD_FRAMES = 5;
/** Typing frames closer together than this are dropped. */
const TYPING_INTERVAL_MS = 500;
/** Page reports closer together than this wait (the newest one is stored when the interval is over). */
const PAGE_INTERVAL_MS = 1000;
/** A client whose unsent backlog exceeds this is too slow; it is closed and recovers by gap fetch. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/** Counts the authenticated events sockets of each participant (who can be reached live, and who only by push). */
export class LiveSockets {
  private readonly counts = new Map<string, number>();

  /** A socket of `participantId` authenticated. */
  opened(participantId: string): void {
    this.counts.set(participantId, (this.counts.get(participantId) ?? 0) + 1);
  }

  /** A socket of `participantId` closed. */
  closed(participantId: string): void {
    const left = (this.counts.get(participantId) ?? 0) - 1;
    if (left > 0) this.counts.set(participantId, left);
    else this.counts.delete(participantId);
  }

  /** True while the participant has at least one socket open on this server. */
  has(participantId: string): boolean {
    return this.counts.has(participantId);
  }
}

/** One client's events socket. */
class EventsConnection {
  private caller: Caller | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private expiryTimer: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastHeardAt = Date.now();
  private badFrames = 0;
  private pingCounter = 0;
  private readonly lastTypingAt = new Map<string, number>();
  private lastPageAt = 0;
  private pendingPage: PageReport | undefined;
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: ServerContext,
  ) {}

  /** Starts listening; the client has `authTimeoutMs` to authenticate. */
  start(): void {
    const authTimer = setTimeout(() => {
      if (!this.caller) this.close(CloseCode.authTimeout, 'No auth frame arrived in time.');
    }, this.context.config.authTimeoutMs);
    this.timers.add(authTimer);
    this.socket.on('message', (data, isBinary) => {
      this.lastHeardAt = Date.now();
      // Frames are handled one at a time, in order (auth verification is async).
      this.queue = this.queue.then(() => this.handle(data, isBinary)).catch((error) => {
        this.context.log.error({ err: error }, 'events socket frame failed');
        this.close(1011, 'Internal error.');
      });
    });
    this.socket.on('close', () => this.dispose());
    this.socket.on('error', () => this.dispose());
  }

  private async handle(data: RawData, isBinary: boolean): Promise<void> {
    if (this.closed) return;
    const frame = parseClientFrame(data, isBinary);
    if (typeof frame === 'string') return this.badFrame(frame);
    if (!this.caller && frame.type !== 'auth') {
      return this.close(CloseCode.invalidToken, 'The first frame must be auth.');
    }
    switch (frame.type) {
      case 'auth':
        return this.authenticate(frame.jwt);
      case 'ping':
        return this.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
      case 'pong':
        return;
      case 'typing':
        return this.typing(frame.conversationId, frame.active);
      case 'page':
        return this.page({ url: frame.url, title: frame.title, ...(frame.timeZone ? { timeZone: frame.timeZone } : {}) });
    }
  }

  private async typing(conversationId: string, active: boolean): Promise<void> {
    let conversation;
    try {
      conversation = await this.context.conversations.authorize(this.caller!, conversationId);
    } catch (error) {
      if (error instanceof DomainError) return this.sendError({ code: error.code, message: error.message });
      throw error;
    }
    const now = Date.now();
    if (active && now - (this.lastTypingAt.get(conversationId) ?? 0) < TYPING_INTERVAL_MS) return;
    this.lastTypingAt.set(conversationId, active ? now : 0);
    this.context.conversations.typing(this.caller!, conversation, active);
  }

  /** A customer's page report: stored and shown to the queue's agents, at most once a second (the newest wins). */
  private async page(report: PageReport): Promise<void> {
    const wait = this.lastPageAt + PAGE_INTERVAL_MS - Date.now();
    if (wait > 0) {
      if (!this.pendingPage) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          const pending = this.pendingPage;
          this.pendingPage = undefined;
          if (pending && !this.closed) this.queue = this.queue.then(() => this.page(pending)).catch(() => undefined);
        }, wait);
        this.timers.add(timer);
      }
      this.pendingPage = report;
      return;
    }
    this.lastPageAt = Date.now();
    try {
      await reportPage(this.context, this.caller!, report);
    } catch (error) {
      if (error instanceof DomainError) return this.sendError({ code: error.code, message: error.message });
      throw error;
    }
  }

  /** A customer's socket opened or closed: the agents of its queue see whether they are online (on any process). */
  private announceOnline(caller: Caller, open: boolean): void {
    if (caller.participant.role !== 'customer') return;
    const { context } = this;
    void (async () => {
      const online = open || (await context.liveSockets.has(caller.participant.id));
      await announceVisitor(context, caller.participant, online);
    })().catch((error) => context.log.debug({ err: error }, 'visitor presence not announced'));
  }

  private async authenticate(jwt: string): Promise<void> {
    const verified = await verifySocketToken(this.context.tokens, jwt);
    if ('refusal' in verified) return this.refuse(verified.refusal);
    const caller = verified.caller;
    if (this.closed) return;
    if (this.caller) {
      const changed = identityChange(this.caller, caller);
      if (changed) return this.refuse(changed);
      this.caller = caller;
      // The fresh token may name other queues: follow exactly what it grants from now on.
      this.subscribe(caller);
      this.armExpiry();
      return this.send({ type: 'reauthenticated', expiresAt: caller.expiresAt.toISOString() });
    }
    this.caller = caller;
    this.context.liveSockets.opened(caller.participant.id);
    // Subscribe before reading heads: an event in between is pushed, and the client drops duplicates by seq.
    this.subscribe(caller);
    // Across processes (Redis) a subscription takes a round trip to be in effect.
    await this.context.bus.ready?.();
    let conversations;
    try {
      conversations = await this.context.conversations.heads(caller);
    } catch (error) {
      // E.g. a customer token whose integration no longer exists: the token is no good here.
      if (!(error instanceof DomainError)) throw error;
      this.sendError({ code: error.code, message: error.message });
      return this.close(CloseCode.invalidToken, 'The token names nothing this server has.');
    }
    if (this.closed) return;
    this.armExpiry();
    this.send({
      type: 'welcome',
      participant: caller.participant,
      conversations,
      expiresAt: caller.expiresAt.toISOString(),
      heartbeatMs: this.context.config.heartbeatMs,
    });
    this.startHeartbeat();
    this.announceOnline(caller, true);
    if (caller.participant.role === 'agent') await this.presenceSnapshot(caller);
    else await this.queuePosition(caller);
  }

  /** A waiting customer's place in the queue, right after the welcome (changes follow on the bus). */
  private async queuePosition(caller: Caller): Promise<void> {
    const conversation = await this.context.store.findDefaultConversation(caller.participant);
    const position = conversation && (await this.context.router.positionOf(conversation));
    if (conversation && position && !this.closed) this.send({ type: 'queue', conversationId: conversation.id, position });
  }

  /** An agent's first frames after the welcome: its own presence (Offline becomes Available), and a supervisor's, its queues' agents'. */
  private async presenceSnapshot(caller: Caller): Promise<void> {
    const { presence, store } = this.context;
    if (this.closed) return;
    // A change was announced on the bus, which this socket already follows.
    const announced = await presence.connected(caller.participant.id);
    // Closed meanwhile: `connected` cancelled the Offline timer this socket's close had started.
    if (this.closed) return presence.disconnected(caller.participant.id);
    const agents = caller.supervisor ? await store.listAgents(caller.queues) : [];
    if (!announced) {
      const own = agents.find((agent) => agentParticipantId(agent.id) === caller.participant.id) ?? (await store.getAgent(agentIdOf(caller.participant.id)));
      if (own) this.send({ type: 'presence', agent: caller.participant, presence: own.presence });
    }
    for (const agent of agents) {
      if (agentParticipantId(agent.id) === caller.participant.id) continue;
      this.send({ type: 'presence', agent: { id: agentParticipantId(agent.id), role: 'agent', displayName: agent.name }, presence: agent.presence });
    }
  }

  /** (Re)subscribes to the topics `caller` may follow; the swap happens in one tick, so nothing is lost in between. */
  private subscribe(caller: Caller): void {
    const previous = this.unsubscribe;
    const topics = this.context.conversations.topicsOf(caller);
    // Agents also hear of their own presence (their other tabs), supervisors of their queues' agents.
    if (caller.participant.role === 'agent') topics.push(participantTopic(caller.participant.id));
    if (caller.supervisor) topics.push(...caller.queues.map(supervisorTopic));
    this.unsubscribe = this.context.bus.subscribe(topics, (message) => this.forward(message));
    previous?.();
  }

  private forward(message: BusMessage): void {
    if (message.type === 'resync') return void this.resendHeads();
    if (message.type === 'agent-disabled') {
      this.sendError({ code: 'agent-disabled', message: 'The agent was disabled.' });
      return this.close(CloseCode.agentDisabled, 'Agent disabled.');
    }
    // Notes are for agents only: a customer's socket drops one even if it was ever published to its topic.
    if (message.type === 'note') {
      if (this.caller?.participant.role === 'agent') this.sendShared(message);
      return;
    }
    this.sendShared(message);
  }

  /** The bus may have lost events: fresh heads make the client fetch whatever it missed by seq. */
  private async resendHeads(): Promise<void> {
    if (!this.caller || this.closed) return;
    try {
      for (const head of await this.context.conversations.heads(this.caller)) this.send({ type: 'conversation', conversation: head });
    } catch (error) {
      this.context.log.warn({ err: error }, 'events socket could not re-send heads');
    }
  }

  private refuse(refusal: SocketRefusal): void {
    this.sendError(refusal.error);
    this.close(refusal.closeCode, refusal.reason);
  }

  private armExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = expiryTimer(this.caller!, () => this.refuse(TOKEN_LAPSED));
  }

  private startHeartbeat(): void {
    const interval = this.context.config.heartbeatMs;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeardAt > 2 * interval + 1000) {
        return this.close(CloseCode.heartbeatTimeout, 'No frame from the client in time.');
      }
      this.pingCounter += 1;
      this.send({ type: 'ping', id: String(this.pingCounter) });
    }, interval);
  }

  private badFrame(message: string): void {
    this.badFrames += 1;
    this.sendError({ code: 'invalid-request', message });
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CloseCode.badFrames, 'Too many malformed frames.');
  }

  private sendError(error: OmniErrorInfo): void {
    this.send({ type: 'error', error });
  }

  private send(frame: ServerFrame): void {
    if (!this.writable()) return;
    writeFrame(this.socket, JSON.stringify(frame));
  }

  /** A bus message's frame: serialised once for every socket it fans out to (frame-writer.ts). */
  private sendShared(message: Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>): void {
    if (!this.writable()) return;
    writeFrame(this.socket, busFrame(message));
  }

  /** True while frames may be sent; a client whose backlog is too big is closed instead. */
  private writable(): boolean {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return false;
    if (this.socket.bufferedAmount <= MAX_BUFFERED_BYTES) return true;
    this.close(1008, 'Client too slow.');
    return false;
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(code, reason);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.caller) {
      this.context.liveSockets.closed(this.caller.participant.id);
      this.announceOnline(this.caller, false);
      if (this.caller.participant.role === 'agent') this.context.presence.disconnected(this.caller.participant.id);
    }
    this.unsubscribe?.();
    for (const timer of this.timers) clearTimeout(timer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    if (this.heartbeat) clearInterval(this.heartbeat);
  }
}

/** Registers `WS /v1/events`. */
export async function eventsSocketRoute(app: FastifyInstance, context: ServerContext): Promise<void> {
  app.get('/v1/events', { websocket: true }, (socket) => {
    new EventsConnection(socket, context).start();
  });
}
