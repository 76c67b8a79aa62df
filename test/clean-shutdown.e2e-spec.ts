import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { NcConnectModuleOptions } from 'nestjs-nc-connect';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import { RedisServer } from './support/redis-server.js';
import { ADAPTERS } from './support/test-app.js';
import { startEmulatorPair } from './support/test-pairs.js';

/** What keeps this process alive now (sockets, servers, timers, child processes). */
const aliveNow = () => process.getActiveResourcesInfo();

/** The resources alive now that were not alive `before` (a multiset difference), once closing ones have closed. */
async function leftSince(before: string[]): Promise<string[]> {
  const difference = () => {
    const remaining = [...before];
    return aliveNow().filter((resource) => {
      const index = remaining.indexOf(resource);
      if (index === -1) return true;
      remaining.splice(index, 1);
      return false;
    });
  };
  let left = difference();
  for (let wait = 0; wait < 50 && left.length > 0; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    left = difference();
  }
  return left.sort();
}

// `app.close()` must release everything the library opened (provider connections, Redis clients,
// timers): an app that leaks keeps its process (a test run, a rolling deployment) from exiting.
describe.each(ADAPTERS)('a closed app on %s', (adapter) => {
  describe.each(['in-process store', 'Redis'] as const)('with the %s', (storeKind) => {
    let redis: RedisServer | undefined;
    beforeAll(async () => {
      if (storeKind === 'Redis') redis = await RedisServer.start();
    });
    afterAll(() => redis?.dispose());

    it('leaves nothing running after a login, a guarded request and a logout', async () => {
      const before = aliveNow();
      const module: Partial<NcConnectModuleOptions> = redis ? { redis: redis.url } : {};
      const pair = await startEmulatorPair({ adapter, module });
      const browser = new FakeBrowser();
      await logIn(browser, pair.app.url);
      expect((await getJson(browser, `${pair.app.url}/profile`)).status).toBe(200);
      expect((await browser.request(`${pair.app.url}/auth/logout`)).status).toBe(302);
      await pair.close();
      expect(await leftSince(before)).toEqual([]);
    });
  });
});
