import { Injectable, Logger, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { NcConnectBearerVerifier } from '../bearer/nc-connect-bearer-verifier.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { IS_BEARER_AUTH_KEY, IS_OPTIONAL_AUTH_KEY, IS_PUBLIC_KEY } from '../nc-connect.constants.js';
import { NcConnectContextGuard } from './context-guard.js';
import { refuse } from '../context/refuse.js';
import { NcConnectHttp, type HttpRequest, type HttpResponse } from '../http/nc-connect-http.js';
import { handshakeQueryToken } from '../websocket/websocket-handshake.js';
import { describeFailure } from '../provider/describe-failure.js';
import { NcConnectAssurancePolicy, routeRequirement } from '../assurance/assurance-policy.js';
import type { AssuranceShortfall } from '../assurance/assurance-requirement.js';
import { stepUpChallenge } from '../assurance/step-up-challenge.js';
import { NcConnectAudit } from '../audit/nc-connect-audit.js';

/** `Bearer <token68>` (RFC 6750 section 2.1), the scheme in any case. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;
const REALM = 'nc-connect';
/** The `sub` of a request's token while its assurance is refused, for the audit event. */
const tokenSubs = new WeakMap<object, string>();

/** RFC 6750 section 3: the challenge, with `error` only when a token was presented. */
function challenge(error?: NcConnectError): string {
  if (!error) return `Bearer realm="${REALM}"`;
  // error_description allows printable ASCII except `"` and `\`.
  const description = error.message.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, ' ');
  return `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`;
}

/**
 * Lets a request through when it carries a valid NC Connect access token in
 * `Authorization: Bearer <token>`, and sets `req.user` (what `@CurrentUser()` injects) to its user.
 * JWT access tokens (V3) are verified against the provider's JWKS, opaque ones (V2) with userinfo
 * (see {@link NcConnectBearerVerifier}). Refusals are 401 JSON with an RFC 6750
 * `WWW-Authenticate: Bearer realm="nc-connect"` challenge: `NC_CONNECT_LOGIN_REQUIRED` without a
 * token, `NC_CONNECT_BEARER_TOKEN_INVALID` (and `error="invalid_token"`) for a refused one.
 *
 * Use it per route with `@BearerAuth()` (which also makes a global `NcConnectGuard` step aside) or
 * `@UseGuards(NcConnectBearerGuard)`, or everywhere with `{ provide: APP_GUARD, useClass:
 * NcConnectBearerGuard }`, where `@Public()` opens a route and `@OptionalAuth()` lets requests
 * without a token through anonymously (a bad token is still refused). Works on HTTP routes (SSE
 * included), GraphQL resolvers and WebSocket gateways, where the token is checked at each message;
 * subclasses can override {@link getRequest}, {@link getResponse} and {@link handleAnonymous}.
 */
@Injectable()
export class NcConnectBearerGuard extends NcConnectContextGuard implements CanActivate {
  private readonly logger = new Logger('NcConnect');
  private readonly http: NcConnectHttp;

  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: NcConnectBearerVerifier,
    adapterHost: HttpAdapterHost,
    /** Needed by `@RequireAssurance()` routes only; a subclass's constructor passes it on. */
    @Optional() private readonly assurance?: NcConnectAssurancePolicy,
    /** Where the refusal audit events go; a subclass's constructor passes it on. */
    @Optional() private readonly audit?: NcConnectAudit,
  ) {
    super();
    this.http = new NcConnectHttp(adapterHost);
  }

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.isPublic(targets)) return true;
    const req = this.getRequest(context);
    const res = this.getResponse(context);
    const header = this.authorization(context, req);
    // Another scheme (e.g. Basic) carries no bearer token: answered like no header at all.
    if (header === undefined || !/^bearer(\s|$)/i.test(header)) {
      if (this.reflector.getAllAndOverride<boolean>(IS_OPTIONAL_AUTH_KEY, targets)) return true;
      return this.handleAnonymous(context, req, res);
    }
    return this.verify(context, req, res, header);
  }

  /**
   * Answers a request without a bearer token on a route that needs one (not `@OptionalAuth()`); a
   * refused token is not anonymous and stays a 401. Return `true` to let it through anonymously,
   * `false` to refuse it with Nest's 403, or throw the error to answer with. By default: 401 JSON
   * `NC_CONNECT_LOGIN_REQUIRED` with a `WWW-Authenticate: Bearer realm="nc-connect"` challenge; a
   * GraphQL error whose `extensions.code` is `UNAUTHENTICATED`; a WebSocket connection closed with
   * code 4401.
   */
  protected handleAnonymous(
    context: ExecutionContext,
    req: HttpRequest,
    res: HttpResponse | undefined,
  ): boolean | Promise<boolean> {
    if (res && context.getType() === 'http') this.http.setHeader(res, 'WWW-Authenticate', challenge());
    const error = new NcConnectError(
      Code.LOGIN_REQUIRED,
      'This API needs an NC Connect access token (Authorization: Bearer <token>).',
    );
    return refuse(context, error);
  }

  /**
   * Answers a valid token whose user is below the route's `@RequireAssurance()`. Return `true` to
   * let the request through anyway, or throw the error to answer with. By default: a `verified`
   * level too low is 403 `NC_CONNECT_VERIFICATION_INSUFFICIENT` (a new login cannot raise it); a
   * login too old or of too low an `acr` is 401 `NC_CONNECT_STEP_UP_REQUIRED` with the RFC 9470
   * challenge `WWW-Authenticate: Bearer error="insufficient_user_authentication"`, plus the
   * `acr_values` and `max_age` a new login must ask for.
   */
  protected handleInsufficientAssurance(
    context: ExecutionContext,
    req: HttpRequest,
    res: HttpResponse | undefined,
    shortfall: AssuranceShortfall,
  ): boolean | Promise<boolean> {
    const refused = (error: NcConnectError) =>
      this.audit?.record({
        type: 'assurance.refused',
        outcome: error.code,
        sub: tokenSubs.get(req),
        via: 'bearer',
        shortfall,
      });
    if (shortfall.verified !== undefined) {
      const message = `This API needs an identity verified at NC Connect's level ${shortfall.verified} (verified claim) or more.`;
      const error = new NcConnectError(Code.VERIFICATION_INSUFFICIENT, message);
      refused(error);
      return refuse(context, error);
    }
    const error = new NcConnectError(
      Code.STEP_UP_REQUIRED,
      'This API needs a more recent or stronger NC Connect login; log in again and retry with the new token.',
    );
    refused(error);
    if (res && context.getType() === 'http')
      this.http.setHeader(res, 'WWW-Authenticate', stepUpChallenge(error, shortfall));
    return refuse(context, error);
  }

  /**
   * The `Authorization` header. On a WebSocket handshake without one, `?access_token=` stands for it
   * (RFC 6750 section 2.3): browsers cannot set headers on a WebSocket.
   */
  private authorization(context: ExecutionContext, req: HttpRequest): string | undefined {
    const header = this.http.header(req, 'authorization');
    if (header !== undefined || context.getType() !== 'ws') return header;
    const token = handshakeQueryToken(req);
    return token === undefined ? undefined : `Bearer ${token}`;
  }

  private async verify(
    context: ExecutionContext,
    req: HttpRequest,
    res: HttpResponse | undefined,
    header: string,
  ): Promise<boolean> {
    try {
      const token = BEARER.exec(header)?.[1];
      if (!token) {
        throw new NcConnectError(Code.BEARER_TOKEN_INVALID, 'The Authorization header is not a valid bearer token.');
      }
      const { user, assurance, sub } = await this.verifier.verifyWithAssurance(token);
      req.user = user;
      const requirement = routeRequirement(this.reflector, context, this.assurance);
      const shortfall = requirement && this.assurance!.shortfall(requirement, assurance);
      if (!shortfall) return true;
      if (sub !== undefined) tokenSubs.set(req, sub);
      return this.handleInsufficientAssurance(context, req, res, shortfall);
    } catch (err) {
      if (!(err instanceof NcConnectError && err.code === Code.BEARER_TOKEN_INVALID)) throw err;
      if (res && context.getType() === 'http') this.http.setHeader(res, 'WWW-Authenticate', challenge(err));
      // Expired tokens are routine (the client refreshes); anything else may be an attack or a
      // misconfigured audience. Never the token itself.
      const line = `${err.code} ${this.where(context, req)}: ${describeFailure(err.cause ?? err)}`;
      if ((err.cause as { code?: unknown } | undefined)?.code === 'ERR_JWT_EXPIRED') this.logger.debug(line);
      else this.logger.warn(line);
      return refuse(context, err);
    }
  }

  /** The refused request, for the log: `GET /path` over HTTP, the handler elsewhere. */
  private where(context: ExecutionContext, req: HttpRequest): string {
    if (context.getType() === 'http') return `${this.http.method(req)} ${this.http.path(req)}`;
    return `${context.getType()} ${context.getClass().name}.${context.getHandler().name}`;
  }

  /**
   * `@BearerAuth()` asks for a token even beside `@Public()` (it sets both, so that a global session
   * guard steps aside); otherwise `@Public()` opens the route. The handler's metadata wins over its
   * class's.
   */
  private isPublic(targets: ReturnType<ExecutionContext['getHandler']>[]): boolean {
    for (const target of targets) {
      if (this.reflector.get<boolean>(IS_BEARER_AUTH_KEY, target)) return false;
      if (this.reflector.get<boolean>(IS_PUBLIC_KEY, target)) return true;
    }
    return false;
  }
}
