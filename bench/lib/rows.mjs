// What `npm run bench` measures per request: the servers (each an app of bench/server.mjs in its own
// process) and the rows (a server, a route, logged in or not, a target as a multiple of the floor).
// The floor and the sample app run on both Nest HTTP adapters, each row compared with the floor of
// its own adapter; the references (express-openid-connect, the usual wiring) are Express middleware.

/**
 * The Nest HTTP adapters, as the sample app's HTTP_ADAPTER names them. `requestScale`: how many
 * times the run's number of requests a row on it sends per round; Fastify answers several times
 * faster than Express, so its rows send more, for rounds about as long (and as steady).
 */
export const ADAPTERS = [
  { adapter: 'express', name: 'Express', prefix: '', on: '', requestScale: 1 },
  { adapter: 'fastify', name: 'Fastify', prefix: 'fastify-', on: ' on Fastify', requestScale: 4 },
];

/** The targets of the issue, as multiples of the floor, on both adapters. */
export const TARGETS = { anonymous: 1.05, loggedIn: 1.2, loggedInRedis: 1.35 };

/** Benchmarked servers by name: the bench/server.mjs app, its adapter, whether its sessions live in Redis. */
export const SERVERS = Object.fromEntries([
  ...ADAPTERS.flatMap(({ adapter, prefix }) => [
    [`${prefix}floor`, { app: 'floor', adapter }],
    [`${prefix}sample`, { app: 'sample', adapter }],
    [`${prefix}sample-redis`, { app: 'sample', adapter, redis: true }],
  ]),
  ['express-openid-connect', { app: 'express-openid-connect', adapter: 'express' }],
  ['usual-wiring', { app: 'usual-wiring', adapter: 'express' }],
]);

/** The floor's and the sample app's rows on one adapter. */
function adapterRows({ adapter, prefix, on, requestScale }) {
  const row = (id, label, server, path, more = {}) => ({
    id: `${prefix}${id}`,
    label,
    server: `${prefix}${server}`,
    path,
    adapter,
    floor: `${prefix}floor`,
    requestScale,
    ...more,
  });
  const profile = '/api/profile';
  return [
    row('floor', `bare Nest app${on}, GET /api/public (floor)`, 'floor', '/api/public'),
    row(
      'floor-profile',
      `bare Nest app${on}, GET ${profile} answering the sample's JSON, no session`,
      'floor',
      profile,
    ),
    row('sample-public', `sample app${on}, anonymous GET /api/public`, 'sample', '/api/public', {
      target: TARGETS.anonymous,
    }),
    row('sample-profile-memory', `sample app${on}, logged-in GET ${profile}, in-process store`, 'sample', profile, {
      loggedIn: true,
      target: TARGETS.loggedIn,
    }),
    row('sample-profile-redis', `sample app${on}, logged-in GET ${profile}, Redis`, 'sample-redis', profile, {
      loggedIn: true,
      target: TARGETS.loggedInRedis,
    }),
  ];
}

/** A reference's rows (on Express, against the Express floor). */
function referenceRows(id, name, server) {
  const row = { server, adapter: 'express', floor: 'floor', requestScale: 1 };
  return [
    { ...row, id: `${id}-public`, label: `${name}, anonymous GET /api/public`, path: '/api/public' },
    { ...row, id: `${id}-profile`, label: `${name}, logged-in GET /api/profile`, path: '/api/profile', loggedIn: true },
  ];
}

/** Every per-request row, in the report's order: by adapter, the floor first. */
export const REQUEST_ROWS = [
  ...adapterRows(ADAPTERS[0]),
  ...referenceRows('eoc', 'express-openid-connect', 'express-openid-connect'),
  ...referenceRows('usual', 'usual wiring', 'usual-wiring'),
  ...adapterRows(ADAPTERS[1]),
];
