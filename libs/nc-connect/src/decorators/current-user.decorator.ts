import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { contextRequest } from '../context/context-request.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/**
 * Injects the logged-in user set by `NcConnectGuard` (by default an {@link NcConnectUser}), or one
 * of its fields; `undefined` when nobody is logged in on an `@OptionalAuth()` route. Works in HTTP
 * routes, GraphQL resolvers and WebSocket gateway handlers alike.
 *
 * @example
 * ```ts
 * @Get('profile')
 * @UseGuards(NcConnectGuard)
 * profile(@CurrentUser() user: NcConnectUser, @CurrentUser('email') email?: string) {}
 * ```
 */
export const CurrentUser = createParamDecorator(
  (field: keyof NcConnectUser | undefined, context: ExecutionContext): unknown => {
    const user = contextRequest(context).user as Record<string, unknown> | undefined;
    return field ? user?.[field] : user;
  },
);
