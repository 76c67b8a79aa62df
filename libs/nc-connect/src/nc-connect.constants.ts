/** Passport name of the NC Connect strategy. */
export const NC_CONNECT_STRATEGY = 'nc-connect';
/** Injection token of the validated {@link NcConnectConfig}. */
export const NC_CONNECT_CONFIG = Symbol('NC_CONNECT_CONFIG');
/** Injection token of the resolved route settings (prefix of the library's controller, or none). */
export const NC_CONNECT_ROUTES = Symbol('NC_CONNECT_ROUTES');
/** Injection token of the login transaction store. */
export const NC_CONNECT_TRANSACTION_STORE = Symbol('NC_CONNECT_TRANSACTION_STORE');
/** Injection token of the index from NC Connect users and sessions to local sessions. */
export const NC_CONNECT_SESSION_INDEX = Symbol('NC_CONNECT_SESSION_INDEX');
/** Metadata key set by `@Public()`. */
export const IS_PUBLIC_KEY = 'nc-connect:public';
/** Metadata key set by `@OptionalAuth()`. */
export const IS_OPTIONAL_AUTH_KEY = 'nc-connect:optional-auth';
/** Metadata key set by `@BearerAuth()`. */
export const IS_BEARER_AUTH_KEY = 'nc-connect:bearer-auth';
