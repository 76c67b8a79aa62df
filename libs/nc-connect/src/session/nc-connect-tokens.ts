import { Inject, Injectable, Logger } from '@nestjs/common';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { SpanName } from '../telemetry/telemetry-names.js';
import type { HttpRequest, HttpResponse } from '../http/nc-connect-http.js';
import type { NcConnectSessionTokens } from './nc-connect-session.js';
import { NcConnectSessions } from './nc-connect-sessions.js';

/** An access token expiring sooner than this is refreshed first. */
const REFRESH_MARGIN_MS = 60_000;

/** Whether the access token is good for more than the refresh margin (or says nothing of its expiry). */
function isFresh(tokens: NcConnectSessionTokens): boolean {
  return tokens.expiresAt === undefined || tokens.expiresAt - Date.now() > REFRESH_MARGIN_MS;
}

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
    private readonly telemetry: NcConnectTelemetry,
  ) {}

  /**
   * A valid access token of the user logged in on `req`. Give the response too (`@Res({ passthrough:
   * true })`) so that an ended session's cookie is cleared; behind `NcConnectGuard` it is known already.
   * @throws NcConnectError `NC_CONNECT_LOGIN_REQUIRED` (401) without a session, or once it has ended
   */
  async getAccessToken(req: HttpRequest, res?: HttpResponse): Promise<string> {
    if (!this.config.keepTokens) {
      throw new Error('NcConnectTokens needs the keepTokens option of NcConnectModule to be true');
    }
    const session = await this.sessions.live(req, res);
    const tokens = session?.record.tokens;
    if (!session || !tokens) throw loginRequired();
    if (isFresh(tokens)) return tokens.accessToken;
    let pending = this.refreshing.get(session.id);
    if (!pending) {
      pending = this.telemetry
        .inSpan(SpanName.REFRESH, () => this.refresh(req, res, session.id))
        .finally(() => this.refreshing.delete(session.id));
      this.refreshing.set(session.id, pending);
    }
    return pending;
  }

  private async refresh(req: HttpRequest, res: HttpResponse | undefined, id: string): Promise<string> {
    // Another request, or another instance, may have refreshed since this request read its session:
    // a refresh token is used once, from the store's latest record.
    const record = await this.sessions.read(id);
    if (!record?.tokens) throw loginRequired();
    if (isFresh(record.tokens)) return this.adopt(req, id, record.tokens);
    const used = record.tokens.refreshToken;
    if (!used) return this.endSession(req, res, record.sub);
    let refreshed;
    try {
      refreshed = await this.client.refresh(used, record.sub);
    } catch (err) {
      const code = (err as NcConnectError).code;
      if (code !== Code.CODE_REJECTED && code !== Code.ID_TOKEN_INVALID) throw err;
      // Refused because someone else refreshed with it meanwhile? Then their tokens are the session's.
      const latest = await this.sessions.read(id);
      if (latest?.tokens && latest.tokens.refreshToken !== used && isFresh(latest.tokens)) {
        return this.adopt(req, id, latest.tokens);
      }
      this.logger.warn(`${code}: the refresh was refused; the session of sub=${record.sub} ends`);
      return this.endSession(req, res, record.sub);
    }
    const tokens: NcConnectSessionTokens = {
      accessToken: refreshed.accessToken,
      refreshToken: refreshed.refreshToken ?? used,
      expiresAt: refreshed.expiresIn === undefined ? undefined : Date.now() + refreshed.expiresIn * 1000,
    };
    // Written only if the session still exists: a logout during the refresh stays a logout.
    if (!(await this.sessions.updateTokens(req, id, tokens, refreshed.idToken))) throw loginRequired();
    return refreshed.accessToken;
  }

  /** Uses tokens someone else refreshed: remembered for the rest of this request. */
  private async adopt(req: HttpRequest, id: string, tokens: NcConnectSessionTokens): Promise<string> {
    if (!(await this.sessions.updateTokens(req, id, tokens))) throw loginRequired();
    return tokens.accessToken;
  }

  private async endSession(req: HttpRequest, res: HttpResponse | undefined, sub: string): Promise<never> {
    await this.sessions.end(req, res);
    this.logger.debug(`the session of sub=${sub} ended: no usable refresh token`);
    throw loginRequired();
  }
}
