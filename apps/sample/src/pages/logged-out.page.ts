import type { NcConnectUser } from 'nestjs-nc-connect';
import { displayName } from './home.page.js';
import { escapeHtml, layout } from './layout.js';

/**
 * Where NC Connect sends the browser after a logout. Reached while still logged in (an old
 * bookmark, a logout that did not complete), it says so instead of claiming a logout.
 */
export function loggedOutPage(user?: NcConnectUser): string {
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
<p class="notice ok" role="status">Vous avez été déconnecté de ce service et de NC Connect.</p>
<p>Sur un ordinateur partagé, fermez aussi votre navigateur.</p>
<div class="actions">
<a class="button" href="/auth/login?returnTo=%2Fprofile">Se reconnecter avec NC Connect</a>
<a href="/">Retour à l’accueil</a>
</div>`,
  );
}
