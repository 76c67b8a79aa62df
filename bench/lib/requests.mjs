/* global fetch */
// The per-request measurement: every server of bench/lib/rows.mjs in its own process, warmed up,
// then rounds alternating over the rows; each row's median against the floor of its own adapter.
import { affinity, BENCH_CPU, canPin, setAffinity } from './cpu-affinity.mjs';
import { logIn } from './browser.mjs';
import { cpuPerRequest, median } from './measure.mjs';
import { verdict } from './report.mjs';
import { REQUEST_ROWS, SERVERS } from './rows.mjs';

/**
 * The headers of a row's requests: JSON, plus the session cookie of a real login for logged-in
 * rows. Checks that the route answers 200 with them and 401 without the cookie.
 */
async function requestHeaders(server, row) {
  const headers = { accept: 'application/json' };
  const url = `${server.url}${row.path}`;
  const failure = (what) => new Error(`${row.label}: ${url} answered ${what}`);
  if (row.loggedIn) {
    const anonymous = await fetch(url, { headers });
    if (anonymous.status !== 401) throw failure(`${anonymous.status} to an anonymous request`);
    try {
      headers.cookie = (await logIn(server.url)).cookieHeader(url);
    } catch (error) {
      throw new Error(`${row.label}: the login failed`, { cause: error });
    }
  }
  const answer = await fetch(url, { headers });
  if (answer.status !== 200) throw failure(`${answer.status}: ${await answer.text()}`);
  return headers;
}

/** Each row with its headers; the floors start last, answering the sample's logged-in JSON. */
async function startServers(start, servers) {
  const isFloor = (name) => SERVERS[name].app === 'floor';
  const names = Object.keys(SERVERS);
  // All settled before going on, so that every server started is in `servers`, to be stopped.
  const startAll = async (list, options) => {
    const started = await Promise.allSettled(list.map(async (name) => (servers[name] = await start(name, options))));
    const failure = started.find(({ status }) => status === 'rejected');
    if (failure) throw failure.reason;
  };
  await startAll(names.filter((name) => !isFloor(name)));
  const rows = [];
  const withHeaders = async (row) => rows.push({ ...row, headers: await requestHeaders(servers[row.server], row) });
  for (const row of REQUEST_ROWS.filter(({ server }) => !isFloor(server))) await withHeaders(row);
  // The floors' /api/profile answers what the sample's does, without any session.
  const loggedIn = rows.find(({ id }) => id === 'sample-profile-memory');
  const profile = await (await fetch(`${servers.sample.url}${loggedIn.path}`, { headers: loggedIn.headers })).json();
  await startAll(names.filter(isFloor), { profile });
  for (const row of REQUEST_ROWS.filter(({ server }) => isFloor(server))) await withHeaders(row);
  const order = (row) => REQUEST_ROWS.findIndex(({ id }) => id === row.id);
  return rows.sort((a, b) => order(a) - order(b));
}

/**
 * Measures every row of REQUEST_ROWS. `start(name, options)` starts the server of that name
 * (a ServerProcess); `settings` are the run's, `progress` prints a line.
 */
export async function measureRequests({ start, settings, progress }) {
  progress('Starting the servers…');
  const servers = {};
  let parentCpus;
  try {
    const rows = await startServers(start, servers);
    // The load generator (this process) and the servers take turns on one CPU (see cpu-affinity.mjs).
    if (canPin) {
      parentCpus = affinity(process.pid);
      setAffinity(process.pid, BENCH_CPU);
      for (const server of Object.values(servers)) server.pin(BENCH_CPU);
    }
    progress(`Warming up (${settings.warmup} requests per row)…`);
    const measure = (row, amount) =>
      cpuPerRequest(servers[row.server], {
        ...row,
        amount: amount * row.requestScale,
        connections: settings.connections,
      });
    for (const row of rows) await measure(row, settings.warmup);
    for (let round = 0; round < settings.rounds; round++) {
      for (let k = 0; k < rows.length; k++) {
        const row = rows[(k + round) % rows.length];
        const micros = await measure(row, settings.requests);
        (row.rounds ??= []).push(micros);
        progress(`round ${round + 1}/${settings.rounds}: ${row.label}: ${micros.toFixed(1)} µs`);
      }
    }
    const floors = Object.fromEntries(rows.map(({ id, rounds }) => [id, median(rounds)]));
    return rows.map(({ id, label, adapter, floor, target, rounds }) => {
      const micros = median(rounds);
      const ratio = micros / floors[floor];
      return { id, label, adapter, floor, micros, ratio, target, verdict: verdict(ratio, target), rounds };
    });
  } finally {
    if (parentCpus) setAffinity(process.pid, parentCpus);
    await Promise.all(Object.values(servers).map((server) => server.stop()));
  }
}
