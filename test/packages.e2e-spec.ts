import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  installedPackages,
  npmInstall,
  packPackages,
  pinned,
  ROOT,
  run,
  startApp,
  stopApp,
  type RunningApp,
} from './support/fresh-app.js';
import { freePort } from './support/free-port.js';
import { confirmLogoutAtEmulator, FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';

// The packages as a user installs them: `npm pack` of both libraries, installed from their tarballs
// into a fresh ESM Nest app (test/fixtures/fresh-app, as `nest new` generates it) copied to a
// temporary folder outside the monorepo, compiled with its own tsc, then started once per HTTP
// adapter and global prefix; each time a citizen logs in through the emulator of the installed
// package, reads the profile and logs out. Peer dependencies are pinned to the versions of the
// monorepo's lock file and installed with --prefer-offline, so npm's cache usually serves them all.

const FIXTURE = join(ROOT, 'test/fixtures/fresh-app');

/** Packages the library must not pull in: its sessions need neither express-session nor Redis. */
const ABSENT = ['redis', '@redis/client', 'express-session', 'connect-redis'];

let work: string;
let appDir: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nc-connect-packages-'));
  const { library, emulator } = await packPackages(join(work, 'tarballs'));
  appDir = join(work, 'app');
  cpSync(FIXTURE, appDir, { recursive: true });
  // Beside `nest new`'s own dependencies, those the libraries' README asks for, and Fastify's adapter.
  const manifest = {
    name: 'fresh-nc-connect-app',
    version: '0.0.1',
    private: true,
    license: 'UNLICENSED',
    type: 'module',
    scripts: { build: 'tsc -p tsconfig.build.json', 'start:prod': 'node dist/main' },
    dependencies: {
      'nestjs-nc-connect': `file:${library}`,
      ...pinned([
        '@nestjs/common',
        '@nestjs/core',
        '@nestjs/passport',
        '@nestjs/platform-express',
        '@nestjs/platform-fastify',
        '@nestjs/terminus',
        'fastify',
        'openid-client',
        'passport',
        'reflect-metadata',
        'rxjs',
      ]),
    },
    devDependencies: {
      'nestjs-nc-connect-emulator': `file:${emulator}`,
      ...pinned(['typescript', '@types/node', '@types/express']),
    },
  };
  writeFileSync(join(appDir, 'package.json'), JSON.stringify(manifest, null, 2));
  await npmInstall(appDir);
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: appDir });
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm packages, installed from their tarballs into a fresh ESM Nest app', () => {
  it('installs ESM packages with type declarations and an exports map', () => {
    const installed = JSON.parse(
      readFileSync(join(appDir, 'node_modules/nestjs-nc-connect/package.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(installed.type).toBe('module');
    expect(Object.keys(installed.exports as object)).toEqual(['.', './testing', './health', './package.json']);
    for (const file of ['index.d.ts', 'testing/index.d.ts', 'health/index.d.ts', 'README.md', 'LICENSE']) {
      expect(readFileSync(join(appDir, 'node_modules/nestjs-nc-connect', file), 'utf8').length).toBeGreaterThan(0);
    }
    expect(readFileSync(join(appDir, 'node_modules/nestjs-nc-connect-emulator/index.d.ts'), 'utf8')).toContain(
      'startNcConnectEmulator',
    );
  });

  it('pulls in neither Redis nor express-session nor connect-redis', () => {
    const installed = installedPackages(appDir);
    expect(installed).toEqual(expect.arrayContaining(['nestjs-nc-connect', 'negotiator', 'fastify']));
    expect(installed.filter((name) => ABSENT.includes(name))).toEqual([]);
  });

  it('runs nestjs-nc-connect/testing: logged in, then anonymous, with no provider', async () => {
    const { stdout } = await run(process.execPath, ['dist/testing-check.js'], { cwd: appDir });
    expect(JSON.parse(stdout)).toEqual({ loggedIn: { login: 'test.user' }, anonymous: 401 });
  });
});

describe.each([
  { adapter: 'express', globalPrefix: '' },
  { adapter: 'fastify', globalPrefix: '' },
  { adapter: 'express', globalPrefix: 'v1' },
  { adapter: 'fastify', globalPrefix: 'v1' },
])('the fresh app on $adapter, global prefix "$globalPrefix"', ({ adapter, globalPrefix }) => {
  const prefix = globalPrefix ? `/${globalPrefix}` : '';
  let app: RunningApp | undefined;
  let origin: string;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    base = `${origin}${prefix}`;
    app = await startApp(appDir, { PORT: String(port), HTTP_ADAPTER: adapter, GLOBAL_PREFIX: globalPrefix });
  }, 60_000);

  afterAll(async () => {
    // The app's log, to read beside a failure (the library logs one line per login success or failure).
    if (app && /ERROR|NC_CONNECT_LOGIN_FAILED/.test(app.output())) console.log(app.output());
    await stopApp(app);
  });

  /** From an anonymous visit of the guarded page `/me`, through the emulator, back to the page. */
  async function logInFromGuardedPage(browser: FakeBrowser): Promise<{ authorization: URL; callback: URL }> {
    const anonymous = await browser.request(`${base}/me`, { headers: HTML });
    const location = anonymous.headers.get('location');
    if (anonymous.status !== 302 || !location) throw new Error(`${base}/me answered ${anonymous.status}, no redirect`);
    const { authorizationUrl, callbackUrl } = await signInAtEmulator(browser, new URL(location, base).href, origin);
    const back = await browser.request(callbackUrl, { headers: HTML });
    expect(back.status).toBe(302);
    expect(back.headers.get('location')).toBe(`${prefix}/me`);
    return { authorization: authorizationUrl, callback: new URL(callbackUrl) };
  }

  it(`runs on ${adapter}`, () => {
    expect(app!.output()).toContain(`READY ${adapter} ${base}`);
  });

  it(`sends an anonymous browser to ${prefix}/auth/login?returnTo=…, and an API client a 401`, async () => {
    const browser = new FakeBrowser();
    const page = await browser.request(`${base}/me`, { headers: HTML });
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe(`${prefix}/auth/login?returnTo=${encodeURIComponent(`${prefix}/me`)}`);
    const api = await getJson(browser, `${base}/me`);
    expect(api).toMatchObject({ status: 401, body: { code: 'NC_CONNECT_LOGIN_REQUIRED' } });
  });

  it('logs jean.dupont in through the installed emulator and reads his profile', async () => {
    const browser = new FakeBrowser();
    const { authorization, callback } = await logInFromGuardedPage(browser);
    expect(authorization.searchParams.get('redirect_uri')).toBe(`${base}/auth/callback`);
    expect(callback.pathname).toBe(`${prefix}/auth/callback`);
    const jean = { login: 'jean.dupont', email: 'jean.dupont@example.nc' };
    expect(await getJson(browser, `${base}/me`)).toMatchObject({ status: 200, body: jean });
    expect(await getJson(browser, `${base}/auth/me`)).toMatchObject({ status: 200, body: jean });
    const { accessToken } = (await getJson(browser, `${base}/token`)).body as { accessToken: string };
    const api = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(await api.json()).toEqual({ login: 'jean.dupont' });
  });

  it(`logs out: the session ends, NC Connect sends the browser back to ${prefix}/logged-out`, async () => {
    const browser = new FakeBrowser();
    await logInFromGuardedPage(browser);
    const logout = await browser.request(`${base}/auth/logout`, { headers: HTML });
    expect(logout.status).toBe(302);
    const endSession = new URL(logout.headers.get('location')!);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${base}/logged-out`);
    expect(endSession.searchParams.get('id_token_hint')).toMatch(/^eyJ/);
    expect((await getJson(browser, `${base}/me`)).status).toBe(401);
    expect((await getJson(browser, `${base}/auth/me`)).status).toBe(401);
    const back = await confirmLogoutAtEmulator(browser, endSession.href);
    expect(back.startsWith(`${base}/logged-out?`)).toBe(true);
    expect(await getJson(browser, back)).toEqual({ status: 200, body: { loggedOut: true } });
  });

  it('reports NC Connect up through nestjs-nc-connect/health and @nestjs/terminus', async () => {
    const response = await fetch(`${base}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { 'nc-connect': { status: 'up', jwks: 'up' } } });
  });
});
