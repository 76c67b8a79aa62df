import { describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const ROOT = new URL('..', import.meta.url).pathname;
const BENCHMARKS = `${ROOT}BENCHMARKS.md`;

/** Every row of the report, in its tables (per request on Express, then on Fastify; login; memory). */
const ROWS = [
  'bare Nest app, GET /api/public (floor)',
  "bare Nest app, GET /api/profile answering the sample's JSON, no session",
  'sample app, anonymous GET /api/public',
  'sample app, logged-in GET /api/profile, in-process store',
  'sample app, logged-in GET /api/profile, Redis',
  'express-openid-connect, anonymous GET /api/public',
  'express-openid-connect, logged-in GET /api/profile',
  'usual wiring, anonymous GET /api/public',
  'usual wiring, logged-in GET /api/profile',
  'bare Nest app on Fastify, GET /api/public (floor)',
  "bare Nest app on Fastify, GET /api/profile answering the sample's JSON, no session",
  'sample app on Fastify, anonymous GET /api/public',
  'sample app on Fastify, logged-in GET /api/profile, in-process store',
  'sample app on Fastify, logged-in GET /api/profile, Redis',
  'login flows per second',
  'sample app CPU per login',
  'provider requests per login, by the library',
  'provider requests per process, by the library',
  'bytes per session, in-process store',
  'bytes per session, Redis',
  'app process memory per session, Redis',
  'library session data (JSON)',
];

function npmRunBench(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '-s', 'bench', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

// No timing is asserted (machines are noisy): only that the quick run works and reports every row.
describe('npm run bench -- --quick', () => {
  it('runs every measurement, prints every row and leaves BENCHMARKS.md alone', async () => {
    const before = existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : undefined;

    const { code, stdout, stderr } = await npmRunBench(['--quick']);

    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    const printed = stdout.split('\n').filter((line) => line.startsWith('| '));
    for (const row of ROWS) expect(printed.filter((line) => line.startsWith(`| ${row}`))).toHaveLength(1);
    expect(existsSync(BENCHMARKS) ? readFileSync(BENCHMARKS, 'utf8') : undefined).toEqual(before);
  }, 150_000);
});
