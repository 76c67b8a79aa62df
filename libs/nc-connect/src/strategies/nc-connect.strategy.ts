import { Inject, Injectable, type Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { DEFAULT_INSTANCE, NC_CONNECT_CONFIG, strategyName } from '../nc-connect.constants.js';
import { NcConnectHttp, type HttpRequest } from '../http/nc-connect-http.js';
import { ResponseOfRequest } from '../http/response-of-request.js';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';
import { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import { instanceMixin } from '../instance-mixin.js';
import { CodeFlowStrategy } from './code-flow.strategy.js';
import type { NcConnectAuthenticateOptions } from './nc-connect-authenticate-options.js';

/**
 * The Nest strategy of one instance: a passport strategy (the authorization code flow) whose
 * `validate` runs `validateUser`. Declared without passport's types, which an app need not install.
 */
export interface NcConnectStrategyInstance {
  /** The name passport knows it by: `'nc-connect'`, or `'nc-connect:<name>'` for a named instance. */
  name?: string;
  /** Starts a login, or finishes one when the request is NC Connect's answer (passport calls it). */
  authenticate(req: HttpRequest, options?: NcConnectAuthenticateOptions): void;
  /** Runs the application's `validateUser` hook; by default keeps the {@link NcConnectUser}. */
  validate(user: NcConnectUser): Promise<unknown>;
}

/** The passport strategy class of one instance, registered with passport as `strategyName(instance)`. */
function createStrategy(instance: string): Type<NcConnectStrategyInstance> {
  @Injectable()
  class InstanceStrategy extends PassportStrategy(CodeFlowStrategy, strategyName(instance)) {
    constructor(
      flow: NcConnectLoginFlow,
      sessions: NcConnectSessions,
      responses: ResponseOfRequest,
      http: NcConnectHttp,
      @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
      audit: NcConnectAudit,
      telemetry: NcConnectTelemetry,
    ) {
      super({ flow, sessions, responses, http, keepTokens: config.keepTokens, audit, telemetry });
    }

    async validate(user: NcConnectUser): Promise<unknown> {
      if (!this.config.validateUser) return user;
      const result = await this.config.validateUser(user);
      return result === null || result === undefined || result === false ? null : result;
    }
  }
  return InstanceStrategy;
}

/** The strategy class of `instance` (one class per name); the module provides it. */
export function strategyFor(instance: string): Type<NcConnectStrategyInstance> {
  return instanceMixin('NcConnectStrategy', instance, () => createStrategy(instance));
}

/**
 * The NC Connect passport strategy of the default instance, registered with passport as
 * `'nc-connect'` (a named instance's as `'nc-connect:<name>'`); `NcConnectModule` provides it.
 * Guard any route with `@UseGuards(AuthGuard('nc-connect'))` from `@nestjs/passport`: a request
 * without `code`, `error` or `iss` in its query is sent to NC Connect, NC Connect's answer logs the
 * user in (the library's session, `req.user`, `req.authInfo` as `NcConnectAuthInfo`). Its `validate`
 * runs the application's `validateUser` hook.
 */
export const NcConnectStrategy = strategyFor(DEFAULT_INSTANCE);
