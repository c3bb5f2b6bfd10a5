// The guest generator processes (guests.mjs), driven together: the guests are dealt out among
// them, every step goes to all of them with one start time, and their answers are merged.
import { fork } from 'node:child_process';

const percentile = (ordered, p) => (ordered.length === 0 ? NaN : ordered[Math.min(ordered.length - 1, Math.floor(p * (ordered.length - 1)))]);
const summary = (values) => {
  const ordered = Float64Array.from(values).sort();
  return { p50: percentile(ordered, 0.5), p99: percentile(ordered, 0.99), max: percentile(ordered, 1) };
};

/** Durations that run side by side: the merged one is the longest. */
const LONGEST = new Set(['connectMs', 'ms']);

/** Merges the answers of several generators: counts and per-key tallies add up, arrays concatenate. */
function merge(answers) {
  const merged = {};
  for (const answer of answers) {
    for (const [key, value] of Object.entries(answer)) {
      if (typeof value === 'number') merged[key] = LONGEST.has(key) ? Math.max(merged[key] ?? 0, value) : (merged[key] ?? 0) + value;
      else if (Array.isArray(value)) merged[key] = (merged[key] ?? []).concat(value);
      else if (value && typeof value === 'object') {
        merged[key] ??= {};
        for (const [name, count] of Object.entries(value)) merged[key][name] = (merged[key][name] ?? 0) + count;
      } else merged[key] = value;
    }
  }
  if (merged.responseMs) {
    merged.unanswered = merged.sent - merged.responseMs.length;
    merged.response = summary(merged.responseMs);
    merged.lag = summary(merged.lagMs);
    delete merged.responseMs;
    delete merged.lagMs;
  }
  return merged;
}

/** Waits for `message.type === type` from one generator. */
const reply = (child, type) => new Promise((resolve, reject) => {
  const onMessage = (message) => {
    if (message.type !== type) return;
    child.off('message', onMessage);
    child.off('exit', onExit);
    resolve(message);
  };
  const onExit = (code) => reject(new Error(`a guest generator exited (${code}) while waiting for ${type}`));
  child.on('message', onMessage);
  child.once('exit', onExit);
});

/** `count` generator processes; `pids` for /proc sampling. */
export function startGenerators(count) {
  const children = Array.from({ length: count }, () => fork(new URL('./guests.mjs', import.meta.url), { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
  // If the bench exits early (an error, Ctrl-C), the guests go with it.
  const killAll = () => { for (const child of children) if (child.exitCode === null) child.kill('SIGKILL'); };
  process.once('exit', killAll);
  return {
    pids: children.map((child) => child.pid),
    /** Deals `guests` out (round robin) and opens their sockets; the merged `ready`. */
    async setup(guests, connections) {
      const waiting = children.map((child) => reply(child, 'ready'));
      children.forEach((child, at) => child.send({ type: 'setup', guests: guests.filter((_, index) => index % count === at), connections }));
      return merge(await Promise.all(waiting));
    },
    /** Sends `message` to every generator and resolves with the merged answers of type `answer`. */
    async step(message, answer) {
      const waiting = children.map((child) => reply(child, answer));
      for (const child of children) child.send(message);
      return merge(await Promise.all(waiting));
    },
    /** Closes every guest's sockets; resolves once the generators have exited. */
    async close() {
      const exited = children.filter((child) => child.exitCode === null).map((child) => new Promise((done) => child.once('exit', done)));
      for (const child of children) if (child.connected) child.send({ type: 'close' });
      await Promise.all(exited);
      process.removeListener('exit', killAll);
    },
  };
}
