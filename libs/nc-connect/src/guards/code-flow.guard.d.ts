import { type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { CodeFlowAuthenticateOptions } from '../strategies/code-flow.strategy.js';
/** Marks a controller route as the login or the callback half of the code flow. */
export declare const CodeFlowAction: (action: CodeFlowAuthenticateOptions["action"]) => import("@nestjs/common").CustomDecorator<string>;
declare const CodeFlowGuard_base: import("@nestjs/passport").Type<import("@nestjs/passport").IAuthGuard>;
/** Runs the NC Connect strategy for the library's login and callback routes. Internal. */
export declare class CodeFlowGuard extends CodeFlowGuard_base {
    private readonly reflector;
    constructor(reflector: Reflector);
    getAuthenticateOptions(context: ExecutionContext): CodeFlowAuthenticateOptions;
    handleRequest<TUser>(err: unknown, user: TUser): TUser;
}
export {};
