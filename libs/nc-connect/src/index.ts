export { NcConnectModule } from './nc-connect.module.js';
export type {
  NcConnectBearerOptions,
  NcConnectErrorPage,
  NcConnectModuleExtras,
  NcConnectModuleOptions,
  NcConnectOpaqueTokenCheck,
  NcConnectSessionOptions,
  NcConnectTokenEndpointAuthMethod,
} from './config/nc-connect-options.interface.js';
export type { NcConnectClientKey } from './config/client-key.js';
export type { NcConnectRedisClient } from './redis/nc-connect-redis-client.js';
export { findOptionProblems, type NcConnectOptionProblem } from './config/nc-connect-config.js';
export { getNcConnectToken, NC_CONNECT_SESSION_STORE } from './nc-connect.constants.js';
export {
  NcConnectError,
  NcConnectErrorCode,
  type NcConnectErrorBody,
  type NcConnectErrorExtensions,
} from './errors/nc-connect-error.js';
export { NcConnectConfigurationError } from './errors/nc-connect-configuration-error.js';
export { NcConnectStrategy, type NcConnectStrategyInstance } from './strategies/nc-connect.strategy.js';
export type { NcConnectAuthenticateOptions, NcConnectAuthInfo } from './strategies/nc-connect-authenticate-options.js';
export { NcConnectGuard } from './guards/nc-connect.guard.js';
export { NcConnectBearerGuard } from './guards/nc-connect-bearer.guard.js';
export { BearerAuth } from './decorators/bearer-auth.decorator.js';
export { Public } from './decorators/public.decorator.js';
export { NcConnectInstance } from './decorators/nc-connect-instance.decorator.js';
export { OptionalAuth } from './decorators/optional-auth.decorator.js';
export { CurrentUser } from './decorators/current-user.decorator.js';
export { RequireAssurance } from './decorators/require-assurance.decorator.js';
export type { NcConnectAssuranceRequirement, AssuranceShortfall } from './assurance/assurance-requirement.js';
export type { NcConnectAssurance } from './assurance/nc-connect-assurance.js';
export type { NcConnectAssuranceOptions } from './assurance/assurance-options.js';
export { NcConnectAssurancePolicy } from './assurance/assurance-policy.js';
export type { NcConnectAuditOptions } from './audit/audit-options.js';
export type {
  NcConnectAssuranceRefusedEvent,
  NcConnectAuditEvent,
  NcConnectAuditEventBase,
  NcConnectAuditEventType,
  NcConnectBackchannelLogoutEvent,
  NcConnectLoginFailedEvent,
  NcConnectLoginRefusedEvent,
  NcConnectLoginSucceededEvent,
  NcConnectLogoutEvent,
  NcConnectOutcome,
  NcConnectSessionExpiredEvent,
  NcConnectStepUpEvent,
} from './audit/nc-connect-audit-event.js';
export type { NcConnectUser, NcConnectVerificationLevel } from './user/nc-connect-user.js';
export { normalizeUser } from './user/normalize-user.js';
export { NcConnectSessions } from './session/nc-connect-sessions.js';
export { NcConnectLogout } from './session/nc-connect-logout.js';
export type { NcConnectSession, NcConnectSessionRecord, NcConnectSessionTokens } from './session/nc-connect-session.js';
export type { NcConnectSessionStore, SessionCreateOptions, SessionKeys } from './session/session-store.js';
export { MemorySessionStore } from './session/memory-session.store.js';
export { RedisSessionStore } from './session/redis-session.store.js';
export { NcConnectTokens } from './session/nc-connect-tokens.js';
export type { HttpRequest, HttpResponse } from './http/nc-connect-http.js';
export { rememberHandshake, type WebSocketHandshake } from './websocket/websocket-handshake.js';
