/**
 * The agent's phone: a registered SIP line whose incoming calls wait as pending proposals
 * (accept or reject, after the Genesys softphone flow) and become `Call`s.
 */
import { atom } from 'nanostores';
import { SessionState, type Invitation } from 'sip.js';
import type { OmniSession } from '../core/session.js';
import { Call } from './call.js';
import { SipLine } from './sip-line.js';

/** An incoming call waiting for the agent. */
export interface IncomingCall {
  id: string;
  call: Call;
  conversationId: string | undefined;
  remoteName: string | undefined;
}

/** One reconnect window of a lost line before the phone shows `error` (and keeps trying). */
const RECOVERY_WINDOW_MS = 15000;
/** Pause before opening the line again after a failed start. */
const RETRY_MS = 4000;

/** Registration state of the phone. */
export type PhoneState = 'offline' | 'registering' | 'ready' | 'error';

/** The agent side of calling. */
export class AgentPhone {
  /** Registration state. */
  readonly $state = atom<PhoneState>('offline');
  /** Calls ringing for this agent. */
  readonly $incoming = atom<IncomingCall[]>([]);
  /** The call in progress, if any. */
  readonly $current = atom<Call | undefined>(undefined);
  private line: SipLine | undefined;
  private counter = 0;
  private stopped = true;
  private recovering = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly onNetworkBack = () => {
    if (!this.stopped && this.$state.get() === 'error') this.retryNow();
  };

  constructor(private readonly session: OmniSession) {}

  /**
   * Registers for the agent's queue, and keeps the registration: after a socket loss or a server
   * restart the line reconnects and re-registers on its own (backoff capped at a few seconds,
   * retried at once on `online` and tab return), independently of the events socket.
   */
  async start(): Promise<void> {
    if (this.line || !this.stopped) return;
    this.stopped = false;
    window.addEventListener('online', this.onNetworkBack);
    document.addEventListener('visibilitychange', this.onNetworkBack);
    await this.open();
  }

  private async open(): Promise<void> {
    this.$state.set('registering');
    let line: SipLine;
    try {
      line = await SipLine.open(this.session, { register: true });
    } catch (error) {
      if (this.stopped) return;
      this.$state.set('error');
      this.session.reportError(error);
      this.retryLater();
      return;
    }
    if (this.stopped) return void line.close();
    this.line = line;
    line.ua.delegate = { ...line.ua.delegate, onInvite: (invitation) => this.ring(invitation) };
    line.onDisconnect(() => void this.recover());
    this.$state.set('ready');
  }

  /** Gets the socket and the registration back, for as long as the phone is on. */
  private async recover(): Promise<void> {
    if (this.recovering || this.stopped || !this.line) return;
    this.recovering = true;
    this.$state.set('registering');
    try {
      while (!this.stopped && this.line) {
        if (await this.line.reconnect(RECOVERY_WINDOW_MS)) {
          this.$state.set('ready');
          return;
        }
        this.$state.set('error');
      }
    } finally {
      this.recovering = false;
    }
  }

  private retryLater(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.open(), RETRY_MS * (0.5 + Math.random() / 2));
  }

  private retryNow(): void {
    if (this.line) return void this.recover();
    clearTimeout(this.retryTimer);
    void this.open();
  }

  /** Answers a pending call (the others keep ringing until the caller gives up or someone else answers). */
  async accept(id: string): Promise<Call | undefined> {
    const pending = this.$incoming.get().find((candidate) => candidate.id === id);
    if (!pending) return undefined;
    this.remove(id);
    await pending.call.answer();
    this.$current.set(pending.call);
    return pending.call;
  }

  /** Declines a pending call. */
  async reject(id: string): Promise<void> {
    const pending = this.$incoming.get().find((candidate) => candidate.id === id);
    this.remove(id);
    await pending?.call.hangup();
  }

  /** Unregisters (and stops recovering). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    window.removeEventListener('online', this.onNetworkBack);
    document.removeEventListener('visibilitychange', this.onNetworkBack);
    await this.$current.get()?.hangup();
    await this.line?.close();
    this.line = undefined;
    this.$state.set('offline');
  }

  private ring(invitation: Invitation): void {
    // 180 Ringing: the caller hears that an agent is being alerted.
    void invitation.progress().catch(() => undefined);
    const call = Call.incoming(this.line!, invitation);
    this.counter += 1;
    const id = `call-${this.counter}`;
    this.$incoming.set([...this.$incoming.get(), { id, call, conversationId: call.conversationId, remoteName: call.remoteName }]);
    invitation.stateChange.addListener((state) => {
      if (state === SessionState.Terminated) {
        this.remove(id);
        if (this.$current.get() === call) this.$current.set(undefined);
      }
    });
  }

  private remove(id: string): void {
    this.$incoming.set(this.$incoming.get().filter((candidate) => candidate.id !== id));
  }
}
