/**
 * Lets anonymous users through `NcConnectGuard` while still loading the session, so that
 * `@CurrentUser()` is the user when someone is logged in and `undefined` otherwise (e.g. a home
 * page that greets logged-in users).
 */
export declare const OptionalAuth: () => import("@nestjs/common").CustomDecorator<string>;
