import type { Request, Response } from 'express';
import { Strategy } from 'passport';
import type { NcConnectLoginFlow } from '../transactions/login-flow.js';
import type { NcConnectSessionTokens } from '../session/nc-connect-sessions.js';
import type { NcConnectUser } from '../user/nc-connect-user.js';

/** What the strategy is asked to do: send the browser to NC Connect, or handle its callback. */
export interface CodeFlowAuthenticateOptions {
  action: 'login' | 'callback';
  returnTo?: string | string[];
  /** `prompt` as given to the login route (passport's own `prompt` option is a plain string). */
  requestedPrompt?: string | string[];
}

/** Passed with the user to passport's `success`, and found on `req.authInfo`. */
export interface CodeFlowInfo {
  idToken: string;
  returnTo: string;
  user: NcConnectUser;
  tokens: NcConnectSessionTokens;
}

type Verify = (user: NcConnectUser, done: (err: unknown, user?: unknown) => void) => void;

/**
 * A passport strategy for the OpenID Connect authorization code flow, with openid-client doing the
 * protocol through {@link NcConnectLoginFlow}. `verify` maps the NC Connect user to the
 * application's user; a falsy result refuses the login.
 */
export class CodeFlowStrategy extends Strategy {
  constructor(
    private readonly flow: NcConnectLoginFlow,
    private readonly verify: Verify,
  ) {
    super();
  }

  override authenticate(req: Request, options: CodeFlowAuthenticateOptions): void {
    const res = req.res as Response;
    // The answers carry one-time cookies and URLs with state and code: never cached, never leaked.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (options.action === 'login') {
      this.flow.start(req, res, { returnTo: options.returnTo, prompt: options.requestedPrompt }).then(
        (url) => this.redirect(url.href),
        (err: unknown) => this.error(err as Error),
      );
      return;
    }
    this.flow.finish(req, res).then(
      (login) =>
        this.verify(login.user, (err, user) => {
          if (err) return this.error(err as Error);
          const info: CodeFlowInfo = {
            idToken: login.idToken,
            returnTo: login.returnTo,
            user: login.user,
            tokens: login.tokens,
          };
          if (!user) return this.fail(info, 403);
          this.success(user, info);
        }),
      (err: unknown) => this.error(err as Error),
    );
  }
}
