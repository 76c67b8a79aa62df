// What profiling found, for BENCHMARKS.md: where the per-request microseconds of the library go, and
// how many store operations each request makes. Measured by hand (see the dates); `npm run bench --
// --cpu-prof` writes the profiles to look at again.

export const FINDINGS = `## Store operations per request

| request                                 | in-process store               | Redis                                          |
| --------------------------------------- | ------------------------------ | ---------------------------------------------- |
| logged-in request (guard, \`/auth/me\`)    | 1 read, no write               | 1 \`HMGET\`, no write                            |
| the same, once per tenth of idle timeout | + 1 write (\`touch\`)             | + 1 \`EVALSHA\` (touch script)                     |
| login callback                          | 1 create (+ 1 destroy of the browser's previous session) | 1 \`EVALSHA\` (create script, index and per-user bound included) |
| logout                                  | 1 read, 1 destroy              | 1 \`HMGET\`, 1 \`EVALSHA\`                         |
| back-channel logout                     | 1 find + 1 destroy per session | 1 \`EVALSHA\` (find) + 1 per session             |
| anonymous or \`@Public()\` request         | nothing                        | nothing                                        |

Nothing is written when a response ends.

## Where the remaining microseconds go (profiled 2026-12-01)

Run to run, a row moves by up to 20 % on this 2-core machine, mostly in the kernel's share (socket writes):
two full runs on 2026-12-01, minutes apart, gave the sample's anonymous route 1.05x and 1.14x on Express,
1.02x and 1.24x on Fastify, and its logged-in in-process route 1.32x and 1.37x on Express, 1.31x and 1.60x
on Fastify. The library's JavaScript on an anonymous \`@Public()\` route is too small to show in a profile
(its guard: 0.2 % of the samples).

Profiled with \`node --cpu-prof --cpu-prof-interval=100\` on the sample app (Fastify, logged-in \`GET /api/profile\`,
in-process store), and by timing the pieces alone:

- **The library's own work** is about 1.3 µs per logged-in request: reading the cookie (\`cookie\`'s parser,
  0.4 µs), the signature (checked once per cookie value and then remembered: an HMAC costs 1.9 µs), the store
  read (0.1 µs in-process), ownership and timeout checks, and one promise per step.
- **Nest's guard and parameter machinery** (an \`APP_GUARD\` answering asynchronously, \`@CurrentUser()\`): about
  1 µs on Fastify, measured with a bare Nest app with and without them.
- **The larger answer**: the logged-in route answers about 780 bytes of JSON, against 15 bytes for the floor's
  public route; the floor's \`/api/profile\` row (the same JSON without any session) shows what that costs by
  itself (1.03–1.17x), which is why the logged-in rows are best read against that row.
- **Redis**: one \`HMGET\` round trip costs the app about 25–30 µs of CPU (node-redis's command encoding and reply
  parsing, two socket system calls), whatever the adapter: against Fastify's 18 µs floor, no per-request
  round trip can fit in a 1.35x budget. node-redis's client-side caching (RESP3, invalidated by Redis) was
  tried: it brought the row from about 44 µs to 30 µs, still far from the target, at the price of another
  instance seeing a logout only once Redis's invalidation reaches it; it was left out.
- **Found by profiling, fixed**: keeping each request's session in a \`WeakMap\` keyed by the request cost
  about 12 µs per logged-in request on Fastify (its entries burden every garbage collection); the session now
  lives under a private symbol on the request. Checking the cookie's HMAC on every request cost 1.9 µs; a
  verified cookie is now remembered (bounded, 10,000 values).

## Audit events and OpenTelemetry without an SDK

Measured 2026-12-01 with \`node bench/run.mjs --json\` (full runs, in-process store, both adapters), on the
commit before audit events and OpenTelemetry (b64e802) and on the one that added them (9a6db65), with no
OpenTelemetry SDK registered and no audit listener, on this machine while other work ran on it:

| row (sample app)                                      | before: µs (× floor) | after, run 1: µs (× floor) | after, run 2: µs (× floor) |
| ----------------------------------------------------- | -------------------- | -------------------------- | -------------------------- |
| Express, anonymous GET /api/public                    | 189.0 (1.14x)        | 227.2 (1.09x)              | 201.4 (1.12x)              |
| Express, logged-in GET /api/profile, in-process store | 259.0 (1.57x)        | 257.7 (1.24x)              | 247.9 (1.37x)              |
| Fastify, anonymous GET /api/public                    | 30.6 (1.00x)         | 35.8 (1.01x)               | 35.7 (0.98x)               |
| Fastify, logged-in GET /api/profile, in-process store | 47.6 (1.56x)         | 54.3 (1.53x)               | 46.7 (1.29x)               |

The differences are noise: the floors themselves moved from 165 to 208 µs (Express) and from 30 to 36 µs
(Fastify) between these runs, and an earlier "before" run (a59616f) gave 1.12x, 1.19x, 1.23x and 1.66x for
the same four rows. By construction there is nothing to measure: an anonymous or a logged-in request calls
no audit or telemetry code at all (the guard reads the session as before; only a session found timed out
reports \`session.expired\`, once). The spans and metrics are on the login routes, the requests to NC Connect,
refreshes, back-channel logouts and bearer checks, where \`@opentelemetry/api\`'s no-op tracer and meter
answer when no SDK is registered; \`test/observability.e2e-spec.ts\` checks, with an SDK registered, that a
logged-in and an anonymous request end no span and report no event.

The same four rows on a quiet machine, in the full run of 2026-12-01 at 9636621 (everything of issues 13 and
14 in, no SDK), against the full run at 0505ef3 (before audit events and OpenTelemetry): Express anonymous
1.01x then 0.89x, logged-in 1.08x then 1.17x; Fastify anonymous 0.99x then 1.01x, logged-in 1.28x then
1.24x. Every one of these moves is smaller than the spread of that row's own five rounds.
`;
