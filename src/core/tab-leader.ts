/**
 * One connection per browser: the tabs of one server + identity elect a leader with Web Locks;
 * only the leader holds the events socket, and it fans frames out to the others over a
 * BroadcastChannel (the followers send their frames back through it). When the leader closes,
 * crashes or is frozen, another tab takes over: a closed or crashed tab releases its lock at once,
 * a frozen one stops sending heartbeats and a visible follower steals the lock.
 */
import { atom } from 'nanostores';
import type { ConnectionState } from './events-socket.js';
import type { ClientFrame, ServerFrame } from './protocol.js';

/** What tabs tell each other. */
export type TabMessage =
  | { type: 'frame'; frame: ServerFrame }
  | { type: 'state'; state: ConnectionState }
  | { type: 'send'; frame: ClientFrame }
  | { type: 'hello' }
  | { type: 'heartbeat' };

/** How leadership changes reach the session. */
export interface TabHandlers {
  /** This tab became the leader: open the socket. */
  lead(): void;
  /** This tab lost (or never had) leadership: close the socket, listen to the leader. */
  follow(): void;
  /** A message from another tab. */
  receive(message: TabMessage): void;
}

/** Heartbeat period of the leader. */
const HEARTBEAT_MS = 500;
/** A leader silent this long (frozen) is replaced by a visible follower. */
export const LEADER_TIMEOUT_MS = 2000;

/** This tab's part in the election for one key (server + identity). */
export class TabLeadership {
  /** True while this tab holds the connection. */
  readonly $leader = atom(false);
  private readonly channel: BroadcastChannel;
  private abort = new AbortController();
  private release: (() => void) | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private watchdog: ReturnType<typeof setInterval> | undefined;
  private lastHeard = Date.now();
  private stopped = false;
  private readonly onFreeze = () => this.stepDown();
  private readonly onResume = () => this.campaign(false);

  constructor(
    private readonly key: string,
    private readonly handlers: TabHandlers,
  ) {
    this.channel = new BroadcastChannel(`omni-tabs:${key}`);
    this.channel.onmessage = (event: MessageEvent<TabMessage>) => {
      if (event.data.type === 'heartbeat' || event.data.type === 'frame' || event.data.type === 'state') this.lastHeard = Date.now();
      if (event.data.type !== 'heartbeat') this.handlers.receive(event.data);
    };
  }

  /** Joins the election (the first tab leads at once). */
  start(): void {
    document.addEventListener('freeze', this.onFreeze);
    document.addEventListener('resume', this.onResume);
    this.handlers.follow();
    this.post({ type: 'hello' });
    this.campaign(false);
    this.watchdog = setInterval(() => this.checkLeader(), HEARTBEAT_MS);
  }

  /** Leaves for good (the lock is released; another tab takes over). */
  stop(): void {
    this.stopped = true;
    document.removeEventListener('freeze', this.onFreeze);
    document.removeEventListener('resume', this.onResume);
    clearInterval(this.watchdog);
    this.stepDown();
    this.channel.close();
  }

  /** Tells the other tabs. */
  post(message: TabMessage): void {
    try {
      this.channel.postMessage(message);
    } catch {
      // Closed channel (stopping): nothing to tell.
    }
  }

  private campaign(steal: boolean): void {
    if (this.stopped || this.$leader.get()) return;
    this.abort.abort();
    const controller = new AbortController();
    this.abort = controller;
    const options: LockOptions = steal ? { steal: true } : { signal: controller.signal };
    navigator.locks
      .request(`omni-leader:${this.key}`, options, () => {
        if (this.stopped || (!steal && controller.signal.aborted)) return undefined;
        this.$leader.set(true);
        this.heartbeat = setInterval(() => this.post({ type: 'heartbeat' }), HEARTBEAT_MS);
        this.handlers.lead();
        return new Promise<void>((resolve) => (this.release = resolve));
      })
      .catch(() => {
        // We withdrew (stepped down, or switched to stealing): nothing to do.
        if (controller.signal.aborted && !steal) return;
        // Stolen while frozen: follow, and stand again.
        if (this.$leader.get()) this.lose();
        this.campaign(false);
      });
  }

  private stepDown(): void {
    this.abort.abort();
    if (this.$leader.get()) this.lose();
    this.release?.();
    this.release = undefined;
  }

  private lose(): void {
    clearInterval(this.heartbeat);
    this.$leader.set(false);
    this.lastHeard = Date.now();
    if (!this.stopped) this.handlers.follow();
  }

  private checkLeader(): void {
    if (this.$leader.get() || document.visibilityState !== 'visible') return;
    if (Date.now() - this.lastHeard < LEADER_TIMEOUT_MS) return;
    this.lastHeard = Date.now();
    void navigator.locks.query().then((state) => {
      const held = state.held?.some((lock) => lock.name === `omni-leader:${this.key}`);
      // Held but silent: the leader is frozen. Not held: our queued request gets it anyway.
      if (held && !this.$leader.get()) this.campaign(true);
    });
  }
}
