import { Get, HttpCode, Inject, Logger, Post, Req, Res, UseFilters } from '@nestjs/common';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { Public } from '../decorators/public.decorator.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectExceptionFilter } from '../errors/nc-connect-exception.filter.js';
import { renderLogoutConfirmationPage } from '../http/logout-confirmation-page.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import { NcConnectLogout } from '../session/nc-connect-logout.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_LOGOUT_TOKEN_REPLAY } from '../nc-connect.constants.js';
import type { LogoutTokenReplay } from '../backchannel/logout-token-replay.js';
import { storeCall } from '../session/store-call.js';
import { outcomeOf } from '../audit/login-events.js';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';
import { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { Attr, SpanName } from '../telemetry/telemetry-names.js';

const UNAVAILABLE = 'Logouts are unavailable right now; please try again in a moment.';

function crossSite(): NcConnectError {
  return new NcConnectError(Code.CROSS_SITE_REQUEST, 'Logging out must be asked from this site.');
}

/**
 * The library's session routes: `me`, `jwks`, `logout` (GET and POST) and `backchannel-logout`.
 * Mounted under the `routePrefix` extra (default `auth`) by the module, which subclasses it with
 * `@Controller()`, beside the login routes (`NcConnectLoginController`). `@Public()` so that a
 * global `NcConnectGuard` leaves them alone; each route handles sessions itself.
 */
@Public()
@UseFilters(NcConnectExceptionFilter)
export class NcConnectController {
  private readonly logger = new Logger('NcConnect');

  constructor(
    private readonly sessions: NcConnectSessions,
    private readonly client: NcConnectClient,
    private readonly logouts: NcConnectLogout,
    private readonly http: NcConnectHttp,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_LOGOUT_TOKEN_REPLAY) private readonly usedLogoutTokens: LogoutTokenReplay,
    private readonly audit: NcConnectAudit,
    private readonly telemetry: NcConnectTelemetry,
  ) {}

  /** `GET me`: the logged-in user as JSON, or 401. */
  @Get('me')
  async me(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    const session = await this.sessions.get(req, res);
    if (!session) throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
    this.http.setHeader(res, 'Cache-Control', 'no-store');
    this.http.json(res, 200, session.user);
  }

  /**
   * `GET jwks`: the app's public keys (`clientKey`), the URL to register at NC Connect as the client's
   * `jwks_uri` for `private_key_jwt`. Never a private member; an empty set without `clientKey`.
   */
  @Get('jwks')
  jwks(@Res() res: HttpResponse): void {
    this.http.setHeader(res, 'Cache-Control', 'public, max-age=300');
    this.http.json(res, 200, { keys: this.config.clientKeys.map((key) => key.publicJwk) });
  }

  /**
   * `GET logout`: ends the local session, then 302 to NC Connect's end-session endpoint. Asked from
   * another site (`Sec-Fetch-Site`), it only shows a confirmation form instead.
   */
  @Get('logout')
  logoutWithGet(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> | void {
    if (!this.isCrossSite(req)) return this.logout(req, res);
    if (!this.http.wantsHtml(req)) throw crossSite();
    this.http.setHeader(res, 'Cache-Control', 'no-store');
    this.http.html(res, 200, renderLogoutConfirmationPage(this.http.path(req)));
  }

  /** `POST logout`: same as GET, for forms; refused from another site. */
  @Post('logout')
  @HttpCode(302)
  logoutWithPost(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    if (this.isCrossSite(req)) throw crossSite();
    return this.logout(req, res);
  }

  /**
   * `POST backchannel-logout`: NC Connect says a user logged out (OpenID Connect Back-Channel
   * Logout 1.0). Ends every local session of that NC Connect session (`sid`) or user (`sub`).
   * Register `<your origin>/<prefix>/backchannel-logout` as the client's back-channel logout URI.
   */
  @Post('backchannel-logout')
  async backchannelLogout(@Req() req: HttpRequest, @Res() res: HttpResponse): Promise<void> {
    const ended = await this.telemetry
      .inSpan(SpanName.BACKCHANNEL_LOGOUT, async (span) => {
        const { sub, sessions } = await this.endBackchannelSessions(req);
        span.setAttribute(Attr.SESSIONS_ENDED, sessions);
        return { sub, sessions };
      })
      .catch((err: unknown) => {
        this.audit.record({ type: 'backchannel-logout', outcome: outcomeOf(err), sessions: 0 });
        throw err;
      });
    this.audit.record({ type: 'backchannel-logout', outcome: 'ok', ...ended });
    this.http.setHeader(res, 'Cache-Control', 'no-store');
    this.http.empty(res, 200);
  }

  /** Verifies the logout token and ends its sessions; returns its `sub` (if any) and how many ended. */
  private async endBackchannelSessions(req: HttpRequest): Promise<{ sub?: string; sessions: number }> {
    const body = req.body as Record<string, unknown> | undefined;
    const { keys, jti } = await this.client.verifyLogoutToken(body?.logout_token);
    // Acceptable for 10 minutes after its iat (plus clock tolerance, both ways): remembered as long.
    if (
      !(await storeCall(() => this.usedLogoutTokens.firstUse(jti, 600 + 2 * this.config.clockTolerance), UNAVAILABLE))
    ) {
      throw new NcConnectError(Code.LOGOUT_TOKEN_INVALID, 'The logout token is invalid.', {
        cause: new Error('"jti" was already used (a replayed logout token)'),
      });
    }
    const ended = await this.sessions.endSessionsOf(keys);
    this.logger.log(
      `NC_CONNECT_BACKCHANNEL_LOGOUT ${keys.sid ? `sid=${keys.sid}` : `sub=${keys.sub}`} sessions=${ended}`,
    );
    return { ...(keys.sub !== undefined ? { sub: keys.sub } : {}), sessions: ended };
  }

  /** True when the browser says the request was made from another site (Fetch Metadata). */
  private isCrossSite(req: HttpRequest): boolean {
    const site = this.http.header(req, 'sec-fetch-site');
    return site === 'cross-site' || site === 'same-site';
  }

  private async logout(req: HttpRequest, res: HttpResponse): Promise<void> {
    this.http.redirect(res, await this.logouts.logOut(req, res));
  }
}
