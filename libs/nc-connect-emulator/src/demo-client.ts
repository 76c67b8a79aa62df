import type { NcConnectEmulatorClient } from './emulator-options.js';

/**
 * The demo service registered by default, matching the sample app on port 3000. Its secret is
 * public on purpose: it only works against the emulator.
 */
export const DEMO_CLIENT: NcConnectEmulatorClient = Object.freeze(demoClientFor(3000));

/**
 * The demo service for an app listening on `http://localhost:<port>`.
 * @example
 * await startNcConnectEmulator({ clients: [demoClientFor(appPort)] });
 */
export function demoClientFor(port: number): NcConnectEmulatorClient {
  return demoClientAt(`http://localhost:${port}`);
}

/**
 * The demo service for an app at `appUrl`, its origin and any global prefix (`http://localhost:4000`,
 * `https://app.test/v1`), with the library's routes under `/auth`: the redirect URI
 * `<appUrl>/auth/callback`, the post-logout URIs `<appUrl>/` and `<appUrl>/logged-out`, and the
 * back-channel logout URI `<appUrl>/auth/backchannel-logout`. `appUrl` must be an absolute http(s) URL
 * without query or fragment; anything else throws a `TypeError` that says so.
 */
export function demoClientAt(appUrl: string): NcConnectEmulatorClient {
  const base = appBaseUrl(appUrl);
  return {
    clientId: 'nc-connect-demo',
    clientSecret: 'nc-connect-demo-secret',
    clientName: 'Application de démonstration',
    redirectUris: [`${base}/auth/callback`],
    postLogoutRedirectUris: [`${base}/`, `${base}/logged-out`],
    tokenEndpointAuthMethod: 'client_secret_basic',
    idTokenSignedResponseAlg: 'RS256',
    backchannelLogoutUri: `${base}/auth/backchannel-logout`,
  };
}

/** `appUrl` without its trailing slashes, once checked to be an http(s) URL with no query or fragment. */
function appBaseUrl(appUrl: string): string {
  const url = URL.parse(appUrl);
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) {
    throw new TypeError(
      `the app URL must be an http(s) URL such as http://localhost:4000, without query, fragment or credentials; got "${appUrl}"`,
    );
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
