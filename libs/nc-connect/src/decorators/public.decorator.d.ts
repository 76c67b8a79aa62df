/**
 * Opens a handler (or every handler of a controller) to anonymous users when `NcConnectGuard` is
 * installed globally with `APP_GUARD`. The guard then does no session work at all for it.
 */
export declare const Public: () => import("@nestjs/common").CustomDecorator<string>;
