import { portAllocator } from '../../scripts/free-port.mjs';

/**
 * A TCP port free on 127.0.0.1 right now (for an app whose redirect URI must be known before it
 * listens), from this Jest worker's own slice of ports (see scripts/free-port.mjs).
 */
export const freePort = portAllocator(Number(process.env.JEST_WORKER_ID ?? 1) - 1);
