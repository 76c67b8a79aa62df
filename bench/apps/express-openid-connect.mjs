// Reference: express-openid-connect set up as the library is (code flow against the emulator, login
// and callback under /auth, 30 min idle and 8 h absolute session timeouts), in a Nest app serving
// the sample's two JSON routes. Its sessions live in an encrypted cookie (its default store).
import { Controller, Get, Header, Injectable, Module, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import expressOpenIdConnect from 'express-openid-connect';
import { createNestApp } from '../lib/nest-app.mjs';
import { decorateClass, decorateMethod, decorateParameter } from '../lib/nest-decorate.mjs';

class OidcSessionGuard {
  canActivate(context) {
    if (context.switchToHttp().getRequest().oidc.isAuthenticated()) return true;
    throw new UnauthorizedException();
  }
}
decorateClass(OidcSessionGuard, Injectable());

class ApiController {
  status() {
    return { status: 'ok' };
  }

  profile(req) {
    return req.oidc.user;
  }
}
decorateClass(ApiController, Controller('api'));
decorateMethod(ApiController, 'status', Get('public'));
decorateMethod(
  ApiController,
  'profile',
  Get('profile'),
  UseGuards(OidcSessionGuard),
  Header('Cache-Control', 'no-store'),
);
decorateParameter(ApiController, 'profile', 0, Req());

class ExpressOpenIdConnectModule {}
decorateClass(ExpressOpenIdConnectModule, Module({ controllers: [ApiController], providers: [OidcSessionGuard] }));

/** The app, not listening yet, for `http://localhost:<port>`. */
export async function createExpressOpenIdConnectApp({ port, issuer, clientId, clientSecret, secret }) {
  const app = await createNestApp(ExpressOpenIdConnectModule);
  app.use(
    expressOpenIdConnect.auth({
      issuerBaseURL: issuer,
      baseURL: `http://localhost:${port}`,
      clientID: clientId,
      clientSecret,
      secret,
      authRequired: false,
      idpLogout: false,
      authorizationParams: { response_type: 'code', scope: 'openid profile email' },
      routes: { login: '/auth/login', callback: '/auth/callback', logout: '/auth/logout' },
      session: { rolling: true, rollingDuration: 30 * 60, absoluteDuration: 8 * 60 * 60 },
    }),
  );
  return app;
}
