/**
 * The built-in SIP-over-WebSocket edge (RFC 7118) of the embedded default: digest auth with the
 * ephemeral credentials, a registrar for agents (they register their queue's address), a guest's
 * INVITE forked to the queue's registered agents (first answer wins, the others get CANCEL),
 * in-dialog requests and responses routed by the socket a Contact was seen on (sip.js uses
 * `.invalid` hosts), and a BYE to the other side when a socket goes away and does not come back.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import type { IncomingResponseMessage } from 'sip.js/lib/core/messages/incoming-response-message.js';
import type { SipIdentity } from './credentials.js';
import { challenge, verifyDigest } from './digest.js';
import { badRequestFor, buildResponse, isRequest, parseSip, popVia, pushVia, setHeader, setRequestUri } from './message.js';

/** What the edge needs from the rest of the server. */
export interface SipEdgeOptions {
  secret: string;
  domain: string;
  /** The queue a customer may call (its integration's). */
  queueOfCustomer(identity: SipIdentity): Promise<string | undefined>;
  /** The queues an agent serves (as recorded when its credentials were issued). */
  queuesOfAgent(identity: SipIdentity): string[];
  /** The customer's conversation, stamped on its INVITE as `X-Omni-Conversation`. */
  conversationOfCustomer(identity: SipIdentity): Promise<string | undefined>;
  /** How long a dialog waits for a dropped socket to come back before sending BYE. */
  dialogGraceMs?: number;
}

/** Header carrying the conversation of a call. */
export const CONVERSATION_HEADER = 'X-Omni-Conversation';
const BRANCH_PREFIX = 'z9hG4bKomni';
const MAX_MESSAGE_BYTES = 64 * 1024;

interface Peer { socket: WebSocket; identity?: SipIdentity; contacts: Set<string> }
interface Registration { uri: string; socket: WebSocket; expiresAt: number }
interface Branch { socket: WebSocket; uri: string; raw: string; final?: number }
interface Fork { key: string; caller: WebSocket; invite: IncomingRequestMessage; branches: Map<string, Branch>; answered: boolean; best?: { status: number; raw: string } }
interface Transaction { source?: WebSocket; fork?: Fork; method: string }
interface Dialog { callId: string; caller: string; callee: string; from: string; to: string; callerCseq: number; calleeCseq: number; grace?: NodeJS.Timeout }

const contactKey = (uri: { user?: string | undefined; host: string }): string => `${uri.user ?? ''}@${uri.host}`.toLowerCase();
const newBranch = (): string => `${BRANCH_PREFIX}${randomBytes(8).toString('hex')}`;

/** One edge instance; `attach` each accepted WebSocket. */
export class SipEdge {
  private readonly peers = new Map<WebSocket, Peer>();
  private readonly contacts = new Map<string, WebSocket>();
  private readonly registrations = new Map<string, Map<string, Registration>>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly forks = new Map<string, Fork>();
  private readonly dialogs = new Map<string, Dialog>();

  constructor(private readonly options: SipEdgeOptions) {}

  /** Number of live registrations of a queue (for tests and health). */
  registered(queue: string): number {
    return this.registrations.get(queue)?.size ?? 0;
  }

  /** Serves one SIP WebSocket. */
  attach(socket: WebSocket): void {
    const peer: Peer = { socket, contacts: new Set() };
    this.peers.set(socket, peer);
    socket.on('message', (data, isBinary) => {
      const text = data.toString();
      if (isBinary || text.length > MAX_MESSAGE_BYTES) return;
      if (text.trim() === '') return; // keep-alive
      void this.receive(peer, text).catch(() => undefined);
    });
    socket.on('close', () => this.detach(peer));
    socket.on('error', () => this.detach(peer));
  }

  private send(socket: WebSocket | undefined, text: string): void {
    if (socket && socket.readyState === socket.OPEN) socket.send(text);
  }

  private async receive(peer: Peer, text: string): Promise<void> {
    const message = parseSip(text);
    if (!message) {
      const reply = badRequestFor(text);
      if (reply) this.send(peer.socket, reply);
      return;
    }
    this.learnContact(peer, message);
    if (isRequest(message)) await this.onRequest(peer, message);
    else this.onResponse(peer, message as IncomingResponseMessage);
  }

  private learnContact(peer: Peer, message: IncomingRequestMessage | IncomingResponseMessage): void {
    if (!message.hasHeader('contact')) return;
    const contact = message.parseHeader('contact');
    const uri = contact?.uri;
    if (!uri?.host) return;
    const key = contactKey(uri);
    this.contacts.set(key, peer.socket);
    peer.contacts.add(key);
    // A dialog whose side came back on a new socket no longer needs tearing down.
    for (const dialog of this.dialogs.values()) {
      if (dialog.grace && (dialog.caller === key || dialog.callee === key)) {
        clearTimeout(dialog.grace);
        dialog.grace = undefined;
      }
    }
  }

  private reply(peer: Peer, request: IncomingRequestMessage, status: number, reason: string, extra: string[] = []): void {
    if (request.method === 'ACK') return;
    this.send(peer.socket, buildResponse(request, status, reason, extra, randomBytes(6).toString('hex')));
  }

  /** Digest-authenticates a dialog-creating request; replies itself and returns undefined when it failed. */
  private authenticate(peer: Peer, request: IncomingRequestMessage): SipIdentity | undefined {
    const header = request.getHeader('authorization') ?? request.getHeader('proxy-authorization');
    const result = verifyDigest(this.options.secret, this.options.domain, request.method, header);
    if (result.ok) {
      peer.identity = result.identity;
      return result.identity;
    }
    if (result.reason === 'expired') this.reply(peer, request, 403, 'Credentials Expired');
    else this.reply(peer, request, 401, 'Unauthorized', [`WWW-Authenticate: ${challenge(this.options.secret, this.options.domain, result.reason === 'stale')}`]);
    return undefined;
  }

  private async onRequest(peer: Peer, request: IncomingRequestMessage): Promise<void> {
    const method = request.method;
    if (method === 'CANCEL') return this.onCancel(peer, request);
    if (request.toTag) return this.routeInDialog(peer, request);
    switch (method) {
      case 'REGISTER':
        return this.onRegister(peer, request);
      case 'INVITE':
        return this.onInvite(peer, request);
      case 'OPTIONS':
        return this.reply(peer, request, 200, 'OK', ['Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER']);
      case 'ACK':
        return; // ACK of a non-2xx final response we sent or forwarded: hop-by-hop, absorbed.
      default:
        return this.reply(peer, request, 405, 'Method Not Allowed', ['Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, REGISTER']);
    }
  }

  private onRegister(peer: Peer, request: IncomingRequestMessage): void {
    const identity = this.authenticate(peer, request);
    if (!identity) return;
    const queue = request.to.uri.user ?? '';
    if (identity.participant.role !== 'agent' || !this.options.queuesOfAgent(identity).includes(queue)) {
      return this.reply(peer, request, 403, 'Forbidden');
    }
    const contact = request.parseHeader('contact');
    if (!contact?.uri) return this.reply(peer, request, 400, 'Missing Contact');
    const expiresParam = contact.getParam?.('expires');
    const expires = Math.min(3600, Number(expiresParam ?? request.getHeader('expires') ?? 600));
    const key = contactKey(contact.uri);
    let queueRegistrations = this.registrations.get(queue);
    if (!queueRegistrations) this.registrations.set(queue, (queueRegistrations = new Map()));
    if (!Number.isFinite(expires) || expires <= 0) queueRegistrations.delete(key);
    else queueRegistrations.set(key, { uri: contact.uri.toString(), socket: peer.socket, expiresAt: Date.now() + expires * 1000 });
    const extra = expires > 0 ? [`Contact: <${contact.uri.toString()}>;expires=${expires}`] : [];
    this.reply(peer, request, 200, 'OK', extra);
  }

  private async onInvite(peer: Peer, request: IncomingRequestMessage): Promise<void> {
    const identity = this.authenticate(peer, request);
    if (!identity) return;
    if (identity.participant.role !== 'customer') return this.reply(peer, request, 403, 'Agents Receive Calls Only');
    const queue = await this.options.queueOfCustomer(identity);
    const target = request.ruri;
    if (!queue || !target || target.user !== queue) return this.reply(peer, request, 403, 'Guests May Only Call Their Queue');
    const now = Date.now();
    const targets = [...(this.registrations.get(queue)?.entries() ?? [])].filter(([, registration]) => registration.expiresAt > now);
    if (targets.length === 0) return this.reply(peer, request, 480, 'No Agent Available');
    this.reply(peer, request, 100, 'Trying');
    const conversationId = await this.options.conversationOfCustomer(identity);
    const fork: Fork = { key: `${request.callId} ${request.viaBranch}`, caller: peer.socket, invite: request, branches: new Map(), answered: false };
    this.forks.set(fork.key, fork);
    for (const [, registration] of targets) {
      const branch = newBranch();
      let raw = setRequestUri(request.data, registration.uri);
      raw = setHeader(raw, CONVERSATION_HEADER, conversationId);
      raw = pushVia(raw, `SIP/2.0/WSS omni-edge.invalid;branch=${branch}`);
      fork.branches.set(branch, { socket: registration.socket, uri: registration.uri, raw });
      this.transactions.set(branch, { source: peer.socket, fork, method: 'INVITE' });
      this.send(registration.socket, raw);
    }
  }

  private onCancel(peer: Peer, request: IncomingRequestMessage): void {
    const fork = this.forks.get(`${request.callId} ${request.viaBranch}`);
    this.reply(peer, request, fork ? 200 : 481, fork ? 'OK' : 'Call/Transaction Does Not Exist');
    if (fork && !fork.answered) this.cancelBranches(fork);
  }

  private cancelBranches(fork: Fork, except?: string): void {
    for (const [branch, target] of fork.branches) {
      if (branch === except || target.final !== undefined) continue;
      const invite = parseSip(target.raw) as IncomingRequestMessage | undefined;
      if (!invite) continue;
      const cancel = [
        `CANCEL ${target.uri} SIP/2.0`,
        `Via: SIP/2.0/WSS omni-edge.invalid;branch=${branch}`,
        `From: ${invite.getHeader('from')}`,
        `To: ${invite.getHeader('to')}`,
        `Call-ID: ${invite.callId}`,
        `CSeq: ${invite.cseq} CANCEL`,
        'Max-Forwards: 70',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      this.send(target.socket, cancel);
    }
  }

  private routeInDialog(peer: Peer, request: IncomingRequestMessage): void {
    const uri = request.ruri;
    const socket = uri ? this.contacts.get(contactKey(uri)) : undefined;
    if (!socket) return this.reply(peer, request, 404, 'Not Found');
    const dialog = this.dialogs.get(request.callId);
    if (dialog) {
      if (peer.contacts.has(dialog.caller)) dialog.callerCseq = Math.max(dialog.callerCseq, request.cseq);
      else dialog.calleeCseq = Math.max(dialog.calleeCseq, request.cseq);
      if (request.method === 'BYE') this.dialogs.delete(request.callId);
    }
    if (request.method === 'ACK') return this.send(socket, request.data);
    const branch = newBranch();
    this.transactions.set(branch, { source: peer.socket, method: request.method });
    this.send(socket, pushVia(request.data, `SIP/2.0/WSS omni-edge.invalid;branch=${branch}`));
  }

  private onResponse(peer: Peer, response: IncomingResponseMessage): void {
    const branch = response.viaBranch;
    const transaction = branch?.startsWith(BRANCH_PREFIX) ? this.transactions.get(branch) : undefined;
    if (!transaction) return;
    const status = response.statusCode ?? 0;
    const forwarded = popVia(response.data);
    if (status >= 200) this.transactions.delete(branch);
    const fork = transaction.fork;
    if (!fork) return this.send(transaction.source, forwarded);
    if (status < 200) {
      if (status > 100 && !fork.answered) this.send(fork.caller, forwarded);
      return;
    }
    const target = fork.branches.get(branch);
    if (target) target.final = status;
    if (status < 300) {
      if (fork.answered) return; // A second answer: the caller already has one (the agent's UA times out).
      fork.answered = true;
      this.send(fork.caller, forwarded);
      this.cancelBranches(fork, branch);
      const callerContact = fork.invite.parseHeader('contact')?.uri;
      const calleeContact = response.parseHeader('contact')?.uri;
      if (callerContact && calleeContact) {
        this.dialogs.set(response.callId, {
          callId: response.callId,
          caller: contactKey(callerContact),
          callee: contactKey(calleeContact),
          from: fork.invite.getHeader('from')!,
          to: response.getHeader('to')!,
          callerCseq: fork.invite.cseq,
          calleeCseq: 0,
        });
      }
    } else {
      this.ackBranch(peer, response, target);
      if (!fork.best || status === 486 || (fork.best.status !== 486 && status < fork.best.status)) fork.best = { status, raw: forwarded };
    }
    if ([...fork.branches.values()].every((candidate) => candidate.final !== undefined)) {
      this.forks.delete(fork.key);
      if (!fork.answered && fork.best) this.send(fork.caller, fork.best.raw);
    }
  }

  /** ACKs a branch's non-2xx final response (hop-by-hop). */
  private ackBranch(peer: Peer, response: IncomingResponseMessage, target: Branch | undefined): void {
    if (!target) return;
    const ack = [
      `ACK ${target.uri} SIP/2.0`,
      `Via: SIP/2.0/WSS omni-edge.invalid;branch=${response.viaBranch}`,
      `From: ${response.getHeader('from')}`,
      `To: ${response.getHeader('to')}`,
      `Call-ID: ${response.callId}`,
      `CSeq: ${response.cseq} ACK`,
      'Max-Forwards: 70',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    this.send(peer.socket, ack);
  }

  private detach(peer: Peer): void {
    if (!this.peers.delete(peer.socket)) return;
    for (const registrations of this.registrations.values()) {
      for (const [key, registration] of registrations) if (registration.socket === peer.socket) registrations.delete(key);
    }
    for (const key of peer.contacts) if (this.contacts.get(key) === peer.socket) this.contacts.delete(key);
    for (const fork of this.forks.values()) {
      if (fork.caller === peer.socket && !fork.answered) {
        this.cancelBranches(fork);
        this.forks.delete(fork.key);
      }
    }
    for (const dialog of this.dialogs.values()) {
      const side = peer.contacts.has(dialog.caller) ? 'caller' : peer.contacts.has(dialog.callee) ? 'callee' : undefined;
      if (!side || dialog.grace) continue;
      dialog.grace = setTimeout(() => this.hangUpFor(dialog, side), this.options.dialogGraceMs ?? 15000);
    }
  }

  /** Ends a dialog whose `gone` side did not come back: BYE to the side still connected. */
  private hangUpFor(dialog: Dialog, gone: 'caller' | 'callee'): void {
    this.dialogs.delete(dialog.callId);
    const otherKey = gone === 'caller' ? dialog.callee : dialog.caller;
    const socket = this.contacts.get(otherKey);
    if (!socket) return;
    const [user, host] = otherKey.split('@');
    const bye = [
      `BYE sip:${user}@${host};transport=ws SIP/2.0`,
      `Via: SIP/2.0/WSS omni-edge.invalid;branch=${newBranch()}`,
      `From: ${gone === 'caller' ? dialog.from : dialog.to}`,
      `To: ${gone === 'caller' ? dialog.to : dialog.from}`,
      `Call-ID: ${dialog.callId}`,
      `CSeq: ${(gone === 'caller' ? dialog.callerCseq : dialog.calleeCseq) + 1} BYE`,
      'Max-Forwards: 70',
      'Reason: SIP;cause=480;text="Peer connection lost"',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n');
    this.send(socket, bye);
  }
}
