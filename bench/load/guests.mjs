// Guests, in a child process of bench/load.mjs (several for thousands of guests), so generating
// load does not slow the process that measures. Each guest keeps its events socket open (auth frame,
// welcome, pongs) and POSTs a text message once a second, at its own random phase within the second,
// over keep-alive HTTP (one connection per guest, like a browser each, or a shared pool of N). The
// text starts with the send time (process.hrtime: the system-wide monotonic clock, so the agent in
// the parent can subtract). Driven over IPC: setup -> ready, warmup -> warmed, run -> done, close;
// the parent gives the start time (hrtime ns) so every generator's schedule and window agree.
import { WebSocket } from 'ws';
import { KeepAliveConnection } from './http-connection.mjs';

const now = () => performance.now();
/** performance.now() at the hrtime instant `ns` (a decimal string). */
const atHrtime = (ns) => now() + Number(BigInt(ns) - process.hrtime.bigint()) / 1e6;

let guests = [];
let connections = [];
let unexpectedCloses = 0;
const closeCodes = {};
let acceptingCloses = false;
/** 2xx answers over the whole life (warm-up, settling, window and after), to know how many events the agent should get. */
let answeredOk = 0;

/** Opens one guest's events socket; resolves once welcomed (the welcome names the guest's conversation). */
function connectSocket(guest) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${guest.wsUrl.replace(/^http/, 'ws')}/v1/events`);
    guest.socket = socket;
    const timer = setTimeout(() => reject(new Error('no welcome within 30 s')), 30_000);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', jwt: guest.jwt })));
    socket.on('message', (data) => {
      if (!guest.conversationId) {
        const frame = JSON.parse(String(data));
        if (frame.type !== 'welcome') return reject(new Error(`expected welcome, got ${String(data).slice(0, 200)}`));
        guest.conversationId = frame.conversations[0]?.id;
        clearTimeout(timer);
        return resolve();
      }
      guest.received += 1;
      if (data.length < 64 && String(data).includes('"ping"')) socket.send('{"type":"pong"}');
    });
    socket.on('error', (error) => { clearTimeout(timer); reject(error); });
    socket.on('close', (code) => {
      if (!acceptingCloses) return;
      unexpectedCloses += 1;
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
    });
  });
}

/** A tally of outcomes: 2xx, other statuses, transport errors, response times and send lag (ms). */
const tally = () => ({ sent: 0, ok: 0, statuses: {}, errors: {}, responseMs: [], lagMs: [] });

function record(counts, outcome, startedAt) {
  if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) counts.ok += 1;
  else if (typeof outcome === 'number') counts.statuses[outcome] = (counts.statuses[outcome] ?? 0) + 1;
  else counts.errors[outcome.code ?? outcome.message] = (counts.errors[outcome.code ?? outcome.message] ?? 0) + 1;
  counts.responseMs.push(now() - startedAt);
}

/**
 * Sends on a schedule: guest j at t0 + phase_j * phaseScale + k s for k < rounds; resolves when every
 * response is in, or 5 s after the last send (the rest count as unanswered).
 */
function schedule(startNs, rounds, phaseScale, tag, counts, inWindow) {
  return new Promise((resolve) => {
    const order = [...guests].sort((a, b) => a.phase - b.phase);
    const t0 = atHrtime(startNs);
    const t0Ns = BigInt(startNs);
    let round = 0;
    let index = 0;
    let pending = 0;
    let finished = false;
    const finish = () => {
      if (!finished) resolve((finished = true));
    };
    const tick = () => {
      const at = now();
      while (round < rounds) {
        const guest = order[index];
        const due = t0 + round * 1000 + guest.phase * phaseScale;
        if (due > at) return void setTimeout(tick, Math.max(0, due - at));
        const sendNs = process.hrtime.bigint();
        const counted = inWindow(sendNs - t0Ns) ? counts : undefined;
        if (counted) {
          counted.sent += 1;
          counted.lagMs.push(now() - due);
        }
        const startedAt = now();
        pending += 1;
        const body = JSON.stringify({ clientMessageId: `g${guest.index}-${tag}${round}`, type: 'text', text: `${sendNs} g${guest.index} where is my order? ${tag}${round}` });
        guest.connection.request('POST', `/v1/conversations/${guest.conversationId}/messages`, guest.headers, body, (outcome) => {
          pending -= 1;
          if (typeof outcome === 'number' && outcome >= 200 && outcome < 300) answeredOk += 1;
          if (counted) record(counted, outcome, startedAt);
          if (round >= rounds && pending === 0) finish();
        });
        index += 1;
        if (index === order.length) [index, round] = [0, round + 1];
      }
      if (pending === 0) finish();
      setTimeout(finish, 5_000).unref();
    };
    setTimeout(tick, Math.max(0, t0 - now()));
  });
}

process.on('message', async (message) => {
  if (message.type === 'setup') {
    const pool = typeof message.connections === 'number' ? message.connections : 0;
    guests = message.guests.map((guest) => {
      const http = new URL(guest.httpUrl);
      const connection = new KeepAliveConnection(http.hostname, Number(http.port));
      return {
        ...guest, connection, phase: Math.random() * 1000, received: 0,
        headers: { authorization: `Bearer ${guest.jwt}`, 'content-type': 'application/json' },
      };
    });
    if (pool > 0) {
      // A shared pool: guest i queues on connection i mod N (per server URL).
      const shared = new Map();
      for (const [at, guest] of guests.entries()) {
        const key = `${guest.httpUrl}#${at % pool}`;
        if (!shared.has(key)) shared.set(key, guest.connection);
        guest.connection = shared.get(key);
      }
    }
    connections = [...new Set(guests.map((guest) => guest.connection))];
    const started = now();
    let failures = 0;
    const firstErrors = [];
    // A few hundred handshakes at a time, like a crowd arriving, not one burst of thousands.
    for (let offset = 0; offset < guests.length; offset += 200) {
      await Promise.all(guests.slice(offset, offset + 200).map((guest) => connectSocket(guest).catch((error) => {
        failures += 1;
        if (firstErrors.length < 3) firstErrors.push(error.message);
      })));
    }
    acceptingCloses = true;
    process.send({ type: 'ready', connectMs: now() - started, failures, firstErrors });
  } else if (message.type === 'warmup') {
    const counts = tally();
    const started = now();
    await schedule(message.startNs, 1, message.spreadMs / 1000, 'w', counts, () => true);
    process.send({ type: 'warmed', ms: now() - started, ...counts });
  } else if (message.type === 'run') {
    const counts = tally();
    const from = BigInt(Math.round(message.settleSeconds * 1e9));
    const to = from + BigInt(Math.round(message.seconds * 1e9));
    await schedule(message.startNs, message.settleSeconds + message.seconds, 1, 'm', counts, (sinceStart) => sinceStart >= from && sinceStart < to);
    const guestFramesReceived = guests.reduce((total, guest) => total + guest.received, 0);
    process.send({ type: 'done', ...counts, unexpectedCloses, closeCodes, guestFramesReceived, answeredOk });
  } else if (message.type === 'close') {
    acceptingCloses = false;
    for (const guest of guests) guest.socket?.terminate();
    for (const connection of connections) connection.destroy();
    process.exit(0);
  }
});
