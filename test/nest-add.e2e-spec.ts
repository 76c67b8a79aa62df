import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { freePort } from './support/free-port.js';
import {
  npmEnv,
  npmInstall,
  packPackages,
  ROOT,
  run,
  startApp,
  stopApp,
  type PackedPackages,
  type RunningApp,
} from './support/fresh-app.js';
import { confirmLogoutAtEmulator, FakeBrowser, HTML, signInAtEmulator } from './support/login-steps.js';

// `nest add nestjs-nc-connect` as a user runs it: an app from the current `nest new` template (the
// monorepo's @nestjs/cli), installed with npm's cache, outside the monorepo. The emulator is installed
// first from its tarball (it is not on the registry here); `nest add` then installs the library from
// its tarball (`nestjs-nc-connect@file:<tarball>`, which the CLI passes to `npm install`), runs the
// schematic, whose install task fetches @nestjs/config and the peers. The app is built with its own
// `npm run build`, the emulator started with the generated npm script, the app with `npm run start:prod`.

const NEST = join(ROOT, 'node_modules/@nestjs/cli/bin/nest.js');
/** npm's cache first, in every npm command of the test, the schematic's install included. */
const env = { ...npmEnv, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
/** What `nest add` writes, to compare a second run with the first. */
const WRITTEN = [
  'src/app.module.ts',
  'src/logged-out.controller.ts',
  'test/app.e2e-spec.ts',
  '.env',
  '.gitignore',
  'package.json',
];

let work: string;
let appDir: string;
let origin: string;
let emulatorPort: number;
let addOutput: string;
let written: Record<string, string>;
let rerun: { output: string; written: Record<string, string> };
let emulator: RunningApp | undefined;
let app: RunningApp | undefined;

const read = (file: string) => readFileSync(join(appDir, file), 'utf8');
const snapshot = () => Object.fromEntries(WRITTEN.map((file) => [file, read(file)]));

/** `nest add` in the app, as typed in a terminal. */
async function nestAdd(library: string, ...flags: string[]): Promise<string> {
  const args = ['add', library, `--app-url=${origin}`, `--emulator-port=${emulatorPort}`, ...flags];
  const { stdout, stderr } = await run(process.execPath, [NEST, ...args], { cwd: appDir, env });
  // Without the colours of CREATE and UPDATE.
  return stripVTControlCharacters(stdout + stderr);
}

/** `nest new`, then `npm install` of its dependencies. */
async function nestNew(): Promise<void> {
  await run(process.execPath, [NEST, 'new', 'app', '--skip-git', '--package-manager', 'npm', '--skip-install'], {
    cwd: work,
    env,
  });
  await npmInstall(appDir);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nc-connect-nest-add-'));
  appDir = join(work, 'app');
  origin = `http://localhost:${await freePort()}`;
  emulatorPort = await freePort();
  const [packed] = (await Promise.all([packPackages(join(work, 'tarballs')), nestNew()])) as [PackedPackages, void];
  await npmInstall(appDir, ['--save-dev', packed.emulator]);
  // A tarball spec without a slash: the CLI splits the library's name at the first one.
  copyFileSync(packed.library, join(appDir, basename(packed.library)));
  const library = `nestjs-nc-connect@file:${basename(packed.library)}`;
  addOutput = await nestAdd(library);
  written = snapshot();
  // Nothing to install the second time: the CLI and the schematic both skip it.
  const output = await nestAdd('nestjs-nc-connect', '--skip-install');
  rerun = { output, written: snapshot() };
  await run('npm', ['run', 'build'], { cwd: appDir, env });
}, 300_000);

afterAll(async () => {
  await stopApp(app);
  await stopApp(emulator);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('nest add nestjs-nc-connect, in an app from the current nest new template', () => {
  it('installs the library, @nestjs/config and the peers, and says that every route now needs a login', () => {
    const manifest = JSON.parse(read('package.json')) as Record<string, Record<string, string>>;
    expect(Object.keys(manifest.dependencies)).toEqual(
      expect.arrayContaining(['nestjs-nc-connect', '@nestjs/config', '@nestjs/passport', 'openid-client', 'passport']),
    );
    for (const name of ['nestjs-nc-connect', '@nestjs/config', '@nestjs/passport', 'openid-client', 'passport']) {
      expect(read(`node_modules/${name}/package.json`)).toContain(`"name": "${name}"`);
    }
    expect(manifest.scripts['nc-connect:emulator']).toBe(
      `nc-connect-emulator --port ${emulatorPort} --app-url ${origin}`,
    );
    expect(addOutput).toContain('Every route of the app now needs a login');
    expect(addOutput).toMatch(/CREATE src\/logged-out\.controller\.ts/);
  });

  it('changes nothing when run a second time', () => {
    expect(rerun.written).toEqual(written);
    expect(rerun.output).not.toMatch(/CREATE|UPDATE/);
    expect(rerun.output).toContain('NC Connect is already wired in: nothing to change.');
  });

  it("keeps nest new's own tests passing (Vitest): the e2e test runs with NcConnectTestingModule", async () => {
    expect(read('test/app.e2e-spec.ts')).toContain('.overrideModule(ncConnect)');
    const unit = await run('npm', ['test'], { cwd: appDir, env });
    const e2e = await run('npm', ['run', 'test:e2e'], { cwd: appDir, env });
    expect(stripVTControlCharacters(unit.stdout + e2e.stdout)).toMatch(/Tests +1 passed[^]*Tests +1 passed/);
  });

  describe('the app and the emulator, started with npm scripts', () => {
    beforeAll(async () => {
      emulator = await startApp(appDir, {}, { command: ['npm', 'run', 'nc-connect:emulator'], ready: 'is running' });
      app = await startApp(appDir, {}, { command: ['npm', 'run', 'start:prod'], ready: 'successfully started' });
    }, 60_000);

    it('sends an anonymous visitor of the home page to NC Connect, and back after login', async () => {
      const browser = new FakeBrowser();
      const home = await browser.request(`${origin}/`, { headers: HTML });
      expect(home.status).toBe(302);
      expect(home.headers.get('location')).toBe('/auth/login?returnTo=%2F');
      const { callbackUrl } = await signInAtEmulator(browser, `${origin}/auth/login?returnTo=%2F`, origin);
      const back = await browser.request(callbackUrl, { headers: HTML });
      expect(back.headers.get('location')).toBe('/');
      const page = await browser.request(`${origin}/`, { headers: HTML });
      expect(page.status).toBe(200);
      expect(await page.text()).toBe('Hello World!');
    });

    it('logs out onto the public logged-out page', async () => {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${origin}/auth/login`, origin);
      await browser.request(callbackUrl, { headers: HTML });
      const logout = await browser.request(`${origin}/auth/logout`, { headers: HTML });
      const endSession = new URL(logout.headers.get('location')!);
      expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${origin}/logged-out`);
      const loggedOut = await confirmLogoutAtEmulator(browser, endSession.href);
      expect(loggedOut.startsWith(`${origin}/logged-out?`)).toBe(true);
      const page = await browser.request(loggedOut, { headers: HTML });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<h1>Vous êtes déconnecté</h1>');
      expect((await browser.request(`${origin}/`, { headers: HTML })).status).toBe(302);
    });
  });
});
