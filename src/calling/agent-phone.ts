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

  constructor(private readonly session: OmniSession) {}

  /** Registers for the agent's queue. */
  async start(): Promise<void> {
    if (this.line) return;
    this.$state.set('registering');
    try {
      this.line = await SipLine.open(this.session, { register: true });
    } catch (error) {
      this.$state.set('error');
      this.session.reportError(error);
      return;
    }
    this.line.ua.delegate = { ...this.line.ua.delegate, onInvite: (invitation) => this.ring(invitation) };
    this.line.onDisconnect(() => {
      this.$state.set('registering');
      void this.line?.reconnect(60000).then((back) => this.$state.set(back ? 'ready' : 'error'));
    });
    this.$state.set('ready');
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

  /** Unregisters. */
  async stop(): Promise<void> {
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
