import { Module, type DynamicModule, type InjectionToken, type Provider } from '@nestjs/common';
import { ApplicationConfig, ModulesContainer } from '@nestjs/core';
import { MODULE_PATH } from '@nestjs/common/internal';
import { PassportModule } from '@nestjs/passport';
import { createNcConnectConfig, type NcConnectConfig } from './config/nc-connect-config.js';
import type { NcConnectModuleExtras, NcConnectModuleOptions } from './config/nc-connect-options.interface.js';
import { controllersFor } from './controllers/mounted-controllers.js';
import { NcConnectExceptionFilter } from './errors/nc-connect-exception.filter.js';
import { NcConnectGuard } from './guards/nc-connect.guard.js';
import { NcConnectBearerGuard } from './guards/nc-connect-bearer.guard.js';
import { NcConnectBearerVerifier } from './bearer/nc-connect-bearer-verifier.js';
import {
  DEFAULT_INSTANCE,
  getNcConnectToken,
  NC_CONNECT_CONFIG,
  NC_CONNECT_INSTANCE,
  NC_CONNECT_ROUTES,
  NC_CONNECT_LOGOUT_TOKEN_REPLAY,
  NC_CONNECT_SESSION_STORE,
  NC_CONNECT_TRANSACTION_STORE,
} from './nc-connect.constants.js';
import { NcConnectRedis } from './redis/nc-connect-redis.js';
import { MemoryLogoutTokenReplay, RedisLogoutTokenReplay } from './backchannel/logout-token-replay.js';
import { MemorySessionStore } from './session/memory-session.store.js';
import { RedisSessionStore } from './session/redis-session.store.js';
import { NcConnectHttp } from './http/nc-connect-http.js';
import { ResponseOfRequest } from './http/response-of-request.js';
import { RedisLoginTransactionStore } from './transactions/redis-login-transaction.store.js';
import {
  NC_CONNECT_ASYNC_OPTIONS_TYPE,
  NC_CONNECT_MODULE_OPTIONS,
  NC_CONNECT_OPTIONS_TYPE,
  NcConnectConfigurableModule,
} from './nc-connect.module-definition.js';
import { NcConnectRoutes, normalizeRoutePrefix } from './nc-connect.routes.js';
import { NcConnectClient } from './provider/nc-connect-client.js';
import { NcConnectProviderStatus } from './provider/provider-status.js';
import { NcConnectSessions } from './session/nc-connect-sessions.js';
import { NcConnectAssurancePolicy } from './assurance/assurance-policy.js';
import { NcConnectAudit } from './audit/nc-connect-audit.js';
import { NcConnectTelemetry } from './telemetry/nc-connect-telemetry.js';
import { NcConnectLogout } from './session/nc-connect-logout.js';
import { NcConnectTokens } from './session/nc-connect-tokens.js';
import { strategyFor } from './strategies/nc-connect.strategy.js';
import { NcConnectLoginFlow } from './transactions/login-flow.js';
import { MemoryLoginTransactionStore } from './transactions/memory-login-transaction.store.js';

const providers: Provider[] = [
  {
    provide: NC_CONNECT_CONFIG,
    useFactory: (options: NcConnectModuleOptions, instance: string) =>
      createNcConnectConfig(options, process.env, instance),
    inject: [NC_CONNECT_MODULE_OPTIONS, NC_CONNECT_INSTANCE],
  },
  {
    provide: NcConnectRedis,
    useFactory: (config: NcConnectConfig) => NcConnectRedis.create(config),
    inject: [NC_CONNECT_CONFIG],
  },
  {
    provide: NC_CONNECT_TRANSACTION_STORE,
    useFactory: (config: NcConnectConfig, redis: NcConnectRedis) =>
      redis.client
        ? new RedisLoginTransactionStore(redis.client, NcConnectRedis.key(config, 'tx:'))
        : new MemoryLoginTransactionStore(),
    inject: [NC_CONNECT_CONFIG, NcConnectRedis],
  },
  {
    provide: NC_CONNECT_SESSION_STORE,
    useFactory: (config: NcConnectConfig, redis: NcConnectRedis) =>
      config.session.store ??
      (redis.client
        ? new RedisSessionStore(redis.client, config.redisKeyPrefix, config.session.maxAge * 1000)
        : new MemorySessionStore(config.session.maxSessions)),
    inject: [NC_CONNECT_CONFIG, NcConnectRedis],
  },
  {
    provide: NC_CONNECT_LOGOUT_TOKEN_REPLAY,
    useFactory: (config: NcConnectConfig, redis: NcConnectRedis) =>
      redis.client
        ? new RedisLogoutTokenReplay(redis.client, NcConnectRedis.key(config, 'logout-jti:'))
        : new MemoryLogoutTokenReplay(),
    inject: [NC_CONNECT_CONFIG, NcConnectRedis],
  },
  NcConnectHttp,
  ResponseOfRequest,
  NcConnectAudit,
  NcConnectTelemetry,
  NcConnectProviderStatus,
  NcConnectClient,
  NcConnectSessions,
  NcConnectLogout,
  NcConnectTokens,
  NcConnectLoginFlow,
  NcConnectGuard,
  NcConnectBearerVerifier,
  NcConnectBearerGuard,
  NcConnectAssurancePolicy,
  NcConnectExceptionFilter,
];

const exported = [
  NC_CONNECT_CONFIG,
  NcConnectClient,
  NcConnectProviderStatus,
  NcConnectSessions,
  NcConnectLogout,
  NcConnectTokens,
  NcConnectGuard,
  NcConnectBearerVerifier,
  NcConnectBearerGuard,
  NcConnectAssurancePolicy,
  NcConnectAudit,
  NC_CONNECT_ROUTES,
];

/** What a named instance exports: the same providers under tokens of their own, and its guard. */
function namedExports(instance: string): { providers: Provider[]; exports: InjectionToken[] } {
  const aliases = exported.map((token) => ({ provide: getNcConnectToken(token, instance), useExisting: token }));
  const guard = NcConnectGuard.for(instance);
  return { providers: [...aliases, guard], exports: [...aliases.map((a) => a.provide), guard] };
}

/** The path `RouterModule` gives this module's controllers, read the way Nest's router reads it. */
function routerModulePath(modules: ModulesContainer): string | undefined {
  return (Reflect.getMetadata(MODULE_PATH + modules.applicationId, NcConnectModule) ??
    Reflect.getMetadata(MODULE_PATH, NcConnectModule)) as string | undefined;
}

function withRoutes(definition: DynamicModule, extras: NcConnectModuleExtras): DynamicModule {
  const instance = extras.name ?? DEFAULT_INSTANCE;
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(instance)) {
    throw new Error(
      `NcConnectModule name "${instance}" is invalid: lowercase letters, digits and dashes, from a letter`,
    );
  }
  const prefix = normalizeRoutePrefix(extras.routePrefix);
  const named = instance === DEFAULT_INSTANCE ? undefined : namedExports(instance);
  return {
    ...definition,
    imports: [...(definition.imports ?? []), PassportModule],
    controllers: prefix === undefined ? [] : controllersFor(prefix, instance),
    providers: [
      ...(definition.providers ?? []),
      ...providers,
      strategyFor(instance),
      {
        provide: NC_CONNECT_ROUTES,
        useFactory: (appConfig: ApplicationConfig, modules: ModulesContainer) =>
          new NcConnectRoutes(prefix, instance, appConfig, () => routerModulePath(modules)),
        inject: [ApplicationConfig, ModulesContainer],
      },
      { provide: NC_CONNECT_INSTANCE, useValue: instance },
      ...(named?.providers ?? []),
    ],
    // A named instance does not export the classes themselves, which belong to the default one.
    exports: [...(definition.exports ?? []), ...(named ? named.exports : exported)],
  };
}

/**
 * NC Connect login for a Nest app: a passport strategy on openid-client, the `login`, `callback`,
 * `me` and `logout` routes, `NcConnectGuard`, and sessions loaded only where a user is needed.
 *
 * @example
 * ```ts
 * NcConnectModule.forRootAsync({
 *   imports: [ConfigModule],
 *   inject: [ConfigService],
 *   useFactory: (config: ConfigService) => ({
 *     issuer: config.getOrThrow('NC_CONNECT_ISSUER'),
 *     clientId: config.getOrThrow('NC_CONNECT_CLIENT_ID'),
 *     clientSecret: config.getOrThrow('NC_CONNECT_CLIENT_SECRET'),
 *     redirectUri: config.getOrThrow('NC_CONNECT_REDIRECT_URI'),
 *   }),
 * })
 * ```
 */
@Module({})
export class NcConnectModule extends NcConnectConfigurableModule {
  static override forRoot(options: typeof NC_CONNECT_OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRoot(options), options);
  }

  static override forRootAsync(options: typeof NC_CONNECT_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRootAsync(options), options);
  }
}
