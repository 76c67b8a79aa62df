import { Inject, Injectable, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectHttp, type HttpRequest } from '../http/nc-connect-http.js';
import {
  DEFAULT_INSTANCE,
  getNcConnectToken,
  IS_OPTIONAL_AUTH_KEY,
  IS_PUBLIC_KEY,
  NC_CONNECT_INSTANCE_KEY,
  NC_CONNECT_ROUTES,
} from '../nc-connect.constants.js';
import { NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { NcConnectRoutes } from '../nc-connect.routes.js';
import { instanceMixin } from '../instance-mixin.js';

/** Where the guard's metadata is read: the handler, then its class. */
type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * Lets a request through when it belongs to a logged-in NC Connect session, and sets `req.user`.
 * Otherwise a browser navigating (GET, `Accept: text/html`) is redirected to the login route and
 * brought back to the page it asked for; any other client gets 401 JSON with the code
 * `NC_CONNECT_LOGIN_REQUIRED`. Honours `@Public()` (no session work at all) and `@OptionalAuth()`.
 *
 * Use it per route with `@UseGuards(NcConnectGuard)`, or everywhere with
 * `{ provide: APP_GUARD, useClass: NcConnectGuard }`; the library never installs it by itself.
 * For a named instance (`NcConnectModule.forRoot({ name: 'agents', … })`), use
 * `NcConnectGuard.for('agents')`, and mark its routes `@NcConnectInstance('agents')` so that the
 * other instances' guards step aside.
 */
@Injectable()
export class NcConnectGuard implements CanActivate {
  private readonly http: NcConnectHttp;

  /**
   * The guard of a named instance: the same behaviour, with that instance's sessions and login route.
   * @example @UseGuards(NcConnectGuard.for('agents'))
   */
  static for(instance: string): Type<NcConnectGuard> {
    if (instance === DEFAULT_INSTANCE) return NcConnectGuard;
    return instanceMixin('NcConnectGuard', instance, () => {
      class NamedNcConnectGuard extends NcConnectGuard {
        constructor(
          reflector: Reflector,
          @Inject(getNcConnectToken(NcConnectSessions, instance)) sessions: NcConnectSessions,
          @Inject(getNcConnectToken(NC_CONNECT_ROUTES, instance)) routes: NcConnectRoutes,
          adapterHost: HttpAdapterHost,
        ) {
          super(reflector, sessions, routes, adapterHost);
        }
      }
      return NamedNcConnectGuard;
    });
  }

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: NcConnectSessions,
    @Inject(NC_CONNECT_ROUTES) private readonly routes: NcConnectRoutes,
    adapterHost: HttpAdapterHost,
  ) {
    this.http = new NcConnectHttp(adapterHost);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    // Synchronous when no session is needed, so that public routes pay no await.
    const targets: Targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets)) return true;
    // A route given to another instance is that instance's guard's business.
    const owner = this.reflector.getAllAndOverride<string | undefined>(NC_CONNECT_INSTANCE_KEY, targets);
    if (owner !== undefined && owner !== this.routes.instance) return true;
    return this.authenticate(context, targets);
  }

  private async authenticate(context: ExecutionContext, targets: Targets): Promise<boolean> {
    const req = context.switchToHttp().getRequest<HttpRequest>();
    const res = context.switchToHttp().getResponse<object>();
    const session = await this.sessions.live(req, res);
    if (session) {
      req.user = session.record.user;
      return true;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH_KEY, targets)) return true;
    const loginPath = this.routes.loginPath;
    const method = this.http.method(req);
    if (loginPath && (method === 'GET' || method === 'HEAD') && this.http.wantsHtml(req)) {
      // Answered through the exception path so that Nest (or the app's own filter) writes the
      // response; the Location header is already set.
      this.http.setHeader(res, 'Location', `${loginPath}?returnTo=${encodeURIComponent(this.http.url(req))}`);
      throw new NcConnectError(Code.LOGIN_REQUIRED, 'Redirecting to NC Connect login.', { status: 302 });
    }
    throw new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.');
  }
}
