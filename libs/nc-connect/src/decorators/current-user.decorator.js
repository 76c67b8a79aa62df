import { createParamDecorator } from '@nestjs/common';
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
export const CurrentUser = createParamDecorator((field, context) => {
    const user = context.switchToHttp().getRequest().user;
    return field ? user?.[field] : user;
});
//# sourceMappingURL=current-user.decorator.js.map