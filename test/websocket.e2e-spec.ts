import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { advanceClock } from './support/clock.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, HTML, logIn } from './support/login-steps.js';
import { logOutAtEmulator } from './support/session-helpers.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';
import { TestSocket, websocketExtras } from './support/websocket-app.js';

const MINUTE = 60_000;
const REFUSED = { closed: { code: 4401, reason: 'NC_CONNECT_LOGIN_REQUIRED' } };

describe.each(ADAPTERS)('WebSocket gateways behind the NC Connect guards (@nestjs/platform-ws), on %s', (adapter) => {
  let pair: Pair<NcConnectEmulator>;
  let app: TestApp;
  let ws: string;
  const sockets: TestSocket[] = [];

  /** Opens a connection to `path` with the handshake's `headers` (closed after the test). */
  async function open(path: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    const socket = await TestSocket.open(`${ws}${path}`, headers);
    sockets.push(socket);
    return socket;
  }

  /** A browser logged in to the app, and its session cookie. */
  async function loggedIn(): Promise<{ browser: FakeBrowser; cookie: Record<string, string> }> {
    const browser = new FakeBrowser();
    expect((await logIn(browser, app.url)).status).toBe(302);
    return { browser, cookie: { cookie: `nc_connect.sid=${browser.cookie('nc_connect.sid')}` } };
  }

  beforeAll(async () => {
    pair = await startEmulatorPair({
      adapter,
      client: (port) => ({ backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout` }),
      module: { keepTokens: true, session: { idleTimeout: 30 * 60 } },
      extras: websocketExtras,
    });
    app = pair.app;
    ws = app.url.replace(/^http/, 'ws');
  });
  afterEach(() => {
    jest.useRealTimers();
    sockets.splice(0).forEach((socket) => socket.close());
  });
  afterAll(() => pair?.close());

  describe('by the session cookie of the handshake', () => {
    it('logged in: the handlers answer, with @CurrentUser()', async () => {
      const { cookie } = await loggedIn();
      const socket = await open('/live', cookie);
      expect(await socket.ask('whoami')).toEqual({
        answer: { event: 'whoami', data: { sub: expect.any(String), login: 'jean.dupont' } },
      });
      expect(await socket.ask('whoami')).toMatchObject({ answer: { event: 'whoami' } });
    });

    it('anonymous: the connection is closed at its first message, with 4401', async () => {
      const socket = await open('/live');
      expect(await socket.ask('whoami')).toEqual(REFUSED);
    });

    it('logged out in another tab: refused at the next message', async () => {
      const { browser, cookie } = await loggedIn();
      const socket = await open('/live', cookie);
      expect(await socket.ask('whoami')).toMatchObject({ answer: { event: 'whoami' } });
      expect((await browser.request(`${app.url}/auth/logout`, { headers: HTML })).status).toBe(302);
      expect(await socket.ask('whoami')).toEqual(REFUSED);
    });

    it('logged out at NC Connect (back-channel logout): refused at the next message', async () => {
      const { browser, cookie } = await loggedIn();
      const socket = await open('/live', cookie);
      expect(await socket.ask('whoami')).toMatchObject({ answer: { event: 'whoami' } });
      await logOutAtEmulator(browser, pair.provider.issuer);
      expect(await socket.ask('whoami')).toEqual(REFUSED);
    });

    it('messages are activity; after 30 idle minutes (idleTimeout) the next message is refused', async () => {
      const { cookie } = await loggedIn();
      const socket = await open('/live', cookie);
      for (const minutes of [20, 20]) {
        advanceClock(minutes * MINUTE); // 20 and 40 minutes after login, 20 after the last message
        expect(await socket.ask('whoami')).toMatchObject({ answer: { event: 'whoami' } });
      }
      advanceClock(31 * MINUTE);
      expect(await socket.ask('whoami')).toEqual(REFUSED);
    });

    it('a gateway that does not remember its handshakes: the message fails, and the log says what to add', async () => {
      const { cookie } = await loggedIn();
      const socket = await open('/forgetful', cookie);
      expect(await socket.ask('whoami')).toMatchObject({ answer: { event: 'exception' } });
      expect(app.logs.lines.join('\n')).toContain('call rememberHandshake(client, request)');
    });
  });

  describe('by a bearer token', () => {
    let token: string;

    beforeAll(async () => {
      const { browser } = await loggedIn();
      token = (await getJson(browser, `${app.url}/token`)).body.accessToken as string;
    });

    it('in the Authorization header: the handlers answer, with @CurrentUser()', async () => {
      const socket = await open('/api/live', { authorization: `Bearer ${token}` });
      expect(await socket.ask('whoami')).toMatchObject({ answer: { data: { login: 'jean.dupont' } } });
    });

    it('as ?access_token= (browsers cannot set headers on a WebSocket)', async () => {
      const socket = await open(`/api/live?access_token=${encodeURIComponent(token)}`);
      expect(await socket.ask('whoami')).toMatchObject({ answer: { data: { login: 'jean.dupont' } } });
    });

    it('no token: closed with 4401 at the first message', async () => {
      const socket = await open('/api/live');
      expect(await socket.ask('whoami')).toEqual(REFUSED);
    });

    it('a refused token: closed with 4401, NC_CONNECT_BEARER_TOKEN_INVALID', async () => {
      const socket = await open('/api/live', { authorization: `Bearer ${token.slice(0, -4)}AAAA` });
      expect(await socket.ask('whoami')).toEqual({
        closed: { code: 4401, reason: 'NC_CONNECT_BEARER_TOKEN_INVALID' },
      });
    });
  });
});
