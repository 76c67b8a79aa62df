import type { NcConnectAuditOptions } from '../audit/audit-options.js';
import { NcConnectConfigurationError } from '../errors/nc-connect-configuration-error.js';
import type { NcConnectRedisClient } from '../redis/nc-connect-redis-client.js';
import type { NcConnectSessionStore } from '../session/session-store.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { checkOptions } from './check-options.js';
import type { ClientSigningKey } from './client-key.js';
import type {
  NcConnectErrorPage,
  NcConnectOpaqueTokenCheck,
  NcConnectModuleOptions,
  NcConnectTokenEndpointAuthMethod,
} from './nc-connect-options.interface.js';

/** The validated, fully-defaulted, frozen configuration every part of the library injects. */
export interface NcConnectConfig {
  /** The instance's name (`'default'` unless the module was registered with `name`). */
  readonly instance: string;
  readonly issuer: string;
  readonly clientId: string;
  /** Empty for a `private_key_jwt` client without a secret. */
  readonly clientSecret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri?: string;
  readonly scope: string;
  readonly tokenEndpointAuthMethod: NcConnectTokenEndpointAuthMethod;
  /** The app's keys (`clientKey`): the first signs `private_key_jwt` assertions, all are published. */
  readonly clientKeys: readonly ClientSigningKey[];
  readonly idTokenSignedResponseAlg?: string;
  /** Seconds. */
  readonly clockTolerance: number;
  /** Milliseconds. */
  readonly httpTimeout: number;
  /** Seconds. */
  readonly loginTimeout: number;
  /** True when the issuer is plain http on a loopback host. */
  readonly allowInsecureRequests: boolean;
  readonly session: {
    readonly secrets: readonly string[];
    /** True when no secret was configured and a random one was generated for this process. */
    readonly generatedSecret: boolean;
    readonly cookieName: string;
    readonly secure: boolean;
    /** Seconds, absolute. */
    readonly maxAge: number;
    /** Seconds of inactivity. */
    readonly idleTimeout: number;
    readonly store?: NcConnectSessionStore;
    readonly maxSessions: number;
    readonly maxSessionsPerUser: number;
  };
  readonly validateUser?: (user: NcConnectUser) => unknown;
  readonly errorPage?: NcConnectErrorPage;
  readonly redis?: string | NcConnectRedisClient;
  readonly redisKeyPrefix: string;
  readonly keepTokens: boolean;
  readonly bearer: {
    readonly audiences: readonly string[];
    /** Seconds; 0 turns the cache off. */
    readonly cacheTtl: number;
    /** How opaque tokens are checked (`bearer.opaqueTokens`). */
    readonly opaqueTokens: NcConnectOpaqueTokenCheck;
  };
  readonly assurance: {
    /** The `acr` values, weakest first. */
    readonly acrLevels: readonly string[];
  };
  readonly audit: {
    readonly listener?: NcConnectAuditOptions['listener'];
    readonly eventEmitter: boolean;
    readonly includeUser: boolean;
  };
}

/** One problem found in the options. */
export interface NcConnectOptionProblem {
  /** The option's path, e.g. `session.secret`. */
  option: string;
  message: string;
}

/** Every problem in `options`, in a stable order; empty when they are valid. */
export function findOptionProblems(
  options: NcConnectModuleOptions,
  env: NodeJS.ProcessEnv = process.env,
): NcConnectOptionProblem[] {
  return checkOptions(options, env).problems;
}

/**
 * Validates the module options into a frozen {@link NcConnectConfig}.
 * @param instance the name of a named instance, whose cookie and Redis keys get their own names
 * @throws NcConnectConfigurationError (`NC_CONNECT_CONFIG_INVALID`) listing every problem, one per line.
 */
export function createNcConnectConfig(
  options: NcConnectModuleOptions,
  env: NodeJS.ProcessEnv = process.env,
  instance = 'default',
): NcConnectConfig {
  const { problems, config } = checkOptions(options, env, instance);
  if (problems.length > 0) {
    const lines = problems.map((p) => `- ${p.option}: ${p.message}`);
    const which = instance === 'default' ? 'NcConnect' : `NcConnect (${instance})`;
    throw new NcConnectConfigurationError(`${which} options are invalid:\n${lines.join('\n')}`);
  }
  return Object.freeze(config);
}
