import { describe, expect, it } from '@jest/globals';

import { cliBanner } from './cli-banner.js';
import { CLI_USAGE, CliUsageError, parseCliArguments } from './cli-arguments.js';
import { DEMO_CLIENT, DEMO_PERSONAS, type NcConnectEmulator } from './index.js';

describe('parseCliArguments', () => {
  it('defaults to a V3 emulator on port 4000 with the demo client', () => {
    const command = parseCliArguments([]);
    expect(command).toEqual({
      help: false,
      options: { flavor: 'v3', port: 4000, host: undefined, publicHost: undefined, clients: [{ ...DEMO_CLIENT }] },
    });
  });

  it('reads every flag, repeatable URIs included', () => {
    const command = parseCliArguments([
      '--flavor',
      'v2',
      '--port',
      '4100',
      '--host',
      '0.0.0.0',
      '--public-host',
      'emulator.test',
      '--client-id',
      'my-app',
      '--client-secret',
      's3cret',
      '--redirect-uri',
      'http://localhost:8080/cb',
      '--redirect-uri',
      'http://127.0.0.1:8080/cb',
      '--post-logout-redirect-uri',
      'http://localhost:8080/',
      '--auth-method',
      'client_secret_post',
      '--id-token-alg',
      'HS256',
      '--backchannel-logout-uri',
      'http://localhost:8080/bcl',
    ]);
    expect(command).toEqual({
      help: false,
      options: {
        flavor: 'v2',
        port: 4100,
        host: '0.0.0.0',
        publicHost: 'emulator.test',
        clients: [
          {
            clientId: 'my-app',
            clientSecret: 's3cret',
            clientName: undefined,
            redirectUris: ['http://localhost:8080/cb', 'http://127.0.0.1:8080/cb'],
            postLogoutRedirectUris: ['http://localhost:8080/'],
            tokenEndpointAuthMethod: 'client_secret_post',
            idTokenSignedResponseAlg: 'HS256',
            backchannelLogoutUri: 'http://localhost:8080/bcl',
          },
        ],
      },
    });
  });

  it('registers a private_key_jwt client with the URL of its public keys', () => {
    const command = parseCliArguments([
      '--auth-method',
      'private_key_jwt',
      '--jwks-uri',
      'http://localhost:3000/auth/jwks',
    ]);
    expect(command.help === false && command.options.clients[0]).toMatchObject({
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwksUri: 'http://localhost:3000/auth/jwks',
    });
  });

  it('turns a non-numeric port into one the option check rejects', () => {
    const command = parseCliArguments(['--port', '40a']);
    expect(command.help === false && command.options.port).toBeNaN();
  });

  it('reads the acr levels from --acr-levels, else from NC_CONNECT_EMULATOR_ACR_LEVELS', () => {
    const levels = (args: string[], env: Record<string, string> = {}) => {
      const command = parseCliArguments(args, env);
      return command.help ? undefined : command.options.acrLevels;
    };
    expect(levels(['--acr-levels', 'eidas1,eidas2,eidas3'])).toEqual(['eidas1', 'eidas2', 'eidas3']);
    expect(levels([], { NC_CONNECT_EMULATOR_ACR_LEVELS: 'eidas1, eidas2 eidas3' })).toEqual([
      'eidas1',
      'eidas2',
      'eidas3',
    ]);
    expect(levels(['--acr-levels', 'low,high'], { NC_CONNECT_EMULATOR_ACR_LEVELS: 'eidas1,eidas2' })).toEqual([
      'low',
      'high',
    ]);
    expect(levels([])).toBeUndefined();
    expect(levels([], { NC_CONNECT_EMULATOR_ACR_LEVELS: '' })).toBeUndefined();
    expect(CLI_USAGE).toContain('--acr-levels L1,L2,...');
    expect(CLI_USAGE).toContain('NC_CONNECT_EMULATOR_ACR_LEVELS');
  });

  it('registers an app on another port with --app-url: redirect, post-logout and back-channel URIs at once', () => {
    const clientOf = (args: string[], env = {}) => {
      const command = parseCliArguments(args, env);
      return command.help ? undefined : command.options.clients[0];
    };
    expect(clientOf(['--app-url', 'http://localhost:4200/'])).toMatchObject({
      clientId: 'nc-connect-demo',
      redirectUris: ['http://localhost:4200/auth/callback'],
      postLogoutRedirectUris: ['http://localhost:4200/', 'http://localhost:4200/logged-out'],
      backchannelLogoutUri: 'http://localhost:4200/auth/backchannel-logout',
    });
    // A global prefix is part of the app's URL; the variable stands in for the flag.
    expect(clientOf([], { NC_CONNECT_EMULATOR_APP_URL: 'https://app.test/v1' })).toMatchObject({
      redirectUris: ['https://app.test/v1/auth/callback'],
      backchannelLogoutUri: 'https://app.test/v1/auth/backchannel-logout',
    });
    // Explicit URIs win over the ones --app-url derives; a foreign redirect URI drops the back-channel one.
    expect(
      clientOf(['--app-url', 'http://localhost:4200', '--post-logout-redirect-uri', 'http://localhost:4200/bye']),
    ).toMatchObject({
      redirectUris: ['http://localhost:4200/auth/callback'],
      postLogoutRedirectUris: ['http://localhost:4200/bye'],
      backchannelLogoutUri: 'http://localhost:4200/auth/backchannel-logout',
    });
    expect(
      clientOf(['--app-url', 'http://localhost:4200', '--redirect-uri', 'http://localhost:4200/cb']),
    ).toMatchObject({ redirectUris: ['http://localhost:4200/cb'], backchannelLogoutUri: undefined });
  });

  it('refuses an --app-url that is not an http(s) URL, naming the option', () => {
    for (const appUrl of ['localhost:4200', 'ftp://localhost', 'http://localhost:4200/?a=1', 'http://localhost#x']) {
      expect(() => parseCliArguments(['--app-url', appUrl])).toThrow(
        /^--app-url: the app URL must be an http\(s\) URL/,
      );
    }
    expect(() => parseCliArguments(['--app-url', 'nope'])).toThrow(CliUsageError);
  });

  it('answers --help and -h', () => {
    expect(parseCliArguments(['--help'])).toEqual({ help: true });
    expect(parseCliArguments(['-h'])).toEqual({ help: true });
  });

  it('rejects unknown flags and stray arguments with a usage error', () => {
    expect(() => parseCliArguments(['--nope'])).toThrow(CliUsageError);
    expect(() => parseCliArguments(['v2'])).toThrow(CliUsageError);
    expect(() => parseCliArguments(['--port'])).toThrow(CliUsageError);
  });
});

describe('cliBanner', () => {
  const emulator = {
    flavor: 'v3',
    issuer: 'http://localhost:4000/v3/realms/nc-connect',
    personas: DEMO_PERSONAS,
  } as unknown as NcConnectEmulator;

  it('prints the issuer, the demo client with its public secret and the personas', () => {
    const banner = cliBanner(emulator, DEMO_CLIENT);
    expect(banner).toContain('issuer:        http://localhost:4000/v3/realms/nc-connect');
    expect(banner).toContain('client secret: nc-connect-demo-secret');
    expect(banner).toContain('password of every persona: nc-connect');
    expect(banner).toMatch(/jean\.dupont +Jean Dupont +verified 2/);
  });

  it("prints the acr levels and each persona's highest level, or Keycloak's default acr", () => {
    const withLevels = cliBanner({ ...emulator, acrLevels: ['eidas1', 'eidas2', 'eidas3'] }, DEMO_CLIENT);
    expect(withLevels).toContain('acr levels:    eidas1 < eidas2 < eidas3');
    expect(withLevels).toMatch(/jean\.dupont +Jean Dupont +verified 2 {2}acr up to eidas3/);
    expect(withLevels).toMatch(/marie\.lefevre .* acr up to eidas2/);
    expect(withLevels).toMatch(/sione\.tuilagi .* acr up to eidas1/);
    expect(cliBanner(emulator, DEMO_CLIENT)).toContain('acr levels:    none (Keycloak');
  });

  it('never prints a secret that is not the demo one', () => {
    const banner = cliBanner(emulator, { ...DEMO_CLIENT, clientSecret: 'real-looking-secret' });
    expect(banner).not.toContain('real-looking-secret');
    expect(banner).toContain('client secret: (as given, not shown)');
  });
});
