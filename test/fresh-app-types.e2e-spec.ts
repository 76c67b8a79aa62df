import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { npmInstall, packPackages, pinned, ROOT, run } from './support/fresh-app.js';

// An adopting team's first tests: nestjs-nc-connect installed from its packed tarball into a fresh
// ESM app outside the monorepo (the tsconfig.json of test/fixtures/fresh-app, as `nest new` makes
// it, with the app and tests of test/fixtures/fresh-app-recipes), with only what the README asks
// for: no redis, no @types/passport, no Fastify. The app type-checks with `skipLibCheck: false`
// (`@CurrentUser<AppUser>()`, the health indicator, the testing module), and the testing recipe
// of docs/testing.md passes with Jest (ESM) and with Vitest.

const FIXTURE = join(ROOT, 'test/fixtures/fresh-app');
const RECIPES = join(ROOT, 'test/fixtures/fresh-app-recipes');

/** Vitest as `nest new` installs it; not in the monorepo's lock file, hence pinned here. */
const VITEST = { vitest: '4.1.12', vite: '8.3.8' };

/** What each recipe's spec must report, by test name. */
const RECIPE_TESTS = [
  'greets the logged-in user',
  'answers 401 when nobody is logged in',
  'reports NC Connect up, in testing mode',
];

let work: string;
let appDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nc-connect-fresh-types-'));
  const { library } = await packPackages(join(work, 'tarballs'));
  appDir = join(work, 'app');
  mkdirSync(appDir);
  cpSync(join(FIXTURE, 'tsconfig.json'), join(appDir, 'tsconfig.json'));
  cpSync(RECIPES, appDir, { recursive: true });
  const manifest = {
    name: 'fresh-nc-connect-recipes',
    version: '0.0.1',
    private: true,
    type: 'module',
    dependencies: {
      'nestjs-nc-connect': `file:${library}`,
      ...pinned([
        '@nestjs/common',
        '@nestjs/core',
        '@nestjs/passport',
        '@nestjs/platform-express',
        '@nestjs/terminus',
        'openid-client',
        'passport',
        'reflect-metadata',
        'rxjs',
      ]),
    },
    devDependencies: {
      ...pinned(['typescript', '@types/node', '@types/express', '@nestjs/testing', 'supertest', '@types/supertest']),
      ...pinned(['jest', '@jest/globals', '@swc/core', '@swc/jest']),
      ...VITEST,
    },
  };
  writeFileSync(join(appDir, 'package.json'), JSON.stringify(manifest, null, 2));
  await npmInstall(appDir);
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs `args` with node in the app; on failure, the error carries the command's output. */
async function inApp(args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, args, { cwd: appDir, maxBuffer: 16 * 1024 * 1024 })).stdout;
  } catch (err) {
    const { stdout, stderr } = err as { stdout?: string; stderr?: string };
    throw new Error(`node ${args.join(' ')} failed:\n${stdout}\n${stderr}`, { cause: err });
  }
}

/** The names of the tests a Jest-format JSON report (Jest's and Vitest's) says passed, and of the others. */
function outcomes(report: string): { passed: string[]; other: string[] } {
  const { testResults } = JSON.parse(report) as {
    testResults: { assertionResults: { title: string; status: string }[] }[];
  };
  const results = testResults.flatMap((file) => file.assertionResults);
  return {
    passed: results.filter((result) => result.status === 'passed').map((result) => result.title),
    other: results.filter((result) => result.status !== 'passed').map((result) => result.title),
  };
}

/** Every `.d.ts` file under `dir`, relative to it. */
function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter(
    (file) => file.endsWith('.d.ts') && !file.startsWith('node_modules'),
  );
}

describe('a fresh app with nestjs-nc-connect, its types and its testing recipes', () => {
  it('installs declarations that import only the packages every app has', () => {
    const installed = join(appDir, 'node_modules/nestjs-nc-connect');
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      peerDependencies: Record<string, string>;
      peerDependenciesMeta: Record<string, { optional?: boolean }>;
    };
    const required = Object.keys(manifest.peerDependencies).filter(
      (name) => !manifest.peerDependenciesMeta[name]?.optional,
    );
    const everyApp = new Set([...required, ...Object.keys(manifest.dependencies)]);
    const unexpected: string[] = [];
    for (const file of declarationFiles(installed)) {
      const source = readFileSync(join(installed, file), 'utf8');
      for (const [, specifier] of source.matchAll(/(?:from|import\()\s*['"]([^'".][^'"]*)['"]/g)) {
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        // The optional peer of the health entry point is for its own files only.
        const ownOptional = file.startsWith('health/') && name === '@nestjs/terminus';
        const self = name === 'nestjs-nc-connect';
        if (!everyApp.has(name) && !name.startsWith('node:') && !ownOptional && !self) {
          unexpected.push(`${file}: ${specifier}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('type-checks with skipLibCheck: false: @CurrentUser<AppUser>(), the health indicator, both recipes', async () => {
    // The app has neither redis, nor @types/passport, nor @types/express-session, nor Fastify.
    await expect(inApp(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.strict.json'])).resolves.toBe('');
  }, 120_000);

  it('passes the Jest recipe (ESM): 200 as the test user, 401 without, health up in testing mode', async () => {
    const report = await inApp([
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      'node_modules/jest/bin/jest.js',
      '--json',
    ]);
    expect(outcomes(report)).toEqual({ passed: RECIPE_TESTS, other: [] });
  }, 60_000);

  it('passes the Vitest recipe: 200 as the test user, 401 without, health up in testing mode', async () => {
    const report = await inApp(['node_modules/vitest/vitest.mjs', 'run', '--reporter=json']);
    expect(outcomes(report)).toEqual({ passed: RECIPE_TESTS, other: [] });
  }, 60_000);
});
