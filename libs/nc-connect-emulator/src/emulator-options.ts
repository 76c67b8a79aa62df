import type { JWK } from 'jose';
import type { NcConnectPersona } from './nc-connect-persona.js';

/** The two NC Connect platforms the emulator can imitate. */
export type NcConnectFlavor = 'v3' | 'v2';

/** A relying party (a "service" in NC Connect terms) registered at the emulator. */
export interface NcConnectEmulatorClient {
  /** Client ID given to the service. */
  clientId: string;
  /** Client secret given to the service. */
  clientSecret: string;
  /** Exact redirect URIs the service may use. */
  redirectUris: string[];
  /** Exact URIs the browser may be sent to after logout. */
  postLogoutRedirectUris: string[];
  /**
   * How the service authenticates at the token endpoint, as NC Connect V3 (Keycloak) allows: the
   * secret in a Basic header or the form, a client assertion signed HS256 with the secret
   * (`client_secret_jwt`), or one signed with the service's private key (`private_key_jwt`, checked
   * against `jwks` or `jwksUri`).
   * @default 'client_secret_basic'
   */
  tokenEndpointAuthMethod?: 'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt';
  /** `private_key_jwt`: the service's public keys, given inline. */
  jwks?: { keys: JWK[] };
  /** `private_key_jwt`: where the emulator fetches the service's public keys (e.g. `<app>/auth/jwks`). */
  jwksUri?: string;
  /**
   * ID token signature: RS256 with the emulator's key (published in its JWKS), or HS256 with the
   * client secret.
   * @default 'RS256'
   */
  idTokenSignedResponseAlg?: 'RS256' | 'HS256';
  /**
   * Userinfo as a JWT (`application/jwt`) signed with the emulator's key, instead of JSON.
   * @default undefined (JSON)
   */
  userinfoSignedResponseAlg?: 'RS256';
  /**
   * OpenID Connect Back-Channel Logout: where the emulator POSTs a logout token when the user logs
   * out of the emulator (ID tokens then carry `sid`).
   * @default undefined (no back-channel logout)
   */
  backchannelLogoutUri?: string;
  /**
   * Name shown on the login page.
   * @default the client ID
   */
  clientName?: string;
}

/** Options of {@link startNcConnectEmulator}. */
export interface NcConnectEmulatorOptions {
  /**
   * Platform to imitate: the current Keycloak realm (`v3`) or the legacy platform (`v2`).
   * @default 'v3'
   */
  flavor?: NcConnectFlavor;
  /**
   * The V3 Keycloak realm to imitate: `nc-connect` (citizens) or e.g. `agent-connect` (government
   * agents); the issuer is `…/v3/realms/<realm>`. V3 only.
   * @default 'nc-connect'
   */
  realm?: string;
  /**
   * TCP port to listen on; `0` picks a free one (read it back from {@link NcConnectEmulator.port}).
   * @default 0
   */
  port?: number;
  /**
   * Interface to listen on.
   * @default '127.0.0.1'
   */
  host?: string;
  /**
   * Host name used in the issuer URL.
   * @default 'localhost' when `host` is a loopback name or address, else `host`
   */
  publicHost?: string;
  /**
   * Registered services.
   * @default [DEMO_CLIENT]
   */
  clients?: NcConnectEmulatorClient[];
  /**
   * Identities that can log in.
   * @default DEMO_PERSONAS
   */
  personas?: NcConnectPersona[];
  /**
   * Keycloak step-up levels (V3): the `acr` values from the lowest to the highest, e.g.
   * `['eidas1', 'eidas2', 'eidas3']`. Discovery then advertises them as `acr_values_supported`; a
   * login reaches the lowest level asked for in `acr_values` that the persona can reach (see
   * {@link NcConnectPersona.maxAcr}), else the persona's highest level, and the ID token's `acr` says
   * which; without `acr_values`, the lowest level. Without levels, `acr` is Keycloak's default:
   * `"1"` after a typed password, `"0"` after single sign-on.
   * @default undefined (Keycloak's default `acr`)
   */
  acrLevels?: string[];
}

/** A running emulator, as returned by {@link startNcConnectEmulator}. */
export interface NcConnectEmulator {
  /** Issuer identifier; discovery is at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  /** TCP port actually listened on. */
  readonly port: number;
  /** Platform imitated. */
  readonly flavor: NcConnectFlavor;
  /** Identities that can log in. */
  readonly personas: readonly NcConnectPersona[];
  /** V3 step-up levels, lowest first, as given in {@link NcConnectEmulatorOptions.acrLevels}. */
  readonly acrLevels?: readonly string[];
  /**
   * Requests received so far, counted by endpoint name: `discovery`, `jwks`, `authorization`,
   * `resume`, `token`, `userinfo`, `end_session`, `end_session_confirm`, `end_session_success`,
   * `login_form` (login page shown), `login_submit`, `login_cancel`.
   */
  requestCounts(): Record<string, number>;
  /** Stops listening and closes every open connection. */
  close(): Promise<void>;
}
