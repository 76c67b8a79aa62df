import type { InjectionToken } from '@nestjs/common';

/** Passport name of the NC Connect strategy (of a named instance: `nc-connect:<name>`). */
export const NC_CONNECT_STRATEGY = 'nc-connect';
/** The name of the module instance registered without `name`. */
export const DEFAULT_INSTANCE = 'default';
/** Injection token of the instance's name (`'default'` unless `name` was given). */
export const NC_CONNECT_INSTANCE = Symbol('NC_CONNECT_INSTANCE');
/** Injection token of the validated {@link NcConnectConfig}. */
export const NC_CONNECT_CONFIG = Symbol('NC_CONNECT_CONFIG');
/** Injection token of the resolved route settings (prefix of the library's controller, or none). */
export const NC_CONNECT_ROUTES = Symbol('NC_CONNECT_ROUTES');
/** Injection token of the login transaction store. */
export const NC_CONNECT_TRANSACTION_STORE = Symbol('NC_CONNECT_TRANSACTION_STORE');
/** Injection token of the used logout tokens (replay detection). */
export const NC_CONNECT_LOGOUT_TOKEN_REPLAY = Symbol('NC_CONNECT_LOGOUT_TOKEN_REPLAY');
/** Injection token of the instance's `NcConnectSessionStore`. */
export const NC_CONNECT_SESSION_STORE = Symbol('NC_CONNECT_SESSION_STORE');
/** Metadata key set by `@NcConnectInstance()`. */
export const NC_CONNECT_INSTANCE_KEY = 'nc-connect:instance';
/** Metadata key set by `@Public()`. */
export const IS_PUBLIC_KEY = 'nc-connect:public';
/** Metadata key set by `@OptionalAuth()`. */
export const IS_OPTIONAL_AUTH_KEY = 'nc-connect:optional-auth';
/** Metadata key set by `@BearerAuth()`. */
export const IS_BEARER_AUTH_KEY = 'nc-connect:bearer-auth';
/** Metadata key set by `@RequireAssurance()`. */
export const REQUIRE_ASSURANCE_KEY = 'nc-connect:require-assurance';

/** The passport strategy name of an instance. */
export function strategyName(instance: string): string {
  return instance === DEFAULT_INSTANCE ? NC_CONNECT_STRATEGY : `${NC_CONNECT_STRATEGY}:${instance}`;
}

/**
 * The token under which a named instance exports one of its providers (`NcConnectSessions`,
 * `NC_CONNECT_CONFIG`…), so that several instances can live side by side in one app. The default
 * instance exports the providers under their own tokens.
 *
 * @example constructor(@Inject(getNcConnectToken(NcConnectTokens, 'agents')) tokens: NcConnectTokens) {}
 */
export function getNcConnectToken(provider: InjectionToken, instance: string): InjectionToken {
  if (instance === DEFAULT_INSTANCE) return provider;
  const name =
    typeof provider === 'function'
      ? provider.name
      : String(typeof provider === 'symbol' ? provider.description : provider);
  return `NcConnect:${instance}:${name}`;
}
