import type { NcConnectAssuranceOptions } from '../assurance/assurance-options.js';
import type { NcConnectAuditOptions } from '../audit/audit-options.js';
import type { NcConnectClientKey } from './client-key.js';
import type { NcConnectErrorBody } from '../errors/nc-connect-error.js';
import type { NcConnectRedisClient } from '../redis/nc-connect-redis-client.js';
import type { NcConnectSessionStore } from '../session/session-store.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/**
 * How the client authenticates at NC Connect's token endpoint: the client secret in a Basic header
 * or in the form, a client assertion JWT signed HS256 with the client secret (`client_secret_jwt`),
 * or one signed with the app's private key (`private_key_jwt`, see `clientKey`).
 */
export type NcConnectTokenEndpointAuthMethod =
  'client_secret_basic' | 'client_secret_post' | 'client_secret_jwt' | 'private_key_jwt';

/** Session cookie and store settings. */
export interface NcConnectSessionOptions {
  /**
   * Secret(s) signing the session cookie, at least 32 characters. Give several to rotate: the
   * first signs, all verify. Required when `NODE_ENV=production`; elsewhere a random per-process
   * secret is used with a warning (sessions then end at every restart).
   */
  secret?: string | string[];
  /**
   * The session cookie's name. @default `__Host-nc_connect.sid` when the cookie is secure (see
   * `secure`: by default, when `redirectUri` is https), `nc_connect.sid` otherwise; for a named
   * instance `__Host-nc_connect_<name>.sid` and `nc_connect_<name>.sid`
   */
  cookieName?: string;
  /**
   * Send the cookie over https only. Defaults to `true` when `redirectUri` is https.
   */
  secure?: boolean;
  /** Absolute session lifetime in seconds, from login, whatever the activity. @default 28800 (8 hours) */
  maxAge?: number;
  /**
   * Seconds of inactivity after which a session ends (rolling). Activity is recorded at most once per
   * tenth of this period, so most requests write nothing to the store. @default 1800 (30 minutes)
   */
  idleTimeout?: number;
  /**
   * Where sessions live, for a store of your own (see `NcConnectSessionStore`, and check it with
   * `sessionStoreContract` from `nestjs-nc-connect/testing`). Not with `redis`.
   * @default the Redis store when `redis` is set, else a bounded in-process store (see `maxSessions`)
   */
  store?: NcConnectSessionStore;
  /** Capacity of the default in-process store; the least recently used session goes first. @default 10000 */
  maxSessions?: number;
  /**
   * At most this many sessions per user (and per NC Connect session): a new login beyond it ends the
   * user's oldest session, so that the back-channel logout index stays bounded. @default 20
   */
  maxSessionsPerUser?: number;
}

/** How `NcConnectBearerGuard` accepts access tokens presented by API clients. */
export interface NcConnectBearerOptions {
  /**
   * A JWT access token is accepted when its `aud` contains, or its `azp` is, one of these client IDs
   * (e.g. your SPA's or mobile app's client beside your own); an introspected opaque token when its
   * `client_id` is (or its `aud` contains) one of them. @default [clientId]
   */
  audiences?: string[];
  /**
   * Seconds a verified token is remembered, so that NC Connect's introspection (or userinfo) is not
   * called on every request with an opaque (V2) token; never longer than a JWT's own `exp`. `0`: no cache.
   * @default 60
   */
  cacheTtl?: number;
  /**
   * How opaque (non-JWT) access tokens are checked. `'introspection'`: by NC Connect's token
   * introspection (RFC 7662), which tells which client the token was issued to, so that a token of
   * another NC Connect service is refused; without an `introspection_endpoint` in discovery, opaque
   * tokens are refused. `'userinfo'`: by calling userinfo with the token, which answers for a token
   * of any client — any NC Connect service holding a user's token can then call your API as that
   * user. Choose it knowingly, for V2 without introspection. @default 'introspection'
   */
  opaqueTokens?: NcConnectOpaqueTokenCheck;
}

/** How opaque bearer tokens are checked: see {@link NcConnectBearerOptions.opaqueTokens}. */
export type NcConnectOpaqueTokenCheck = 'introspection' | 'userinfo';

/**
 * Options of {@link NcConnectModule}. Validated once at start-up; every problem is reported in one
 * message.
 */
export interface NcConnectModuleOptions {
  /**
   * Issuer URL; discovery reads `<issuer>/.well-known/openid-configuration`. Must be https, except on
   * a loopback host (`localhost`, `127.0.0.1`, `[::1]`).
   * @example 'https://connect.gouv.nc/v3/realms/nc-connect'
   */
  issuer: string;
  clientId: string;
  /**
   * The client secret NC Connect gave. Required, except with `private_key_jwt` (a client without a
   * secret: HS256 ID tokens are then refused, there being no secret to check them with).
   */
  clientSecret?: string;
  /** The callback URL registered at NC Connect, e.g. `https://service.gouv.nc/auth/callback`. */
  redirectUri: string;
  /** Where NC Connect sends the browser after logout (registered at NC Connect). */
  postLogoutRedirectUri?: string;
  /** Space-separated scopes; must include `openid`. @default 'openid profile email' */
  scope?: string;
  /**
   * How this client authenticates at NC Connect's token endpoint, as registered there:
   * `client_secret_basic`, `client_secret_post`, `client_secret_jwt` (an assertion signed HS256 with
   * `clientSecret`) or `private_key_jwt` (an assertion signed with `clientKey`).
   * @default 'client_secret_basic'
   */
  tokenEndpointAuthMethod?: NcConnectTokenEndpointAuthMethod;
  /**
   * The app's private key for `private_key_jwt` (required then): a private JWK (RSA of 2048 bits or
   * more, EC P-256/P-384/P-521 or Ed25519; its `alg` and `kid` are kept, else RS256/ES256…/EdDSA and
   * the RFC 7638 thumbprint), or a PEM string (PKCS#8, PKCS#1 or SEC1). Give a list to rotate keys:
   * the first signs, all are published. The public keys are served at `GET <routePrefix>/jwks`, the
   * URL to register at NC Connect as the client's `jwks_uri`.
   */
  clientKey?: NcConnectClientKey | NcConnectClientKey[];
  /**
   * The one algorithm NC Connect must sign ID tokens with, as registered for your client (e.g.
   * `RS256`). By default, any asymmetric or HMAC algorithm the discovery document advertises is
   * accepted (`none` never); pinning it closes the door to HMAC tokens made with a leaked secret.
   */
  idTokenSignedResponseAlg?: string;
  /** Allowed clock skew, in seconds, when checking `exp` and `iat`. @default 30 */
  clockTolerance?: number;
  /** Timeout of every request to NC Connect, in milliseconds. @default 10000 */
  httpTimeout?: number;
  /** How long a started login may take before its callback is refused, in seconds. @default 600 */
  loginTimeout?: number;
  /** Session cookie and store. */
  session?: NcConnectSessionOptions;
  /**
   * Redis for sessions, login transactions and the back-channel logout index, so that several
   * instances share them: a URL (`redis://…`, `rediss://…`) or a connected node-redis client (the
   * app then owns its lifecycle). Without it, everything stays in this process.
   */
  redis?: string | NcConnectRedisClient;
  /** Prefix of every Redis key the library writes. @default 'nc-connect:' */
  redisKeyPrefix?: string;
  /**
   * Keep the access and refresh tokens in the session (server-side, never in the cookie), for
   * `NcConnectTokens.getAccessToken(req)`. @default false
   */
  keepTokens?: boolean;
  /**
   * Maps the NC Connect user to the application's own user, or refuses it by returning `null`,
   * `undefined` or `false` (the login then fails with `NC_CONNECT_USER_REFUSED`, 403). The result is
   * kept in the session, so it must be JSON-serialisable. By default the {@link NcConnectUser} itself
   * is kept.
   */
  validateUser?: (user: NcConnectUser) => unknown;
  /**
   * The error page of the library's routes, for browsers. By default a short French page with a
   * "Réessayer" link to the login route.
   */
  errorPage?: NcConnectErrorPage;
  /** Bearer access tokens for APIs (`NcConnectBearerGuard`). */
  bearer?: NcConnectBearerOptions;
  /** Assurance levels for `@RequireAssurance()` (the ordered `acr` values). */
  assurance?: NcConnectAssuranceOptions;
  /** Audit events (logins, logouts, expiries, step-ups, refusals): a listener, `@nestjs/event-emitter`. */
  audit?: NcConnectAuditOptions;
}

/**
 * Renders the HTML page a browser sees when a login (or logout) fails, in the app's own look.
 * Receives the error's stable `code`, its HTTP `status` and its English `message` (safe to show,
 * never a token), and `loginUrl`, the link that logs in again for this error (with `returnTo`, and
 * the step-up parameters when a more recent or stronger login is needed); returns a whole HTML document.
 */
export type NcConnectErrorPage = (error: NcConnectErrorBody & { status: number; loginUrl?: string }) => string;

/** Options given beside the module options, synchronously, to `forRoot` and `forRootAsync`. */
export interface NcConnectModuleExtras {
  /** Register the module globally. @default false */
  isGlobal?: boolean;
  /**
   * The name of a second (third…) provider in the same app, e.g. `agents` for NC Connect's
   * `agent-connect` realm beside the citizens' default one. A named instance has its own strategy
   * (`nc-connect:<name>`), session cookie (`nc_connect_<name>.sid`), Redis keys and guard
   * (`NcConnectGuard.for(name)`), and exports its providers under `getNcConnectToken(X, name)`.
   * Give it its own `routePrefix`. @default the default instance
   */
  name?: string;
  /**
   * Path prefix of the login, callback, me and logout routes, or `false` for no controller at all.
   * @default 'auth'
   */
  routePrefix?: string | false;
}
