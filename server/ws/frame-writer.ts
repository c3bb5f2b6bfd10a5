/**
 * How the events socket writes frames cheaply when one bus message fans out to many sockets: the
 * frame is serialised once per bus message (not once per socket) into a Buffer every socket
 * sends as is, and a socket's writes within one tick go out in one `writev` (the TCP socket is
 * corked at its first write and uncorked on the next tick, so a burst, such as a join and its
 * message or a chunk of Redis messages, costs one system call a socket instead of one a frame).
 */
import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { ServerFrame } from '../../src/core/protocol.js';
import type { BusMessage } from '../bus/event-bus.js';

/** Serialised frames of bus messages, kept while the message object is (the bus hands every listener the same object). */
const serialised = new WeakMap<BusMessage, Buffer>();

/** The frame a bus message becomes on the events socket. */
function frameOf(message: Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>): ServerFrame {
  if (message.type === 'event') return { type: 'event', event: message.event };
  if (message.type === 'conversation') return { type: 'conversation', conversation: message.conversation };
  return message as ServerFrame;
}

/** The bytes of a bus message's frame, serialised on first use and shared by every socket it fans out to. */
export function busFrame(message: Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>): Buffer {
  let bytes = serialised.get(message);
  if (!bytes) {
    bytes = Buffer.from(JSON.stringify(frameOf(message)));
    serialised.set(message, bytes);
  }
  return bytes;
}

/** TCP sockets corked since the last flush. */
const corked = new Set<Socket>();
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  for (const socket of corked) socket.uncork();
  corked.clear();
}

/** Sends a text frame (a string, or the UTF-8 bytes of one) on `socket`, batched with the socket's other writes of this tick. */
export function writeFrame(socket: WebSocket, data: string | Buffer): void {
  const tcp = (socket as unknown as { _socket?: Socket })._socket;
  if (tcp && !tcp.destroyed && !corked.has(tcp)) {
    tcp.cork();
    corked.add(tcp);
    if (!flushScheduled) {
      flushScheduled = true;
      // After the current callback and its microtasks: no added latency, only what this tick produced is merged.
      process.nextTick(flush);
    }
  }
  socket.send(data, { binary: false });
}
