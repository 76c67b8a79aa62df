// `npm run bench`: what the library costs the server per request (anonymous and logged in, with the
// in-process store and with Redis, on Nest's Express and Fastify adapters) against a bare Nest app on
// the same adapter and two usual alternatives, what a login costs and asks of the provider, and the
// memory each session takes. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './lib/build.mjs';
import { canPin } from './lib/cpu-affinity.mjs';
import { logIn } from './lib/browser.mjs';
import { freePort } from '../scripts/free-port.mjs';
import { describeMachine } from './lib/machine.mjs';
import { measureLogins } from './lib/logins.mjs';
import { commandLine, parseOptions, USAGE } from './lib/options.mjs';
import { RedisServer } from './lib/redis-server.mjs';
import { formatMarkdown, markdownReport, summary } from './lib/report.mjs';
import { measureRequests } from './lib/requests.mjs';
import { SERVERS } from './lib/rows.mjs';
import { ServerProcess } from './lib/server-process.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PROFILES = fileURLToPath(new URL('profiles/', import.meta.url));
const args = process.argv.slice(2);
const settings = parseOptions(args);
if (settings.help) {
  console.log(USAGE);
  process.exit(0);
}
const started = performance.now();
const progress = (line) => process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);

const secret = randomBytes(32).toString('base64url');
buildIfNeeded();
const { startNcConnectEmulator, demoClientFor } = await import('../dist/libs/nc-connect-emulator/index.js');

/** The emulator's demo client, registered once per app port. */
const clientFor = (port) => ({ ...demoClientFor(port), clientId: `bench-${port}` });

/** The sample app's environment (as for `npm run start:prod`) for `port` against `issuer`. */
function sampleEnv(port, issuer, redisUrl = '') {
  const client = clientFor(port);
  const unset = ['REDIRECT_URI', 'POST_LOGOUT_REDIRECT_URI', 'SCOPE', 'TOKEN_ENDPOINT_AUTH_METHOD', 'AGENTS_ISSUER'];
  return {
    PORT: String(port),
    NC_CONNECT_ISSUER: issuer,
    NC_CONNECT_CLIENT_ID: client.clientId,
    NC_CONNECT_CLIENT_SECRET: client.clientSecret,
    SESSION_SECRET: secret,
    REDIS_URL: redisUrl,
    ...Object.fromEntries(unset.map((name) => [`NC_CONNECT_${name}`, ''])),
  };
}

function referenceOptions(port, issuer) {
  const client = clientFor(port);
  return { issuer, clientId: client.clientId, clientSecret: client.clientSecret, secret };
}

const profileArgs = (name) =>
  settings.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${PROFILES}`, `--cpu-prof-name=${name}.cpuprofile`] : [];

/** Starts the per-request server `name` of bench/lib/rows.mjs (the floors get `options`). */
function requestServer(ports, issuer, redisUrl) {
  return (name, options = {}) => {
    const { app, adapter, redis } = SERVERS[name];
    const port = ports[name];
    const sample = app === 'sample';
    const reference = !sample && app !== 'floor';
    return ServerProcess.start({
      name,
      app,
      port,
      options: reference ? referenceOptions(port, issuer) : { ...options, adapter },
      env: sample ? sampleEnv(port, issuer, redis ? redisUrl : '') : {},
      execArgv: profileArgs(name),
    });
  };
}

async function measureLoginsWithEmulator(port) {
  progress(`Logging in ${settings.logins} times…`);
  const emulator = await startNcConnectEmulator({ clients: [clientFor(port)] });
  try {
    return await measureLogins({ port, env: sampleEnv(port, emulator.issuer), emulator, settings });
  } finally {
    await emulator.close();
  }
}

/**
 * Sessions made in bulk in `server` (a fresh app process), like the session of a real login;
 * `storeMemory` (optional) reads the store's own memory before and after.
 */
async function fillSessions(server, storeMemory = async () => 0) {
  const browser = await logIn(server.url);
  const url = `${server.url}/bench/session`;
  const template = await (await browser.request(url, { headers: { accept: 'application/json' } })).json();
  const storeBefore = await storeMemory();
  const held = await server.request('fill', { count: settings.sessions, template });
  const storeAfter = await storeMemory();
  return {
    template,
    appBytesPerSession: (held.after - held.before) / settings.sessions,
    storeBytesPerSession: (storeAfter - storeBefore) / settings.sessions,
  };
}

async function measureMemory(ports, issuer, redisServer) {
  progress(`Making ${settings.sessions} sessions in memory, then in Redis…`);
  const fillIn = async (name, port, redisUrl, storeMemory) => {
    const env = sampleEnv(port, issuer, redisUrl);
    const options = { probe: true };
    const server = await ServerProcess.start({ name, app: 'sample', port, options, env, execArgv: ['--expose-gc'] });
    try {
      return await fillSessions(server, storeMemory);
    } finally {
      await server.stop();
    }
  };
  const inProcess = await fillIn('memory', ports.memory);
  const inRedis = await fillIn('memory-redis', ports.memoryRedis, redisServer.url, () => redisServer.usedMemory());
  return {
    inProcessBytesPerSession: inProcess.appBytesPerSession,
    redisBytesPerSession: inRedis.storeBytesPerSession,
    redisAppBytesPerSession: inRedis.appBytesPerSession,
    sessionDataBytes: Buffer.byteLength(JSON.stringify(inProcess.template)),
  };
}

const ports = {};
for (const name of [...Object.keys(SERVERS), 'login', 'memory', 'memoryRedis']) ports[name] = await freePort();
const redis = await RedisServer.start();
// The login measurement has an emulator of its own; the floors need no client (registered anyway).
const emulator = await startNcConnectEmulator({
  clients: Object.entries(ports)
    .filter(([name]) => name !== 'login')
    .map(([, port]) => clientFor(port)),
});
if (settings.cpuProf) mkdirSync(PROFILES, { recursive: true });
let results;
try {
  const start = requestServer(ports, emulator.issuer, redis.url);
  const requests = await measureRequests({ start, settings, progress });
  const login = await measureLoginsWithEmulator(ports.login);
  const memory = await measureMemory(ports, emulator.issuer, redis);
  const { quick, rounds, requests: count, warmup, connections, logins, loginConcurrency, sessions } = settings;
  results = {
    command: commandLine(args),
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    settings: {
      quick,
      rounds,
      requests: count,
      warmup,
      connections,
      pinnedToOneCpu: canPin,
      logins,
      loginConcurrency,
      sessions,
    },
    requests,
    login,
    memory,
  };
} finally {
  await emulator.close();
  await redis.stop();
}

const report = resolve(ROOT, settings.write ?? 'BENCHMARKS.md');
if (settings.write) {
  writeFileSync(report, await formatMarkdown(markdownReport(results), report));
  progress(`Written to ${settings.write}.`);
}
if (settings.cpuProf) progress(`CPU profiles in ${PROFILES}`);
console.log(settings.json ? JSON.stringify(results, null, 2) : await formatMarkdown(summary(results), report));
