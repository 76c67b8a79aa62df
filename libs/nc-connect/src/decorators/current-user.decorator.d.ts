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
export declare const CurrentUser: (...dataOrPipes: (keyof NcConnectUser | import("@nestjs/common").ParameterDecoratorOptions | import("@nestjs/common").PipeTransform<any, any> | import("@nestjs/common").Type<import("@nestjs/common").PipeTransform<any, any>> | undefined)[]) => ParameterDecorator;
