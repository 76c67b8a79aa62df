import { Strategy } from 'passport';
import type { HttpRequest, HttpResponse, NcConnectHttp } from '../http/nc-connect-http.js';
import type { NcConnectSessionTokens } from '../session/nc-connect-session.js';
import type { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/** What the strategy is asked to do: send the browser to NC Connect, or handle its callback. */
export interface CodeFlowAuthenticateOptions {
  action: 'login' | 'callback';
  /** The response of the request (Express `Response` or Fastify `FastifyReply`), for cookies and headers. */
  response: HttpResponse;
  returnTo?: unknown;
  /** `prompt` as given to the login route (passport's own `prompt` option is a plain string). */
  requestedPrompt?: unknown;
}

/** The login half's answer, found on `req.authInfo`: where to send the browser. */
export interface LoginRedirectInfo {
  action: 'login';
  redirectTo: string;
}

/** The callback half's answer, passed with the user to passport's `success`, and found on `req.authInfo`. */
export interface CodeFlowInfo {
  action: 'callback';
  idToken: string;
  returnTo: string;
  user: NcConnectUser;
  tokens: NcConnectSessionTokens;
}

type Verify = (user: NcConnectUser, done: (err: unknown, user?: unknown) => void) => void;

/**
 * A passport strategy for the OpenID Connect authorization code flow, with openid-client doing the
 * protocol through {@link NcConnectLoginFlow}. The login half hands the authorization URL back
 * (`req.authInfo.redirectTo`) for the route to redirect to, through Nest's HTTP adapter, so that
 * it works on Express and Fastify alike. `verify` maps the NC Connect user to the application's
 * user; a falsy result refuses the login.
 */
export class CodeFlowStrategy extends Strategy {
  constructor(
    private readonly flow: NcConnectLoginFlow,
    private readonly http: NcConnectHttp,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(req: HttpRequest, options: CodeFlowAuthenticateOptions): void {
    const res = options.response;
    // The answers carry one-time cookies and URLs with state and code: never cached, never leaked.
    this.http.setHeader(res, 'Cache-Control', 'no-store');
    this.http.setHeader(res, 'Referrer-Policy', 'no-referrer');
    if (options.action === 'login') {
      this.flow.start(res, { returnTo: options.returnTo, prompt: options.requestedPrompt }).then(
        (url) => this.success(false, { action: 'login', redirectTo: url.href } satisfies LoginRedirectInfo),
        (err: unknown) => this.error(err as Error),
      );
      return;
    }
    this.flow.finish(req, res).then(
      (login) =>
        this.verify(login.user, (err, user) => {
          if (err) return this.error(err as Error);
          const info: CodeFlowInfo = { action: 'callback', ...login };
          if (!user) return this.fail(info, 403);
          this.success(user, info);
        }),
      (err: unknown) => this.error(err as Error),
    );
  }
}
