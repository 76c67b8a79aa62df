import { createHash, randomBytes } from 'node:crypto';

import type { NcConnectEmulatorClient } from '../src/index.js';
import { FakeBrowser, formAction } from '../../../test/support/fake-browser.js';

/** The parts of a discovery document the specs use. */
export interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  end_session_endpoint: string;
  jwks_uri: string;
  [key: string]: unknown;
}

/** An authorization request as a relying party builds it (PKCE S256, state, nonce). */
export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

/** GETs the discovery document of an issuer. */
export async function discover(issuer: string): Promise<Discovery> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  if (response.status !== 200) throw new Error(`discovery answered ${response.status}`);
  return (await response.json()) as Discovery;
}

/** Builds an authorization request for `client`. */
export function authorizationRequest(
  discovery: Discovery,
  client: NcConnectEmulatorClient,
  extra: Record<string, string> = {},
): AuthorizationRequest {
  const state = randomBytes(16).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: client.clientId,
    redirect_uri: client.redirectUris[0],
    scope: 'openid',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return { url: url.href, state, nonce, verifier };
}

/** Follows the authorization request to the login page; returns its HTML and form action. */
export async function openLoginPage(
  browser: FakeBrowser,
  request: AuthorizationRequest,
): Promise<{ html: string; action: string; status: number }> {
  const { response, url } = await browser.navigate(request.url);
  const html = await response.text();
  const action = formAction(html);
  if (!action) throw new Error(`no login form at ${url} (HTTP ${response.status})`);
  return { html, action: new URL(action, url).href, status: response.status };
}

/** Follows a redirect answer through oidc-provider until the browser is sent to the app. */
export async function followToApp(
  browser: FakeBrowser,
  response: Response,
  appUri: string,
  from: string,
): Promise<URL> {
  const location = response.headers.get('location');
  if (!location) throw new Error(`expected a redirect, got HTTP ${response.status}`);
  const target = new URL(location, from).href;
  const { url } = target.startsWith(appUri) ? { url: target } : await browser.navigate(target, appUri);
  if (!url.startsWith(appUri)) throw new Error(`ended at ${url}, not at ${appUri}`);
  return new URL(url);
}

/** Logs `login` in from the start of an authorization request and returns the callback URL. */
export async function logIn(
  browser: FakeBrowser,
  request: AuthorizationRequest,
  client: NcConnectEmulatorClient,
  login = 'jean.dupont',
  password = 'nc-connect',
): Promise<URL> {
  const { action } = await openLoginPage(browser, request);
  const response = await browser.post(action, { login, password });
  return followToApp(browser, response, client.redirectUris[0], action);
}

/** Exchanges a code at the token endpoint with the client's authentication method (no PKCE verifier if empty). */
export async function exchangeCode(
  discovery: Discovery,
  client: NcConnectEmulatorClient,
  code: string,
  verifier: string,
): Promise<Response> {
  const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: client.redirectUris[0] });
  if (verifier) body.set('code_verifier', verifier);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (client.tokenEndpointAuthMethod === 'client_secret_post') {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  } else {
    const encode = (value: string) => encodeURIComponent(value);
    headers.authorization = `Basic ${Buffer.from(`${encode(client.clientId)}:${encode(client.clientSecret)}`).toString('base64')}`;
  }
  return fetch(discovery.token_endpoint, { method: 'POST', headers, body });
}
