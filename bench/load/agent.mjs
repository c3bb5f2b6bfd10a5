// The agent: one events socket (queue `support`) in the measuring process, receiving every message
// event. Latency = receive time - the send time the guest wrote into the text (both process.hrtime,
// the system-wide monotonic clock), per clientMessageId, repeats counted apart.
import { WebSocket } from 'ws';

/** An agent's socket that records every message event it receives. */
export async function connectAgent(baseUrl, jwt) {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/v1/events`);
  const sendNs = [];
  const latencyMs = [];
  const seen = new Set();
  const state = { duplicates: 0, closed: undefined, frames: 0 };
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('agent: no welcome within 15 s')), 15_000);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'auth', jwt })));
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
    socket.on('close', (code, reason) => { state.closed ??= `${code} ${reason}`; });
    socket.on('message', (data) => {
      const receivedNs = Number(process.hrtime.bigint());
      state.frames += 1;
      const frame = JSON.parse(String(data));
      if (frame.type === 'welcome') {
        clearTimeout(timer);
        return resolve();
      }
      if (frame.type === 'ping') return socket.send('{"type":"pong"}');
      if (frame.type === 'error') return reject(new Error(`agent: ${frame.error?.code} ${frame.error?.message}`));
      const message = frame.type === 'event' && frame.event.type === 'message' ? frame.event.message : undefined;
      if (typeof message?.text !== 'string') return;
      if (seen.has(message.clientMessageId)) return void (state.duplicates += 1);
      seen.add(message.clientMessageId);
      const sent = Number(message.text.slice(0, message.text.indexOf(' ')));
      sendNs.push(sent);
      latencyMs.push((receivedNs - sent) / 1e6);
    });
  });
  return {
    /** Distinct messages received so far. */
    get received() { return seen.size; },
    get duplicates() { return state.duplicates; },
    /** Why the socket closed, if it did. */
    get closed() { return state.closed; },
    /** Latencies (ms) of the messages sent within [fromNs, toNs). */
    latenciesSentWithin(fromNs, toNs) {
      const picked = [];
      for (let index = 0; index < sendNs.length; index += 1) {
        if (sendNs[index] >= fromNs && sendNs[index] < toNs) picked.push(latencyMs[index]);
      }
      return picked;
    },
    close() { socket.terminate(); },
  };
}
