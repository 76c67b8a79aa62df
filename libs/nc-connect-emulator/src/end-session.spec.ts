import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import {
  authorizationRequest,
  discover,
  exchangeCode,
  logIn,
  openLoginPage,
  type Discovery,
} from '../test/code-flow.js';
import { FakeBrowser, formAction, inputValue } from '../../../test/support/fake-browser.js';
import { demoClientFor, startNcConnectEmulator, type NcConnectEmulator, type NcConnectFlavor } from './index.js';

const client = demoClientFor(3998);

describe.each<NcConnectFlavor>(['v3', 'v2'])('RP-initiated logout, %s', (flavor) => {
  let emulator: NcConnectEmulator;
  let discovery: Discovery;

  beforeAll(async () => {
    emulator = await startNcConnectEmulator({ flavor, clients: [client] });
    discovery = await discover(emulator.issuer);
  });
  afterAll(() => emulator.close());

  async function loggedInBrowser(): Promise<{ browser: FakeBrowser; idToken: string }> {
    const browser = new FakeBrowser();
    const request = authorizationRequest(discovery, client);
    const callback = await logIn(browser, request, client);
    const tokens = (await (
      await exchangeCode(discovery, client, callback.searchParams.get('code')!, request.verifier)
    ).json()) as Record<string, string>;
    return { browser, idToken: tokens.id_token };
  }

  it('ends the session and returns to the post-logout URI with the state', async () => {
    const { browser, idToken } = await loggedInBrowser();
    const logoutUrl = new URL(discovery.end_session_endpoint);
    logoutUrl.search = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: client.postLogoutRedirectUris[0],
      state: 'logout-state',
    }).toString();

    const confirm = await browser.request(logoutUrl.href);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    expect(html).toContain('Se déconnecter de NC Connect ?');
    expect(html).toContain('form.submit()');
    const action = formAction(html);
    const xsrf = inputValue(html, 'xsrf');
    expect(action && xsrf).toBeTruthy();

    // What the inline script (or the visible button) submits.
    const done = await browser.post(new URL(action!, logoutUrl).href, { xsrf: xsrf!, logout: 'yes' });
    expect(done.status).toBe(303);
    const back = new URL(done.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(client.postLogoutRedirectUris[0]);
    expect(back.searchParams.get('state')).toBe('logout-state');

    // The NC Connect session is gone: the next authorization shows the login page again.
    const again = await openLoginPage(browser, authorizationRequest(discovery, client));
    expect(again.status).toBe(200);
    expect(emulator.requestCounts().end_session).toBeGreaterThanOrEqual(1);
  });

  it('asks without auto-submitting when there is no id_token_hint, and says so in French when no URI is given', async () => {
    const { browser } = await loggedInBrowser();
    const confirm = await browser.request(discovery.end_session_endpoint);
    const html = await confirm.text();
    expect(html).toContain('Se déconnecter de NC Connect ?');
    expect(html).not.toContain('<script>');

    const done = await browser.post(new URL(formAction(html)!, discovery.end_session_endpoint).href, {
      xsrf: inputValue(html, 'xsrf')!,
      logout: 'yes',
    });
    const success = await browser.navigate(new URL(done.headers.get('location')!, discovery.end_session_endpoint).href);
    expect(await success.response.text()).toContain('Vous êtes déconnecté de NC Connect');
  });

  it('refuses a post-logout URI that is not registered with a page that says how to register it', async () => {
    const { browser, idToken } = await loggedInBrowser();
    const logoutUrl = new URL(discovery.end_session_endpoint);
    logoutUrl.search = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: 'http://localhost:4200/logged-out',
    }).toString();
    // fetch's own Accept (*\/*) would get oidc-provider's JSON; the end-session endpoint is a page.
    const response = await browser.request(logoutUrl.href);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('post_logout_redirect_uri not registered');
    expect(html).toContain('L’adresse <code>http://localhost:4200/logged-out</code> n’est pas enregistrée');
    expect(html).toContain(`<li><code>${client.postLogoutRedirectUris[1]}</code></li>`);
    expect(html).toContain('<code>--app-url http://localhost:4200</code>');
  });
});
