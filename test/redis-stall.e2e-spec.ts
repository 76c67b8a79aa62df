import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectEmulator } from 'nestjs-nc-connect-emulator';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { ADAPTERS, type TestApp } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

describe.each(ADAPTERS)('a Redis that stalls (answers nothing, connection kept), on %s', (adapter) => {
  let redis: RedisServer;
  let emulator: NcConnectEmulator;
  let app: TestApp;

  beforeAll(async () => {
    redis = await RedisServer.start();
    ({ provider: emulator, app } = await startEmulatorPair({
      module: { redis: redis.url, session: { secret: 'stalled-redis-secret-0123456789-0123' } },
      adapter,
    }));
  });
  afterAll(async () => {
    redis?.resume();
    await app?.close();
    await emulator?.close();
    await redis?.dispose();
  });

  it('answers 503 NC_CONNECT_SESSION_UNAVAILABLE instead of hanging, and recovers when Redis does', async () => {
    const browser = new FakeBrowser();
    await logIn(browser, app.url);
    redis.pause();
    try {
      const stalled = await getJson(browser, `${app.url}/auth/me`);
      expect([stalled.status, stalled.body.code]).toEqual([503, 'NC_CONNECT_SESSION_UNAVAILABLE']);
      expect(await getJson(browser, `${app.url}/open`)).toEqual({ status: 200, body: { open: true } });
    } finally {
      redis.resume();
    }
    expect((await getJson(browser, `${app.url}/auth/me`)).status).toBe(200);
  });
});
