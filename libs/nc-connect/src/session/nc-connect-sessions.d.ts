import type { Request, RequestHandler, Response } from 'express';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
/** What the library keeps in the session of a logged-in user. Never an access or refresh token. */
export interface NcConnectSessionData {
    /** The user as returned by `validateUser` (by default the `NcConnectUser`). */
    user: unknown;
    /** Kept for `id_token_hint` at logout. */
    idToken: string;
    sub: string;
    /** NC Connect's session id (`sid` claim), when present. */
    sid?: string;
    /** Epoch milliseconds. */
    authenticatedAt: number;
}
declare module 'express-session' {
    interface SessionData {
        ncConnect?: NcConnectSessionData;
    }
}
/**
 * Sessions with express-session, loaded only by the routes that need them (the guard and the
 * library's controller), so routes without a user pay nothing. Cookie: httpOnly, SameSite=Lax,
 * signed, `secure` when the redirect URI is https.
 */
export declare class NcConnectSessions {
    private readonly config;
    private readonly logger;
    /** The express-session middleware, for apps that want `req.session` on every route. */
    readonly handler: RequestHandler;
    constructor(config: NcConnectConfig);
    /** Makes `req.session` available (once per request). @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` */
    load(req: Request, res: Response): Promise<void>;
    /** The logged-in user's session data, if any (after {@link load}). */
    current(req: Request): NcConnectSessionData | undefined;
    /** Starts the session of a user who just logged in, under a new session id (no fixation). */
    establish(req: Request, res: Response, data: NcConnectSessionData): Promise<void>;
    /** Ends the local session and clears its cookie. */
    end(req: Request, res: Response): Promise<void>;
}
