/** The instrumentation scope of the library's tracer and meter. */
export const INSTRUMENTATION_SCOPE = 'nestjs-nc-connect';

/** The library's span names. */
export const SpanName = Object.freeze({
  LOGIN: 'nc_connect.login',
  CALLBACK: 'nc_connect.callback',
  REFRESH: 'nc_connect.refresh',
  BACKCHANNEL_LOGOUT: 'nc_connect.backchannel_logout',
  BEARER_CHECK: 'nc_connect.bearer_check',
  /** Followed by the endpoint: `nc_connect.provider.token`, `nc_connect.provider.jwks`… */
  PROVIDER: 'nc_connect.provider.',
} as const);

/** The library's metric names. */
export const MetricName = Object.freeze({
  LOGINS: 'nc_connect.logins',
  BEARER_CHECKS: 'nc_connect.bearer.checks',
  PROVIDER_REQUEST_DURATION: 'nc_connect.provider.request.duration',
  ACTIVE_SESSIONS: 'nc_connect.sessions.active',
} as const);

/**
 * Attribute names: OpenTelemetry's semantic conventions where they have one, `nc_connect.*` for the
 * library's own. None carries a token, a `sub`, personal data or a query string.
 */
export const Attr = Object.freeze({
  INSTANCE: 'nc_connect.instance',
  OUTCOME: 'nc_connect.outcome',
  ENDPOINT: 'nc_connect.endpoint',
  LOGIN_STAGE: 'nc_connect.login.stage',
  SESSIONS_ENDED: 'nc_connect.sessions_ended',
  CACHE_HIT: 'nc_connect.cache_hit',
  ERROR_TYPE: 'error.type',
  HTTP_METHOD: 'http.request.method',
  HTTP_STATUS: 'http.response.status_code',
  SERVER_ADDRESS: 'server.address',
  SERVER_PORT: 'server.port',
  URL_FULL: 'url.full',
} as const);
