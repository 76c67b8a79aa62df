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
  return {
    clientId: 'nc-connect-demo',
    clientSecret: 'nc-connect-demo-secret',
    clientName: 'Application de démonstration',
    redirectUris: [`http://localhost:${port}/auth/callback`],
    postLogoutRedirectUris: [`http://localhost:${port}/`, `http://localhost:${port}/logged-out`],
    tokenEndpointAuthMethod: 'client_secret_basic',
    idTokenSignedResponseAlg: 'RS256',
    backchannelLogoutUri: `http://localhost:${port}/auth/backchannel-logout`,
  };
}
