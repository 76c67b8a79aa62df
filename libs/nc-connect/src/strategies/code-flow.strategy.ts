import { Logger } from '@nestjs/common';
import { Strategy } from 'passport';
import { loginFailureEvent, outcomeOf } from '../audit/login-events.js';
import type { NcConnectAudit } from '../audit/nc-connect-audit.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import type { HttpRequest, HttpResponse, NcConnectHttp } from '../http/nc-connect-http.js';
import type { ResponseOfRequest } from '../http/response-of-request.js';
import type { NcConnectSessions } from '../session/nc-connect-sessions.js';
import type { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { SpanName } from '../telemetry/telemetry-names.js';
import type { LoginProgress, NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';
import type { NcConnectAssurance } from '../assurance/nc-connect-assurance.js';
import type { NcConnectAuthenticateOptions, NcConnectAuthInfo } from './nc-connect-authenticate-options.js';

/** What the strategy works with: the protocol, the sessions, and the HTTP side. */
export interface CodeFlowParts {
  flow: NcConnectLoginFlow;
  sessions: NcConnectSessions;
  responses: ResponseOfRequest;
  http: NcConnectHttp;
  /** `keepTokens`: the session keeps the access and refresh tokens. */
  keepTokens: boolean;
  /** Audit events of logins. */
  audit: NcConnectAudit;
  /** Spans and login counts. */
  telemetry: NcConnectTelemetry;
}

type Verify = (user: NcConnectUser, done: (err: unknown, user?: unknown) => void) => void;

/** One query parameter: its value, all its values when repeated (refused later), or `undefined`. */
function queryParam(query: URLSearchParams, name: string): string | string[] | undefined {
  const values = query.getAll(name);
  return values.length > 1 ? values : values[0];
}

/**
 * A passport strategy for the OpenID Connect authorization code flow, with openid-client doing the
 * protocol through {@link NcConnectLoginFlow}. Like openid-client's own passport strategy, it tells
 * from the request which half it is asked for, so it works on any route `AuthGuard` guards:
 *
 * - a request without `code`, `error` or `iss` starts a login: the strategy answers the redirect to
 *   NC Connect itself, and the route's handler never runs;
 * - NC Connect's answer finishes it: code exchange, ID token, userinfo, `verify` (a falsy result
 *   refuses the login, `NC_CONNECT_USER_REFUSED`), then the library's own session and its cookie;
 *   the user goes to `req.user`, an {@link NcConnectAuthInfo} to `req.authInfo`.
 *
 * Passport hands a strategy only the request; the response comes from {@link ResponseOfRequest},
 * and everything is written through Nest's HTTP adapter, on Express and Fastify alike.
 */
export class CodeFlowStrategy extends Strategy {
  private readonly logger = new Logger('NcConnect');

  constructor(
    private readonly parts: CodeFlowParts,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(req: HttpRequest, options: NcConnectAuthenticateOptions = {}): void {
    const { flow, http, responses } = this.parts;
    let res: HttpResponse;
    try {
      res = responses.of(req);
    } catch (err) {
      return this.error(err as Error);
    }
    // The answers carry one-time cookies and URLs with state and code: never cached, never leaked.
    http.setHeader(res, 'Cache-Control', 'no-store');
    http.setHeader(res, 'Referrer-Policy', 'no-referrer');
    if (flow.isCallback(req)) {
      this.parts.telemetry
        .inSpan(SpanName.CALLBACK, () => this.finish(req, res))
        .then(
          ({ user, info }) => this.success(user as Express.User, info),
          (err: unknown) => this.error(err as Error),
        );
      return;
    }
    // As with passport's own `redirect()`, the redirect ends the authentication: neither success nor
    // failure follows, so the guarded handler never runs. Passport's `redirect()` itself writes to a
    // Node response, which would skip Fastify's reply and the cookies set on it.
    this.parts.telemetry
      .inSpan(SpanName.LOGIN, () => this.start(req, res, options))
      .then((url) => http.redirect(res, url.href))
      .catch((err: unknown) => {
        this.parts.audit.record(loginFailureEvent('start', err));
        this.parts.telemetry.loginCounted('start', outcomeOf(err));
        this.error(err as Error);
      });
  }

  /** Records a login transaction (its cookie on `res`) and returns NC Connect's authorization URL. */
  private start(req: HttpRequest, res: HttpResponse, options: NcConnectAuthenticateOptions): Promise<URL> {
    const query = this.parts.http.query(req);
    return this.parts.flow.start(res, {
      returnTo: options.returnTo ?? queryParam(query, 'returnTo'),
      prompt: options.prompt ?? queryParam(query, 'prompt'),
      maxAge: options.maxAge ?? queryParam(query, 'max_age'),
      acrValues: options.acrValues ?? queryParam(query, 'acr_values'),
    });
  }

  /** Completes the login and reports its outcome (audit event, login count). */
  private async finish(req: HttpRequest, res: HttpResponse): Promise<{ user: unknown; info: NcConnectAuthInfo }> {
    const progress: LoginProgress = {};
    try {
      const done = await this.complete(req, res, progress);
      const { sub } = done.info.ncConnectUser;
      const { verified, acr } = done.assurance;
      this.parts.audit.record({
        type: 'login.succeeded',
        outcome: 'ok',
        sub,
        stepUp: progress.stepUp === true,
        assurance: { ...(verified !== undefined ? { verified } : {}), ...(acr !== undefined ? { acr } : {}) },
        user: done.info.ncConnectUser,
      });
      this.parts.telemetry.loginCounted('callback', 'ok');
      return done;
    } catch (err) {
      this.parts.audit.record(loginFailureEvent('callback', err, progress.sub));
      this.parts.telemetry.loginCounted('callback', outcomeOf(err));
      throw err;
    }
  }

  /** Completes the login, lets `verify` accept the user, and starts the user's session. */
  private async complete(
    req: HttpRequest,
    res: HttpResponse,
    progress: LoginProgress,
  ): Promise<{ user: unknown; info: NcConnectAuthInfo; assurance: NcConnectAssurance }> {
    const login = await this.parts.flow.finish(req, res, progress);
    const user = await new Promise<unknown>((resolve, reject) =>
      this.verify(login.user, (err, result) => (err ? reject(err as Error) : resolve(result))),
    );
    if (!user) throw new NcConnectError(Code.USER_REFUSED, 'This NC Connect account may not use this service.');
    const { sub, claims } = login.user;
    await this.parts.sessions.establish(req, res, {
      user,
      idToken: login.idToken,
      sub,
      sid: typeof claims.sid === 'string' ? claims.sid : undefined,
      assurance: login.assurance,
      ...(this.parts.keepTokens ? { tokens: login.tokens } : {}),
    });
    this.logger.log(`NC_CONNECT_LOGIN_SUCCEEDED sub=${sub}`);
    return { user, info: { returnTo: login.returnTo, ncConnectUser: login.user }, assurance: login.assurance };
  }
}
