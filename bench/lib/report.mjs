// The results as Markdown (printed and written to BENCHMARKS.md) and as JSON (--json).
import { FINDINGS } from './findings.mjs';
import prettier from 'prettier';
import { ADAPTERS } from './rows.mjs';

const number = (value, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** `met`, or by how much the ratio misses its target. */
export function verdict(ratio, target) {
  if (target === undefined) return '';
  return ratio <= target ? 'met' : `missed by ${number((ratio / target - 1) * 100, 1)} %`;
}

function table(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** One table per HTTP adapter, each row against the floor of its own adapter. */
function requestTables(results) {
  return ADAPTERS.map(({ adapter, name }) => ({
    name,
    rows: results.requests.filter((row) => row.adapter === adapter),
  }))
    .filter(({ rows }) => rows.length > 0)
    .map(({ name, rows }) =>
      table(
        [`per request, ${name}`, 'server CPU µs (median)', `× ${name} floor`, 'target', 'rounds (µs)'],
        rows.map((row) => [
          row.label,
          number(row.micros, 1),
          number(row.ratio, 2),
          row.target === undefined ? '' : `≤ ${number(row.target, 2)}x: ${row.verdict}`,
          row.rounds.map((value) => number(value, 1)).join(', '),
        ]),
      ),
    )
    .join('\n\n');
}

function loginTable({ login, settings }) {
  const list = (counts) =>
    Object.entries(counts)
      .map(([endpoint, count]) => `${endpoint} ${number(count, 2)}`)
      .join(', ') || 'none';
  return table(
    ['login', 'result', 'target'],
    [
      [
        `login flows per second (sample app, ${settings.loginConcurrency} at a time)`,
        number(login.loginsPerSecond, 1),
        '',
      ],
      ['sample app CPU per login', `${number(login.serverCpuMsPerLogin, 2)} ms`, ''],
      [
        'provider requests per login, by the library',
        list(login.perLogin),
        `token + userinfo only: ${login.perLoginVerdict}`,
      ],
      [
        'provider requests per process, by the library',
        list(login.perProcess),
        `discovery and JWKS once: ${login.perProcessVerdict}`,
      ],
    ],
  );
}

function memoryTable({ memory, settings }) {
  return table(
    [`memory, ${number(settings.sessions)} sessions`, 'bytes per session'],
    [
      ['bytes per session, in-process store', number(memory.inProcessBytesPerSession)],
      ['bytes per session, Redis', number(memory.redisBytesPerSession)],
      ['app process memory per session, Redis', number(memory.redisAppBytesPerSession)],
      ['library session data (JSON)', number(memory.sessionDataBytes)],
    ],
  );
}

function resultTables(results) {
  return [requestTables(results), loginTable(results), memoryTable(results)].join('\n\n');
}

/** The title, the machine, the command and the tables: what a run prints. */
export function summary(results) {
  const { machine, settings } = results;
  return `# Benchmarks

Made by \`${results.command}\` on ${results.date}${settings.quick ? ' (quick run: the numbers mean nothing)' : ''}.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node.js ${machine.node}.

${resultTables(results)}
`;
}

const FASTIFY_SCALE = ADAPTERS.find(({ adapter }) => adapter === 'fastify').requestScale;

/** The whole BENCHMARKS.md: the summary, then how each row is measured. */
export function markdownReport(results) {
  const { settings } = results;
  return `${summary(results)}
## How

- **Per request**: each app runs alone in a child process, in production mode (\`NODE_ENV=production\`);
  autocannon, in the parent, sends ${number(settings.requests)} GET requests over ${settings.connections} connections
  (${FASTIFY_SCALE} times as many to the apps on Fastify, warm-up included: they answer several times faster, and
  so their rounds last about as long)
  and the row is the app process's CPU time (user + system, \`process.cpuUsage()\` read over IPC before
  and after) divided by the number of requests. Every answer must be a 2xx. Each app first gets
  ${number(settings.warmup)} warm-up requests, then ${settings.rounds} rounds alternate between the rows; the table shows the
  median and each round. Logged-in rows send the session cookie of a real login through the emulator.
  ${
    settings.pinnedToOneCpu
      ? 'autocannon and the measured servers are pinned to one CPU (`taskset`), where they take turns: spread\n  over two CPUs, they slow each other by an amount that changes from run to run.'
      : 'The processes were not pinned to one CPU (no `taskset`): expect more noise.'
  }
- **floor**: a bare Nest app (same Nest packages, no auth) serving \`GET /api/public\` \`{"status":"ok"}\`;
  its \`GET /api/profile\` answers the JSON the sample's logged-in \`/api/profile\` answers, without any session,
  to tell the cost of the larger answer from the cost of the session. One floor per HTTP adapter: Express
  (Nest's default) and Fastify (\`new FastifyAdapter()\` of \`@nestjs/platform-fastify\`), made and started
  as the sample's own bootstrap does; every row is divided by the floor of its own adapter.
- **sample app**: \`apps/sample\` as built in \`dist/\`, configured as with \`npm run start:prod\`, on Express and
  on Fastify (what \`HTTP_ADAPTER\` chooses); with Redis, \`REDIS_URL\` points it at a local redis-server.
  The targets are the same on both adapters.
- **express-openid-connect** (Express middleware: on Express only): its \`auth()\` middleware installed
  globally, code flow, rolling sessions with the same timeouts as the library (30 min idle, 8 h absolute),
  its default encrypted-cookie sessions.
- **usual wiring** (on Express): \`express-session\` (its default in-process store), \`passport.initialize()\`
  and \`passport.session()\` installed globally, openid-client's passport strategy for the login, a guard on
  \`req.isAuthenticated()\`; the session keeps the ID-token claims, the userinfo and the ID token.
- **Login**: ${number(settings.logins)} complete logins with the sample app on Express (login route, the emulator's
  login form, callback), each in a fresh cookie jar, against an emulator of their own in the bench process, whose request counts give the
  provider requests (the browser's requests to the emulator are not counted).
- **Memory**: ${number(settings.sessions)} sessions written to the sample app's own session store (\`NC_CONNECT_SESSION_STORE\`)
  as a login's callback writes them (back-channel logout index included), from the session record of a real login,
  varied per user.
  In-process: the app's heap + external memory after a full GC, before and after. Redis: \`INFO memory\`
  \`used_memory\`, before and after.

${FINDINGS}`;
}

/** `markdown` as Prettier writes it with the repository's settings (tables aligned, as `npm run lint` wants). */
export async function formatMarkdown(markdown, path) {
  const config = await prettier.resolveConfig(path);
  return prettier.format(markdown, { ...config, parser: 'markdown' });
}
