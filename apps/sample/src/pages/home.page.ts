import type { NcConnectUser } from 'nestjs-nc-connect';
import { escapeHtml, layout } from './layout.js';

/** The public home page: the NC Connect button, or a greeting and a logout button. */
export function homePage(user?: NcConnectUser): string {
  if (!user) {
    return layout(
      'Accueil',
      `<h1>Bienvenue</h1>
<p>Pour accéder à vos démarches, identifiez-vous avec NC Connect, l'identité numérique des services publics de Nouvelle-Calédonie.</p>
<p><a class="button" href="/auth/login?returnTo=%2Fprofile">Se connecter avec NC Connect</a></p>
<p><a href="https://connect.gouv.nc/" rel="noopener">Qu'est-ce que NC Connect ?</a></p>`,
    );
  }
  const name = [user.givenName ?? user.firstName, user.familyName].filter(Boolean).join(' ') || user.login || user.sub;
  return layout(
    'Accueil',
    `<h1>Bonjour ${escapeHtml(name)}</h1>
<p>Vous êtes connecté avec NC Connect.</p>
<p><a href="/profile">Voir mon profil</a></p>
<form method="post" action="/auth/logout"><button class="button" type="submit">Se déconnecter</button></form>`,
  );
}
