import { Inject, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import type { HttpRequest, HttpResponse } from '../http/nc-connect-http.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { NcConnectSessions } from './nc-connect-sessions.js';

/**
 * Logs a user out the way the library's `/auth/logout` does, for a logout route of your own (with
 * `routePrefix: false`, say): ends the library's session and clears its cookie, then gives the URL
 * to send the browser to, so that NC Connect ends its session too (RP-initiated logout, with the ID
 * token the session kept as `id_token_hint`). The local session is over whatever NC Connect says.
 *
 * @example
 * ```ts
 * @Get('deconnexion')
 * @Redirect()
 * async deconnexion(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
 *   return { url: await this.logout.logOut(req, res) };
 * }
 * ```
 */
@Injectable()
export class NcConnectLogout {
  constructor(
    private readonly sessions: NcConnectSessions,
    private readonly client: NcConnectClient,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly audit: NcConnectAudit,
  ) {}

  /**
   * Ends the session of `req` (if any) and returns NC Connect's end-session URL, or, when NC Connect
   * has none or cannot be reached, `postLogoutRedirectUri` (`/` without one).
   * @throws NcConnectError `NC_CONNECT_SESSION_UNAVAILABLE` (503) when the session store fails
   */
  async logOut(req: HttpRequest, res: HttpResponse): Promise<string> {
    const session = (await this.sessions.live(req, res))?.record;
    await this.sessions.end(req, res);
    if (session) this.audit.record({ type: 'logout', outcome: 'ok', sub: session.sub });
    const idToken = session?.idToken;
    const endSession = await this.client.endSessionUrl(idToken, randomBytes(32).toString('base64url'));
    return endSession?.href ?? this.config.postLogoutRedirectUri ?? '/';
  }
}
