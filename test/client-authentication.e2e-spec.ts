import { afterEach, describe, expect, it } from '@jest/globals';
import type { NcConnectTokenEndpointAuthMethod } from 'nestjs-nc-connect';
import type { BasicCredentials } from './fixtures/fault-provider.js';
import { FakeBrowser } from './support/fake-browser.js';
import { getJson, logIn } from './support/login-steps.js';
import type { TestApp } from './support/test-app.js';
import { loginThroughFaultProvider, startEmulatorPair, startFaultPair, type Pair } from './support/test-pairs.js';
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

/** The library's error-level lines that name the settings to check, and never the secret. */
function settingsLines(app: TestApp, secret: string): string[] {
  const lines = app.logs.library().filter((line) => line.startsWith('error') && line.includes(CLIENT_AUTH_FAILED));
  for (const line of lines) expect(line).not.toContain(secret);
  return lines.filter((line) =>
    /clientId \(".+"\), clientSecret .* tokenEndpointAuthMethod \("client_secret_/.test(line),
  );
}

const CLIENT_AUTH_FAILED = 'NC_CONNECT_CLIENT_AUTH_FAILED';

describe.each<NcConnectTokenEndpointAuthMethod>(['client_secret_basic', 'client_secret_post'])(
  'a wrong client secret, with %s',
  (tokenEndpointAuthMethod) => {
    const wrongSecret = 'not-the-registered-secret-0123456789';

    it('answers the callback 502 NC_CONNECT_CLIENT_AUTH_FAILED and logs the settings to check (emulator)', async () => {
      const pair = await startEmulatorPair({
        client: { tokenEndpointAuthMethod },
        module: { clientSecret: wrongSecret, tokenEndpointAuthMethod },
      });
      try {
        const browser = new FakeBrowser();
        const callback = await logIn(browser, pair.app.url);
        expect(callback.status).toBe(502);
        expect(await callback.text()).toContain(`data-error-code="${CLIENT_AUTH_FAILED}"`);
        const lines = settingsLines(pair.app, wrongSecret);
        expect(lines.some((line) => line.includes('(invalid_client) during the code exchange'))).toBe(true);
        expect(lines.some((line) => line.includes(`("${tokenEndpointAuthMethod}")`))).toBe(true);
        expect((await getJson(browser, `${pair.app.url}/auth/me`)).status).toBe(401);
      } finally {
        await pair.close();
      }
    });
  },
);

describe('a client refused during a refresh', () => {
  it('answers 502 NC_CONNECT_CLIENT_AUTH_FAILED, logs the settings to check, and keeps the session', async () => {
    const pair = await startFaultPair({ module: { keepTokens: true } });
    try {
      pair.provider.faults = { accessTokenLifetime: 30 }; // refreshed on first use
      const browser = new FakeBrowser();
      expect((await loginThroughFaultProvider(browser, pair.app)).status).toBe(302);
      pair.provider.faults = { refresh: { error: 'unauthorized_client' } };
      const answer = await getJson(browser, `${pair.app.url}/token`);
      expect([answer.status, answer.body.code]).toEqual([502, CLIENT_AUTH_FAILED]);
      const lines = settingsLines(pair.app, pair.provider.client.clientSecret);
      expect(lines.some((line) => line.includes('(unauthorized_client) during a refresh'))).toBe(true);
      expect((await getJson(browser, `${pair.app.url}/auth/me`)).status).toBe(200);
    } finally {
      await pair.close();
    }
  });
});
