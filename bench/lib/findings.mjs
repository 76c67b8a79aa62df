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
`;
