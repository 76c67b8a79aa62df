import { DEMO_CLIENT } from './demo-client.js';
import { DEMO_PASSWORD } from './demo-personas.js';
import type { NcConnectEmulator, NcConnectEmulatorClient } from './emulator-options.js';
import { KeycloakAcr } from './keycloak-acr.js';
import type { NcConnectPersona } from './nc-connect-persona.js';

function maxAcrOf(persona: NcConnectPersona, levels: readonly string[]): string | undefined {
  return new KeycloakAcr(levels, []).maxAcrOf(persona);
}

function acrLevels(levels: readonly string[] | undefined): string {
  return levels ? levels.join(' < ') : 'none (Keycloak\'s default acr: "1" after a password, "0" after single sign-on)';
}

/**
 * What the command-line emulator prints once it listens. The client secret is shown only when it
 * is the demo client's, which is public anyway.
 */
export function cliBanner(emulator: NcConnectEmulator, client: NcConnectEmulatorClient): string {
  const secret = client.clientSecret === DEMO_CLIENT.clientSecret ? client.clientSecret : '(as given, not shown)';
  const personas = emulator.personas.map((persona) => {
    const name = [persona.first_name ?? persona.given_name, persona.family_name].filter(Boolean).join(' ');
    const maxAcr = emulator.acrLevels ? `  acr up to ${maxAcrOf(persona, emulator.acrLevels)}` : '';
    return `  ${persona.login.padEnd(16)} ${name.padEnd(20)} verified ${persona.verified}${maxAcr}`;
  });
  const passwords = new Set(emulator.personas.map((persona) => persona.password ?? DEMO_PASSWORD));
  const passwordNote =
    passwords.size === 1 && passwords.has(DEMO_PASSWORD) ? ` (password of every persona: ${DEMO_PASSWORD})` : '';
  return [
    `NC Connect emulator (${emulator.flavor.toUpperCase()}) is running.`,
    `  issuer:        ${emulator.issuer}`,
    `  discovery:     ${emulator.issuer}/.well-known/openid-configuration`,
    `  client id:     ${client.clientId}`,
    `  client secret: ${secret}`,
    `  auth method:   ${client.tokenEndpointAuthMethod ?? 'client_secret_basic'}`,
    ...(client.jwksUri ? [`  client keys:   ${client.jwksUri}`] : []),
    `  redirect URIs: ${client.redirectUris.join(' ')}`,
    `  post-logout:   ${client.postLogoutRedirectUris.join(' ')}`,
    ...(emulator.flavor === 'v3' ? [`  acr levels:    ${acrLevels(emulator.acrLevels)}`] : []),
    `Demo personas${passwordNote}:`,
    ...personas,
    'Press Ctrl+C to stop.',
  ].join('\n');
}
