import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';
import { logIn } from './browser.mjs';

/**
 * Sends `amount` GET requests to `server` with autocannon and returns the server's CPU time
 * (user + system) per request, in microseconds. Every answer must be a 2xx.
 */
export async function cpuPerRequest(server, { path, headers = {}, amount, connections }) {
  const before = await server.cpuMicros();
  // sampleInt: autocannon notices that it is done at its next sample only (every second by default).
  const url = `http://127.0.0.1:${server.port}${path}`;
  const result = await autocannon({ url, headers, amount, connections, sampleInt: 50 });
  const after = await server.cpuMicros();
  if (result.errors || result.timeouts || result.non2xx || result['2xx'] !== amount) {
    throw new Error(
      `${server.name} ${path}: ${result['2xx']} of ${amount} answers were 2xx (${result.non2xx} others, ${result.errors} errors, ${result.timeouts} timeouts)`,
    );
  }
  return (after - before) / amount;
}

/**
 * Runs `count` complete logins against `server` (each in a fresh browser, through the emulator's
 * login form), `concurrency` at a time. Returns logins per second (wall clock) and the server's
 * CPU milliseconds per login.
 */
export async function loginCost(server, { count, concurrency }) {
  const cpuBefore = await server.cpuMicros();
  const start = performance.now();
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started++;
      await logIn(server.url);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpuMs = (await server.cpuMicros()) - cpuBefore;
  return { loginsPerSecond: count / seconds, serverCpuMsPerLogin: cpuMs / 1000 / count };
}

/** The median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
