import { NcConnectModule, type NcConnectModuleOptions } from 'nestjs-nc-connect';
import {
  startNcConnectEmulator,
  type NcConnectEmulator,
  type NcConnectEmulatorClient,
  type NcConnectEmulatorOptions,
} from 'nestjs-nc-connect-emulator';
import { FaultProvider, type BasicCredentials } from '../fixtures/fault-provider.js';
import type { FakeBrowser } from './fake-browser.js';
import { freePort } from './free-port.js';
import { startTestApp, type TestAdapter, type TestApp, type TestAppExtras } from './test-app.js';

/** A provider and a test app registered with it, on free ports. */
export interface Pair<P> {
  provider: P;
  app: TestApp;
  close(): Promise<void>;
}

/** The module options pointing an app at `issuer` with `client`. */
function moduleOptions(
  issuer: string,
  client: { clientId: string; clientSecret: string; redirectUri: string; postLogoutRedirectUri?: string },
  extra: Partial<NcConnectModuleOptions>,
): NcConnectModuleOptions {
  return {
    issuer,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: client.redirectUri,
    postLogoutRedirectUri: client.postLogoutRedirectUri,
    ...extra,
  };
}

/**
 * The emulator with one client registered for a test app on a free port, and that app
 * (`NcConnectModule.forRoot` with the client's settings plus `module`).
 */
export async function startEmulatorPair(
  options: {
    /** Client settings, or a function of the app's port giving them. */
    client?: Partial<NcConnectEmulatorClient> | ((port: number) => Partial<NcConnectEmulatorClient>);
    emulator?: Omit<NcConnectEmulatorOptions, 'clients'>;
    module?: Partial<NcConnectModuleOptions>;
    /** The app's HTTP platform. @default 'express' */
    adapter?: TestAdapter;
    /** The app's own controllers and setup. */
    extras?: TestAppExtras;
  } = {},
): Promise<Pair<NcConnectEmulator> & { client: NcConnectEmulatorClient }> {
  const port = await freePort();
  const client: NcConnectEmulatorClient = {
    clientId: 'test-client',
    clientSecret: 'test-client-secret-0123456789',
    redirectUris: [`http://localhost:${port}/auth/callback`],
    postLogoutRedirectUris: [`http://localhost:${port}/`],
    ...(typeof options.client === 'function' ? options.client(port) : options.client),
  };
  const provider = await startNcConnectEmulator({ ...options.emulator, clients: [client] });
  const redirectUri = client.redirectUris[0];
  const postLogoutRedirectUri = client.postLogoutRedirectUris[0];
  const app = await closingOnFailure(provider, () =>
    startTestApp(
      NcConnectModule.forRoot(
        moduleOptions(provider.issuer, { ...client, redirectUri, postLogoutRedirectUri }, options.module ?? {}),
      ),
      port,
      options.adapter,
      options.extras,
    ),
  );
  return { provider, app, client, close: async () => (await app.close(), await provider.close()) };
}

/** The fault provider with a test app registered with it (see `startEmulatorPair`). */
export async function startFaultPair(
  options: {
    flavor?: 'v2' | 'v3';
    module?: Partial<NcConnectModuleOptions>;
    adapter?: TestAdapter;
    extras?: TestAppExtras;
    /** The registered client's ID and secret. */
    client?: { clientId?: string; clientSecret?: string };
    basicCredentials?: BasicCredentials;
  } = {},
): Promise<Pair<FaultProvider>> {
  const port = await freePort();
  const client = {
    clientId: 'fault-client',
    clientSecret: 'fault-client-secret-0123456789abcdef',
    ...options.client,
    redirectUri: `http://localhost:${port}/auth/callback`,
  };
  const provider = await FaultProvider.start({
    flavor: options.flavor,
    client,
    basicCredentials: options.basicCredentials,
  });
  const app = await closingOnFailure(provider, () =>
    startTestApp(
      NcConnectModule.forRoot(moduleOptions(provider.issuer, client, options.module ?? {})),
      port,
      options.adapter,
      options.extras,
    ),
  );
  return { provider, app, close: async () => (await app.close(), await provider.close()) };
}

/** `start()`, closing `provider` if it fails: a provider left listening keeps Jest from exiting. */
async function closingOnFailure<T>(provider: { close(): Promise<void> }, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    await provider.close();
    throw error;
  }
}

/**
 * A whole login against the fault provider (which logs in at once, without a page): the app's login
 * route, then the provider's authorization endpoint, then the app's callback, whose answer is returned
 * (or the login route's, when it refuses to start).
 */
export async function loginThroughFaultProvider(browser: FakeBrowser, app: TestApp): Promise<Response> {
  const login = await browser.request(`${app.url}/auth/login`);
  if (login.status !== 302) return login;
  const authorize = await browser.request(login.headers.get('location')!);
  return browser.request(authorize.headers.get('location')!);
}
