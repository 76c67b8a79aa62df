import { randomBytes } from 'node:crypto';
import { SIGNING_ALGORITHMS } from '../provider/signing-algorithms.js';
import type { NcConnectSessionStore } from '../session/session-store.js';
import { readClientKeys } from './client-key.js';
import type { NcConnectConfig } from './nc-connect-config.js';
import type {
  NcConnectModuleOptions,
  NcConnectOpaqueTokenCheck,
  NcConnectTokenEndpointAuthMethod,
} from './nc-connect-options.interface.js';
import { Checker } from './option-checker.js';

/** The values of `bearer.opaqueTokens`. */
const OPAQUE_TOKEN_CHECKS: readonly NcConnectOpaqueTokenCheck[] = ['introspection', 'userinfo'];
const AUTH_METHODS: readonly NcConnectTokenEndpointAuthMethod[] = [
  'client_secret_basic',
  'client_secret_post',
  'client_secret_jwt',
  'private_key_jwt',
];
const COOKIE_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const MIN_SECRET_LENGTH = 32;

function isRedis(value: unknown): boolean {
  if (typeof value === 'string') return /^rediss?:\/\/[^\s]+$/.test(value);
  const client = value as { sendCommand?: unknown; get?: unknown } | null;
  return typeof client === 'object' && client !== null && typeof client.sendCommand === 'function';
}

const STORE_OPERATIONS = ['create', 'get', 'touch', 'update', 'destroy', 'find'] as const;

function isStore(value: unknown): value is NcConnectSessionStore {
  const store = value as Record<string, unknown> | null;
  return typeof store === 'object' && store !== null && STORE_OPERATIONS.every((op) => typeof store[op] === 'function');
}

function sessionSecrets(check: Checker, value: unknown, env: NodeJS.ProcessEnv): string[] | undefined {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    if (env.NODE_ENV === 'production') check.fail('session.secret', 'required when NODE_ENV=production');
    return undefined;
  }
  const secrets = Array.isArray(value) ? value : [value];
  if (!secrets.every((s) => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH)) {
    check.fail('session.secret', `must be a string of at least ${MIN_SECRET_LENGTH} characters (or a list of them)`);
    return undefined;
  }
  return secrets as string[];
}

/** Reads `options` into a configuration, collecting every problem on the way (the configuration is only usable without problems). */
export function checkOptions(options: NcConnectModuleOptions, env: NodeJS.ProcessEnv, instance = 'default') {
  const c = new Checker();
  const o = (options ?? {}) as Partial<NcConnectModuleOptions>;
  const issuer = c.url('issuer', o.issuer, { required: true });
  if (issuer && issuer.search !== '') c.fail('issuer', 'must not contain a query string');
  c.text('clientId', o.clientId);
  const authMethod = o.tokenEndpointAuthMethod ?? 'client_secret_basic';
  // A private_key_jwt client may have no secret at all.
  if (authMethod !== 'private_key_jwt' || (o.clientSecret !== undefined && o.clientSecret !== '')) {
    c.text('clientSecret', o.clientSecret);
  }
  const redirect = c.url('redirectUri', o.redirectUri, { required: true });
  // openid-client derives the token request's redirect_uri from the callback URL minus its query.
  if (redirect && redirect.search !== '') c.fail('redirectUri', 'must not contain a query string');
  c.url('postLogoutRedirectUri', o.postLogoutRedirectUri, { required: false });
  const scope = o.scope ?? 'openid profile email';
  if (typeof scope !== 'string' || !scope.split(' ').includes('openid')) {
    c.fail('scope', 'must be a space-separated list of scopes that includes "openid"');
  }
  if (!AUTH_METHODS.includes(authMethod))
    c.fail('tokenEndpointAuthMethod', `must be one of ${AUTH_METHODS.join(', ')}`);
  const clientKeys = readClientKeys(o.clientKey, authMethod);
  for (const problem of clientKeys.problems) c.fail(problem.option, problem.message);
  const idTokenAlg = o.idTokenSignedResponseAlg;
  if (idTokenAlg !== undefined && !SIGNING_ALGORITHMS.includes(idTokenAlg)) {
    c.fail('idTokenSignedResponseAlg', `must be one of ${SIGNING_ALGORITHMS.join(', ')}`);
  }
  const clockTolerance = c.number('clockTolerance', o.clockTolerance, 30, 0, 300, 'seconds');
  const httpTimeout = c.number('httpTimeout', o.httpTimeout, 10_000, 100, 120_000, 'milliseconds');
  const loginTimeout = c.number('loginTimeout', o.loginTimeout, 600, 30, 3600, 'seconds');
  if (o.validateUser !== undefined && typeof o.validateUser !== 'function') {
    c.fail('validateUser', 'must be a function');
  }
  if (o.redis !== undefined && !isRedis(o.redis)) {
    c.fail('redis', 'must be a redis:// or rediss:// URL, or a node-redis client');
  }
  if (o.redisKeyPrefix !== undefined && (typeof o.redisKeyPrefix !== 'string' || o.redisKeyPrefix === '')) {
    c.fail('redisKeyPrefix', 'must be a non-empty string');
  }
  if (o.keepTokens !== undefined && typeof o.keepTokens !== 'boolean') c.fail('keepTokens', 'must be a boolean');
  if (o.errorPage !== undefined && typeof o.errorPage !== 'function') {
    c.fail('errorPage', 'must be a function returning HTML');
  }
  const bearer = o.bearer ?? {};
  const audiences = bearer.audiences ?? [o.clientId as string];
  if (
    bearer.audiences !== undefined &&
    (!Array.isArray(audiences) || audiences.length === 0 || !audiences.every((a) => typeof a === 'string' && a !== ''))
  ) {
    c.fail('bearer.audiences', 'must be a non-empty list of client IDs');
  }
  const bearerCacheTtl = c.number('bearer.cacheTtl', bearer.cacheTtl, 60, 0, 3600, 'seconds');
  const opaqueTokens = bearer.opaqueTokens ?? 'introspection';
  if (!OPAQUE_TOKEN_CHECKS.includes(opaqueTokens)) {
    c.fail('bearer.opaqueTokens', `must be one of ${OPAQUE_TOKEN_CHECKS.map((v) => `'${v}'`).join(', ')}`);
  }
  const acrLevels = o.assurance?.acrLevels ?? [];
  if (
    !Array.isArray(acrLevels) ||
    !acrLevels.every((v) => typeof v === 'string' && /^[\x21-\x7e]+$/.test(v)) ||
    new Set(acrLevels).size !== acrLevels.length
  ) {
    c.fail('assurance.acrLevels', 'must be a list of distinct acr values without spaces, weakest first');
  }
  const audit = o.audit ?? {};
  if (audit.listener !== undefined && typeof audit.listener !== 'function') {
    c.fail('audit.listener', 'must be a function');
  }
  for (const flag of ['eventEmitter', 'includeUser'] as const) {
    if (audit[flag] !== undefined && typeof audit[flag] !== 'boolean') c.fail(`audit.${flag}`, 'must be a boolean');
  }

  const s = o.session ?? {};
  const secrets = sessionSecrets(c, s.secret, env);
  const httpsRedirect = redirect?.protocol === 'https:';
  const secure = s.secure ?? httpsRedirect;
  // Over https the __Host- prefix stops sibling subdomains from planting a session cookie.
  const baseName = instance === 'default' ? 'nc_connect.sid' : `nc_connect_${instance}.sid`;
  const cookieName = s.cookieName ?? (secure ? `__Host-${baseName}` : baseName);
  if (typeof cookieName !== 'string' || !COOKIE_NAME.test(cookieName)) {
    c.fail('session.cookieName', "must be a valid cookie name (letters, digits and !#$%&'*+-.^_`|~)");
  } else if (!secure && /^__(Host|Secure)-/.test(cookieName)) {
    c.fail('session.cookieName', 'a __Host- or __Secure- name needs secure cookies (an https redirectUri)');
  }
  if (s.secure !== undefined && typeof s.secure !== 'boolean') c.fail('session.secure', 'must be a boolean');
  if (s.secure === true && redirect && !httpsRedirect) {
    c.fail('session.secure', 'true needs an https redirectUri (browsers drop secure cookies over http)');
  }
  const maxAge = c.number('session.maxAge', s.maxAge, 8 * 3600, 60, 30 * 24 * 3600, 'seconds');
  const idleTimeout = c.number('session.idleTimeout', s.idleTimeout, 1800, 60, 30 * 24 * 3600, 'seconds');
  const maxSessions = c.number('session.maxSessions', s.maxSessions, 10_000, 1, 10_000_000, 'sessions');
  const maxSessionsPerUser = c.number('session.maxSessionsPerUser', s.maxSessionsPerUser, 20, 1, 1000, 'sessions');
  if (s.store !== undefined && !isStore(s.store)) {
    c.fail('session.store', `must be an NcConnectSessionStore (with ${STORE_OPERATIONS.join(', ')})`);
  } else if (s.store !== undefined && o.redis !== undefined) {
    c.fail('session.store', 'cannot be given with redis (which makes the Redis session store); give one of them');
  }

  const config: NcConnectConfig = {
    instance,
    issuer: o.issuer as string,
    clientId: o.clientId as string,
    clientSecret: o.clientSecret ?? '',
    redirectUri: o.redirectUri as string,
    postLogoutRedirectUri: o.postLogoutRedirectUri || undefined,
    scope,
    tokenEndpointAuthMethod: authMethod,
    clientKeys: Object.freeze(clientKeys.keys),
    idTokenSignedResponseAlg: idTokenAlg,
    clockTolerance,
    httpTimeout,
    loginTimeout,
    allowInsecureRequests: issuer?.protocol === 'http:',
    session: Object.freeze({
      secrets: Object.freeze(secrets ?? [randomBytes(32).toString('base64url')]),
      generatedSecret: secrets === undefined,
      cookieName,
      secure,
      maxAge,
      idleTimeout,
      store: s.store,
      maxSessions,
      maxSessionsPerUser,
    }),
    validateUser: o.validateUser,
    errorPage: o.errorPage,
    redis: o.redis,
    redisKeyPrefix: o.redisKeyPrefix ?? (instance === 'default' ? 'nc-connect:' : `nc-connect:${instance}:`),
    keepTokens: o.keepTokens ?? false,
    bearer: Object.freeze({ audiences: Object.freeze([...audiences]), cacheTtl: bearerCacheTtl, opaqueTokens }),
    assurance: Object.freeze({ acrLevels: Object.freeze(Array.isArray(acrLevels) ? [...acrLevels] : []) }),
    audit: Object.freeze({
      listener: audit.listener,
      eventEmitter: audit.eventEmitter ?? true,
      includeUser: audit.includeUser ?? false,
    }),
  };
  return { problems: c.problems, config };
}
