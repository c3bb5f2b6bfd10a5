/** Test SIP-over-WebSocket clients for the built-in edge: raw messages, digest answers, a registered agent. */
import { createHash, randomBytes } from 'node:crypto';
import WebSocket from 'ws';

/** A raw SIP socket that keeps every message it receives. */
export interface SipTestClient {
  socket: WebSocket;
  /** Every message received so far, oldest first. */
  received: string[];
  /** The next received message matching `match` (a first-line prefix or a test), or rejects after `timeoutMs`. */
  next(match?: string | ((text: string) => boolean), timeoutMs?: number): Promise<string>;
  send(text: string): void;
  closed: Promise<number>;
  close(): void;
}

/** Opens `WS /sip` with the `sip` subprotocol. */
export async function openSip(url: string): Promise<SipTestClient> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/sip`, 'sip');
  const received: string[] = [];
  const waiting: string[] = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    received.push(String(data));
    waiting.push(String(data));
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    received,
    closed,
    send: (text) => socket.send(text),
    close: () => socket.close(),
    async next(match, timeoutMs = 3000) {
      const test = typeof match === 'function' ? match : (text: string) => match === undefined || text.startsWith(match);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = waiting.findIndex(test);
        if (index >= 0) return waiting.splice(index, 1)[0]!;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no SIP message ${String(match ?? '')} within ${timeoutMs} ms; got ${JSON.stringify(waiting)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => { clearTimeout(timer); resolve(); });
        });
      }
    },
  };
}

/** Fields of a request built by `sipRequest`. */
export interface RequestFields {
  method: string;
  uri: string;
  callId: string;
  cseq?: number;
  from?: string;
  to?: string;
  contact?: string;
  branch?: string;
  extra?: string[];
  body?: string;
}

/** A SIP request as sip.js would send it over WebSocket. */
export function sipRequest(fields: RequestFields): string {
  const body = fields.body ?? '';
  return [
    `${fields.method} ${fields.uri} SIP/2.0`,
    `Via: SIP/2.0/WSS ${randomBytes(4).toString('hex')}.invalid;branch=${fields.branch ?? `z9hG4bK${randomBytes(6).toString('hex')}`}`,
    'Max-Forwards: 70',
    `From: ${fields.from ?? `<sip:someone@omni.local>;tag=${randomBytes(4).toString('hex')}`}`,
    `To: ${fields.to ?? `<${fields.uri}>`}`,
    `Call-ID: ${fields.callId}`,
    `CSeq: ${fields.cseq ?? 1} ${fields.method}`,
    ...(fields.contact ? [`Contact: <${fields.contact}>`] : []),
    ...(fields.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}

/** One header's value (the first line of that name), or undefined. */
export function header(text: string, name: string): string | undefined {
  const line = text.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(line.indexOf(':') + 1).trim();
}

/** A response to `request` as a UA sends it: every Via, From, To (tagged), Call-ID, CSeq copied. */
export function sipResponse(request: string, status: number, reason: string, extra: string[] = []): string {
  const lines = request.split('\r\n');
  const vias = lines.filter((line) => /^via:/i.test(line));
  const to = header(request, 'to')!;
  return [
    `SIP/2.0 ${status} ${reason}`,
    ...vias,
    `From: ${header(request, 'from')}`,
    `To: ${/;tag=/.test(to) ? to : `${to};tag=${randomBytes(4).toString('hex')}`}`,
    `Call-ID: ${header(request, 'call-id')}`,
    `CSeq: ${header(request, 'cseq')}`,
    ...extra,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

const md5 = (value: string): string => createHash('md5').update(value).digest('hex');

/** The Authorization header answering `challenge` (a 401's WWW-Authenticate) for `method` `uri`. */
export function digestAnswer(challenge: string, username: string, password: string, method: string, uri: string): string {
  const realm = /realm="([^"]*)"/.exec(challenge)?.[1] ?? '';
  const nonce = /nonce="([^"]*)"/.exec(challenge)?.[1] ?? '';
  const ha1 = md5(`${username}:${realm}:${password}`);
  const response = md5(`${ha1}:${nonce}:00000001:cn0nce:auth:${md5(`${method}:${uri}`)}`);
  return `Authorization: Digest username="${username}", realm="${realm}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5, qop=auth, nc=00000001, cnonce="cn0nce"`;
}

/** Sends a request, answers the 401 with digest credentials, and resolves with the final response. */
export async function sendAuthenticated(client: SipTestClient, fields: RequestFields, credentials: { username: string; password: string }): Promise<string> {
  const callId = fields.callId;
  const final = (text: string) => text.startsWith('SIP/2.0 ') && !text.startsWith('SIP/2.0 1') && header(text, 'call-id') === callId;
  client.send(sipRequest(fields));
  const challenge = await client.next(final);
  if (!challenge.startsWith('SIP/2.0 401')) return challenge;
  const authorization = digestAnswer(header(challenge, 'www-authenticate')!, credentials.username, credentials.password, fields.method, fields.uri);
  client.send(sipRequest({ ...fields, cseq: (fields.cseq ?? 1) + 1, extra: [...(fields.extra ?? []), authorization] }));
  return client.next(final);
}

/** A registered agent: its socket, and the contact it registered. */
export interface RegisteredAgent { client: SipTestClient; contact: string; username: string; password: string }

/** Fetches an agent's SIP credentials with its JWT and registers `contact` for its queue. */
export async function registerAgent(url: string, agentJwt: string, contactUser = `ag${randomBytes(4).toString('hex')}`): Promise<RegisteredAgent> {
  const answer = await fetch(`${url}/v1/sip/credentials`, { method: 'POST', headers: { authorization: `Bearer ${agentJwt}` } });
  const credentials = (await answer.json()) as { username: string; password: string; aor: string };
  const client = await openSip(url);
  const contact = `sip:${contactUser}@${contactUser}.invalid;transport=ws`;
  const response = await sendAuthenticated(
    client,
    { method: 'REGISTER', uri: 'sip:omni.local', callId: `reg-${contactUser}`, from: `<${credentials.aor}>;tag=r1`, to: `<${credentials.aor}>`, contact, extra: ['Expires: 600'] },
    credentials,
  );
  if (!response.startsWith('SIP/2.0 200')) throw new Error(`REGISTER failed: ${response}`);
  return { client, contact, ...credentials };
}

/** A call between a customer socket and a registered agent. */
export interface TestCall {
  customer: SipTestClient;
  callId: string;
  from: string;
  /** The To header once answered (with the agent's tag). */
  to: string;
  contact: string;
  /** Via branch of the authenticated INVITE (its CANCEL must carry it). */
  branch: string;
  /** The INVITE as the agent received it. */
  invite: string;
}

/** A customer's authenticated INVITE to its queue, forwarded to `agent`; with `answer` the agent accepts and the customer ACKs (a dialog). */
export async function placeCall(url: string, agent: RegisteredAgent, credentials: { username: string; password: string }, answer = true): Promise<TestCall> {
  const queueUri = 'sip:support@omni.local';
  const customer = await openSip(url);
  const hex = () => randomBytes(4).toString('hex');
  const callId = `call-${hex()}`;
  const from = `<sip:${credentials.username.split(':')[1]}@omni.local>;tag=${hex()}`;
  const contact = `sip:cu${hex()}@cu${hex()}.invalid;transport=ws`;
  const branch = `z9hG4bK${hex()}`;
  customer.send(sipRequest({ method: 'INVITE', uri: queueUri, callId, from, contact }));
  const challenge = await customer.next('SIP/2.0 401');
  const authorization = digestAnswer(header(challenge, 'www-authenticate')!, credentials.username, credentials.password, 'INVITE', queueUri);
  customer.send(sipRequest({ method: 'INVITE', uri: queueUri, callId, cseq: 2, from, contact, branch, extra: [authorization] }));
  const invite = await agent.client.next('INVITE ');
  let to = `<${queueUri}>`;
  if (answer) {
    agent.client.send(sipResponse(invite, 200, 'OK', [`Contact: <${agent.contact}>`]));
    to = header(await customer.next('SIP/2.0 200'), 'to')!;
    customer.send(sipRequest({ method: 'ACK', uri: agent.contact, callId, cseq: 2, from, to }));
    await agent.client.next('ACK ');
  }
  return { customer, callId, from, to, contact, branch, invite };
}

/** Marks what `clients` have received so far; the returned check waits `ms` and lists anything that arrived since. */
export function arrivalsSince(...clients: SipTestClient[]): (ms?: number) => Promise<string[]> {
  const marks = clients.map((client) => client.received.length);
  return async (ms = 300) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return clients.flatMap((client, index) => client.received.slice(marks[index]));
  };
}
