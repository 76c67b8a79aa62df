import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { HttpRequest } from '../http/nc-connect-http.js';
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
    const user = context.switchToHttp().getRequest<HttpRequest>().user as Record<string, unknown> | undefined;
    return field ? user?.[field] : user;
  },
);
