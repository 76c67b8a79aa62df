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
import { Inject, Injectable, Logger } from '@nestjs/common';
import session from 'express-session';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { BoundedMemoryStore } from './bounded-memory.store.js';
function run(handler, req, res) {
    return new Promise((resolve, reject) => handler(req, res, (err) => (err ? reject(err) : resolve())));
}
function unavailable(cause) {
    return new NcConnectError(Code.SESSION_UNAVAILABLE, 'Sessions are unavailable right now; please try again in a moment.', {
        cause,
    });
}
/**
 * Sessions with express-session, loaded only by the routes that need them (the guard and the
 * library's controller), so routes without a user pay nothing. Cookie: httpOnly, SameSite=Lax,
 * signed, `secure` when the redirect URI is https.
 */
let NcConnectSessions = class NcConnectSessions {
    config;
    logger = new Logger('NcConnect');
    /** The express-session middleware, for apps that want `req.session` on every route. */
    handler;
    constructor(config) {
        this.config = config;
        const s = config.session;
        if (s.generatedSecret) {
            this.logger.warn('session.secret is not set: sessions are signed with a random secret and end when this process stops. Set it (SESSION_SECRET in the sample app); it is required when NODE_ENV=production.');
        }
        this.handler = session({
            name: s.cookieName,
            secret: [...s.secrets],
            store: s.store ?? new BoundedMemoryStore(s.maxSessions),
            resave: false,
            saveUninitialized: false,
            unset: 'destroy',
            cookie: { httpOnly: true, sameSite: 'lax', secure: s.secure, path: '/', maxAge: s.maxAge * 1000 },
        });
    }
    /** Makes `req.session` available (once per request). @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` */
    async load(req, res) {
        if (req.session)
            return;
        try {
            await run(this.handler, req, res);
        }
        catch (err) {
            throw unavailable(err);
        }
        // express-session skips the request silently when its store reports being disconnected.
        if (!req.session)
            throw unavailable(new Error('the session store is not ready'));
    }
    /** The logged-in user's session data, if any (after {@link load}). */
    current(req) {
        return req.session?.ncConnect;
    }
    /** Starts the session of a user who just logged in, under a new session id (no fixation). */
    async establish(req, res, data) {
        await this.load(req, res);
        try {
            await new Promise((resolve, reject) => req.session.regenerate((err) => (err ? reject(err) : resolve())));
            req.session.ncConnect = data;
            await new Promise((resolve, reject) => req.session.save((err) => (err ? reject(err) : resolve())));
        }
        catch (err) {
            throw unavailable(err);
        }
    }
    /** Ends the local session and clears its cookie. */
    async end(req, res) {
        await this.load(req, res);
        try {
            await new Promise((resolve, reject) => req.session.destroy((err) => (err ? reject(err) : resolve())));
        }
        catch (err) {
            throw unavailable(err);
        }
        const s = this.config.session;
        res.clearCookie(s.cookieName, { path: '/', httpOnly: true, sameSite: 'lax', secure: s.secure });
    }
};
NcConnectSessions = __decorate([
    Injectable(),
    __param(0, Inject(NC_CONNECT_CONFIG)),
    __metadata("design:paramtypes", [Object])
], NcConnectSessions);
export { NcConnectSessions };
//# sourceMappingURL=nc-connect-sessions.js.map