/** Raw HTTP for hostile-traffic tests: bytes on a TCP socket, and one-shot requests on their own connections. */
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** What came back on a raw connection. */
export interface RawExchange {
  /** Everything the server sent. */
  text: string;
  /** The status of the first response line, if any. */
  status: number | undefined;
  /** True when the server ended the connection (rather than our timeout). */
  serverClosed: boolean;
  /** Milliseconds from connect to the end. */
  ms: number;
}

/**
 * Connects to 127.0.0.1:`port`, writes `first`, then each of `trickle` every `everyMs` while the
 * connection lasts, and resolves when the server closes it or after `timeoutMs`.
 */
export function rawExchange(port: number, first: string | Buffer, options: { trickle?: string[]; everyMs?: number; timeoutMs?: number } = {}): Promise<RawExchange> {
  const { trickle = [], everyMs = 200, timeoutMs = 5000 } = options;
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    let serverClosed = false;
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    const finish = () => {
      if (settled) return;
      settled = true;
      timers.forEach((timer) => clearTimeout(timer));
      socket.destroy();
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1];
      resolve({ text, status: status ? Number(status) : undefined, serverClosed, ms: Date.now() - started });
    };
    socket.on('connect', () => {
      socket.write(first);
      trickle.forEach((chunk, index) => {
        timers.push(setTimeout(() => { if (!socket.destroyed) socket.write(chunk); }, everyMs * (index + 1)));
      });
    });
    socket.on('data', (chunk) => { text += chunk.toString('latin1'); });
    socket.on('end', () => { serverClosed = true; finish(); });
    socket.on('close', () => { serverClosed = true; finish(); });
    socket.on('error', () => { serverClosed = true; finish(); });
    timers.push(setTimeout(finish, timeoutMs));
  });
}

/** A WebSocket handshake for `path` (valid unless the caller changes it). */
export const upgradeRequest = (path: string, extra: string[] = []): string =>
  [
    `GET ${path} HTTP/1.1`,
    'Host: 127.0.0.1',
    'Connection: Upgrade',
    'Upgrade: websocket',
    'Sec-WebSocket-Version: 13',
    'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ...extra,
    '',
    '',
  ].join('\r\n');

/** One request on its own connection (closed afterwards): resolves with the status, 0 when the connection failed, -1 when Node would not send it. */
export function oneShot(url: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve) => {
    const target = new URL(url);
    let request;
    try {
      request = httpRequest({ host: target.hostname, port: target.port, method, path, headers, agent: false, timeout: 10000 }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        response.on('error', () => resolve({ status: response.statusCode ?? 0, text: '' }));
      });
    } catch {
      // Node's client refuses to send it (an invalid header or path): nothing reached the server.
      return resolve({ status: -1, text: '' });
    }
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve({ status: 0, text: '' }));
    request.end(body);
  });
}
