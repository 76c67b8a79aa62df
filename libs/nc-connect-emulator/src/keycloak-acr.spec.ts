import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, type JWTPayload } from 'jose';

import {
  authorizationRequest,
  discover,
  exchangeCode,
  followToApp,
  openLoginPage,
  type Discovery,
} from '../test/code-flow.js';
import { FakeBrowser, formAction } from '../../../test/support/fake-browser.js';
import {
  DEMO_PERSONAS,
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectFlavor,
} from './index.js';

const client: NcConnectEmulatorClient = { ...demoClientFor(3999), backchannelLogoutUri: undefined };
const LEVELS = ['eidas1', 'eidas2', 'eidas3'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one authorization request ended with: whether the login page was shown, and the tokens. */
interface Outcome {
  loginPage?: string;
  idToken: JWTPayload;
  accessToken: string;
}

/**
 * Runs one authorization request in `browser`: through the login page as `login` when the emulator
 * shows it, straight back to the app when its session is reused. Returns the exchanged tokens.
 */
async function authorize(
  discovery: Discovery,
  browser: FakeBrowser,
  extra: Record<string, string> = {},
  login = 'jean.dupont',
): Promise<Outcome> {
  const request = authorizationRequest(discovery, client, extra);
  const { response, url } = await browser.navigate(request.url, client.redirectUris[0]);
  let callback = new URL(url);
  let loginPage: string | undefined;
  if (!url.startsWith(client.redirectUris[0])) {
    loginPage = await response.text();
    const action = new URL(formAction(loginPage) ?? '', url).href;
    const submitted = await browser.post(action, { login, password: 'nc-connect' });
    callback = await followToApp(browser, submitted, client.redirectUris[0], action);
  }
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code at ${callback.href}`);
  const tokens = (await (await exchangeCode(discovery, client, code, request.verifier)).json()) as Record<
    string,
    string
  >;
  return { loginPage, idToken: decodeJwt(tokens.id_token), accessToken: tokens.access_token };
}

describe('V3 acr and auth_time without levels (a default Keycloak realm)', () => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;
  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ clients: [client] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  it('advertises acr values 0 and 1, as Keycloak does', () => {
    expect(discovery.acr_values_supported).toEqual(['0', '1']);
  });

  it('says acr "1" and the login time after a typed password, "0" and the same time after single sign-on', async () => {
    const browser = new FakeBrowser();
    const start = Math.floor(Date.now() / 1000);
    const first = await authorize(discovery, browser);
    expect(first.loginPage).toBeDefined();
    expect(first.idToken.acr).toBe('1');
    expect(first.idToken.auth_time).toBeGreaterThanOrEqual(start);
    expect(first.idToken.auth_time).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(decodeJwt(first.accessToken)).toMatchObject({ acr: '1', auth_time: first.idToken.auth_time });

    const sso = await authorize(discovery, browser);
    expect(sso.loginPage).toBeUndefined();
    expect(sso.idToken.acr).toBe('0');
    expect(sso.idToken.auth_time).toBe(first.idToken.auth_time);
    expect(decodeJwt(sso.accessToken)).toMatchObject({ acr: '0', auth_time: first.idToken.auth_time });
  });

  it('ignores acr_values (no levels to reach)', async () => {
    const { idToken } = await authorize(discovery, new FakeBrowser(), { acr_values: 'eidas3' });
    expect(idToken.acr).toBe('1');
  });

  it('shows the login page again for prompt=login, with a fresh auth_time and acr "1"', async () => {
    const browser = new FakeBrowser();
    const first = await authorize(discovery, browser);
    await sleep(1100);
    const again = await authorize(discovery, browser, { prompt: 'login' });
    expect(again.loginPage).toContain('Se connecter');
    expect(again.idToken.acr).toBe('1');
    expect(again.idToken.auth_time).toBeGreaterThan(first.idToken.auth_time as number);
  }, 15_000);

  it('shows the login page again when the last authentication is older than max_age', async () => {
    const browser = new FakeBrowser();
    const first = await authorize(discovery, browser);
    expect((await authorize(discovery, browser, { max_age: '3600' })).loginPage).toBeUndefined();

    await sleep(1100);
    const zero = await authorize(discovery, browser, { max_age: '0' });
    expect(zero.loginPage).toBeDefined();
    expect(zero.idToken).toMatchObject({ acr: '1' });
    expect(zero.idToken.auth_time).toBeGreaterThan(first.idToken.auth_time as number);

    const recent = await authorize(discovery, browser, { max_age: '60' });
    expect(recent.loginPage).toBeUndefined();
    expect(recent.idToken).toMatchObject({ acr: '0', auth_time: zero.idToken.auth_time });

    await sleep(2100);
    const stale = await authorize(discovery, browser, { max_age: '1' });
    expect(stale.loginPage).toBeDefined();
    expect(stale.idToken.auth_time).toBeGreaterThan(zero.idToken.auth_time as number);
  }, 15_000);
});

describe('V3 acr levels (Keycloak step-up, an ACR to LoA mapping)', () => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;
  const limited = { ...DEMO_PERSONAS[0], login: 'limited.jean', verified: 2 as const, maxAcr: 'eidas1' };
  beforeAll(async () => {
    emulator = await startNcConnectEmulator({
      clients: [client],
      acrLevels: LEVELS,
      personas: [...DEMO_PERSONAS, limited],
    });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  const acrOf = async (login: string, extra: Record<string, string> = {}) =>
    (await authorize(discovery, new FakeBrowser(), extra, login)).idToken.acr;

  it('advertises the levels as acr_values_supported', () => {
    expect(discovery.acr_values_supported).toEqual(LEVELS);
    expect(emulator.acrLevels).toEqual(LEVELS);
  });

  it('states the level asked for on the login page, and what each persona can reach', async () => {
    const { html } = await openLoginPage(
      new FakeBrowser(),
      authorizationRequest(discovery, client, { acr_values: 'eidas2' }),
    );
    expect(html).toContain('Niveau d’authentification demandé (acr) : <code>eidas2</code>.');
    expect(html).toMatch(/<code>jean\.dupont<\/code>.*<code>eidas3<\/code>/);
    expect(html).toMatch(/<code>marie\.lefevre<\/code>.*<code>eidas2<\/code>/);
    expect(html).toMatch(/<code>sione\.tuilagi<\/code>.*<code>eidas1<\/code>/);
    expect(html).toMatch(/<code>lea\.martin<\/code>.*<code>eidas2<\/code>/);
  });

  it('answers the level asked for when the persona reaches it, and the lowest without acr_values', async () => {
    expect(await acrOf('jean.dupont', { acr_values: 'eidas3' })).toBe('eidas3');
    expect(await acrOf('jean.dupont', { acr_values: 'eidas2' })).toBe('eidas2');
    expect(await acrOf('marie.lefevre', { acr_values: 'eidas2' })).toBe('eidas2');
    expect(await acrOf('jean.dupont')).toBe('eidas1');
  });

  it("answers the persona's highest level, lower than asked, when it cannot reach the level", async () => {
    expect(await acrOf('marie.lefevre', { acr_values: 'eidas3' })).toBe('eidas2');
    expect(await acrOf('lea.martin', { acr_values: 'eidas3' })).toBe('eidas2');
    expect(await acrOf('sione.tuilagi', { acr_values: 'eidas2' })).toBe('eidas1');
    // A persona given a lower maxAcr is how a test makes the provider answer less on purpose.
    expect(await acrOf('limited.jean', { acr_values: 'eidas2' })).toBe('eidas1');
  });

  it('reaches the lowest of several levels asked for, as Keycloak does', async () => {
    expect(await acrOf('jean.dupont', { acr_values: 'eidas3 eidas2' })).toBe('eidas2');
    expect(await acrOf('marie.lefevre', { acr_values: 'eidas2 eidas3' })).toBe('eidas2');
  });

  it('steps up a single sign-on session below the level asked for, and keeps the level reached', async () => {
    const browser = new FakeBrowser();
    expect((await authorize(discovery, browser)).idToken.acr).toBe('eidas1');

    const stepUp = await authorize(discovery, browser, { acr_values: 'eidas3' });
    expect(stepUp.loginPage).toBeDefined();
    expect(stepUp.idToken.acr).toBe('eidas3');

    const sso = await authorize(discovery, browser, { acr_values: 'eidas2' });
    expect(sso.loginPage).toBeUndefined();
    expect(sso.idToken.acr).toBe('eidas2');
    expect((await authorize(discovery, browser)).idToken.acr).toBe('eidas3');
  });

  it('does not ask a persona to log in again for a level it cannot reach', async () => {
    const browser = new FakeBrowser();
    await authorize(discovery, browser, { acr_values: 'eidas2' }, 'marie.lefevre');
    const sso = await authorize(discovery, browser, { acr_values: 'eidas3' }, 'marie.lefevre');
    expect(sso.loginPage).toBeUndefined();
    expect(sso.idToken.acr).toBe('eidas2');
  });

  it('forces the login page for prompt=login, and answers the level of that login', async () => {
    const browser = new FakeBrowser();
    await authorize(discovery, browser, { acr_values: 'eidas3' });
    const again = await authorize(discovery, browser, { prompt: 'login', acr_values: 'eidas2' });
    expect(again.loginPage).toBeDefined();
    expect(again.idToken.acr).toBe('eidas2');
  });
});

describe.each<NcConnectFlavor>(['v3', 'v2'])('%s: prompt=login and max_age (oidc-provider, both flavors)', (flavor) => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;
  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ flavor, clients: [client] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  it('reuses the session, but not for prompt=login nor once max_age has passed', async () => {
    const browser = new FakeBrowser();
    await authorize(discovery, browser);
    expect((await authorize(discovery, browser)).loginPage).toBeUndefined();
    const forced = await authorize(discovery, browser, { prompt: 'login' });
    expect(forced.loginPage).toBeDefined();
    expect(forced.idToken.auth_time).toEqual(expect.any(Number));
    await sleep(1100);
    expect((await authorize(discovery, browser, { max_age: '0' })).loginPage).toBeDefined();
    if (flavor === 'v2') expect(forced.idToken).not.toHaveProperty('acr');
  }, 15_000);
});
