/* global fetch */
// `npm run bench`: what the library costs the server per request (anonymous and logged in, with the
// in-process store and with Redis) against a bare Nest app and two usual alternatives, what a login
// costs and asks of the provider, and the memory each session takes. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildIfNeeded } from './lib/build.mjs';
import { affinity, BENCH_CPU, canPin, setAffinity } from './lib/cpu-affinity.mjs';
import { logIn } from './lib/browser.mjs';
import { freePort } from '../scripts/free-port.mjs';
import { describeMachine } from './lib/machine.mjs';
import { cpuPerRequest, loginCost, median } from './lib/measure.mjs';
import { commandLine, parseOptions, USAGE } from './lib/options.mjs';
import { RedisServer } from './lib/redis-server.mjs';
import { formatMarkdown, markdownReport, summary, verdict } from './lib/report.mjs';
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

/** The per-request rows: which server, which route, logged in or not, the target (× floor). */
const REQUEST_ROWS = [
  { id: 'floor', label: 'bare Nest app, GET /api/public (floor)', server: 'floor', path: '/api/public' },
  {
    id: 'floor-profile',
    label: "bare Nest app, GET /api/profile answering the sample's JSON, no session",
    server: 'floor',
    path: '/api/profile',
  },
  {
    id: 'sample-public',
    label: 'sample app, anonymous GET /api/public',
    server: 'sample',
    path: '/api/public',
    target: 1.05,
  },
  {
    id: 'sample-profile-memory',
    label: 'sample app, logged-in GET /api/profile, in-process store',
    server: 'sample',
    path: '/api/profile',
    loggedIn: true,
    target: 1.3,
  },
  {
    id: 'sample-profile-redis',
    label: 'sample app, logged-in GET /api/profile, Redis',
    server: 'sampleRedis',
    path: '/api/profile',
    loggedIn: true,
    target: 1.6,
  },
  { id: 'eoc-public', label: 'express-openid-connect, anonymous GET /api/public', server: 'eoc', path: '/api/public' },
  {
    id: 'eoc-profile',
    label: 'express-openid-connect, logged-in GET /api/profile',
    server: 'eoc',
    path: '/api/profile',
    loggedIn: true,
  },
  { id: 'usual-public', label: 'usual wiring, anonymous GET /api/public', server: 'usual', path: '/api/public' },
  {
    id: 'usual-profile',
    label: 'usual wiring, logged-in GET /api/profile',
    server: 'usual',
    path: '/api/profile',
    loggedIn: true,
  },
];

/** Endpoints a browser calls at the provider during a login; every other request is the library's. */
const BROWSER_ENDPOINTS = new Set(['authorization', 'resume', 'login_form', 'login_submit', 'login_cancel']);
const ONCE_PER_PROCESS = ['discovery', 'jwks'];

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

async function measureRequests(ports, issuer, redisUrl) {
  progress('Starting the servers…');
  const servers = {};
  let parentCpus;
  try {
    const start = async (key, name, app, options, env) => {
      const port = ports[key];
      servers[key] = await ServerProcess.start({ name, app, port, options, env, execArgv: profileArgs(name) });
    };
    await Promise.all([
      start('sample', 'sample', 'sample', {}, sampleEnv(ports.sample, issuer)),
      start('sampleRedis', 'sample-redis', 'sample', {}, sampleEnv(ports.sampleRedis, issuer, redisUrl)),
      start('eoc', 'express-openid-connect', 'express-openid-connect', referenceOptions(ports.eoc, issuer)),
      start('usual', 'usual-wiring', 'usual-wiring', referenceOptions(ports.usual, issuer)),
    ]);
    const rows = [];
    for (const row of REQUEST_ROWS.filter(({ server }) => server !== 'floor')) {
      rows.push({ ...row, headers: await requestHeaders(servers[row.server], row) });
    }
    // The floor's /api/profile answers what the sample's does, without any session.
    const loggedIn = rows.find(({ id }) => id === 'sample-profile-memory');
    const profile = await (await fetch(`${servers.sample.url}${loggedIn.path}`, { headers: loggedIn.headers })).json();
    await start('floor', 'floor', 'floor', { profile });
    for (const row of REQUEST_ROWS.filter(({ server }) => server === 'floor')) {
      rows.push({ ...row, headers: await requestHeaders(servers.floor, row) });
    }
    rows.sort(
      (a, b) => REQUEST_ROWS.findIndex(({ id }) => id === a.id) - REQUEST_ROWS.findIndex(({ id }) => id === b.id),
    );

    // The load generator (this process) and the servers take turns on one CPU (see cpu-affinity.mjs).
    if (canPin) {
      parentCpus = affinity(process.pid);
      setAffinity(process.pid, BENCH_CPU);
      for (const server of Object.values(servers)) server.pin(BENCH_CPU);
    }
    progress(`Warming up (${settings.warmup} requests per row)…`);
    const measure = (row, amount) =>
      cpuPerRequest(servers[row.server], { ...row, amount, connections: settings.connections });
    for (const row of rows) await measure(row, settings.warmup);
    for (let round = 0; round < settings.rounds; round++) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(k + round) % rows.length];
        const micros = await measure(row, settings.requests);
        (row.rounds ??= []).push(micros);
        progress(`round ${round + 1}/${settings.rounds}: ${row.label}: ${micros.toFixed(1)} µs`);
      }
    }
    const floorMicros = median(rows[0].rounds);
    return rows.map(({ id, label, target, rounds }) => {
      const micros = median(rounds);
      const ratio = micros / floorMicros;
      return { id, label, micros, ratio, target, verdict: verdict(ratio, target), rounds };
    });
  } finally {
    if (parentCpus) setAffinity(process.pid, parentCpus);
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}

/**
 * The headers of a row's requests: JSON, plus the session cookie of a real login for logged-in
 * rows. Checks that the route answers 200 with them and 401 without the cookie.
 */
async function requestHeaders(server, row) {
  const headers = { accept: 'application/json' };
  const url = `${server.url}${row.path}`;
  if (row.loggedIn) {
    const anonymous = await fetch(url, { headers });
    if (anonymous.status !== 401) throw new Error(`${url} answered ${anonymous.status} to an anonymous request`);
    headers.cookie = (await logIn(server.url)).cookieHeader(url);
  }
  const answer = await fetch(url, { headers });
  if (answer.status !== 200) throw new Error(`${url} answered ${answer.status}: ${await answer.text()}`);
  return headers;
}

async function measureLogins(port) {
  progress(`Logging in ${settings.logins} times…`);
  const emulator = await startNcConnectEmulator({ clients: [clientFor(port)] });
  const server = await ServerProcess.start({
    name: 'login',
    app: 'sample',
    port,
    env: sampleEnv(port, emulator.issuer),
  });
  try {
    const warmup = Math.min(5, settings.logins);
    for (let i = 0; i < warmup; i++) await logIn(server.url);
    const cost = await loginCost(server, { count: settings.logins, concurrency: settings.loginConcurrency });
    const logins = warmup + settings.logins;
    const counts = emulator.requestCounts();
    const perLogin = {};
    const perProcess = {};
    for (const [endpoint, count] of Object.entries(counts)) {
      if (ONCE_PER_PROCESS.includes(endpoint)) perProcess[endpoint] = count;
      else if (!BROWSER_ENDPOINTS.has(endpoint)) perLogin[endpoint] = count / logins;
    }
    const onlyTokenAndUserinfo =
      Object.keys(perLogin).sort().join() === 'token,userinfo' && perLogin.token === 1 && perLogin.userinfo === 1;
    const oncePerProcess = ONCE_PER_PROCESS.every((endpoint) => (perProcess[endpoint] ?? 0) <= 1);
    return {
      ...cost,
      logins,
      perLogin,
      perProcess,
      perLoginVerdict: onlyTokenAndUserinfo ? 'met' : 'missed',
      perProcessVerdict: oncePerProcess ? 'met' : 'missed',
    };
  } finally {
    await server.stop();
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
for (const name of ['floor', 'sample', 'sampleRedis', 'eoc', 'usual', 'login', 'memory', 'memoryRedis'])
  ports[name] = await freePort();
const redis = await RedisServer.start();
const emulator = await startNcConnectEmulator({
  clients: [ports.sample, ports.sampleRedis, ports.eoc, ports.usual, ports.memory, ports.memoryRedis].map(clientFor),
});
if (settings.cpuProf) mkdirSync(PROFILES, { recursive: true });
let results;
try {
  const requests = await measureRequests(ports, emulator.issuer, redis.url);
  const login = await measureLogins(ports.login);
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
