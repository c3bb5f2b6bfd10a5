/**
 * SIP messages for the edge: parsing with sip.js's own core parser, and the few edits a proxy
 * makes to a message it forwards (top Via, Request-URI, one header), done on the raw text so the
 * rest of the message, body included, passes through byte for byte.
 */
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import type { IncomingRequestMessage } from 'sip.js/lib/core/messages/incoming-request-message.js';
import type { IncomingResponseMessage } from 'sip.js/lib/core/messages/incoming-response-message.js';

/** A parsed SIP message. */
export type SipMessage = IncomingRequestMessage | IncomingResponseMessage;

const quietLogger = { error() {}, warn() {}, log() {}, debug() {} };

/** Parses a SIP message; undefined when it is malformed. */
export function parseSip(data: string): SipMessage | undefined {
  try {
    const message = Parser.parseMessage(data, quietLogger as never);
    if (!message || !message.callId || !message.cseq || !message.getHeader('via') || !message.from || !message.to) return undefined;
    return message;
  } catch {
    return undefined;
  }
}

/** True for requests (responses have a status code). */
export const isRequest = (message: SipMessage): message is IncomingRequestMessage => !('statusCode' in message) || (message as IncomingResponseMessage).statusCode === undefined;

function split(raw: string): { start: string; headers: string[]; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const head = end >= 0 ? raw.slice(0, end) : raw;
  const body = end >= 0 ? raw.slice(end + 4) : '';
  const [start, ...headers] = head.split('\r\n');
  return { start: start!, headers, body };
}

function join(parts: { start: string; headers: string[]; body: string }): string {
  return `${parts.start}\r\n${parts.headers.join('\r\n')}\r\n\r\n${parts.body}`;
}

const isHeader = (line: string, names: string[]): boolean => {
  const name = line.slice(0, line.indexOf(':')).trim().toLowerCase();
  return names.includes(name);
};

/** Adds a Via on top. */
export function pushVia(raw: string, via: string): string {
  const parts = split(raw);
  parts.headers.unshift(`Via: ${via}`);
  return join(parts);
}

/** Removes the top Via (the first Via line, or its first value when a line holds several). */
export function popVia(raw: string): string {
  const parts = split(raw);
  const index = parts.headers.findIndex((line) => isHeader(line, ['via', 'v']));
  if (index < 0) return raw;
  const line = parts.headers[index]!;
  const values = line.slice(line.indexOf(':') + 1).split(',');
  if (values.length > 1) parts.headers[index] = `Via:${values.slice(1).join(',')}`;
  else parts.headers.splice(index, 1);
  return join(parts);
}

/** Replaces the Request-URI. */
export function setRequestUri(raw: string, uri: string): string {
  const parts = split(raw);
  const [method, , version] = parts.start.split(' ');
  parts.start = `${method} ${uri} ${version}`;
  return join(parts);
}

/** Sets a header (removing any existing one of that name, which a client must not forge). */
export function setHeader(raw: string, name: string, value: string | undefined): string {
  const parts = split(raw);
  parts.headers = parts.headers.filter((line) => !isHeader(line, [name.toLowerCase()]));
  if (value !== undefined) parts.headers.push(`${name}: ${value}`);
  return join(parts);
}

/** Builds a response to a request (Via, From, To, Call-ID, CSeq copied; To tag added for non-100). */
export function buildResponse(request: IncomingRequestMessage, status: number, reason: string, extra: string[] = [], toTag?: string): string {
  const lines = [`SIP/2.0 ${status} ${reason}`];
  for (const via of request.getHeaders('via')) lines.push(`Via: ${via}`);
  lines.push(`From: ${request.getHeader('from')}`);
  const to = request.getHeader('to')!;
  lines.push(`To: ${to}${status > 100 && !request.toTag && toTag ? `;tag=${toTag}` : ''}`);
  lines.push(`Call-ID: ${request.callId}`, `CSeq: ${request.cseq} ${request.method}`, ...extra, 'Server: omni-widget edge', 'Content-Length: 0');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** A minimal 400 for text we could not parse, built from whatever header lines are readable. */
export function badRequestFor(raw: string): string | undefined {
  const lines = raw.split('\r\n');
  if (!/^[A-Z]+ \S+ SIP\/2\.0$/.test(lines[0] ?? '')) return undefined;
  const pick = (names: string[]) => lines.filter((line) => isHeader(line, names));
  const via = pick(['via', 'v']);
  const needed = [pick(['from', 'f']), pick(['to', 't']), pick(['call-id', 'i']), pick(['cseq'])];
  if (via.length === 0 || needed.some((found) => found.length !== 1)) return undefined;
  return ['SIP/2.0 400 Bad Request', ...via, ...needed.map((found) => found[0]!), 'Content-Length: 0', '', ''].join('\r\n');
}

/** What an edge-built request (CANCEL, ACK, BYE) needs. */
export interface EdgeRequest {
  method: 'CANCEL' | 'ACK' | 'BYE';
  uri: string;
  branch: string;
  from: string;
  to: string;
  callId: string;
  cseq: number;
  extra?: string[];
}

/** A request the edge itself sends (a CANCEL of a fork branch, the hop-by-hop ACK of a non-2xx, a BYE for a lost peer). */
export function buildRequest(request: EdgeRequest): string {
  return [
    `${request.method} ${request.uri} SIP/2.0`,
    `Via: SIP/2.0/WSS omni-edge.invalid;branch=${request.branch}`,
    `From: ${request.from}`,
    `To: ${request.to}`,
    `Call-ID: ${request.callId}`,
    `CSeq: ${request.cseq} ${request.method}`,
    'Max-Forwards: 70',
    ...(request.extra ?? []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
