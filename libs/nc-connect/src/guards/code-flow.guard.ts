import { Injectable, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_STRATEGY } from '../nc-connect.constants.js';
import type { CodeFlowAuthenticateOptions } from '../strategies/code-flow.strategy.js';

const CODE_FLOW_ACTION = 'nc-connect:code-flow-action';

/** Marks a controller route as the login or the callback half of the code flow. */
export const CodeFlowAction = (action: CodeFlowAuthenticateOptions['action']) => SetMetadata(CODE_FLOW_ACTION, action);

/** Runs the NC Connect strategy for the library's login and callback routes. Internal. */
@Injectable()
export class CodeFlowGuard extends AuthGuard(NC_CONNECT_STRATEGY) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override getAuthenticateOptions(context: ExecutionContext): CodeFlowAuthenticateOptions {
    const action = this.reflector.get<CodeFlowAuthenticateOptions['action']>(CODE_FLOW_ACTION, context.getHandler());
    const query = context.switchToHttp().getRequest<Request>().query;
    return {
      action,
      returnTo: query.returnTo as CodeFlowAuthenticateOptions['returnTo'],
      requestedPrompt: query.prompt as CodeFlowAuthenticateOptions['requestedPrompt'],
    };
  }

  override handleRequest<TUser>(err: unknown, user: TUser): TUser {
    if (err) throw err;
    if (!user) throw new NcConnectError(Code.USER_REFUSED, 'This NC Connect account may not use this service.');
    return user;
  }
}
