import type { NcConnectEmulatorClient, NcConnectEmulatorOptions } from './emulator-options.js';
import { NcConnectEmulatorOptionsError } from './emulator-options-error.js';
import type { NcConnectPersona } from './nc-connect-persona.js';

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const url = URL.parse(value);
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && url.hash === '';
}

const AUTH_METHODS: readonly unknown[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
];

function clientProblems(client: NcConnectEmulatorClient, at: string): string[] {
  const problems: string[] = [];
  if (typeof client.clientId !== 'string' || client.clientId === '') problems.push(`${at}.clientId: required`);
  if (typeof client.clientSecret !== 'string' || client.clientSecret === '')
    problems.push(`${at}.clientSecret: required`);
  for (const key of ['redirectUris', 'postLogoutRedirectUris'] as const) {
    const uris: unknown = client[key];
    if (!Array.isArray(uris) || (key === 'redirectUris' && uris.length === 0)) {
      problems.push(`${at}.${key}: must be ${key === 'redirectUris' ? 'a non-empty' : 'an'} array of URLs`);
    } else {
      uris.forEach((uri, i) => {
        if (!isHttpUrl(uri)) problems.push(`${at}.${key}[${i}]: must be an absolute http(s) URL without fragment`);
      });
    }
  }
  const method = client.tokenEndpointAuthMethod;
  if (method !== undefined && !AUTH_METHODS.includes(method)) {
    problems.push(`${at}.tokenEndpointAuthMethod: must be one of ${AUTH_METHODS.join(', ')}`);
  }
  if (client.jwksUri !== undefined && !isHttpUrl(client.jwksUri)) {
    problems.push(`${at}.jwksUri: must be an absolute http(s) URL without fragment`);
  }
  if (client.jwks !== undefined && !Array.isArray(client.jwks?.keys)) {
    problems.push(`${at}.jwks: must be a JWK set ({ keys: [...] })`);
  }
  if (client.jwks !== undefined && client.jwksUri !== undefined) {
    problems.push(`${at}.jwks: give jwks or jwksUri, not both`);
  }
  if (method === 'private_key_jwt' && client.jwks === undefined && client.jwksUri === undefined) {
    problems.push(`${at}.jwksUri: private_key_jwt needs jwks or jwksUri`);
  }
  const alg = client.idTokenSignedResponseAlg;
  if (alg !== undefined && alg !== 'RS256' && alg !== 'HS256')
    problems.push(`${at}.idTokenSignedResponseAlg: must be RS256 or HS256`);
  if (client.backchannelLogoutUri !== undefined && !isHttpUrl(client.backchannelLogoutUri)) {
    problems.push(`${at}.backchannelLogoutUri: must be an absolute http(s) URL without fragment`);
  }
  const userinfoAlg = client.userinfoSignedResponseAlg;
  if (userinfoAlg !== undefined && userinfoAlg !== 'RS256')
    problems.push(`${at}.userinfoSignedResponseAlg: must be RS256`);
  return problems;
}

function personaProblems(persona: NcConnectPersona, at: string, acrLevels: unknown): string[] {
  const problems: string[] = [];
  if (typeof persona.login !== 'string' || persona.login.trim() === '') problems.push(`${at}.login: required`);
  if (![0, 1, 2].includes(persona.verified)) problems.push(`${at}.verified: must be 0, 1 or 2`);
  if (persona.maxAcr !== undefined) {
    if (!Array.isArray(acrLevels)) problems.push(`${at}.maxAcr: needs acrLevels`);
    else if (!acrLevels.includes(persona.maxAcr))
      problems.push(`${at}.maxAcr: must be one of acrLevels (${acrLevels.join(', ')})`);
  }
  return problems;
}

/** An `acr` value: printable ASCII without spaces (`acr_values` is space-separated). */
const ACR_VALUE = /^[\x21-\x7e]+$/;

function acrLevelsProblems(acrLevels: unknown, flavor: unknown): string[] {
  if (acrLevels === undefined) return [];
  if (!Array.isArray(acrLevels) || acrLevels.length === 0)
    return ['acrLevels: must be a non-empty array of acr values'];
  const problems = acrLevels.flatMap((level: unknown, i) =>
    typeof level === 'string' && ACR_VALUE.test(level)
      ? []
      : [`acrLevels[${i}]: must be printable ASCII without spaces`],
  );
  for (const level of duplicates(acrLevels)) problems.push(`acrLevels: duplicate level ${String(level)}`);
  if (flavor === 'v2') problems.push('acrLevels: only V3 (Keycloak) has acr levels');
  return problems;
}

function duplicates(values: unknown[]): unknown[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}

/** Checks the options of `startNcConnectEmulator`, reporting every problem at once. */
export function validateEmulatorOptions(options: NcConnectEmulatorOptions): void {
  const problems: string[] = [];
  const { flavor, port, clients, personas } = options;
  if (flavor !== undefined && flavor !== 'v3' && flavor !== 'v2') problems.push('flavor: must be v3 or v2');
  const { realm } = options;
  if (realm !== undefined) {
    if (typeof realm !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(realm)) {
      problems.push('realm: must be lowercase letters, digits and dashes');
    } else if (flavor === 'v2') {
      problems.push('realm: only V3 has realms');
    }
  }
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) {
    problems.push('port: must be an integer from 0 to 65535');
  }
  if (clients !== undefined) {
    if (!Array.isArray(clients) || clients.length === 0) problems.push('clients: must be a non-empty array');
    else {
      clients.forEach((client, i) => problems.push(...clientProblems(client, `clients[${i}]`)));
      for (const id of duplicates(clients.map((client) => client.clientId)))
        problems.push(`clients: duplicate clientId ${String(id)}`);
    }
  }
  if (personas !== undefined) {
    if (!Array.isArray(personas) || personas.length === 0) problems.push('personas: must be a non-empty array');
    else {
      personas.forEach((persona, i) => problems.push(...personaProblems(persona, `personas[${i}]`, options.acrLevels)));
      for (const login of duplicates(personas.map((persona) => persona.login)))
        problems.push(`personas: duplicate login ${String(login)}`);
    }
  }
  problems.push(...acrLevelsProblems(options.acrLevels, flavor));
  if (problems.length > 0) {
    throw new NcConnectEmulatorOptionsError(problems);
  }
}
