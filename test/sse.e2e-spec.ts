import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Sse, UseGuards, type MessageEvent } from '@nestjs/common';
import { CurrentUser, NcConnectGuard, type NcConnectUser } from 'nestjs-nc-connect';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { get } from 'node:http';
import { interval, map, type Observable } from 'rxjs';
import { FakeBrowser } from './support/fake-browser.js';
import { HTML, logIn } from './support/login-steps.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair, type Pair } from './support/test-pairs.js';

/** A live feed of an agent's dashboard: one event every 20 ms, naming the user it streams to. */
@Controller()
class FeedController {
  @Sse('feed')
  @UseGuards(NcConnectGuard)
  feed(@CurrentUser() user: NcConnectUser): Observable<MessageEvent> {
    return interval(20).pipe(map((tick) => ({ data: { tick, login: user.login } })));
  }
}

/** What an `EventSource` sends. */
const EVENT_STREAM = { accept: 'text/event-stream' };

/**
 * Opens `<url>/feed` as `EventSource` would, with `browser`'s cookies; returns the status, the content
 * type and the body up to the first event, then hangs up (destroying the socket, so that the app closes
 * at once).
 */
function openFeed(browser: FakeBrowser, url: string): Promise<{ status: number; contentType?: string; body: string }> {
  const sid = browser.cookie('nc_connect.sid');
  const headers = { ...EVENT_STREAM, ...(sid ? { cookie: `nc_connect.sid=${sid}` } : {}) };
  return new Promise((resolve, reject) => {
    const req = get(`${url}/feed`, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
        if (res.statusCode === 200 && body.includes('\n\n')) req.destroy();
      });
      const done = () => resolve({ status: res.statusCode!, contentType: res.headers['content-type'], body });
      res.on('end', done);
      res.on('close', done);
    });
    req.on('error', reject);
  });
}

describe.each(ADAPTERS)('An @Sse() route behind NcConnectGuard, on %s', (adapter) => {
  let pair: Pair<NcConnectEmulator>;
  let app: TestApp;
  const browser = new FakeBrowser();

  beforeAll(async () => {
    pair = await startEmulatorPair({ adapter, extras: { controllers: [FeedController] } });
    app = pair.app;
  });
  afterAll(() => pair?.close());

  it('anonymous: 401 JSON NC_CONNECT_LOGIN_REQUIRED, no stream', async () => {
    const feed = await openFeed(browser, app.url);
    expect(feed.status).toBe(401);
    expect(JSON.parse(feed.body)).toMatchObject({ code: 'NC_CONNECT_LOGIN_REQUIRED' });
  });

  it('logged in: the events stream, with @CurrentUser()', async () => {
    expect((await logIn(browser, app.url)).status).toBe(302);
    const feed = await openFeed(browser, app.url);
    expect(feed.status).toBe(200);
    expect(feed.contentType).toMatch(/^text\/event-stream/);
    expect(feed.body).toMatch(/^\n?id: 1\ndata: \{"tick":0,"login":"jean\.dupont"\}\n\n/);
  });

  it('logged out: 401 again', async () => {
    expect((await browser.request(`${app.url}/auth/logout`, { headers: HTML })).status).toBe(302);
    expect((await openFeed(browser, app.url)).status).toBe(401);
  });
});
