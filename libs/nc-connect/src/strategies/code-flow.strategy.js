import { Strategy } from 'passport';
/**
 * A passport strategy for the OpenID Connect authorization code flow, with openid-client doing the
 * protocol through {@link NcConnectLoginFlow}. `verify` maps the NC Connect user to the
 * application's user; a falsy result refuses the login.
 */
export class CodeFlowStrategy extends Strategy {
    flow;
    verify;
    constructor(flow, verify) {
        super();
        this.flow = flow;
        this.verify = verify;
    }
    authenticate(req, options) {
        const res = req.res;
        if (options.action === 'login') {
            this.flow.start(req, res, { returnTo: options.returnTo, prompt: options.requestedPrompt }).then((url) => this.redirect(url.href), (err) => this.error(err));
            return;
        }
        this.flow.finish(req, res).then((login) => this.verify(login.user, (err, user) => {
            if (err)
                return this.error(err);
            const info = { idToken: login.idToken, returnTo: login.returnTo, user: login.user };
            if (!user)
                return this.fail(info, 403);
            this.success(user, info);
        }), (err) => this.error(err));
    }
}
//# sourceMappingURL=code-flow.strategy.js.map