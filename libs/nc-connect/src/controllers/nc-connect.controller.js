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
import { Get, HttpCode, Logger, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectExceptionFilter } from '../errors/nc-connect-exception.filter.js';
import { CodeFlowAction, CodeFlowGuard } from '../guards/code-flow.guard.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import { Inject } from '@nestjs/common';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
/**
 * The library's routes: `login`, `callback`, `me`, `logout` (GET and POST). Mounted under the
 * `routePrefix` extra (default `auth`) by the module, which subclasses it with `@Controller()`.
 */
let NcConnectController = class NcConnectController {
    sessions;
    client;
    config;
    logger = new Logger('NcConnect');
    constructor(sessions, client, config) {
        this.sessions = sessions;
        this.client = client;
        this.config = config;
    }
    /** `GET login[?returnTo=/path][&prompt=login]`: 302 to NC Connect (the strategy answers). */
    login() {
        // Never reached: the strategy redirects to NC Connect or fails.
    }
    /** `GET callback`: completes the login, starts a fresh session, 302 to `returnTo`. */
    async callback(req, res) {
        const info = req.authInfo;
        const { user } = info;
        await this.sessions.establish(req, res, {
            user: req.user,
            idToken: info.idToken,
            sub: user.sub,
            sid: typeof user.claims.sid === 'string' ? user.claims.sid : undefined,
            authenticatedAt: Date.now(),
        });
        this.logger.log(`NC_CONNECT_LOGIN_SUCCEEDED sub=${user.sub}`);
        res.setHeader('Cache-Control', 'no-store');
        res.redirect(302, info.returnTo);
    }
    /** `GET me`: the logged-in user as JSON, or 401. */
    async me(req, res) {
        await this.sessions.load(req, res);
        const session = this.sessions.current(req);
        if (!session)
            throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
        res.setHeader('Cache-Control', 'no-store');
        res.json(session.user);
    }
    /** `GET logout`: ends the local session, then 302 to NC Connect's end-session endpoint. */
    logoutWithGet(req, res) {
        return this.logout(req, res);
    }
    /** `POST logout`: same as GET, for forms. */
    logoutWithPost(req, res) {
        return this.logout(req, res);
    }
    async logout(req, res) {
        await this.sessions.load(req, res);
        const idToken = this.sessions.current(req)?.idToken;
        await this.sessions.end(req, res);
        const endSession = await this.client.endSessionUrl(idToken, randomBytes(32).toString('base64url'));
        res.setHeader('Cache-Control', 'no-store');
        res.redirect(302, endSession?.href ?? this.config.postLogoutRedirectUri ?? '/');
    }
};
__decorate([
    Get('login'),
    UseGuards(CodeFlowGuard),
    CodeFlowAction('login'),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", []),
    __metadata("design:returntype", void 0)
], NcConnectController.prototype, "login", null);
__decorate([
    Get('callback'),
    UseGuards(CodeFlowGuard),
    CodeFlowAction('callback'),
    __param(0, Req()),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], NcConnectController.prototype, "callback", null);
__decorate([
    Get('me'),
    __param(0, Req()),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], NcConnectController.prototype, "me", null);
__decorate([
    Get('logout'),
    __param(0, Req()),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], NcConnectController.prototype, "logoutWithGet", null);
__decorate([
    Post('logout'),
    HttpCode(302),
    __param(0, Req()),
    __param(1, Res()),
    __metadata("design:type", Function),
    __metadata("design:paramtypes", [Object, Object]),
    __metadata("design:returntype", Promise)
], NcConnectController.prototype, "logoutWithPost", null);
NcConnectController = __decorate([
    UseFilters(NcConnectExceptionFilter),
    __param(2, Inject(NC_CONNECT_CONFIG)),
    __metadata("design:paramtypes", [NcConnectSessions,
        NcConnectClient, Object])
], NcConnectController);
export { NcConnectController };
//# sourceMappingURL=nc-connect.controller.js.map