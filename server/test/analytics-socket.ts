/** A test client of `WS /v1/analytics`: queues frames, answers pings, and waits for figures that match. */
import WebSocket from 'ws';
import type { AnalyticsFrame, QueueFigures } from '../../src/core/protocol.js';

/** An analytics socket as tests drive it. */
export interface AnalyticsClient {
  socket: WebSocket;
  /** The next frame of `type` (others of other types stay queued), or rejects after `timeoutMs`. */
  next<T extends AnalyticsFrame['type']>(type: T, timeoutMs?: number): Promise<Extract<AnalyticsFrame, { type: T }>>;
  /** The first `queue` frame about `queue` whose figures pass `check` (earlier ones are dropped); with the time it arrived. */
  figures(queue: string, check: (figures: QueueFigures) => boolean, timeoutMs?: number): Promise<{ figures: QueueFigures; at: number }>;
  send(frame: unknown): void;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

/** Opens `WS /v1/analytics` on `url` and, with `jwt`, authenticates. */
export async function openAnalytics(url: string, jwt?: string): Promise<AnalyticsClient> {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/v1/analytics`);
  const frames: Array<{ frame: AnalyticsFrame; at: number }> = [];
  const waiters: Array<() => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as AnalyticsFrame;
    if (frame.type === 'ping') socket.send(JSON.stringify({ type: 'pong', id: frame.id }));
    frames.push({ frame, at: performance.now() });
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  const take = async (pick: (frame: AnalyticsFrame) => boolean, what: string, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = frames.findIndex((item) => pick(item.frame));
      if (index >= 0) return frames.splice(index, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(frames.map((item) => item.frame))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  };
  const client: AnalyticsClient = {
    socket,
    closed,
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    close: () => socket.close(),
    async next(type, timeoutMs = 5000) {
      return (await take((frame) => frame.type === type, type, timeoutMs)).frame as any;
    },
    async figures(queue, check, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const { frame, at } = await take((item) => item.type === 'queue' && item.queue.queue === queue, `queue frame of ${queue}`, Math.max(1, deadline - Date.now()));
        const figures = (frame as Extract<AnalyticsFrame, { type: 'queue' }>).queue;
        if (check(figures)) return { figures, at };
      }
    },
  };
  if (jwt) client.send({ type: 'auth', jwt });
  return client;
}
