// The floor: the same traffic shape as the reference server without validation, authentication,
// storage or a bus. A plain node http server takes `POST /v1/conversations/:id/messages` (JSON
// parsed, an event built and numbered), answers 201 with the event, and forwards it as an `event`
// frame over `ws` to the agents' sockets and the sending guest's socket; `WS /v1/events` answers the
// `auth` frame with a `welcome` naming one conversation per guest. Run as its own process (so its CPU
// and memory are measured like the server's): `node bench/load/relay.mjs` prints `relay on <url>`.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer } from 'ws';

const agents = new Set();
/** Conversation id -> the guest socket following it. */
const guests = new Map();
const seqs = new Map();

const server = createServer((request, response) => {
  const match = /^\/v1\/conversations\/([^/]+)\/messages$/.exec(request.url ?? '');
  if (request.method !== 'POST' || !match) return response.writeHead(404).end();
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return response.writeHead(400).end();
    }
    const conversationId = match[1];
    const seq = (seqs.get(conversationId) ?? 0) + 1;
    seqs.set(conversationId, seq);
    const event = {
      conversationId, seq, createdAt: new Date().toISOString(),
      author: { id: `customer:demo:${conversationId}`, role: 'customer', displayName: 'Guest' },
      type: 'message', message: { id: `msg_${randomUUID()}`, clientMessageId: body.clientMessageId, type: 'text', text: body.text },
    };
    const frame = JSON.stringify({ type: 'event', event });
    for (const agent of agents) agent.send(frame);
    guests.get(conversationId)?.send(frame);
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(event));
  });
});
server.keepAliveTimeout = 72_000;

const sockets = new WebSocketServer({ server, path: '/v1/events' });
sockets.on('connection', (socket) => {
  socket.once('message', (data) => {
    const jwt = JSON.parse(String(data)).jwt ?? '';
    const agent = jwt.startsWith('agent');
    const conversationId = `conv_${jwt}`;
    if (agent) agents.add(socket);
    else guests.set(conversationId, socket);
    socket.on('close', () => (agent ? agents.delete(socket) : guests.delete(conversationId)));
    socket.on('message', (frame) => {
      if (String(frame).includes('"ping"')) socket.send('{"type":"pong"}');
    });
    socket.send(JSON.stringify({ type: 'welcome', conversations: agent ? [] : [{ id: conversationId, lastSeq: 0 }], heartbeatMs: 25000 }));
  });
});

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`relay on http://127.0.0.1:${server.address().port}\n`);
});
process.on('SIGTERM', () => {
  for (const socket of sockets.clients) socket.terminate();
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
