import { Logger } from '@nestjs/common';
import {
  demoClientFor,
  startNcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectEmulatorOptions,
  type NcConnectFlavor,
} from 'nestjs-nc-connect-emulator';
import { httpAdapterFromEnv } from './http-adapter.js';

// Development entry point (`npm start`). With no NC_CONNECT_ISSUER, the built-in NC Connect emulator
// starts first (on NC_CONNECT_EMULATOR_PORT, default 4000) and the app is pointed at its demo client,
// so that anyone can log in with no credentials. With NC_CONNECT_ISSUER set, it behaves like main.ts.
const logger = new Logger('Sample');
const port = Number(process.env.PORT || 3000);
// A wrong HTTP_ADAPTER stops the app before any emulator starts.
const adapter = httpAdapterFromEnv();

/**
 * The demo client authenticates the way NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD says (an unknown value
 * is left to the app, whose error names the variable); with private_key_jwt the emulator reads the
 * app's public key at /auth/jwks.
 */
function demoClientAuthentication(appPort: number): Partial<NcConnectEmulatorClient> {
  const method = process.env.NC_CONNECT_TOKEN_ENDPOINT_AUTH_METHOD;
  if (method === 'client_secret_post' || method === 'client_secret_jwt') return { tokenEndpointAuthMethod: method };
  if (method === 'private_key_jwt') {
    return { tokenEndpointAuthMethod: method, jwksUri: `http://localhost:${appPort}/auth/jwks` };
  }
  return {};
}

/**
 * Starts an emulator on the port the variable `portVariable` names (else `fallback`); a port already
 * taken (an emulator of an earlier `npm start` still running…) stops `npm start` with a message that
 * names the variable, rather than a stack.
 */
async function startEmulator(portVariable: string, fallback: number, options: NcConnectEmulatorOptions) {
  const port = Number(process.env[portVariable] || fallback);
  try {
    return await startNcConnectEmulator({ ...options, port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    logger.error(
      `the built-in emulator cannot listen on port ${port} (${code}): stop what uses it, or set ${portVariable} to a free port`,
    );
    process.exit(1);
  }
}

if (!process.env.NC_CONNECT_ISSUER) {
  const flavor = (process.env.NC_CONNECT_EMULATOR_FLAVOR || 'v3') as NcConnectFlavor;
  const client = { ...demoClientFor(port), ...demoClientAuthentication(port) };
  const emulator = await startEmulator('NC_CONNECT_EMULATOR_PORT', 4000, { flavor, clients: [client] });
  process.env.NC_CONNECT_ISSUER = emulator.issuer;
  process.env.NC_CONNECT_CLIENT_ID = client.clientId;
  process.env.NC_CONNECT_CLIENT_SECRET = client.clientSecret;
  logger.log(`NC Connect emulator (${flavor}) at ${emulator.issuer}`);
  logger.log(`log in as jean.dupont with the password nc-connect`);
  const stop = () => void emulator.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (!process.env.NC_CONNECT_AGENTS_ISSUER) {
  // Government agents beside citizens: a second emulator imitating the agent-connect realm.
  const agents = await startEmulator('NC_CONNECT_AGENTS_EMULATOR_PORT', 4001, {
    realm: 'agent-connect',
    clients: [
      {
        clientId: 'nc-connect-demo-agents',
        clientSecret: 'nc-connect-demo-agents-secret',
        clientName: 'Application de démonstration (espace agents)',
        redirectUris: [`http://localhost:${port}/agents/auth/callback`],
        postLogoutRedirectUris: [`http://localhost:${port}/logged-out`, `http://localhost:${port}/`],
        backchannelLogoutUri: `http://localhost:${port}/agents/auth/backchannel-logout`,
      },
    ],
  });
  process.env.NC_CONNECT_AGENTS_ISSUER = agents.issuer;
  process.env.NC_CONNECT_AGENTS_CLIENT_ID = 'nc-connect-demo-agents';
  process.env.NC_CONNECT_AGENTS_CLIENT_SECRET = 'nc-connect-demo-agents-secret';
  logger.log(`Agent Connect emulator at ${agents.issuer} (agents' space at /agents)`);
  const stop = () => void agents.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

// Imported only now: the app module reads the environment set above when it is loaded.
const { bootstrap } = await import('./bootstrap.js');
await bootstrap(port, adapter);
