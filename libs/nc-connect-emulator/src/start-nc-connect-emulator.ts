import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { DEMO_CLIENT } from './demo-client.js';
import { DEMO_PERSONAS } from './demo-personas.js';
import type { NcConnectEmulator, NcConnectEmulatorOptions } from './emulator-options.js';
import { createEmulatorRequestListener } from './emulator-request-listener.js';
import { flavorProfile, type FlavorProfile } from './flavor-profile.js';
import { KeycloakAcr } from './keycloak-acr.js';
import { loadOidcProviderModule } from './load-oidc-provider.js';
import { providerConfiguration } from './provider-configuration.js';
import { RequestCounter } from './request-counter.js';
import { JwtAccessTokenLedger } from './jwt-access-token-ledger.js';
import { shapeIdTokensLikeKeycloak } from './keycloak-id-tokens.js';
import { generateSigningKeys } from './signing-keys.js';
import { validateEmulatorOptions } from './validate-emulator-options.js';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function issuerFor(profile: FlavorProfile, host: string, publicHost: string | undefined, port: number): string {
  const name = publicHost ?? (LOOPBACK_HOSTS.has(host) ? 'localhost' : host);
  return `http://${name.includes(':') ? `[${name}]` : name}:${port}${profile.issuerPath}`;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/**
 * Starts an NC Connect emulator: a real OpenID Connect provider (node-oidc-provider) with NC
 * Connect's paths, claims and login page, for development and tests. Nothing leaves the machine.
 * @example
 * const emulator = await startNcConnectEmulator({ flavor: 'v2', clients: [demoClientFor(3000)] });
 * console.log(emulator.issuer); // http://localhost:<port>
 * await emulator.close();
 */
export async function startNcConnectEmulator(options: NcConnectEmulatorOptions = {}): Promise<NcConnectEmulator> {
  validateEmulatorOptions(options);
  const profile = flavorProfile(options.flavor ?? 'v3', options.realm);
  const host = options.host ?? '127.0.0.1';
  const clients = options.clients ?? [DEMO_CLIENT];
  const personas = Object.freeze([...(options.personas ?? DEMO_PERSONAS)]);
  const counter = new RequestCounter();

  let dispatch: RequestListener = (_req, res) => {
    res.writeHead(503).end();
  };
  const server = createServer((req, res) => dispatch(req, res));
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  const issuer = issuerFor(profile, host, options.publicHost, port);

  try {
    const { default: Provider, interactionPolicy } = await loadOidcProviderModule();
    const jwks = await generateSigningKeys();
    const ledger = profile.flavor === 'v3' ? new JwtAccessTokenLedger(issuer, jwks) : undefined;
    const keycloakAcr = ledger ? new KeycloakAcr(options.acrLevels, personas) : undefined;
    const acr = keycloakAcr?.configuration(interactionPolicy);
    const provider = new Provider(issuer, providerConfiguration({ profile, clients, personas, jwks, ledger, acr }));
    if (ledger) shapeIdTokensLikeKeycloak(provider);
    keycloakAcr?.install(provider);
    // Static client metadata is only checked when first used: check it now, at start.
    for (const client of clients) await provider.Client.find(client.clientId);
    dispatch = createEmulatorRequestListener({
      provider,
      profile,
      issuer,
      personas,
      counter,
      ledger,
      acr: keycloakAcr,
    });
  } catch (error) {
    await closeServer(server);
    throw error;
  }

  return {
    issuer,
    port,
    flavor: profile.flavor,
    personas,
    ...(options.acrLevels && profile.flavor === 'v3' ? { acrLevels: Object.freeze([...options.acrLevels]) } : {}),
    requestCounts: () => counter.snapshot(),
    close: () => closeServer(server),
  };
}
