var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { wantsHtml } from '../http/wants-html.js';
import { IS_OPTIONAL_AUTH_KEY, IS_PUBLIC_KEY, NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
/**
 * Lets a request through when it belongs to a logged-in NC Connect session, and sets `req.user`.
 * Otherwise a browser navigating (GET, `Accept: text/html`) is redirected to the login route and
 * brought back to the page it asked for; any other client gets 401 JSON with the code
 * `NC_CONNECT_LOGIN_REQUIRED`. Honours `@Public()` (no session work at all) and `@OptionalAuth()`.
 *
 * Use it per route with `@UseGuards(NcConnectGuard)`, or everywhere with
 * `{ provide: APP_GUARD, useClass: NcConnectGuard }`; the library never installs it by itself.
 */
let NcConnectGuard = class NcConnectGuard {
    reflector;
    sessions;
    routes;
    constructor(reflector, sessions, routes) {
        this.reflector = reflector;
        this.sessions = sessions;
        this.routes = routes;
    }
    async canActivate(context) {
        const targets = [context.getHandler(), context.getClass()];
        if (this.reflector.getAllAndOverride(IS_PUBLIC_KEY, targets))
            return true;
        const req = context.switchToHttp().getRequest();
        const res = context.switchToHttp().getResponse();
        await this.sessions.load(req, res);
        const session = this.sessions.current(req);
        if (session) {
            req.user = session.user;
            return true;
        }
        if (this.reflector.getAllAndOverride(IS_OPTIONAL_AUTH_KEY, targets))
            return true;
        const loginPath = this.routes.loginPath;
        if (loginPath && (req.method === 'GET' || req.method === 'HEAD') && wantsHtml(req)) {
            // Answered through the exception path so that Nest (or the app's own filter) writes the
            // response; the Location header is already set.
            res.setHeader('Location', `${loginPath}?returnTo=${encodeURIComponent(req.originalUrl)}`);
            throw new NcConnectError(Code.LOGIN_REQUIRED, 'Redirecting to NC Connect login.', { status: 302 });
        }
        throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
    }
};
NcConnectGuard = __decorate([
    Injectable(),
    __param(2, Inject(NC_CONNECT_ROUTES)),
    __metadata("design:paramtypes", [Reflector,
        NcConnectSessions, Object])
], NcConnectGuard);
export { NcConnectGuard };
//# sourceMappingURL=nc-connect.guard.js.map