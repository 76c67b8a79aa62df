import { afterEach, describe, expect, it } from '@jest/globals';
import type { NcConnectTokenEndpointAuthMethod } from 'nestjs-nc-connect';
import type { BasicCredentials } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson } from './support/login-steps.js';
import { loginThroughFaultProvider, startFaultPair, type Pair } from './support/test-pairs.js';
import type { FaultProvider } from './fixtures/fault-provider.js';

/** An ID and a secret with the characters openid-client percent-encodes and form-encoding does not. */
const CLIENT = { clientId: 'nc-sample_app.v3', clientSecret: 'nc-secret_0123.4567-89ab_cdef.ghij' };

describe('client authentication at the token endpoint', () => {
  let pair: Pair<FaultProvider> | undefined;
  afterEach(async () => {
    await pair?.close();
    pair = undefined;
  });

  describe.each<[BasicCredentials, NcConnectTokenEndpointAuthMethod]>([
    ['decode', 'client_secret_basic'],
    ['raw', 'client_secret_basic'],
    ['decode', 'client_secret_post'],
    ['raw', 'client_secret_post'],
  ])('against a provider that reads Basic credentials %s', (basicCredentials, tokenEndpointAuthMethod) => {
    it(`logs in with ${tokenEndpointAuthMethod} and an ID and secret holding "-", "_" and "."`, async () => {
      pair = await startFaultPair({ client: CLIENT, basicCredentials, module: { tokenEndpointAuthMethod } });
      const browser = new FakeBrowser();
      const callback = await loginThroughFaultProvider(browser, pair.app);
      expect(callback.status).toBe(302);
      expect((await getJson(browser, `${pair.app.url}/auth/me`)).body).toMatchObject({ sub: 'ppid-jean-dupont' });
      expect(pair.provider.counts.token).toBe(1);
    });
  });
});
