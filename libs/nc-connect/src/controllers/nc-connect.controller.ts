import { Get, HttpCode, Inject, Logger, Post, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { Public } from '../decorators/public.decorator.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectExceptionFilter } from '../errors/nc-connect-exception.filter.js';
import { renderLogoutConfirmationPage } from '../http/logout-confirmation-page.js';
import { wantsHtml } from '../http/wants-html.js';
import { CodeFlowAction, CodeFlowGuard } from '../guards/code-flow.guard.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { CodeFlowInfo } from '../strategies/code-flow.strategy.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';

/** True when the browser says the request was made from another site (Fetch Metadata). */
function isCrossSite(req: Request): boolean {
  const site = req.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

function crossSite(): NcConnectError {
  return new NcConnectError(Code.CROSS_SITE_REQUEST, 'Logging out must be asked from this site.');
}

/**
 * The library's routes: `login`, `callback`, `me`, `logout` (GET and POST). Mounted under the
 * `routePrefix` extra (default `auth`) by the module, which subclasses it with `@Controller()`.
 * `@Public()` so that a global `NcConnectGuard` leaves them alone; each route handles sessions itself.
 */
@Public()
@UseFilters(NcConnectExceptionFilter)
export class NcConnectController {
  private readonly logger = new Logger('NcConnect');

  constructor(
    private readonly sessions: NcConnectSessions,
    private readonly client: NcConnectClient,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
  ) {}

  /** `GET login[?returnTo=/path][&prompt=login]`: 302 to NC Connect (the strategy answers). */
  @Get('login')
  @UseGuards(CodeFlowGuard)
  @CodeFlowAction('login')
  login(): void {
    // Never reached: the strategy redirects to NC Connect or fails.
  }

  /** `GET callback`: completes the login, starts a fresh session, 302 to `returnTo`. */
  @Get('callback')
  @UseGuards(CodeFlowGuard)
  @CodeFlowAction('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const info = req.authInfo as CodeFlowInfo;
    const { user } = info;
    await this.sessions.establish(req, res, {
      user: req.user,
      idToken: info.idToken,
      sub: user.sub,
      sid: typeof user.claims.sid === 'string' ? user.claims.sid : undefined,
      authenticatedAt: Date.now(),
      lastActiveAt: Date.now(),
      ...(this.config.keepTokens ? { tokens: info.tokens } : {}),
    });
    this.logger.log(`NC_CONNECT_LOGIN_SUCCEEDED sub=${user.sub}`);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, info.returnTo);
  }

  /** `GET me`: the logged-in user as JSON, or 401. */
  @Get('me')
  async me(@Req() req: Request, @Res() res: Response): Promise<void> {
    const session = await this.sessions.authenticated(req, res);
    if (!session) throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
    res.setHeader('Cache-Control', 'no-store');
    res.json(session.user);
  }

  /**
   * `GET logout`: ends the local session, then 302 to NC Connect's end-session endpoint. Asked from
   * another site (`Sec-Fetch-Site`), it only shows a confirmation form instead.
   */
  @Get('logout')
  logoutWithGet(@Req() req: Request, @Res() res: Response): Promise<void> | void {
    if (!isCrossSite(req)) return this.logout(req, res);
    if (!wantsHtml(req)) throw crossSite();
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(200)
      .type('html')
      .send(renderLogoutConfirmationPage(req.baseUrl + req.path));
  }

  /** `POST logout`: same as GET, for forms; refused from another site. */
  @Post('logout')
  @HttpCode(302)
  logoutWithPost(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (isCrossSite(req)) throw crossSite();
    return this.logout(req, res);
  }

  /**
   * `POST backchannel-logout`: NC Connect says a user logged out (OpenID Connect Back-Channel
   * Logout 1.0). Ends every local session of that NC Connect session (`sid`) or user (`sub`).
   * Register `<your origin>/<prefix>/backchannel-logout` as the client's back-channel logout URI.
   */
  @Post('backchannel-logout')
  async backchannelLogout(@Req() req: Request, @Res() res: Response): Promise<void> {
    const keys = await this.client.verifyLogoutToken((req.body as Record<string, unknown> | undefined)?.logout_token);
    const ended = await this.sessions.endSessionsOf(keys);
    this.logger.log(
      `NC_CONNECT_BACKCHANNEL_LOGOUT ${keys.sid ? `sid=${keys.sid}` : `sub=${keys.sub}`} sessions=${ended}`,
    );
    res.setHeader('Cache-Control', 'no-store');
    res.status(200).end();
  }

  private async logout(req: Request, res: Response): Promise<void> {
    await this.sessions.load(req, res);
    const idToken = this.sessions.current(req)?.idToken;
    await this.sessions.end(req, res);
    const endSession = await this.client.endSessionUrl(idToken, randomBytes(32).toString('base64url'));
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(302, endSession?.href ?? this.config.postLogoutRedirectUri ?? '/');
  }
}
