import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions, type NcConnectSessionData, type NcConnectSessionTokens } from './nc-connect-sessions.js';

/** An access token expiring sooner than this is refreshed first. */
const REFRESH_MARGIN_MS = 60_000;

function loginRequired(): NcConnectError {
  return new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
}

/**
 * The logged-in user's NC Connect access token, for calling APIs on their behalf (needs
 * `keepTokens: true`). Tokens stay in the server-side session; an access token that has expired or
 * expires within a minute is refreshed first, one refresh per session at a time in this process.
 * When NC Connect refuses the refresh token, or the refreshed ID token names another user, the
 * session ends and the user has to log in again.
 *
 * @example
 * ```ts
 * @Get('documents')
 * @UseGuards(NcConnectGuard)
 * async documents(@Req() req: Request) {
 *   const token = await this.tokens.getAccessToken(req);
 *   return fetch(API, { headers: { authorization: `Bearer ${token}` } });
 * }
 * ```
 */
@Injectable()
export class NcConnectTokens {
  private readonly logger = new Logger('NcConnect');
  private readonly refreshing = new Map<string, Promise<string>>();

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly sessions: NcConnectSessions,
    private readonly client: NcConnectClient,
  ) {}

  /**
   * A valid access token of the user logged in on `req`.
   * @throws NcConnectError `NC_CONNECT_LOGIN_REQUIRED` (401) without a session, or once it has ended
   */
  async getAccessToken(req: Request): Promise<string> {
    if (!this.config.keepTokens) {
      throw new Error('NcConnectTokens needs the keepTokens option of NcConnectModule to be true');
    }
    const res = req.res as Response;
    const session = await this.sessions.authenticated(req, res);
    const tokens = session?.tokens;
    if (!session || !tokens) throw loginRequired();
    if (tokens.expiresAt === undefined || tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS) return tokens.accessToken;

    // A refresh changes the session: load it for writing (authenticated() may have read it only).
    await this.sessions.load(req, res);
    const live = this.sessions.current(req);
    if (!live?.tokens) throw loginRequired();
    const id = this.sessions.sessionId(req);
    let pending = this.refreshing.get(id);
    if (!pending) {
      pending = this.refresh(req, res, live, live.tokens).finally(() => this.refreshing.delete(id));
      this.refreshing.set(id, pending);
    }
    return pending;
  }

  private async refresh(
    req: Request,
    res: Response,
    session: NcConnectSessionData,
    tokens: NcConnectSessionTokens,
  ): Promise<string> {
    if (!tokens.refreshToken) {
      await this.sessions.end(req, res);
      throw loginRequired();
    }
    let refreshed;
    try {
      refreshed = await this.client.refresh(tokens.refreshToken, session.sub);
    } catch (err) {
      const code = (err as NcConnectError).code;
      if (code !== Code.CODE_REJECTED && code !== Code.ID_TOKEN_INVALID) throw err;
      this.logger.warn(`${code}: the refresh was refused; the session of sub=${session.sub} ends`);
      await this.sessions.end(req, res);
      throw loginRequired();
    }
    session.tokens = {
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken ?? tokens.refreshToken,
      expiresAt: refreshed.expiresIn === undefined ? undefined : Date.now() + refreshed.expiresIn * 1000,
    };
    if (refreshed.idToken) session.idToken = refreshed.idToken;
    await this.sessions.save(req);
    return refreshed.accessToken;
  }
}
