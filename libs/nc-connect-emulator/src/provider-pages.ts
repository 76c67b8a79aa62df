import type { ErrorOut, KoaContextWithOIDC } from 'oidc-provider';

import { escapeHtml, htmlPage } from './html.js';

/** Submits the logout form as "log out everywhere", as the visible button would. */
const AUTO_LOGOUT_SCRIPT = `
  var form = document.getElementById('op.logoutForm');
  var input = document.createElement('input');
  input.type = 'hidden'; input.name = 'logout'; input.value = 'yes';
  form.appendChild(input);
  form.submit();
`;

/**
 * oidc-provider's RP-initiated logout confirmation, in French. When the service sent a valid
 * `id_token_hint` (oidc-provider rejects invalid ones before this point), the form submits itself,
 * as NC Connect does not ask; without JavaScript the user clicks the button.
 */
export function logoutSource(ctx: KoaContextWithOIDC, form: string): void {
  const body = `
<h1>Se déconnecter de NC Connect ?</h1>
${form}
<div class="actions">
  <button type="submit" class="primary" form="op.logoutForm" name="logout" value="yes" autofocus>Se déconnecter</button>
  <button type="submit" class="secondary" form="op.logoutForm">Rester connecté</button>
</div>`;
  const hinted = ctx.oidc.entities.IdTokenHint !== undefined;
  ctx.type = 'html';
  ctx.body = htmlPage('Déconnexion — NC Connect (émulateur)', body, hinted ? AUTO_LOGOUT_SCRIPT : undefined);
}

/** Shown after a logout when the service gave no `post_logout_redirect_uri`. */
export function postLogoutSuccessSource(ctx: KoaContextWithOIDC): void {
  const body = `
<h1>Vous êtes déconnecté de NC Connect</h1>
<p>Vous pouvez fermer cette page ou retourner sur le service que vous utilisiez.</p>`;
  ctx.type = 'html';
  ctx.body = htmlPage('Déconnexion — NC Connect (émulateur)', body);
}

/** oidc-provider's error page (bad client, bad redirect URI…), in French, without a stack. */
export function renderError(ctx: KoaContextWithOIDC, out: ErrorOut): void {
  const details = Object.entries(out)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `<dt><code>${escapeHtml(key)}</code></dt><dd>${escapeHtml(value)}</dd>`)
    .join('\n');
  const body = `
<h1>NC Connect — une erreur est survenue</h1>
<p>La demande ne peut pas aboutir. Détails techniques pour l’équipe du service :</p>
<dl>
${details}
</dl>
${unregisteredUriHint(ctx, out)}`;
  ctx.type = 'html';
  ctx.body = htmlPage('Erreur — NC Connect (émulateur)', body);
}

/**
 * Browsers reach the end-session endpoint by navigation, so its errors are pages, as Keycloak's are,
 * whatever the `Accept` header (oidc-provider answers JSON unless HTML is preferred).
 */
export function renderEndSessionErrorsAsPages(ctx: KoaContextWithOIDC): void {
  const body = ctx.body as Partial<ErrorOut> | undefined;
  if (ctx.oidc?.route === 'end_session' && ctx.status >= 400 && typeof body?.error === 'string') {
    renderError(ctx, body as ErrorOut);
  }
}

/** For a redirect or post-logout URI the client did not register: what is registered, and how to fix it. */
function unregisteredUriHint(ctx: KoaContextWithOIDC, out: ErrorOut): string {
  const postLogout = /post_logout_redirect_uri/.test(out.error_description ?? '');
  if (!postLogout && !/redirect_uri/.test(out.error_description ?? '')) return '';
  const params = (ctx.oidc?.params ?? {}) as Record<string, unknown>;
  const asked = String(params[postLogout ? 'post_logout_redirect_uri' : 'redirect_uri'] ?? '');
  const client = ctx.oidc?.client;
  const registered = (postLogout ? client?.postLogoutRedirectUris : client?.redirectUris) ?? [];
  const list = registered.map((uri) => `<li><code>${escapeHtml(uri)}</code></li>`).join('');
  const origin = URL.parse(asked)?.origin;
  return `
<p>L’adresse <code>${escapeHtml(asked)}</code> n’est pas enregistrée pour ce service${
    registered.length ? ' ; les adresses enregistrées sont :' : '.'
  }</p>
${list ? `<ul>${list}</ul>` : ''}
<p>Avec l’émulateur, relancez-le avec <code>--app-url ${escapeHtml(origin ?? '<adresse de votre application>')}</code>
(ou <code>--${postLogout ? 'post-logout-redirect-uri' : 'redirect-uri'} ${escapeHtml(asked)}</code>) ;
sur NC Connect, demandez l’enregistrement de cette adresse.</p>`;
}
