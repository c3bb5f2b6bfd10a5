// The events socket's fan-out writes (server/ws/frame-writer.ts) on a real ws server and client:
// a bus message is serialised once whatever the number of sockets, and a socket's frames of one
// tick leave in one corked write, as text frames, in order.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import type { BusMessage } from '../bus/event-bus.js';
import { busFrame, writeFrame } from '../ws/frame-writer.js';

let server: WebSocketServer;
let url: string;
const accepted: WebSocket[] = [];

before(async () => {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  server.on('connection', (socket) => accepted.push(socket));
  await new Promise((resolve) => server.once('listening', resolve));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  for (const socket of server.clients) socket.terminate();
  await new Promise((resolve) => server.close(resolve));
});

/** Resolves once `ready()` holds; fails after 10 s. */
async function until(ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A client connected to the server, and the server's side of it (connect one at a time). */
async function connect(): Promise<{ client: WebSocket; peer: WebSocket; frames: Array<{ text: string; binary: boolean }> }> {
  const known = accepted.length;
  const client = new WebSocket(url);
  const frames: Array<{ text: string; binary: boolean }> = [];
  client.on('message', (data, isBinary) => frames.push({ text: String(data), binary: isBinary }));
  await new Promise((resolve, reject) => { client.once('open', resolve); client.once('error', reject); });
  await until(() => accepted.length > known, 'the server side of the connection');
  return { client, peer: accepted[known]!, frames };
}

const event: BusMessage = {
  type: 'event',
  event: {
    conversationId: 'conv_1', seq: 7, type: 'message', createdAt: '2026-11-25T12:00:00.000Z',
    author: { id: 'customer:demo:ann', role: 'customer', displayName: 'Ann ✓' },
    message: { id: 'msg_1', clientMessageId: 'cm-1', type: 'text', text: 'héllo "there"' },
  },
};

test('a bus message is serialised once, as the frame the events socket sends for it', () => {
  const bytes = busFrame(event as Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>);
  assert.equal(busFrame(event as Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>), bytes, 'the same Buffer for every socket');
  assert.deepEqual(JSON.parse(bytes.toString('utf8')), { type: 'event', event: (event as { event: unknown }).event });
  const head: BusMessage = { type: 'conversation', conversation: { id: 'conv_1', lastSeq: 7 } };
  assert.deepEqual(JSON.parse(busFrame(head).toString('utf8')), { type: 'conversation', conversation: { id: 'conv_1', lastSeq: 7 } });
  const typing: BusMessage = { type: 'typing', conversationId: 'conv_1', participant: { id: 'agent:a', role: 'agent' }, active: true };
  assert.deepEqual(JSON.parse(busFrame(typing).toString('utf8')), typing);
  assert.notEqual(busFrame({ ...head }), busFrame(head), 'another message object is another frame');
});

test('frames written in one tick are held in one corked write until the next tick, then arrive in order as text', async () => {
  const { client, peer, frames } = await connect();
  const tcp = (peer as unknown as { _socket: Socket })._socket;
  const shared = busFrame(event as Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>);
  writeFrame(peer, '{"type":"pong","id":"1"}');
  writeFrame(peer, shared);
  writeFrame(peer, '{"type":"pong","id":"2"}');
  assert.equal(tcp.writableCorked, 1, 'corked once, whatever the number of frames');
  assert.ok(tcp.writableLength > shared.length, 'the three frames wait in the socket');
  await new Promise((resolve) => process.nextTick(resolve));
  assert.equal(tcp.writableCorked, 0, 'uncorked on the next tick');
  await until(() => frames.length === 3, 'three frames');
  assert.deepEqual(frames.map((frame) => frame.binary), [false, false, false], 'a shared Buffer still goes as a text frame');
  assert.deepEqual(frames.map((frame) => JSON.parse(frame.text).type), ['pong', 'event', 'pong']);
  assert.equal(frames[1]!.text, shared.toString('utf8'));
  client.close();
});

test('one frame fanned out to several sockets reaches each of them whole', async () => {
  const peers = [await connect(), await connect(), await connect()];
  const shared = busFrame(event as Exclude<BusMessage, { type: 'resync' | 'agent-disabled' }>);
  for (const { peer } of peers) writeFrame(peer, shared);
  for (const { frames } of peers) {
    await until(() => frames.length === 1, 'the frame');
    assert.equal(frames[0]!.text, shared.toString('utf8'));
  }
  for (const { client } of peers) client.close();
});
