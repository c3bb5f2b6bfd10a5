/**
 * The built-in SIP-over-WebSocket edge (RFC 7118) of the embedded default: digest auth with the
 * ephemeral credentials, a registrar for agents (they register their queue's address), a guest's
 * INVITE forked to the queue's registered agents (first answer wins, the others get CANCEL),
 * in-dialog requests and responses routed by the socket a Contact was seen on (sip.js uses
 * `.invalid` hosts), and a BYE to the other side when a socket goes away and does not come back.
 *
 * Trust: nothing from a socket that has not authenticated reaches another socket, and routing
 * state (contacts, registrations, dialogs) changes only for authenticated sockets. A contact
 * belongs to the identity that first showed it; in-dialog requests come from the dialog's two
 * sides only; a response is taken only from the socket its request was sent to.
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { CloseCode, ProtocolHeader } from '../../src/core/protocol.js';
import type { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import type { IncomingResponseMessage } from 'sip.js/lib/core/messages/incoming-response-message.js';
import type { SipIdentity } from './credentials.js';
import { challenge, verifyDigest } from './digest.js';
import { badRequestFor, buildRequest, buildResponse, isRequest, parseSip, popVia, pushVia, setHeader, setRequestUri } from './message.js';

/** What the edge needs from the rest of the server. */
export interface SipEdgeOptions {
  secret: string;
  domain: string;
  /** The queue a customer may call (its integration's). */
  queueOfCustomer(identity: SipIdentity): Promise<string | undefined>;
  /** The queues an agent serves (as recorded when its credentials were issued). */
  queuesOfAgent(identity: SipIdentity): Promise<string[]>;
  /** The customer's conversation, stamped on its INVITE as `X-Omni-Conversation`. */
  conversationOfCustomer(identity: SipIdentity): Promise<string | undefined>;
  /** How long a dialog waits for a dropped socket to come back before sending BYE. */
  dialogGraceMs?: number;
  /** How long a socket may stay unauthenticated before it is closed. Default 60000. */
  authTimeoutMs?: number;
}

/** Header carrying the conversation of a call. */
export const CONVERSATION_HEADER = ProtocolHeader.sipConversation;
const BRANCH_PREFIX = 'z9hG4bKomni';
const MAX_MESSAGE_BYTES = 64 * 1024;
/** Contacts one socket may claim (a UA has one; a hostile socket must not grow the table without end). */
const MAX_CONTACTS_PER_SOCKET = 8;

interface Peer { socket: WebSocket; identity?: SipIdentity; contacts: Set<string>; authTimer?: NodeJS.Timeout }
/** Where a contact is reached, and whose it is (a participant id). */
interface Contact { socket: WebSocket; owner: string }
interface Registration { uri: string; socket: WebSocket; owner: string; expiresAt: number }
interface Branch { socket: WebSocket; uri: string; raw: string; final?: number }
interface Fork { key: string; caller: WebSocket; callerId: string; invite: IncomingRequestMessage; branches: Map<string, Branch>; answered: boolean; best?: { status: number; raw: string } }
/** A request the edge forwarded: its answer is taken from `target` only and goes back to `source`. */
interface Transaction { source?: WebSocket; target: WebSocket; fork?: Fork; method: string }
interface Dialog {
  callId: string;
  /** Contact keys of the two sides, and who they are. */
  caller: string;
  callee: string;
  callerId: string;
  calleeId: string;
  from: string;
  to: string;
  callerCseq: number;
  calleeCseq: number;
  grace?: NodeJS.Timeout;
}

const contactKey = (uri: { user?: string | undefined; host: string }): string => `${uri.user ?? ''}@${uri.host}`.toLowerCase();
const newBranch = (): string => `${BRANCH_PREFIX}${randomBytes(8).toString('hex')}`;

/** One edge instance; `attach` each accepted WebSocket. */
export class SipEdge {
  private readonly peers = new Map<WebSocket, Peer>();
  private readonly contacts = new Map<string, Contact>();
  private readonly registrations = new Map<string, Map<string, Registration>>();
  private readonly transactions = new Map<string, Transaction>();
  private readonly forks = new Map<string, Fork>();
  private readonly dialogs = new Map<string, Dialog>();

  constructor(private readonly options: SipEdgeOptions) {}

  /** Number of live registrations of a queue (for tests and health). */
  registered(queue: string): number {
    return this.registrations.get(queue)?.size ?? 0;
  }

  /** Closes every SIP socket of `participantId` (an agent was disabled). */
  disconnect(participantId: string): void {
    for (const peer of this.peers.values()) {
      if (peer.identity?.participant.id === participantId) peer.socket.close(CloseCode.agentDisabled, 'Agent disabled.');
    }
  }

  /** Serves one SIP WebSocket. */
  attach(socket: WebSocket): void {
    const peer: Peer = { socket, contacts: new Set() };
    this.peers.set(socket, peer);
    peer.authTimer = setTimeout(() => {
      if (!peer.identity) socket.close(CloseCode.authTimeout, 'No authenticated SIP request in time.');
    }, this.options.authTimeoutMs ?? 60000);
    peer.authTimer.unref();
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
    if (isRequest(message)) await this.onRequest(peer, message);
    else this.onResponse(peer, message as IncomingResponseMessage);
    // Only an authenticated socket (possibly just now, by this very message) may claim a contact.
    if (peer.identity && this.peers.has(peer.socket)) this.learnContact(peer, peer.identity, message);
  }

  private learnContact(peer: Peer, identity: SipIdentity, message: IncomingRequestMessage | IncomingResponseMessage): void {
    if (!message.hasHeader('contact')) return;
    const uri = message.parseHeader('contact')?.uri;
    if (!uri?.host) return;
    const key = contactKey(uri);
    const owner = identity.participant.id;
    // Someone else's contact is never re-pointed, not even while its socket is away.
    const current = this.contacts.get(key);
    if (current && current.owner !== owner) return;
    if (!peer.contacts.has(key) && peer.contacts.size >= MAX_CONTACTS_PER_SOCKET) return;
    const sides = [...this.dialogs.values()].filter((dialog) => dialog.caller === key || dialog.callee === key);
    if (sides.some((dialog) => (dialog.caller === key ? dialog.callerId : dialog.calleeId) !== owner)) return;
    this.contacts.set(key, { socket: peer.socket, owner });
    peer.contacts.add(key);
    // A dialog whose side came back on a new socket no longer needs tearing down.
    for (const dialog of sides) {
      if (dialog.grace) {
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
      if (peer.identity && peer.identity.participant.id !== result.identity.participant.id) {
        this.reply(peer, request, 403, 'One Identity Per Socket');
        return undefined;
      }
      peer.identity = result.identity;
      clearTimeout(peer.authTimer);
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

  private async onRegister(peer: Peer, request: IncomingRequestMessage): Promise<void> {
    const identity = this.authenticate(peer, request);
    if (!identity) return;
    const queue = request.to.uri.user ?? '';
    // The queues may live in Redis (credentials fetched from another process): the socket may be gone after the wait.
    const queues = identity.participant.role === 'agent' ? await this.options.queuesOfAgent(identity) : [];
    if (!this.peers.has(peer.socket)) return;
    if (!queues.includes(queue)) {
      return this.reply(peer, request, 403, 'Forbidden');
    }
    const contact = request.parseHeader('contact');
    if (!contact?.uri) return this.reply(peer, request, 400, 'Missing Contact');
    const expiresParam = contact.getParam?.('expires');
    const expires = Math.min(3600, Number(expiresParam ?? request.getHeader('expires') ?? 600));
    const key = contactKey(contact.uri);
    let queueRegistrations = this.registrations.get(queue);
    if (!queueRegistrations) this.registrations.set(queue, (queueRegistrations = new Map()));
    const owner = identity.participant.id;
    if ((queueRegistrations.get(key)?.owner ?? owner) !== owner) return this.reply(peer, request, 403, 'Contact Registered By Another Agent');
    if (!Number.isFinite(expires) || expires <= 0) queueRegistrations.delete(key);
    else queueRegistrations.set(key, { uri: contact.uri.toString(), socket: peer.socket, owner, expiresAt: Date.now() + expires * 1000 });
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
    const fork: Fork = {
      key: `${request.callId} ${request.viaBranch}`,
      caller: peer.socket,
      callerId: identity.participant.id,
      invite: request,
      branches: new Map(),
      answered: false,
    };
    this.forks.set(fork.key, fork);
    for (const [, registration] of targets) {
      const branch = newBranch();
      let raw = setRequestUri(request.data, registration.uri);
      raw = setHeader(raw, CONVERSATION_HEADER, conversationId);
      raw = pushVia(raw, `SIP/2.0/WSS omni-edge.invalid;branch=${branch}`);
      fork.branches.set(branch, { socket: registration.socket, uri: registration.uri, raw });
      this.transactions.set(branch, { source: peer.socket, target: registration.socket, fork, method: 'INVITE' });
      this.send(registration.socket, raw);
    }
  }

  private onCancel(peer: Peer, request: IncomingRequestMessage): void {
    // Only the socket that sent the INVITE may cancel it.
    const found = this.forks.get(`${request.callId} ${request.viaBranch}`);
    const fork = found?.caller === peer.socket ? found : undefined;
    this.reply(peer, request, fork ? 200 : 481, fork ? 'OK' : 'Call/Transaction Does Not Exist');
    if (fork && !fork.answered) this.cancelBranches(fork);
  }

  private cancelBranches(fork: Fork, except?: string): void {
    for (const [branch, target] of fork.branches) {
      if (branch === except || target.final !== undefined) continue;
      const invite = parseSip(target.raw) as IncomingRequestMessage | undefined;
      if (!invite) continue;
      const from = invite.getHeader('from') ?? '';
      const to = invite.getHeader('to') ?? '';
      this.send(target.socket, buildRequest({ method: 'CANCEL', uri: target.uri, branch, from, to, callId: invite.callId, cseq: invite.cseq }));
    }
  }

  /** An in-dialog request goes from one side of a known dialog to the other; an unauthenticated socket is challenged first (an ACK, which can't be, is dropped). */
  private routeInDialog(peer: Peer, request: IncomingRequestMessage): void {
    const identity = peer.identity ?? (request.method === 'ACK' ? undefined : this.authenticate(peer, request));
    if (!identity) return;
    const dialog = this.dialogs.get(request.callId);
    const id = identity.participant.id;
    const side = dialog?.callerId === id ? 'caller' : dialog?.calleeId === id ? 'callee' : undefined;
    if (!dialog || !side) return this.reply(peer, request, 481, 'Call/Transaction Does Not Exist');
    const socket = this.contacts.get(side === 'caller' ? dialog.callee : dialog.caller)?.socket;
    if (!socket) return this.reply(peer, request, 480, 'Temporarily Unavailable');
    if (side === 'caller') dialog.callerCseq = Math.max(dialog.callerCseq, request.cseq);
    else dialog.calleeCseq = Math.max(dialog.calleeCseq, request.cseq);
    if (request.method === 'BYE') this.dialogs.delete(request.callId);
    if (request.method === 'ACK') return this.send(socket, request.data);
    const branch = newBranch();
    this.transactions.set(branch, { source: peer.socket, target: socket, method: request.method });
    this.send(socket, pushVia(request.data, `SIP/2.0/WSS omni-edge.invalid;branch=${branch}`));
  }

  private onResponse(peer: Peer, response: IncomingResponseMessage): void {
    const branch = response.viaBranch;
    const transaction = branch?.startsWith(BRANCH_PREFIX) ? this.transactions.get(branch) : undefined;
    // Only the socket the request went to may answer it.
    if (!transaction || transaction.target !== peer.socket) return;
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
      const calleeId = peer.identity?.participant.id;
      if (callerContact?.host && calleeContact?.host && calleeId) {
        this.dialogs.set(response.callId, {
          callId: response.callId,
          caller: contactKey(callerContact),
          callee: contactKey(calleeContact),
          callerId: fork.callerId,
          calleeId,
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
    const from = response.getHeader('from') ?? '';
    const to = response.getHeader('to') ?? '';
    this.send(peer.socket, buildRequest({ method: 'ACK', uri: target.uri, branch: response.viaBranch, from, to, callId: response.callId, cseq: response.cseq }));
  }

  private detach(peer: Peer): void {
    if (!this.peers.delete(peer.socket)) return;
    clearTimeout(peer.authTimer);
    for (const registrations of this.registrations.values()) {
      for (const [key, registration] of registrations) if (registration.socket === peer.socket) registrations.delete(key);
    }
    for (const key of peer.contacts) if (this.contacts.get(key)?.socket === peer.socket) this.contacts.delete(key);
    for (const fork of this.forks.values()) {
      if (fork.caller === peer.socket && !fork.answered) {
        this.cancelBranches(fork);
        this.forks.delete(fork.key);
      }
    }
    for (const dialog of this.dialogs.values()) {
      const side = peer.contacts.has(dialog.caller) ? 'caller' : peer.contacts.has(dialog.callee) ? 'callee' : undefined;
      if (!side || dialog.grace) continue;
      // Unref'd: a BYE still pending must not keep a stopping process alive.
      dialog.grace = setTimeout(() => this.hangUpFor(dialog, side), this.options.dialogGraceMs ?? 15000).unref();
    }
  }

  /** Ends a dialog whose `gone` side did not come back: BYE to the side still connected. */
  private hangUpFor(dialog: Dialog, gone: 'caller' | 'callee'): void {
    this.dialogs.delete(dialog.callId);
    const otherKey = gone === 'caller' ? dialog.callee : dialog.caller;
    const socket = this.contacts.get(otherKey)?.socket;
    if (!socket) return;
    const [user, host] = otherKey.split('@');
    this.send(socket, buildRequest({
      method: 'BYE',
      uri: `sip:${user}@${host};transport=ws`,
      branch: newBranch(),
      from: gone === 'caller' ? dialog.from : dialog.to,
      to: gone === 'caller' ? dialog.to : dialog.from,
      callId: dialog.callId,
      cseq: (gone === 'caller' ? dialog.callerCseq : dialog.calleeCseq) + 1,
      extra: ['Reason: SIP;cause=480;text="Peer connection lost"'],
    }));
  }
}
