// One benchmarked server, in its own process so that its CPU time can be read alone. Started by
// bench/run.mjs with `fork`: argv[2] names the app, BENCH_PORT its port, BENCH_APP_OPTIONS (JSON)
// its settings. It answers the parent's IPC messages `{ id, type }`:
// - `cpu`: process.cpuUsage() (user and system microseconds of this whole process);
// - `fill`: makes `count` sessions in the library's session store, like `template`, and reports the memory
//   held before and after (heap + external, after a full GC when run with --expose-gc);
// - `exit`: closes the app and exits (which writes the --cpu-prof profile, when asked for).
import { randomBytes } from 'node:crypto';
import { setImmediate, setTimeout } from 'node:timers';
import { createExpressOpenIdConnectApp } from './apps/express-openid-connect.mjs';
import { createFloorApp } from './apps/floor.mjs';
import { createSampleApp, sampleLibrary } from './apps/sample.mjs';
import { createUsualWiringApp } from './apps/usual-wiring.mjs';
import { listen } from './lib/nest-app.mjs';

const APPS = {
  floor: (options) => createFloorApp(options),
  sample: (options) => createSampleApp(options),
  'express-openid-connect': (options) => createExpressOpenIdConnectApp(options),
  'usual-wiring': (options) => createUsualWiringApp(options),
};

const port = Number(process.env.BENCH_PORT);
const options = { port, ...JSON.parse(process.env.BENCH_APP_OPTIONS || '{}') };
const app = await APPS[process.argv[2]](options);
await listen(app, port);

/** Heap + external memory held once garbage is collected (collected a few times, to let finalizers run). */
async function heldMemory() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

/** `value` with its last characters replaced by `i`: unique, same length. */
function variant(value, i) {
  if (typeof value !== 'string') return value;
  const suffix = i.toString(36).padStart(8, '0');
  return value.slice(0, Math.max(0, value.length - suffix.length)) + suffix;
}

/** A session like `template` for another user and NC Connect session. */
function sessionLike(template, i) {
  const now = Date.now();
  const user =
    typeof template.user === 'object' ? { ...template.user, sub: variant(template.user.sub, i) } : template.user;
  return {
    ...template,
    user,
    sub: variant(template.sub, i),
    sid: variant(template.sid, i),
    authenticatedAt: now,
    lastActiveAt: now,
  };
}

/**
 * Sessions written to the app's session store as a login's callback writes them (a random id, the
 * record, its time to live and the per-user bound; back-channel index included), without the cookie.
 */
async function fill({ count, template }) {
  const { NC_CONNECT_SESSION_STORE } = await sampleLibrary();
  const store = app.get(NC_CONNECT_SESSION_STORE, { strict: false });
  const establish = (i) =>
    store.create(randomBytes(32).toString('base64url'), sessionLike(template, i), {
      ttlMs: 8 * 3600 * 1000,
      maxPerKey: 20,
    });
  const before = await heldMemory();
  for (let i = 0; i < count; i += 100) {
    await Promise.all(Array.from({ length: Math.min(100, count - i) }, (_, j) => establish(i + j)));
  }
  return { before, after: await heldMemory() };
}

const HANDLERS = {
  cpu: () => process.cpuUsage(),
  fill,
  exit: async () => {
    setImmediate(() => app.close().finally(() => process.exit(0)));
  },
};

process.on('message', async ({ id, type, ...payload }) => {
  try {
    process.send({ id, result: await HANDLERS[type](payload) });
  } catch (error) {
    process.send({ id, error: error instanceof Error ? error.stack : String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
process.send({ type: 'ready' });
