import { parseArgs } from 'node:util';

export const USAGE = `npm run bench [-- options]

  --quick          a much shorter run (smoke test): every row, meaningless numbers; writes no file
                   unless --out is given
  --json           print the results as JSON on stdout (progress goes to stderr)
  --out <path>     write the Markdown report there (default: BENCHMARKS.md, full runs only)
  --no-write       write no file
  --cpu-prof       run the per-request servers with node --cpu-prof, profiles in bench/profiles/
  --help           this text`;

const FULL = {
  rounds: 5,
  requests: 20_000,
  warmup: 5_000,
  connections: 10,
  logins: 200,
  loginConcurrency: 4,
  sessions: 10_000,
};
const QUICK = { rounds: 3, requests: 500, warmup: 200, connections: 10, logins: 3, loginConcurrency: 2, sessions: 500 };

/** The run's settings from its command-line arguments. */
export function parseOptions(args) {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const write = values['no-write'] ? undefined : (values.out ?? (values.quick ? undefined : 'BENCHMARKS.md'));
  return {
    ...(values.quick ? QUICK : FULL),
    quick: values.quick,
    json: values.json,
    write,
    cpuProf: values['cpu-prof'],
    help: values.help,
  };
}

/** The command as typed, e.g. `npm run bench -- --quick`. */
export function commandLine(args) {
  const base = process.env.npm_lifecycle_event === 'bench' ? 'npm run bench' : 'node bench/run.mjs';
  if (args.length === 0) return base;
  return base === 'npm run bench' ? `${base} -- ${args.join(' ')}` : `${base} ${args.join(' ')}`;
}
