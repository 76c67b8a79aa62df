import { createServer } from 'node:net';

/*
 * Ports are handed out from below Linux's ephemeral range (32768–60999), where the kernel never picks
 * the local port of an outgoing connection or of a `listen(0)`: a port taken with `listen(0)` and
 * released can be reused by any outgoing connection before it is bound again (seen in CI: EADDRINUSE).
 * Each caller (a Jest worker, a script) takes its own slice of 1,000 ports.
 */
const PORTS_PER_SLICE = 1_000;

/** Free ports on 127.0.0.1 from slice `slice` (0–19: ports 12000 + 1000 × slice onwards). */
export function portAllocator(slice) {
  const first = 12_000 + (slice % 20) * PORTS_PER_SLICE;
  let next = first + Math.floor(Math.random() * PORTS_PER_SLICE);
  return async function freePort() {
    for (let attempt = 0; attempt < PORTS_PER_SLICE; attempt++) {
      const port = next;
      next = first + ((next - first + 1) % PORTS_PER_SLICE);
      if (await canListen(port)) return port;
    }
    throw new Error(`No free port between ${first} and ${first + PORTS_PER_SLICE - 1}`);
  };
}

function canListen(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * A TCP port free on 127.0.0.1 right now (an app's redirect URI must be known before it listens), for
 * scripts (npm start, bench, screenshots); slices 10–19, apart from the test workers' 0–9.
 */
export const freePort = portAllocator(10 + (process.pid % 10));
