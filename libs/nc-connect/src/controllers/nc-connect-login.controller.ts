import { Get, Inject, Logger, Req, Res, UseFilters, type OnApplicationBootstrap } from '@nestjs/common';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { Public } from '../decorators/public.decorator.js';
import { NcConnectExceptionFilter } from '../errors/nc-connect-exception.filter.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { NC_CONNECT_CONFIG, NC_CONNECT_ROUTES } from '../nc-connect.constants.js';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
import type { NcConnectAuthInfo } from '../strategies/nc-connect-authenticate-options.js';

/**
 * The library's login routes, `login` and `callback`. The module mounts a subclass guarded by
 * `AuthGuard(<the instance's strategy name>)` from `@nestjs/passport`, made by Nest's injector, so
 * that they run the NC Connect strategy exactly as an app's own routes would (and with the app's
 * `PassportModule` options where the module sees them). `@Public()`: a global `NcConnectGuard`
 * leaves them alone. Failures get the library's error pages.
 */
@Public()
@UseFilters(NcConnectExceptionFilter)
export class NcConnectLoginController implements OnApplicationBootstrap {
  private readonly logger = new Logger('NcConnect');

  constructor(
    private readonly http: NcConnectHttp,
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    @Inject(NC_CONNECT_ROUTES) private readonly routes: NcConnectRoutes,
  ) {}

  /** Warns at start-up when `redirectUri` does not lead to the callback route, as Nest mounted it. */
  onApplicationBootstrap(): void {
    const callback = `${this.routes.mountedPrefix}/callback`;
    const registered = new URL(this.config.redirectUri).pathname;
    if (registered !== callback) {
      this.logger.warn(
        `redirectUri (${this.config.redirectUri}) does not lead to the callback route, which Nest mounted at ${callback}: logins will end on a 404. Set redirectUri to <origin>${callback} and register that URL at NC Connect (or, with login routes of your own, set routePrefix: false).`,
      );
    }
  }

  /**
   * `GET login[?returnTo=/path][&prompt=login]`: the strategy answers 302 to NC Connect, and this
   * handler does not run. `GET callback`: the strategy finishes the login and starts the session;
   * then 302 to `returnTo`. Either path serves either half: the strategy tells them apart.
   */
  @Get(['login', 'callback'])
  loggedIn(@Req() req: HttpRequest, @Res() res: HttpResponse): void {
    this.http.redirect(res, (req.authInfo as NcConnectAuthInfo).returnTo);
  }
}
