/**
 * The README's "Add NC Connect to your app", run for real: its `app.module.ts` and `app.controller.ts`
 * blocks, as written, in a Nest app against the emulator (registered with `demoClientAt`, as
 * `--app-url` does), configured by the variables of the README's `.env`. A browser is sent to the login
 * from a guarded page, logs in, reads its profile, logs out with a POST and lands on the public
 * logged-out page; without `@Public()` on that page, it would land on the login redirect instead,
 * which is why the README says so.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { demoClientAt, startNcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { freePort } from './support/free-port.js';
import { confirmLogoutAtEmulator, FakeBrowser, HTML, logIn } from './support/login-steps.js';
import { codeBlocks } from './support/markdown-code-blocks.js';

const ROOT = new URL('..', import.meta.url).pathname;
const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const PUBLIC_LOGGED_OUT = '@Public() // where NC Connect sends the browser after logout';

/** Writes the README's named blocks into a folder of their own (edited by `edit`); returns the folder. */
function writeReadmeApp(parent: string, name: string, edit: (code: string) => string = (code) => code): string {
  const dir = path.join(parent, name);
  mkdirSync(dir);
  for (const block of codeBlocks(README)) {
    const file = /^\/\/ ([\w.-]+\.ts)\b/.exec(block.code)?.[1];
    if (file) writeFileSync(path.join(dir, file), edit(block.code));
  }
  return dir;
}

/** The README's app at `http://localhost:<port>`, against a fresh emulator; run `scenario`, then close both. */
async function withReadmeApp(dir: string, scenario: (appUrl: string) => Promise<void>): Promise<void> {
  const port = await freePort();
  const appUrl = `http://localhost:${port}`;
  const emulator = await startNcConnectEmulator({ port: 0, clients: [demoClientAt(appUrl)] });
  let app: INestApplication | undefined;
  try {
    // The README's .env, with the emulator's port and the app's.
    Object.assign(process.env, {
      NC_CONNECT_ISSUER: emulator.issuer,
      NC_CONNECT_CLIENT_ID: 'nc-connect-demo',
      NC_CONNECT_CLIENT_SECRET: 'nc-connect-demo-secret',
      NC_CONNECT_REDIRECT_URI: `${appUrl}/auth/callback`,
      NC_CONNECT_POST_LOGOUT_REDIRECT_URI: `${appUrl}/logged-out`,
    });
    const { AppModule } = (await import(path.join(dir, 'app.module.ts'))) as { AppModule: new () => object };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(port, '127.0.0.1');
    await scenario(appUrl);
  } finally {
    await app?.close();
    await emulator.close();
  }
}

/** Logs in from a guarded page, then out with a POST; returns the page NC Connect sends the browser to. */
async function logInAndOut(browser: FakeBrowser, appUrl: string): Promise<Response> {
  await logIn(browser, appUrl, '/profile');
  const logout = await browser.request(`${appUrl}/auth/logout`, { method: 'POST' });
  expect(logout.status).toBe(302);
  const back = await confirmLogoutAtEmulator(browser, logout.headers.get('location')!);
  expect(back.startsWith(`${appUrl}/logged-out`)).toBe(true);
  return browser.request(back, { headers: HTML });
}

describe("The README's example app", () => {
  const parent = mkdtempSync(path.join(ROOT, '.readme-examples-flow-')); // ignored as .readme-examples-*
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('sends a browser to the login, logs it in, and out onto the public logged-out page', async () => {
    await withReadmeApp(writeReadmeApp(parent, 'as-written'), async (appUrl) => {
      const browser = new FakeBrowser();
      const anonymous = await browser.request(`${appUrl}/profile`, { headers: HTML });
      expect([anonymous.status, anonymous.headers.get('location')]).toEqual([302, '/auth/login?returnTo=%2Fprofile']);
      expect(await (await browser.request(`${appUrl}/`, { headers: HTML })).text()).toContain('/auth/login');
      expect(await (await browser.request(`${appUrl}/health`)).json()).toEqual({ status: 'ok' });

      await logIn(browser, appUrl, '/profile');
      const profile = await browser.request(`${appUrl}/profile`, { headers: { accept: 'application/json' } });
      expect(await profile.json()).toMatchObject({ sub: expect.any(String), email: 'jean.dupont@example.nc' });
      expect(await (await browser.request(`${appUrl}/`)).text()).toMatch(/^Bonjour Jean/);

      const loggedOut = await logInAndOut(browser, appUrl);
      expect([loggedOut.status, await loggedOut.text()]).toEqual([200, 'Vous êtes déconnecté.']);
      expect((await browser.request(`${appUrl}/profile`, { headers: HTML })).status).toBe(302);
    });
  });

  it('would log out onto the login redirect without @Public() on the logged-out page', async () => {
    expect(README).toContain(PUBLIC_LOGGED_OUT);
    const dir = writeReadmeApp(parent, 'without-public', (code) => code.replace(PUBLIC_LOGGED_OUT, '//'));
    await withReadmeApp(dir, async (appUrl) => {
      const loggedOut = await logInAndOut(new FakeBrowser(), appUrl);
      expect(loggedOut.status).toBe(302);
      expect(loggedOut.headers.get('location')).toMatch(/^\/auth\/login\?returnTo=%2Flogged-out/);
    });
  });
});
