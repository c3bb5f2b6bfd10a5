/**
 * A call: one state machine (`idle -> connecting -> ringing -> active <-> held -> ended`, plus
 * `reconnecting`, `dropped`, `error`) in nanostores, around one sip.js session. Controls: mute,
 * hold (re-INVITE), DTMF (RFC 4733, SIP INFO fallback), microphone and speaker choice, input
 * level, duration and quality. A lost socket mid-call is recovered here: reconnect, re-register,
 * re-INVITE with an ICE restart, or end as `dropped` with a reason.
 */
import { atom } from 'nanostores';
import { destinationUri, parseDestination } from '../core/destination.js';
import { Inviter, SessionState, UserAgent, type Invitation, type Session } from 'sip.js';
import type { SessionDescriptionHandler } from 'sip.js/lib/platform/web/session-description-handler/session-description-handler.js';
import type { OmniSession } from '../core/session.js';
import { canTransition, isFinal, reasonMessages, reasonOfStatus, type CallReason, type CallState, type CallStateName } from './call-state.js';
import { QualitySampler, type CallQuality } from './quality.js';
import { SipLine } from './sip-line.js';

/** How long a call may stay `reconnecting` before it is `dropped`. */
export const RECOVERY_BOUND_MS = 20000;
const QUALITY_INTERVAL_MS = 2000;
const audioOnly = { constraints: { audio: true, video: false } };

/** Options of an outgoing call. */
export interface PlaceCallOptions {
  /** Whom to call (default: the destination the server gave, i.e. the integration's queue). */
  destination?: string;
  /** Use SIP INFO instead of RFC 4733 for DTMF. */
  dtmfViaInfo?: boolean;
  /** Microphone to use. */
  inputDeviceId?: string;
  /** How long to try to recover a dropped socket before ending as `dropped` (default 20 s). */
  recoveryBoundMs?: number;
  /** The caller's conversation, sent as `X-Omni-Conversation` (the built-in edge replaces it with the verified one). */
  conversationId?: string;
}

/** One call, outgoing or incoming. */
export class Call {
  /** The call's state. */
  readonly $state = atom<CallState>({ name: 'idle' });
  /** Whether the microphone is muted. */
  readonly $muted = atom(false);
  /** Input level 0..1 while the call has media. */
  readonly $inputLevel = atom(0);
  /** When the call became active (epoch ms). */
  readonly $activeSince = atom<number | undefined>(undefined);
  /** The latest quality sample. */
  readonly $quality = atom<CallQuality | undefined>(undefined);
  /** The conversation this call belongs to (from `X-Omni-Conversation`). */
  conversationId: string | undefined;
  /** The remote party as shown to the user. */
  remoteName: string | undefined;
  private session: Session | undefined;
  private readonly audio = new Audio();
  private timers: Array<ReturnType<typeof setInterval>> = [];
  private audioContext: AudioContext | undefined;
  private stopDisconnect: (() => void) | undefined;
  private hangingUp = false;

  private line: SipLine | undefined;

  private constructor(
    line: SipLine | undefined,
    private readonly ownsLine: boolean,
    private readonly options: PlaceCallOptions = {},
  ) {
    this.audio.autoplay = true;
    if (line) this.useLine(line);
  }

  private useLine(line: SipLine): void {
    this.line = line;
    this.stopDisconnect = line.onDisconnect(() => void this.recover());
  }

  /** Places a call to the guest's queue (or `options.destination`). */
  static async place(omniSession: OmniSession, options: PlaceCallOptions = {}): Promise<Call> {
    const pending = new Call(undefined, true, options);
    return pending.start(omniSession);
  }

  /** Wraps an incoming invitation on an agent's line. */
  static incoming(line: SipLine, invitation: Invitation): Call {
    const call = new Call(line, false);
    call.session = invitation;
    call.conversationId = invitation.request.getHeader('X-Omni-Conversation');
    call.remoteName = invitation.remoteIdentity.displayName || invitation.remoteIdentity.uri.user;
    call.watch(invitation);
    call.move('ringing');
    return call;
  }

  /** Answers an incoming call. */
  async answer(): Promise<void> {
    const invitation = this.session as Invitation;
    await invitation.accept({ sessionDescriptionHandlerOptions: this.mediaOptions() });
  }

  /** Declines an incoming call, or hangs up / cancels any other. */
  async hangup(): Promise<void> {
    const session = this.session;
    if (!session || isFinal(this.$state.get().name)) return;
    this.hangingUp = true;
    try {
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter) await session.cancel();
      else await (session as Invitation).reject({ statusCode: 603 });
    } finally {
      this.finish('ended', 'local-hangup');
    }
  }

  /** Mutes or unmutes the microphone. */
  setMuted(muted: boolean): void {
    for (const sender of this.peerConnection()?.getSenders() ?? []) if (sender.track) sender.track.enabled = !muted;
    this.$muted.set(muted);
  }

  /** Puts the call on hold or takes it off (a re-INVITE). */
  async setHeld(held: boolean): Promise<void> {
    const session = this.session;
    const state = this.$state.get().name;
    if (!session || (held ? state !== 'active' : state !== 'held')) return;
    session.sessionDescriptionHandlerOptionsReInvite = { ...this.mediaOptions(), hold: held } as never;
    await new Promise<void>((resolve, reject) => {
      void session.invite({
        requestDelegate: { onAccept: () => resolve(), onReject: (response) => reject(new Error(`hold refused: ${response.message.statusCode}`)) },
      }).catch(reject);
    });
    this.move(held ? 'held' : 'active');
  }

  /** Sends DTMF tones (RFC 4733; SIP INFO when configured or when RFC 4733 is unavailable). */
  async sendDtmf(tones: string): Promise<void> {
    if (!/^[0-9A-D#*,]+$/i.test(tones)) throw new RangeError('DTMF tones are 0-9, A-D, * and #');
    const handler = this.session?.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (!this.options.dtmfViaInfo && handler?.sendDtmf(tones)) return;
    for (const tone of tones.replace(/,/g, '')) {
      await this.session?.info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160` } },
      });
    }
  }

  /** Switches the microphone. */
  async setInputDevice(deviceId: string): Promise<void> {
    const stream = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: deviceId } }, video: false });
    const track = stream.getAudioTracks()[0]!;
    track.enabled = !this.$muted.get();
    const sender = this.peerConnection()?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    await sender?.replaceTrack(track);
    this.options.inputDeviceId = deviceId;
  }

  /** Switches the speaker where the browser supports it (`setSinkId`). */
  async setOutputDevice(deviceId: string): Promise<boolean> {
    const audio = this.audio as HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };
    if (!audio.setSinkId) return false;
    await audio.setSinkId(deviceId);
    return true;
  }

  /** The SIP line carrying the call (for diagnostics and tests). */
  get sipLine(): SipLine | undefined {
    return this.line;
  }

  /** The media connection (for diagnostics and tests). */
  peerConnection(): RTCPeerConnection | undefined {
    return (this.session?.sessionDescriptionHandler as SessionDescriptionHandler | undefined)?.peerConnection;
  }

  private async start(omniSession: OmniSession): Promise<Call> {
    const destination = this.options.destination === undefined ? undefined : parseDestination(this.options.destination);
    if (this.options.destination !== undefined && !destination) {
      this.finish('error', 'invalid-destination');
      return this;
    }
    this.move('connecting');
    let line: SipLine;
    try {
      line = await SipLine.open(omniSession, { register: false });
    } catch {
      this.finish('error', 'credentials-failed');
      return this;
    }
    this.useLine(line);
    const target = UserAgent.makeURI(destination ? destinationUri(destination, line.credentials.domain) : line.credentials.destination ?? '');
    if (!target) {
      this.finish('error', 'failed');
      return this;
    }
    const inviter = new Inviter(line.ua, target, {
      sessionDescriptionHandlerOptions: this.mediaOptions(),
      ...(this.options.conversationId && /^conv_[0-9a-f-]{36}$/.test(this.options.conversationId)
        ? { extraHeaders: [`X-Omni-Conversation: ${this.options.conversationId}`] }
        : {}),
    });
    this.session = inviter;
    this.watch(inviter);
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            if ((response.message.statusCode ?? 0) >= 180) this.move('ringing');
          },
          onReject: (response) => this.finish('error', reasonOfStatus(response.message.statusCode ?? 0)),
        },
      })
      .catch((error: Error) => this.finish('error', /getUserMedia|Permission|NotAllowed|NotFound/i.test(String(error)) ? 'media-denied' : 'failed'));
    return this;
  }

  private mediaOptions() {
    return this.options.inputDeviceId
      ? { constraints: { audio: { deviceId: { exact: this.options.inputDeviceId } }, video: false } }
      : audioOnly;
  }

  private watch(session: Session): void {
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) this.onEstablished();
      if (state !== SessionState.Terminated) return;
      // sip.js reports Terminated before the reject delegate runs: let a rejection name the reason first.
      setTimeout(() => {
        const name = this.$state.get().name;
        if (isFinal(name) || name === 'reconnecting') return;
        if (this.hangingUp) this.finish('ended', 'local-hangup');
        else if (name === 'active' || name === 'held') this.finish('ended', 'remote-hangup');
        else this.finish('ended', 'cancelled');
      }, 0);
    });
  }

  private onEstablished(): void {
    const handler = this.session?.sessionDescriptionHandler as SessionDescriptionHandler | undefined;
    if (handler) this.audio.srcObject = handler.remoteMediaStream;
    this.$activeSince.set(Date.now());
    this.move('active');
    const pc = this.peerConnection();
    if (pc) {
      const sampler = new QualitySampler(pc);
      this.timers.push(setInterval(() => void sampler.sample().then((quality) => this.$quality.set(quality)).catch(() => undefined), QUALITY_INTERVAL_MS));
    }
    this.meterInput(handler?.localMediaStream);
  }

  private meterInput(stream: MediaStream | undefined): void {
    if (!stream || typeof AudioContext === 'undefined') return;
    try {
      this.audioContext = new AudioContext();
      const analyser = this.audioContext.createAnalyser();
      analyser.fftSize = 512;
      this.audioContext.createMediaStreamSource(stream).connect(analyser);
      const samples = new Float32Array(analyser.fftSize);
      this.timers.push(setInterval(() => {
        analyser.getFloatTimeDomainData(samples);
        let sum = 0;
        for (const value of samples) sum += value * value;
        this.$inputLevel.set(this.$muted.get() ? 0 : Math.min(1, Math.sqrt(sum / samples.length) * 4));
      }, 100));
    } catch {
      // No level meter without Web Audio; the call works regardless.
    }
  }

  /** The socket dropped mid-call: reconnect, re-INVITE with an ICE restart, or drop. */
  private async recover(): Promise<void> {
    const before = this.$state.get().name;
    if (before !== 'active' && before !== 'held') return;
    this.move('reconnecting');
    const bound = this.options.recoveryBoundMs ?? RECOVERY_BOUND_MS;
    const back = (await this.line?.reconnect(bound)) ?? false;
    const session = this.session;
    if (!back || !session || session.state !== SessionState.Established) return this.finish('dropped', 'network-lost');
    session.sessionDescriptionHandlerOptionsReInvite = { ...this.mediaOptions(), hold: before === 'held', offerOptions: { iceRestart: true } } as never;
    const renegotiated = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), bound);
      void session
        .invite({ requestDelegate: { onAccept: () => { clearTimeout(timer); resolve(true); }, onReject: () => { clearTimeout(timer); resolve(false); } } })
        .catch(() => { clearTimeout(timer); resolve(false); });
    });
    if (!renegotiated) {
      await session.bye().catch(() => undefined);
      return this.finish('dropped', 'network-lost');
    }
    this.move(before);
  }

  private move(name: CallStateName, reason?: CallReason): void {
    const current = this.$state.get().name;
    if (current === name || !canTransition(current, name)) return;
    this.$state.set(reason ? { name, reason, message: reasonMessages[reason] } : { name });
  }

  private finish(name: 'ended' | 'dropped' | 'error', reason: CallReason): void {
    if (isFinal(this.$state.get().name)) return;
    this.$state.set({ name, reason, message: reasonMessages[reason] });
    this.timers.forEach((timer) => clearInterval(timer));
    this.timers = [];
    void this.audioContext?.close().catch(() => undefined);
    this.audio.srcObject = null;
    this.$inputLevel.set(0);
    this.stopDisconnect?.();
    if (this.ownsLine) void this.line?.close();
  }
}
