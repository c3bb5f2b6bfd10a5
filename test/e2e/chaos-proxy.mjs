// A TCP proxy for chaos tests: forwards 127.0.0.1:<port> to a target port and can cut every
// connection through it at once (both directions reset), as a flaky network or a load balancer
// restart would. Bounded: it only ever talks to 127.0.0.1, and closes with the test.
import { createConnection, createServer } from 'node:net';

/** Starts the proxy; resolves `{ port, url, cut(), cuts, close() }`. */
export async function chaosProxy(targetPort) {
  const pairs = new Set();
  let cuts = 0;
  const server = createServer((client) => {
    const upstream = createConnection({ host: '127.0.0.1', port: targetPort });
    const pair = { client, upstream };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    /** Resets every connection through the proxy; returns how many were cut. */
    cut() {
      cuts += 1;
      const count = pairs.size;
      for (const { client, upstream } of [...pairs]) {
        client.resetAndDestroy?.() ?? client.destroy();
        upstream.destroy();
      }
      pairs.clear();
      return count;
    },
    get cuts() {
      return cuts;
    },
    close() {
      for (const { client, upstream } of pairs) { client.destroy(); upstream.destroy(); }
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
