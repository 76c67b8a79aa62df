import { parseArgs } from 'node:util';

import { DEMO_CLIENT, demoClientAt } from './demo-client.js';
import type { NcConnectEmulatorClient, NcConnectEmulatorOptions } from './emulator-options.js';

/** Default port of the command-line emulator. */
export const CLI_DEFAULT_PORT = 4000;

/** Environment variable read when `--acr-levels` is not given. */
export const ACR_LEVELS_ENV = 'NC_CONNECT_EMULATOR_ACR_LEVELS';

/** Environment variable read when `--app-url` is not given. */
export const APP_URL_ENV = 'NC_CONNECT_EMULATOR_APP_URL';

/**
 * Parses a list of `acr` levels written `eidas1,eidas2,eidas3` (commas or spaces), lowest first, as
 * `--acr-levels` and `NC_CONNECT_EMULATOR_ACR_LEVELS` take it; an empty list is `undefined`.
 */
export function parseAcrLevels(value: string | undefined): string[] | undefined {
  const levels = value?.split(/[\s,]+/).filter(Boolean) ?? [];
  return levels.length ? levels : undefined;
}

/** Help text of `nc-connect-emulator`. */
export const CLI_USAGE = `Usage: nc-connect-emulator [options]

Runs an NC Connect emulator (OpenID Connect provider) on this machine.

Options:
  --flavor v3|v2                    platform to imitate (default v3)
  --port N                          port to listen on, 0 for any free port (default ${CLI_DEFAULT_PORT})
  --host HOST                       interface to listen on (default 127.0.0.1)
  --public-host NAME                host name in the issuer URL (default localhost on loopback)
  --app-url URL                     the app's URL (origin and global prefix, e.g. http://localhost:4000):
                                    registers <URL>/auth/callback, <URL>/ and <URL>/logged-out after
                                    logout, and <URL>/auth/backchannel-logout at once; the options below
                                    override any of them (default: $${APP_URL_ENV}, else
                                    http://localhost:3000, the sample app)
  --client-id ID                    client ID of the registered service (default ${DEMO_CLIENT.clientId})
  --client-secret SECRET            its client secret (default: the demo client's)
  --redirect-uri URL                allowed redirect URI, repeatable (default ${DEMO_CLIENT.redirectUris[0]})
  --post-logout-redirect-uri URL    allowed post-logout URI, repeatable (default ${DEMO_CLIENT.postLogoutRedirectUris.join(' and ')})
  --auth-method client_secret_basic|client_secret_post|client_secret_jwt|private_key_jwt
                                    token endpoint authentication (default client_secret_basic)
  --jwks-uri URL                    private_key_jwt: the service's public keys (e.g. <app>/auth/jwks)
  --id-token-alg RS256|HS256        ID token signature (default RS256)
  --backchannel-logout-uri URL      where to POST logout tokens (default ${DEMO_CLIENT.backchannelLogoutUri}
                                    with the default redirect URI, else none)
  --acr-levels L1,L2,...            V3 step-up levels (acr values), lowest first, e.g. eidas1,eidas2,eidas3
                                    (default: $${ACR_LEVELS_ENV}, else Keycloak's default acr "0"/"1");
                                    jean.dupont reaches the top level, marie.lefevre and lea.martin the
                                    middle one, sione.tuilagi the lowest
  -h, --help                        show this help`;

/** Command-line arguments turned into emulator options. */
export type CliCommand =
  | { help: true }
  | { help: false; options: NcConnectEmulatorOptions & { port: number; clients: [NcConnectEmulatorClient] } };

/** Thrown for arguments the emulator cannot use; its message is meant for the terminal. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Parses `nc-connect-emulator` arguments (without `node` and the script path); `env` gives
 * `NC_CONNECT_EMULATOR_ACR_LEVELS` when `--acr-levels` is absent.
 */
export function parseCliArguments(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): CliCommand {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        flavor: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'public-host': { type: 'string' },
        'app-url': { type: 'string' },
        'client-id': { type: 'string' },
        'client-secret': { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'post-logout-redirect-uri': { type: 'string', multiple: true },
        'auth-method': { type: 'string' },
        'jwks-uri': { type: 'string' },
        'id-token-alg': { type: 'string' },
        'backchannel-logout-uri': { type: 'string' },
        'acr-levels': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };

  const port =
    values.port === undefined ? CLI_DEFAULT_PORT : /^\d{1,5}$/.test(values.port) ? Number(values.port) : Number.NaN;
  const clientId = values['client-id'] ?? DEMO_CLIENT.clientId;
  const app = demoClientOfApp(values['app-url'] ?? env[APP_URL_ENV]);
  const client: NcConnectEmulatorClient = {
    clientId,
    clientSecret: values['client-secret'] ?? DEMO_CLIENT.clientSecret,
    clientName: clientId === DEMO_CLIENT.clientId ? DEMO_CLIENT.clientName : undefined,
    redirectUris: values['redirect-uri'] ?? [...app.redirectUris],
    postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [...app.postLogoutRedirectUris],
    tokenEndpointAuthMethod: (values['auth-method'] ??
      'client_secret_basic') as NcConnectEmulatorClient['tokenEndpointAuthMethod'],
    ...(values['jwks-uri'] !== undefined ? { jwksUri: values['jwks-uri'] } : {}),
    idTokenSignedResponseAlg: (values['id-token-alg'] ??
      'RS256') as NcConnectEmulatorClient['idTokenSignedResponseAlg'],
    // The app's back-channel URI only fits the app's own redirect URI.
    backchannelLogoutUri:
      values['backchannel-logout-uri'] ?? (values['redirect-uri'] ? undefined : app.backchannelLogoutUri),
  };
  return {
    help: false,
    options: {
      // Checked with every other option by startNcConnectEmulator, which reports them all.
      flavor: (values.flavor ?? 'v3') as NcConnectEmulatorOptions['flavor'],
      port,
      host: values.host,
      publicHost: values['public-host'],
      clients: [client],
      acrLevels: parseAcrLevels(values['acr-levels'] ?? env[ACR_LEVELS_ENV]),
    },
  };
}

/** The demo client of the app at `appUrl` (`--app-url`), or of the sample app when it is not given. */
function demoClientOfApp(appUrl: string | undefined): NcConnectEmulatorClient {
  if (appUrl === undefined) return DEMO_CLIENT;
  try {
    return demoClientAt(appUrl);
  } catch (error) {
    throw new CliUsageError(`--app-url: ${(error as Error).message}`);
  }
}
