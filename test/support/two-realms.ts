import type { NcConnectModuleOptions } from 'nestjs-nc-connect';
import { startNcConnectEmulator, type NcConnectEmulator } from 'nestjs-nc-connect-emulator';

const CLIENT = { clientId: 'one-service', clientSecret: 'one-service-secret-0123456789' };

/** The citizens' (`nc-connect`) and the agents' (`agent-connect`) emulators, for one app at `url`. */
export interface TwoRealms {
  citizens: NcConnectEmulator;
  agents: NcConnectEmulator;
  /** The module options of the realm served by `emulator`, with its routes under `/<path>`. */
  options(emulator: NcConnectEmulator, path: string): NcConnectModuleOptions;
  close(): Promise<void>;
}

/**
 * Both realms' emulators, each knowing one client (`one-service`) of the app at `url`, whose
 * citizens' routes are under `/auth` and agents' under `/agents/auth`.
 */
export async function startTwoRealms(url: string): Promise<TwoRealms> {
  const client = (path: string) => ({
    ...CLIENT,
    redirectUris: [`${url}/${path}/callback`],
    postLogoutRedirectUris: [`${url}/`],
  });
  const citizens = await startNcConnectEmulator({ clients: [client('auth')] });
  const agents = await startNcConnectEmulator({ realm: 'agent-connect', clients: [client('agents/auth')] });
  return {
    citizens,
    agents,
    options: (emulator, path) => ({
      ...CLIENT,
      issuer: emulator.issuer,
      redirectUri: `${url}/${path}/callback`,
      postLogoutRedirectUri: `${url}/`,
    }),
    close: async () => (await citizens.close(), await agents.close()),
  };
}
