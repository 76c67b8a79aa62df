import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext, type Type } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NcConnectContextGuard } from './context-guard.js';
import { refuse } from '../context/refuse.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
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
import { NcConnectAssurancePolicy, routeRequirement } from '../assurance/assurance-policy.js';
import type { AssuranceShortfall } from '../assurance/assurance-requirement.js';
import { assurancePageStatus } from '../assurance/assurance-page.js';
import { assuranceRefusal, type AssuranceRefused } from '../assurance/assurance-refusal.js';
import { stepUpQuery } from '../assurance/step-up-query.js';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';

/** Where the guard's metadata is read: the handler, then its class. */
type Targets = Parameters<Reflector['getAllAndOverride']>[1];

/**
 * Lets a request through when it belongs to a logged-in NC Connect session, and sets `req.user`.
 * Otherwise a browser navigating (GET, `Accept: text/html`) is redirected to the login route and
 * brought back to the page it asked for; any other client gets 401 JSON with the code
 * `NC_CONNECT_LOGIN_REQUIRED`. Honours `@Public()` (no session work at all) and `@OptionalAuth()`.
 * Works on HTTP routes (SSE included), GraphQL resolvers and WebSocket gateways; subclasses can
 * override {@link getRequest}, {@link getResponse} and {@link handleAnonymous}.
 *
 * Use it per route with `@UseGuards(NcConnectGuard)`, or everywhere with
 * `{ provide: APP_GUARD, useClass: NcConnectGuard }`; the library never installs it by itself.
 * For a named instance (`NcConnectModule.forRoot({ name: 'agents', … })`), use
 * `NcConnectGuard.for('agents')`, and mark its routes `@NcConnectInstance('agents')` so that the
 * other instances' guards step aside.
 */
@Injectable()
export class NcConnectGuard extends NcConnectContextGuard implements CanActivate {
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
          @Inject(getNcConnectToken(NcConnectAssurancePolicy, instance)) assurance: NcConnectAssurancePolicy,
          @Inject(getNcConnectToken(NcConnectAudit, instance)) audit: NcConnectAudit,
        ) {
          super(reflector, sessions, routes, adapterHost, assurance, audit);
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
    /** Needed by `@RequireAssurance()` routes only; a subclass's constructor passes it on. */
    @Optional() private readonly assurance?: NcConnectAssurancePolicy,
    /** Where the step-up and refusal audit events go; a subclass's constructor passes it on. */
    @Optional() private readonly audit?: NcConnectAudit,
  ) {
    super();
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

  /**
   * Answers a request without a session on a route that needs one (not `@OptionalAuth()`). Return
   * `true` to let it through anonymously, `false` to refuse it with Nest's 403, or throw the error
   * to answer with. By default, a browser navigating (GET or HEAD, preferring HTML) is redirected to
   * the login route and brought back to the page it asked for; a WebSocket connection is closed
   * with code 4401; anything else (API clients, SSE, GraphQL) gets `NC_CONNECT_LOGIN_REQUIRED`: a
   * 401 JSON answer, or a GraphQL error whose `extensions.code` is `UNAUTHENTICATED`.
   */
  protected handleAnonymous(
    context: ExecutionContext,
    req: HttpRequest,
    res: HttpResponse | undefined,
  ): boolean | Promise<boolean> {
    const loginPath = this.routes.loginPath;
    if (loginPath && res && context.getType() === 'http' && this.isNavigation(req)) {
      // Answered through the exception path so that Nest (or the app's own filter) writes the
      // response; the Location header is already set.
      this.http.setHeader(res, 'Location', this.loginUrl(loginPath, this.http.url(req)));
      throw new NcConnectError(Code.LOGIN_REQUIRED, 'Redirecting to NC Connect login.', { status: 302 });
    }
    return refuse(context, new NcConnectError(Code.LOGIN_REQUIRED, 'You need to log in with NC Connect.'));
  }

  private async authenticate(context: ExecutionContext, targets: Targets): Promise<boolean> {
    const req = this.getRequest(context);
    const res = this.getResponse(context);
    // Each message of a WebSocket connection reads its handshake's session again: it may have ended
    // since the last one. An HTTP request (or a GraphQL query) reads its session once.
    const session = await (context.getType() === 'ws' ? this.sessions.reread(req) : this.sessions.live(req, res));
    if (session) {
      req.user = session.record.user;
      const requirement = routeRequirement(this.reflector, context, this.assurance);
      const shortfall = requirement && this.assurance!.shortfall(requirement, session.record.assurance ?? {});
      return shortfall ? this.handleInsufficientAssurance(context, req, res, shortfall) : true;
    }
    if (this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH_KEY, targets)) return true;
    return this.handleAnonymous(context, req, res);
  }

  /**
   * Answers a logged-in user below the route's `@RequireAssurance()`. Return `true` to let them
   * through anyway, or throw the error to answer with. By default, to a browser navigating: a
   * `verified` level too low is a French page (403, `NC_CONNECT_VERIFICATION_INSUFFICIENT`, or the
   * app's `errorPage`) saying how to have one's identity verified; a login too old, or of an `acr`
   * level too low that NC Connect offers (`acr_values_supported`), is stepped up: a redirect to a new
   * login with `prompt=login`, `max_age` and `acr_values`, back to the same page; an `acr` level
   * NC Connect does not offer is a page too (403, `NC_CONNECT_ASSURANCE_INSUFFICIENT`). A browser
   * sending a form (a POST cannot be replayed after a login) gets the same pages, and a page (401,
   * `NC_CONNECT_STEP_UP_REQUIRED`) with a link to the step-up login instead of the redirect, back to
   * the page the form was on (its same-origin `Referer`, else `/`). Anything else gets 403
   * `NC_CONNECT_VERIFICATION_INSUFFICIENT` or 401 `NC_CONNECT_STEP_UP_REQUIRED` (JSON, a GraphQL
   * error, a WebSocket close code 4403 or 4401).
   */
  protected async handleInsufficientAssurance(
    context: ExecutionContext,
    req: HttpRequest,
    res: HttpResponse | undefined,
    shortfall: AssuranceShortfall,
  ): Promise<boolean> {
    const loginPath = this.routes.loginPath;
    const browser = loginPath && res && context.getType() === 'http' && this.http.wantsHtml(req) ? res : undefined;
    const refused: AssuranceRefused = browser ? (this.isNavigation(req) ? 'page' : 'form') : 'other';
    const offered =
      shortfall.acr === undefined || (browser !== undefined && (await this.assurance!.offersAcr(shortfall.acr)));
    const sub = (await this.sessions.live(req))?.record.sub;
    const returnTo = refused === 'form' ? this.formPage(req) : this.http.url(req);
    if (browser && refused === 'page' && shortfall.verified === undefined && offered) {
      this.audit?.record({ type: 'step-up', outcome: Code.STEP_UP_REQUIRED, sub: sub as string, shortfall });
      this.http.setHeader(browser, 'Location', `${this.loginUrl(loginPath, returnTo)}&${stepUpQuery(shortfall)}`);
      throw new NcConnectError(Code.STEP_UP_REQUIRED, 'Redirecting to NC Connect for a new login.', { status: 302 });
    }
    const refusal = assuranceRefusal(shortfall, refused, offered);
    this.audit?.record({ type: 'assurance.refused', outcome: refusal.error.code, sub, via: 'session', shortfall });
    if (browser && refusal.page) {
      const again = refusal.page.code === Code.STEP_UP_REQUIRED ? stepUpQuery(shortfall) : 'prompt=login';
      const loginUrl = `${this.loginUrl(loginPath, returnTo)}&${again}`;
      // Written here, since Nest's filter only writes JSON; it then sees the answer sent and ends it.
      const html = this.assurance!.refusalPage(refusal.page, refusal.error.message, loginUrl);
      this.http.setHeader(browser, 'Cache-Control', 'no-store');
      this.http.html(browser, assurancePageStatus(refusal.page), html);
    }
    return refuse(context, refusal.error);
  }

  /**
   * The login route, bringing the browser back to `returnTo`. Encoded strictly (RFC 3986: also
   * `!'()*`, which encodeURIComponent keeps): the app's `errorPage` gets it as `loginUrl`, and a
   * quote from the request's path must not end the attribute it is written in.
   */
  private loginUrl(loginPath: string | undefined, returnTo: string): string {
    const encoded = encodeURIComponent(returnTo).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
    return `${loginPath}?returnTo=${encoded}`;
  }

  /** The page a form was sent from: its `Referer` when on this host, else the home page. */
  private formPage(req: HttpRequest): string {
    const referer = URL.parse(this.http.header(req, 'referer') ?? '');
    const host = this.http.header(req, 'host');
    return referer && host && referer.host === host ? `${referer.pathname}${referer.search}` : '/';
  }

  /** A browser navigating to a page: GET or HEAD, preferring HTML to JSON. */
  private isNavigation(req: HttpRequest): boolean {
    const method = this.http.method(req);
    return (method === 'GET' || method === 'HEAD') && this.http.wantsHtml(req);
  }
}
