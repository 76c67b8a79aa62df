import type { NcConnectUser } from 'nestjs-nc-connect';
import { displayName } from './home.page.js';
import { escapeHtml, layout } from './layout.js';

/**
 * Where NC Connect sends the browser after a logout. Reached while still logged in (an old
 * bookmark, a logout that did not complete), it says so instead of claiming a logout. It claims a
 * logout from NC Connect only when `fromProvider` (NC Connect's redirect carries the `state` the
 * library sent it); otherwise the library came straight here, because NC Connect has no logout
 * endpoint or could not be reached, and the citizen's NC Connect session may still be open.
 */
const FROM_BOTH = `<p class="notice ok" role="status">Vous avez été déconnecté de ce service et de NC Connect.</p>
<p>Sur un ordinateur partagé, fermez aussi votre navigateur.</p>`;

const FROM_SERVICE_ONLY = `<p class="notice ok" role="status">Vous avez été déconnecté de ce service.</p>
<p>Votre session NC Connect est peut-être encore ouverte : sur un ordinateur partagé, fermez votre navigateur.</p>`;

export function loggedOutPage(user: NcConnectUser | undefined, fromProvider: boolean): string {
  if (user) {
    return layout(
      'Déconnexion',
      `<h1>Vous êtes toujours connecté</h1>
<p>Vous êtes connecté en tant que ${escapeHtml(displayName(user))}.</p>
<form class="actions" method="post" action="/auth/logout">
<button class="button" type="submit">Se déconnecter</button>
<a href="/">Retour à l’accueil</a>
</form>`,
    );
  }
  return layout(
    'Déconnexion',
    `<h1>Vous êtes déconnecté</h1>
${fromProvider ? FROM_BOTH : FROM_SERVICE_ONLY}
<div class="actions">
<a class="button" href="/auth/login?returnTo=%2Fprofile">Se reconnecter avec NC Connect</a>
<a href="/">Retour à l’accueil</a>
</div>`,
  );
}
