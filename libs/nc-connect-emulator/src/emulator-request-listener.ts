import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

import type { KoaContextWithOIDC } from 'oidc-provider';
import type Provider from 'oidc-provider';

import type { FlavorProfile } from './flavor-profile.js';
import { escapeHtml, htmlPage } from './html.js';
import type { KeycloakAcr } from './keycloak-acr.js';
import { createLoginInteraction } from './login-interaction.js';
import { renderEndSessionErrorsAsPages } from './provider-pages.js';
import type { JwtAccessTokenLedger } from './jwt-access-token-ledger.js';
import type { NcConnectPersona } from './nc-connect-persona.js';
import type { RequestCounter } from './request-counter.js';

/** What the emulator's HTTP routes need. */
export interface EmulatorRoutesSetup {
  provider: Provider;
  profile: FlavorProfile;
  issuer: string;
  personas: readonly NcConnectPersona[];
  counter: RequestCounter;
  /** V3: the JWT access tokens userinfo accepts. */
  ledger?: JwtAccessTokenLedger;
  /** V3: Keycloak's `acr` (what a login reaches). */
  acr?: KeycloakAcr;
}

function homePage(profile: FlavorProfile, issuer: string): string {
  const discovery = `${issuer}/.well-known/openid-configuration`;
  return htmlPage(
    'NC Connect (émulateur)',
    `
<h1>NC Connect — émulateur</h1>
<p class="flavor">${escapeHtml(profile.label)}</p>
<p>Émetteur (issuer) : <code>${escapeHtml(issuer)}</code></p>
<p><a href="${escapeHtml(discovery)}">Document de découverte OpenID Connect</a></p>`,
  );
}

/**
 * The emulator's HTTP routes: a home page at `/`, the login page, and oidc-provider mounted at the
 * issuer's path (everything else is a 404).
 */
export function createEmulatorRequestListener({
  provider,
  profile,
  issuer,
  personas,
  counter,
  ledger,
  acr,
}: EmulatorRoutesSetup): RequestListener {
  provider.use(async (ctx, next) => {
    await next();
    // Only oidc-provider's own routes define ctx.oidc; its route names are the endpoint names.
    const route = (ctx as { oidc?: { route?: string } }).oidc?.route;
    if (route) counter.count(route);
    renderEndSessionErrorsAsPages(ctx as KoaContextWithOIDC);
  });
  const callback = provider.callback();
  const loginInteraction = createLoginInteraction({ provider, profile, personas, counter, acr });

  async function toProvider(req: IncomingMessage, res: ServerResponse, url: string, path: string): Promise<void> {
    if (path !== profile.issuerPath && !path.startsWith(`${profile.issuerPath}/`)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    // Mount oidc-provider at the issuer's path the way Express would: it routes on req.url and
    // rebuilds its endpoint URLs from the prefix that req.originalUrl has in addition.
    const rest = url.slice(profile.issuerPath.length);
    Object.assign(req, { originalUrl: url });
    req.url = rest.startsWith('/') ? rest : `/${rest}`;
    if (ledger && req.url.split('?')[0] === profile.routes.userinfo) await ledger.swapForUserinfo(req, provider);
    void callback(req, res);
  }

  return (req, res) => {
    const url = req.url ?? '/';
    const path = url.split('?')[0];
    if (path === '/' && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(homePage(profile, issuer));
      return;
    }
    loginInteraction(req, res, path)
      .then((handled) => (handled ? undefined : toProvider(req, res, url, path)))
      .catch((error: unknown) => {
        console.error('nc-connect-emulator: request failed:', error);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      });
  };
}
