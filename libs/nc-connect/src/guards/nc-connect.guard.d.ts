import { type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
/**
 * Lets a request through when it belongs to a logged-in NC Connect session, and sets `req.user`.
 * Otherwise a browser navigating (GET, `Accept: text/html`) is redirected to the login route and
 * brought back to the page it asked for; any other client gets 401 JSON with the code
 * `NC_CONNECT_LOGIN_REQUIRED`. Honours `@Public()` (no session work at all) and `@OptionalAuth()`.
 *
 * Use it per route with `@UseGuards(NcConnectGuard)`, or everywhere with
 * `{ provide: APP_GUARD, useClass: NcConnectGuard }`; the library never installs it by itself.
 */
export declare class NcConnectGuard implements CanActivate {
    private readonly reflector;
    private readonly sessions;
    private readonly routes;
    constructor(reflector: Reflector, sessions: NcConnectSessions, routes: NcConnectRoutes);
    canActivate(context: ExecutionContext): Promise<boolean>;
}
