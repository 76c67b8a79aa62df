import { createServer } from 'node:net';

/*
 * Ports handed out to tests come from below Linux's ephemeral range (32768–60999), where the kernel
 * never picks the local port of an outgoing connection or of a `listen(0)`, and each Jest worker has
 * a slice of its own. A port taken with `listen(0)` and released could be reused by any outgoing
 * connection before the test binds it again (seen in CI: EADDRINUSE).
 */
const FIRST_PORT = 20_000;
const PORTS_PER_WORKER = 1_000;
const worker = Number(process.env.JEST_WORKER_ID ?? 1);
const slice = FIRST_PORT + ((worker - 1) % 12) * PORTS_PER_WORKER;
let next = slice + Math.floor(Math.random() * PORTS_PER_WORKER);

/** A TCP port free on 127.0.0.1 right now (for an app whose redirect URI must be known before it listens). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < PORTS_PER_WORKER; attempt++) {
    const port = next;
    next = slice + ((next - slice + 1) % PORTS_PER_WORKER);
    if (await canListen(port)) return port;
  }
  throw new Error(`No free port between ${slice} and ${slice + PORTS_PER_WORKER - 1}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}
