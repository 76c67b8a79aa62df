import { Inject, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_INSTANCE, strategyName } from '../nc-connect.constants.js';
import type { CodeFlowAuthenticateOptions, LoginRedirectInfo } from '../strategies/code-flow.strategy.js';

const CODE_FLOW_ACTION = 'nc-connect:code-flow-action';

/** Marks a controller route as the login or the callback half of the code flow. */
export const CodeFlowAction = (action: CodeFlowAuthenticateOptions['action']) => SetMetadata(CODE_FLOW_ACTION, action);

/**
 * Runs the instance's NC Connect strategy for the library's login and callback routes, through
 * `@nestjs/passport`'s `AuthGuard` for that strategy's name. Internal.
 */
@Injectable()
export class CodeFlowGuard implements CanActivate {
  private readonly passport: CanActivate;

  constructor(reflector: Reflector, @Inject(NC_CONNECT_INSTANCE) instance: string) {
    class StrategyGuard extends AuthGuard(strategyName(instance)) {
      override getAuthenticateOptions(context: ExecutionContext): CodeFlowAuthenticateOptions {
        const action = reflector.get<CodeFlowAuthenticateOptions['action']>(CODE_FLOW_ACTION, context.getHandler());
        const http = context.switchToHttp();
        const query = http.getRequest<{ query?: Record<string, unknown> }>().query ?? {};
        return { action, response: http.getResponse(), returnTo: query.returnTo, requestedPrompt: query.prompt };
      }

      override handleRequest<TUser>(err: unknown, user: TUser, info: unknown): TUser {
        if (err) throw err;
        if ((info as LoginRedirectInfo | undefined)?.action === 'login') return user;
        if (!user) throw new NcConnectError(Code.USER_REFUSED, 'This NC Connect account may not use this service.');
        return user;
      }
    }
    this.passport = new StrategyGuard();
  }

  canActivate(context: ExecutionContext) {
    return this.passport.canActivate(context);
  }
}
