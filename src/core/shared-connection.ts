/**
 * The session's events connection, shared by every tab of the same server + identity: the
 * leader tab runs the real socket and relays its frames and state; follower tabs receive them
 * and send their own frames (typing) through the leader. One socket per browser, and when the
 * leader goes another tab's socket takes over; each tab recovers any gap by seq on its own.
 */
import { atom } from 'nanostores';
import type { ConnectionState, EventsSocket } from './events-socket.js';
import type { ClientFrame, ServerFrame } from './protocol.js';
import type { TabLeadership, TabMessage } from './tab-leader.js';

/** True where tabs can coordinate (Web Locks and BroadcastChannel). */
const canShareConnection = (): boolean =>
  typeof navigator !== 'undefined' && !!navigator.locks && typeof BroadcastChannel !== 'undefined';

/** Where frames and connection states go (the session). */
export interface ConnectionHandlers {
  onFrame(frame: ServerFrame): void;
  onState(state: ConnectionState): void;
}

/** One logical events connection for the session, leader or follower. */
export class SharedConnection {
  /** True while this tab holds the real socket (always, when tabs can't coordinate). */
  readonly $leader = atom(true);
  private tabs: TabLeadership | undefined;
  private lastWelcome: ServerFrame | undefined;
  private lastState: ConnectionState = 'idle';
  private running = false;

  constructor(
    private readonly socket: EventsSocket,
    private readonly handlers: ConnectionHandlers,
  ) {}

  /** Called by the socket: a frame (relayed to the followers when leading). */
  socketFrame(frame: ServerFrame): void {
    if (!this.$leader.get()) return;
    if (frame.type === 'welcome') this.lastWelcome = frame;
    this.handlers.onFrame(frame);
    if (frame.type !== 'ping' && frame.type !== 'pong') this.tabs?.post({ type: 'frame', frame });
  }

  /** Called by the socket: its state (relayed when leading). */
  socketState(state: ConnectionState): void {
    if (!this.$leader.get()) return;
    this.setState(state);
    this.tabs?.post({ type: 'state', state });
  }

  /** Connects; with `key` (server + identity) the tabs of that key share one socket. */
  start(key: string | undefined): void {
    if (this.running) return;
    this.running = true;
    if (!key || !canShareConnection()) return this.alone();
    // The election code is a lazy chunk (with the local cache, already on its way at this point).
    import('./tab-leader.js').then(({ TabLeadership }) => this.elect(new TabLeadership(key, this.tabHandlers())), () => this.alone());
  }

  /** Without other tabs to coordinate with: this tab holds its own socket. */
  private alone(): void {
    if (!this.running) return;
    this.$leader.set(true);
    this.socket.start();
  }

  private elect(tabs: TabLeadership): void {
    if (!this.running) return tabs.stop();
    this.tabs = tabs;
    tabs.start();
  }

  private tabHandlers(): ConstructorParameters<typeof TabLeadership>[1] {
    return {
      lead: () => {
        this.$leader.set(true);
        this.socket.start();
      },
      follow: () => {
        this.$leader.set(false);
        if (this.socket.connectionState !== 'idle' && this.socket.connectionState !== 'stopped') this.socket.stop();
        // Until the leader speaks, this tab is connecting.
        this.setState(this.lastState === 'online' ? 'reconnecting' : 'connecting');
      },
      receive: (message) => this.receive(message),
    };
  }

  /** Disconnects this tab (a follower takes over the socket if this one led). */
  stop(): void {
    this.running = false;
    this.tabs?.stop();
    this.tabs = undefined;
    this.socket.stop();
    this.$leader.set(true);
  }

  /** Sends a frame on the socket, or through the leader; false when nobody is connected. */
  sendFrame(frame: ClientFrame): boolean {
    if (this.$leader.get()) return this.socket.sendFrame(frame);
    if (this.lastState !== 'online') return false;
    this.tabs?.post({ type: 'send', frame });
    return true;
  }

  private receive(message: TabMessage): void {
    const leading = this.$leader.get();
    switch (message.type) {
      case 'frame':
        if (!leading) this.handlers.onFrame(message.frame);
        return;
      case 'state':
        if (!leading) this.setState(message.state);
        return;
      case 'send':
        if (leading) this.socket.sendFrame(message.frame);
        return;
      case 'hello':
        // A new tab: tell it where things stand (who we are and the heads, for its gap recovery).
        if (!leading) return;
        this.tabs?.post({ type: 'state', state: this.lastState });
        if (this.lastWelcome && this.lastState === 'online') this.tabs?.post({ type: 'frame', frame: this.lastWelcome });
        return;
      default:
        return;
    }
  }

  private setState(state: ConnectionState): void {
    this.lastState = state;
    this.handlers.onState(state);
  }
}
