import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/**
 * Injects the logged-in user set by `NcConnectGuard` (by default an {@link NcConnectUser}), or one
 * of its fields; `undefined` when nobody is logged in on an `@OptionalAuth()` route.
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
    const user = context.switchToHttp().getRequest<Request>().user as Record<string, unknown> | undefined;
    return field ? user?.[field] : user;
  },
);
