import type { Request, Response } from 'express';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
/**
 * The library's routes: `login`, `callback`, `me`, `logout` (GET and POST). Mounted under the
 * `routePrefix` extra (default `auth`) by the module, which subclasses it with `@Controller()`.
 */
export declare class NcConnectController {
    private readonly sessions;
    private readonly client;
    private readonly config;
    private readonly logger;
    constructor(sessions: NcConnectSessions, client: NcConnectClient, config: NcConnectConfig);
    /** `GET login[?returnTo=/path][&prompt=login]`: 302 to NC Connect (the strategy answers). */
    login(): void;
    /** `GET callback`: completes the login, starts a fresh session, 302 to `returnTo`. */
    callback(req: Request, res: Response): Promise<void>;
    /** `GET me`: the logged-in user as JSON, or 401. */
    me(req: Request, res: Response): Promise<void>;
    /** `GET logout`: ends the local session, then 302 to NC Connect's end-session endpoint. */
    logoutWithGet(req: Request, res: Response): Promise<void>;
    /** `POST logout`: same as GET, for forms. */
    logoutWithPost(req: Request, res: Response): Promise<void>;
    private logout;
}
