// What a process costs, read from /proc (Linux): CPU time (utime + stime) and resident memory, plus
// the helpers that find the throwaway PostgreSQL and Redis processes by the port they listen on.
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/** Clock ticks a second of /proc/<pid>/stat's CPU times (100 on every Linux we run on). */
const TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU seconds a process has used so far in user and in system (kernel) mode; undefined once it is gone. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: count fields after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / TICKS, system: Number(fields[12]) / TICKS };
  } catch {
    return undefined;
  }
}

/** Resident set size now and its peak (VmHWM), in bytes; zeros once the process is gone. `proportional`: PSS instead of RSS (shared pages divided among their sharers, so a postmaster's backends do not count shared_buffers once each). */
export function memory(pid, { proportional = false } = {}) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (text, name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
    const rss = proportional ? kb(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'), 'Pss') : kb(status, 'VmRSS');
    return { rss, peak: kb(status, 'VmHWM') };
  } catch {
    return { rss: 0, peak: 0 };
  }
}

/** Every process whose parent is `pid` (one level). */
function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return children;
}

/** The first process whose NUL-separated command line passes `test`. */
function findProcess(test) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (test(argv)) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

/** The postmaster listening on `port` (started with `-p <port>`), or undefined. */
export function postmasterOn(port) {
  return findProcess((argv) => /postgres$/.test(argv[0] ?? '') && argv.some((arg, index) => arg === '-p' && argv[index + 1] === String(port)));
}

/** The redis-server listening on `port` (its title is `redis-server 127.0.0.1:<port>`), or undefined. */
export function redisOn(port) {
  return findProcess((argv) => argv.join(' ').startsWith('redis-server') && argv.join(' ').includes(`:${port}`));
}

/**
 * A group of processes measured together (a postmaster and its backends: `withChildren`, memory then
 * as PSS). `sample()` returns CPU seconds and memory summed over the group as it is now.
 */
export function processGroup(name, pid, { withChildren = false } = {}) {
  const members = () => (withChildren ? [pid, ...childrenOf(pid)] : [pid]);
  return {
    name,
    pid,
    sample() {
      const seconds = new Map();
      let rss = 0;
      let peak = 0;
      for (const member of members()) {
        const used = cpuSeconds(member);
        if (used === undefined) continue;
        seconds.set(member, used);
        const { rss: now, peak: high } = memory(member, { proportional: withChildren });
        rss += now;
        peak += high;
      }
      // A peak summed over processes that come and go means little: single processes only.
      return { at: performance.now(), seconds, rss, peak: withChildren ? 0 : peak };
    },
  };
}

/** CPU % of one core between two samples of a group (members present in both only): `total` and its `system` part. */
export function cpuPercent(before, after) {
  let user = 0;
  let system = 0;
  for (const [member, used] of after.seconds) {
    const earlier = before.seconds.get(member);
    if (earlier === undefined) continue;
    user += used.user - earlier.user;
    system += used.system - earlier.system;
  }
  const wall = (after.at - before.at) / 1000;
  return wall > 0 ? { total: (100 * (user + system)) / wall, system: (100 * system) / wall } : { total: 0, system: 0 };
}

/** One counter (or gauge) of a Prometheus text exposition, summed over its label sets; undefined if absent. */
export function metricValue(text, name) {
  let total;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== ' ' && rest[0] !== '{') continue;
    total = (total ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return total;
}

/** The load averages (1, 5, 15 min) as `uptime` prints them. */
export function loadAverage() {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(', ');
}
