import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { demoClientFor, startNcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { createClient } from 'redis';
import { freePort } from './support/free-port.js';
import { RedisServer } from './support/redis-server.js';
import { confirmLogoutAtEmulator, FakeBrowser, getJson, HTML, signInAtEmulator } from './support/login-steps.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** Runs what `npm start` runs, on free ports, and waits until the app answers. */
async function npmStart(env: Record<string, string>): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      NC_CONNECT_ISSUER: '',
      NC_CONNECT_AGENTS_ISSUER: '',
      NC_CONNECT_AGENTS_EMULATOR_PORT: String(await freePort()),
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`http://localhost:${env.PORT}/api/public`)).ok) return { child, output: () => output };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  child.kill();
  throw new Error(`npm start did not answer within 150 s:\n${output}`);
}

describe('npm start: the sample app with the built-in emulator', () => {
  let app: string;
  let started: Awaited<ReturnType<typeof npmStart>>;

  beforeAll(async () => {
    const port = await freePort();
    app = `http://localhost:${port}`;
    started = await npmStart({ PORT: String(port), NC_CONNECT_EMULATOR_PORT: String(await freePort()) });
  }, 180_000);
  afterAll(() => {
    started?.child.kill();
  });

  it('serves the public API and the home page with the NC Connect button', async () => {
    expect(await (await fetch(`${app}/api/public`)).json()).toEqual({ status: 'ok' });
    const home = await (await fetch(`${app}/`, { headers: HTML })).text();
    expect(home).toContain('Se connecter avec NC Connect');
    expect(home).toContain("Qu'est-ce que NC Connect ?");
    expect(started.output()).toContain('jean.dupont');
  });

  it('answers 401 JSON on the guarded API when anonymous', async () => {
    const response = await fetch(`${app}/api/profile`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'NC_CONNECT_LOGIN_REQUIRED' });
  });

  it('logs jean.dupont in from the button, shows the profile, and logs out', async () => {
    const browser = new FakeBrowser();
    const home = await (await browser.request(`${app}/`, { headers: HTML })).text();
    const button = /href="(\/auth\/login[^"]*)"/.exec(home)![1].replace(/&amp;/g, '&');

    const { callbackUrl } = await signInAtEmulator(browser, `${app}${button}`, app);
    const callback = await browser.request(callbackUrl, { headers: HTML });
    expect(callback.headers.get('location')).toBe('/profile');

    const profile = await (await browser.request(`${app}/profile`, { headers: HTML })).text();
    expect(profile).toContain('jean.dupont@example.nc');
    expect(profile).toContain('Dupont');
    expect(profile).toContain('identité vérifiée numériquement');
    expect((await getJson(browser, `${app}/api/profile`)).body).toMatchObject({ login: 'jean.dupont', verified: 2 });
    expect(await (await browser.request(`${app}/`, { headers: HTML })).text()).toContain('Bonjour Jean Pierre Dupont');

    const logout = await browser.request(`${app}/auth/logout`, { method: 'POST', headers: HTML });
    expect(logout.status).toBe(302);
    const back = new URL(await confirmLogoutAtEmulator(browser, logout.headers.get('location')!));
    expect(`${back.origin}${back.pathname}`).toBe(`${app}/logged-out`);
    const loggedOut = await (await browser.request(back.href, { headers: HTML })).text();
    expect(loggedOut).toContain('déconnecté de ce service et de NC Connect');
    // Reached without NC Connect's redirect (no provider logout happened), it claims no more than it knows.
    const direct = await (await browser.request(`${app}/logged-out`, { headers: HTML })).text();
    expect(direct).toContain('Votre session NC Connect est peut-être encore ouverte');

    const again = await browser.request(`${app}/profile`, { headers: HTML });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/auth/login?returnTo=%2Fprofile');
  });
});

/** Runs the built production entry point (`npm run start:prod`) and waits for it to exit. */
async function startProdUntilExit(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['dist/apps/sample/apps/sample/src/main.js'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, PORT: String(await freePort()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

describe('npm start with a port taken', () => {
  it.each([
    ['the emulator’s', 'NC_CONNECT_EMULATOR_PORT', 'the built-in emulator cannot listen on port'],
    ['the app’s', 'PORT', 'cannot listen on port'],
  ])('stops on %s port with a message that names %s, not a stack', async (_whose, variable, message) => {
    const taken = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => taken.listen(port, resolve));
    try {
      const child = spawn(process.execPath, ['scripts/start.mjs'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(await freePort()),
          NC_CONNECT_ISSUER: '',
          NC_CONNECT_EMULATOR_PORT: String(await freePort()),
          NC_CONNECT_AGENTS_ISSUER: '',
          NC_CONNECT_AGENTS_EMULATOR_PORT: String(await freePort()),
          NODE_ENV: 'development',
          [variable]: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout!.on('data', (chunk) => (output += chunk));
      child.stderr!.on('data', (chunk) => (output += chunk));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(1);
      expect(output).toContain(`${message} ${port} (EADDRINUSE): stop what uses it, or set ${variable} to a free port`);
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});

describe('npm start: the agents’ space beside the citizens’', () => {
  it('logs a government agent in through the agent-connect realm, apart from citizens', async () => {
    const port = await freePort();
    const app = `http://localhost:${port}`;
    const started = await npmStart({ PORT: String(port), NC_CONNECT_EMULATOR_PORT: String(await freePort()) });
    try {
      const browser = new FakeBrowser();
      const home = await (await browser.request(`${app}/`, { headers: HTML })).text();
      expect(home).toContain('href="/agents"');
      const space = await browser.request(`${app}/agents`, { headers: HTML });
      expect(space.headers.get('location')).toBe('/agents/auth/login?returnTo=%2Fagents');
      const { callbackUrl, authorizationUrl } = await signInAtEmulator(
        browser,
        `${app}/agents/auth/login?returnTo=%2Fagents`,
        app,
      );
      expect(authorizationUrl.pathname).toContain('/v3/realms/agent-connect/');
      expect((await browser.request(callbackUrl)).headers.get('location')).toBe('/agents');
      const page = await (await browser.request(`${app}/agents`, { headers: HTML })).text();
      expect(page).toContain('Espace agents');
      expect(page).toContain('/v3/realms/agent-connect');
      // The agent session is not a citizen session.
      expect((await browser.request(`${app}/api/profile`)).status).toBe(401);
    } finally {
      started.child.kill();
    }
  }, 180_000);
});

describe('the sample app with REDIS_URL', () => {
  it('keeps its sessions in Redis', async () => {
    const port = await freePort();
    const app = `http://localhost:${port}`;
    const redis = await RedisServer.start();
    const emulator = await startNcConnectEmulator({ clients: [demoClientFor(port)] });
    const probe = createClient({ url: redis.url });
    await probe.connect();
    const started = await npmStart({
      PORT: String(port),
      NC_CONNECT_ISSUER: emulator.issuer,
      NC_CONNECT_CLIENT_ID: 'nc-connect-demo',
      NC_CONNECT_CLIENT_SECRET: 'nc-connect-demo-secret',
      SESSION_SECRET: 'sample-redis-session-secret-0123456789',
      REDIS_URL: redis.url,
    });
    try {
      const browser = new FakeBrowser();
      const { callbackUrl } = await signInAtEmulator(browser, `${app}/auth/login`, app);
      expect((await browser.request(callbackUrl)).status).toBe(302);
      expect((await getJson(browser, `${app}/api/profile`)).body).toMatchObject({ login: 'jean.dupont' });
      expect(await probe.keys('nc-connect:session:*')).toHaveLength(1);
      await browser.request(`${app}/auth/logout`, { method: 'POST' });
      expect(await probe.keys('nc-connect:session:*')).toHaveLength(0);
    } finally {
      started.child.kill();
      await probe.close();
      await emulator.close();
      await redis.dispose();
    }
  }, 180_000);
});

describe('start:prod configuration errors', () => {
  it('refuses to start without NC_CONNECT_ISSUER, naming the variables to set', async () => {
    const { code, output } = await startProdUntilExit({ NC_CONNECT_CLIENT_ID: 'svc', NODE_ENV: 'production' });
    expect(code).not.toBe(0);
    expect(output).toContain('- NC_CONNECT_ISSUER: required');
    expect(output).toContain('- NC_CONNECT_CLIENT_SECRET: required');
    expect(output).toContain('- SESSION_SECRET: required when NODE_ENV=production');
  });

  it('refuses a plain-http issuer that is not on a loopback host', async () => {
    const { code, output } = await startProdUntilExit({
      NC_CONNECT_ISSUER: 'http://connect.gouv.nc/v3/realms/nc-connect',
      NC_CONNECT_CLIENT_ID: 'svc',
      NC_CONNECT_CLIENT_SECRET: 'secret',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('- NC_CONNECT_ISSUER: must use https');
  });

  it('refuses a REDIS_URL that is not a Redis URL', async () => {
    const { code, output } = await startProdUntilExit({
      NC_CONNECT_ISSUER: 'https://connect.gouv.nc/v3/realms/nc-connect',
      NC_CONNECT_CLIENT_ID: 'svc',
      NC_CONNECT_CLIENT_SECRET: 'secret',
      REDIS_URL: 'http://cache.internal:6379',
    });
    expect(code).not.toBe(0);
    expect(output).toContain('- REDIS_URL: must be a redis:// or rediss:// URL, or a node-redis client');
  });
});
