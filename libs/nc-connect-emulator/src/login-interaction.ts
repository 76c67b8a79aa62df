import type { IncomingMessage, ServerResponse } from 'node:http';

import type Provider from 'oidc-provider';

import { DEMO_PASSWORD } from './demo-personas.js';
import type { FlavorProfile } from './flavor-profile.js';
import { escapeHtml, htmlPage } from './html.js';
import type { KeycloakAcr } from './keycloak-acr.js';
import { readFormBody } from './form-body.js';
import { renderLoginPage } from './login-page.js';
import type { NcConnectPersona } from './nc-connect-persona.js';
import type { RequestCounter } from './request-counter.js';

/** What the login routes need. */
export interface LoginInteractionSetup {
  provider: Provider;
  profile: FlavorProfile;
  personas: readonly NcConnectPersona[];
  counter: RequestCounter;
  /** V3: Keycloak's `acr` (what a login reaches); V2 has none. */
  acr?: KeycloakAcr;
}

type Action = 'show' | 'submit' | 'cancel';

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendProblem(res: ServerResponse, status: number, message: string): void {
  send(
    res,
    status,
    htmlPage(
      'NC Connect (émulateur)',
      `<h1>NC Connect — émulateur</h1>\n<p class="error" role="alert">${escapeHtml(message)}</p>`,
    ),
  );
}

/**
 * The login routes of oidc-provider's interactions: `GET <login path>/:uid` shows the page,
 * `POST <login path>/:uid` checks the login and password, `POST <login path>/:uid/abort` cancels
 * with `access_denied`. Returns false when `path` is not one of them.
 */
export function createLoginInteraction({ provider, profile, personas, counter, acr }: LoginInteractionSetup) {
  const base = `${profile.issuerPath}${profile.loginPath}/`;

  async function handle(req: IncomingMessage, res: ServerResponse, uid: string, action: Action): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) {
      sendProblem(res, 400, 'Cette page de connexion n’est plus valable. Retournez sur le service et recommencez.');
      return;
    }
    if (details.prompt.name !== 'login') {
      // Consent never needs the user: the grant is created on resume (see grant-requested-scopes).
      await provider.interactionFinished(req, res, { consent: {} });
      return;
    }
    if (action === 'cancel') {
      const result = { error: 'access_denied', error_description: 'End-User cancelled the login' };
      await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
      return;
    }
    const clientId = String(details.params.client_id);
    const client = await provider.Client.find(clientId);
    const page = {
      action: `${base}${uid}`,
      flavorLabel: profile.label,
      clientId,
      clientName: client?.clientName ?? clientId,
      personas,
      ...(acr?.levels
        ? {
            requestedAcr: typeof details.params.acr_values === 'string' ? details.params.acr_values : undefined,
            maxAcrOf: (persona: NcConnectPersona) => acr.maxAcrOf(persona),
          }
        : {}),
    };
    if (action === 'show') {
      send(res, 200, renderLoginPage(page));
      return;
    }
    const form = await readFormBody(req);
    const login = form?.get('login')?.trim() ?? '';
    const persona = personas.find((candidate) => candidate.login === login);
    if (!persona || (persona.password ?? DEMO_PASSWORD) !== form?.get('password')) {
      send(res, 401, renderLoginPage({ ...page, login, error: 'Identifiant ou mot de passe incorrect.' }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      // A typed password is a new authentication: oidc-provider stamps its time (auth_time).
      {
        login: {
          accountId: persona.login,
          amr: ['pwd'],
          ...(acr ? { acr: acr.atLogin(persona, details.params.acr_values) } : {}),
        },
      },
      { mergeWithLastSubmission: false },
    );
  }

  return async function loginInteraction(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    if (!path.startsWith(base)) return false;
    const [uid, abort, ...rest] = path.slice(base.length).split('/');
    const action: Action | undefined =
      req.method === 'GET' && abort === undefined
        ? 'show'
        : req.method === 'POST' && abort === undefined
          ? 'submit'
          : req.method === 'POST' && abort === 'abort' && rest.length === 0
            ? 'cancel'
            : undefined;
    if (!uid || !action) return false;
    counter.count({ show: 'login_form', submit: 'login_submit', cancel: 'login_cancel' }[action]);
    try {
      await handle(req, res, uid, action);
    } catch (error) {
      if (res.headersSent) throw error;
      if (error instanceof Error && error.name === 'SessionNotFound') {
        sendProblem(
          res,
          400,
          'Cette demande de connexion a expiré ou n’existe pas. Retournez sur le service et recommencez.',
        );
      } else {
        sendProblem(res, 500, 'L’émulateur a rencontré une erreur interne.');
        console.error('nc-connect-emulator: login interaction failed:', error);
      }
    }
    return true;
  };
}
