// Reference: the usual Nest wiring. express-session (its default in-process store) and passport
// installed globally with `app.use`, openid-client's passport strategy for the login, a guard on
// `req.isAuthenticated()`, and the user (ID-token claims, userinfo, ID token) kept in the session.
import { Controller, Get, Header, Injectable, Module, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import session from 'express-session';
import * as client from 'openid-client';
import { Strategy } from 'openid-client/passport';
import passport from 'passport';
import { createNestApp } from '../lib/nest-app.mjs';
import { decorateClass, decorateMethod, decorateParameter } from '../lib/nest-decorate.mjs';

class SessionGuard {
  canActivate(context) {
    if (context.switchToHttp().getRequest().isAuthenticated()) return true;
    throw new UnauthorizedException();
  }
}
decorateClass(SessionGuard, Injectable());

class ApiController {
  status() {
    return { status: 'ok' };
  }

  profile(req) {
    return req.user;
  }
}
decorateClass(ApiController, Controller('api'));
decorateMethod(ApiController, 'status', Get('public'));
decorateMethod(ApiController, 'profile', Get('profile'), UseGuards(SessionGuard), Header('Cache-Control', 'no-store'));
decorateParameter(ApiController, 'profile', 0, Req());

class UsualWiringModule {}
decorateClass(UsualWiringModule, Module({ controllers: [ApiController], providers: [SessionGuard] }));

/** The app, not listening yet, for `http://localhost:<port>`. */
export async function createUsualWiringApp({ port, issuer, clientId, clientSecret, secret }) {
  const config = await client.discovery(new URL(issuer), clientId, clientSecret, undefined, {
    execute: [client.allowInsecureRequests],
  });
  const verify = async (tokens, verified) => {
    const claims = tokens.claims();
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
    verified(null, { ...claims, ...userinfo, idToken: tokens.id_token });
  };
  const callbackURL = `http://localhost:${port}/auth/callback`;
  passport.use('oidc', new Strategy({ config, scope: 'openid profile email', callbackURL }, verify));
  passport.serializeUser((user, done) => done(null, user));
  passport.deserializeUser((user, done) => done(null, user));

  const app = await createNestApp(UsualWiringModule);
  app.use(
    session({
      secret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', maxAge: 8 * 60 * 60 * 1000 },
    }),
  );
  app.use(passport.initialize());
  app.use(passport.session());
  app.use('/auth/login', passport.authenticate('oidc'));
  app.use('/auth/callback', passport.authenticate('oidc', { successRedirect: '/', failureRedirect: '/auth/failed' }));
  return app;
}
