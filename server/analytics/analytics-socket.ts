/**
 * `WS /v1/analytics`: a supervisor's live queue figures. Authenticated like the events socket (the
 * first frame is `auth`, shared code in ws/socket-auth.ts); a token of an agent who is not a
 * supervisor (or of a customer) is refused with `AnalyticsCloseCode.notSupervisor`. Then a `snapshot` of
 * every queue the supervisor serves, and a `queue` frame whenever one's figures change. The
 * server pings; a silent client, a lapsed token or a disabled agent close the socket.
 */
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { AnalyticsCloseCode, CloseCode, type AnalyticsFrame, type OmniErrorInfo, type QueueFigures } from '../../src/core/protocol.js';
import type { Caller } from '../auth/jwt.js';
import { participantTopic } from '../bus/event-bus.js';
import type { ServerContext } from '../context.js';
import { parseClientFrame } from '../ws/client-frames.js';
import { TOKEN_LAPSED, expiryTimer, identityChange, verifySocketToken, type SocketRefusal } from '../ws/socket-auth.js';
import type { AnalyticsService } from './analytics-service.js';
import { dayStart } from './queue-figures.js';

/** Malformed frames tolerated before the socket is closed. */
const MAX_BAD_FRAMES = 5;
/** A client whose unsent backlog exceeds this is too slow; it is closed (it reconnects and gets a snapshot). */
const MAX_BUFFERED_BYTES = 1024 * 1024;

/** How a non-supervisor is turned away. */
const NOT_SUPERVISOR: SocketRefusal = {
  error: { code: 'forbidden', message: 'Only supervisors watch queue figures.' },
  closeCode: AnalyticsCloseCode.notSupervisor,
  reason: 'Not a supervisor.',
};

/** One supervisor's analytics socket. */
class AnalyticsConnection {
  private caller: Caller | undefined;
  private stops: Array<() => void> = [];
  private authTimer: NodeJS.Timeout | undefined;
  private expiry: NodeJS.Timeout | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private lastHeardAt = Date.now();
  private badFrames = 0;
  private pings = 0;
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: ServerContext,
    private readonly analytics: AnalyticsService,
  ) {}

  /** Starts listening; the client has `authTimeoutMs` to authenticate. */
  start(): void {
    this.authTimer = setTimeout(() => {
      if (!this.caller) this.close(CloseCode.authTimeout, 'No auth frame arrived in time.');
    }, this.context.config.authTimeoutMs);
    this.socket.on('message', (data, isBinary) => {
      this.lastHeardAt = Date.now();
      this.work = this.work.then(() => this.handle(data, isBinary)).catch((error) => {
        this.context.log.error({ err: error }, 'analytics socket frame failed');
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
    if (!this.caller && frame.type !== 'auth') return this.close(CloseCode.invalidToken, 'The first frame must be auth.');
    switch (frame.type) {
      case 'auth':
        return this.authenticate(frame.jwt);
      case 'ping':
        return this.send(frame.id === undefined ? { type: 'pong' } : { type: 'pong', id: frame.id });
      case 'pong':
        return;
      default:
        return this.badFrame(`The analytics socket takes auth, ping and pong frames, not ${frame.type}.`);
    }
  }

  private async authenticate(jwt: string): Promise<void> {
    const verified = await verifySocketToken(this.context.tokens, jwt);
    if ('refusal' in verified) return this.refuse(verified.refusal);
    const caller = verified.caller;
    if (this.closed) return;
    if (caller.participant.role !== 'agent' || !caller.supervisor) return this.refuse(NOT_SUPERVISOR);
    const previous = this.caller;
    if (previous) {
      const changed = identityChange(previous, caller);
      if (changed) return this.refuse(changed);
    }
    this.caller = caller;
    clearTimeout(this.expiry);
    this.expiry = expiryTimer(caller, () => this.refuse(TOKEN_LAPSED));
    const sameQueues = previous && previous.queues.join('\n') === caller.queues.join('\n');
    if (previous && sameQueues) return this.send({ type: 'reauthenticated', expiresAt: caller.expiresAt.toISOString() });
    // First auth, or a fresh token granting other queues: follow exactly those, starting from a snapshot.
    await this.follow(caller);
    if (this.closed) return;
    if (previous) this.send({ type: 'reauthenticated', expiresAt: caller.expiresAt.toISOString() });
    else this.startHeartbeat();
  }

  /** Watches the caller's queues and sends their snapshot; changes found meanwhile are in the snapshot or follow it. */
  private async follow(caller: Caller): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    let snapshotSent = false;
    const queues = [...new Set(caller.queues)];
    for (const queue of queues) {
      this.stops.push(this.analytics.watch(queue, (figures) => {
        if (snapshotSent) this.sendQueue(figures);
      }));
    }
    // A disabled supervisor's sockets close (the bus tells every process).
    this.stops.push(this.context.bus.subscribe([participantTopic(caller.participant.id)], (message) => {
      if (message.type !== 'agent-disabled') return;
      this.refuse({ error: { code: 'agent-disabled', message: 'The agent was disabled.' }, closeCode: CloseCode.agentDisabled, reason: 'Agent disabled.' });
    }));
    await this.context.bus.ready?.();
    await Promise.all(queues.map((queue) => this.analytics.figures(queue)));
    if (this.closed) return;
    // Read now, in the same tick as the send: a change found since is in it, and later ones follow it.
    const figures = queues.map((queue) => this.analytics.latest(queue));
    if (figures.some((item) => item === undefined)) return this.close(1011, 'The figures could not be computed.');
    this.send({
      type: 'snapshot',
      participant: caller.participant,
      queues: figures as QueueFigures[],
      dayStartedAt: new Date(dayStart(this.analytics.now())).toISOString(),
      expiresAt: caller.expiresAt.toISOString(),
      heartbeatMs: this.context.config.heartbeatMs,
    });
    snapshotSent = true;
  }

  private sendQueue(figures: QueueFigures): void {
    this.send({ type: 'queue', queue: figures, dayStartedAt: new Date(dayStart(this.analytics.now())).toISOString() });
  }

  private startHeartbeat(): void {
    const interval = this.context.config.heartbeatMs;
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastHeardAt > 2 * interval + 1000) return this.close(CloseCode.heartbeatTimeout, 'No frame from the client in time.');
      this.pings += 1;
      this.send({ type: 'ping', id: String(this.pings) });
    }, interval);
  }

  private badFrame(message: string): void {
    this.badFrames += 1;
    this.sendError({ code: 'invalid-request', message });
    if (this.badFrames >= MAX_BAD_FRAMES) this.close(CloseCode.badFrames, 'Too many malformed frames.');
  }

  private refuse(refusal: SocketRefusal): void {
    this.sendError(refusal.error);
    this.close(refusal.closeCode, refusal.reason);
  }

  private sendError(error: OmniErrorInfo): void {
    this.send({ type: 'error', error });
  }

  private send(frame: AnalyticsFrame): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) return this.close(1008, 'Client too slow.');
    this.socket.send(JSON.stringify(frame));
  }

  private close(code: number, reason: string): void {
    if (this.closed) return;
    this.dispose();
    this.socket.close(code, reason);
  }

  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    clearTimeout(this.authTimer);
    clearTimeout(this.expiry);
    clearInterval(this.heartbeat);
  }
}

/** Registers `WS /v1/analytics`. */
export async function analyticsSocketRoute(app: FastifyInstance, context: ServerContext, analytics: AnalyticsService): Promise<void> {
  app.get('/v1/analytics', { websocket: true }, (socket) => {
    new AnalyticsConnection(socket, context, analytics).start();
  });
}
