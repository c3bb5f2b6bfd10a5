// A lean HTTP/1.1 keep-alive client connection for the guests: one request in flight at a time
// (the rest wait their turn, as on a browser's connection), written as one string, answered by
// status code (the body is skipped). node:http's client costs several times more CPU a request,
// and the generator shares the machine with the server it measures.
import { connect } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');
const CHUNKED_END = Buffer.from('\r\n0\r\n\r\n');

/** One keep-alive connection to `host:port`, (re)opened on demand. */
export class KeepAliveConnection {
  constructor(host, port) {
    this.host = host;
    this.port = port;
    this.socket = undefined;
    this.queue = [];
    this.inFlight = undefined;
    this.buffer = Buffer.alloc(0);
  }

  /** Sends a request; `done(status)` once its response is complete, `done(error)` if the connection failed first. */
  request(method, path, headers, body, done) {
    const head = `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('')}content-length: ${Buffer.byteLength(body)}\r\n\r\n`;
    this.queue.push({ text: head + body, done });
    if (!this.inFlight) this.next();
  }

  next() {
    const request = this.queue.shift();
    if (!request) return;
    this.inFlight = request;
    if (!this.socket || this.socket.destroyed) this.open();
    this.socket.write(request.text);
  }

  open() {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => this.receive(chunk));
    const fail = (error) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      const failed = [this.inFlight, ...this.queue].filter(Boolean);
      this.inFlight = undefined;
      this.queue = [];
      for (const request of failed) request.done(error ?? new Error('connection closed'));
    };
    socket.on('error', fail);
    socket.on('close', () => fail(Object.assign(new Error('connection closed by the server'), { code: 'closed-by-server' })));
  }

  receive(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const headerEnd = this.buffer.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const header = this.buffer.toString('latin1', 0, headerEnd);
    const status = Number(header.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
    let end;
    if (length) end = headerEnd + 4 + Number(length[1]);
    else if (/\r\ntransfer-encoding:\s*chunked/i.test(header)) {
      const last = this.buffer.indexOf(CHUNKED_END, headerEnd);
      end = last < 0 ? Infinity : last + CHUNKED_END.length;
    } else end = headerEnd + 4;
    if (this.buffer.length < end) return;
    this.buffer = this.buffer.subarray(end);
    const request = this.inFlight;
    this.inFlight = undefined;
    if (/\r\nconnection:\s*close/i.test(header)) {
      const socket = this.socket;
      this.socket = undefined;
      socket.removeAllListeners('close');
      socket.on('close', () => {});
      socket.destroy();
    }
    request?.done(status);
    this.next();
  }

  /** Closes the connection; requests still waiting are dropped. */
  destroy() {
    this.queue = [];
    this.inFlight = undefined;
    const socket = this.socket;
    this.socket = undefined;
    socket?.destroy();
  }
}
