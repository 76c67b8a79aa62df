import type { NcConnectUser } from 'nestjs-nc-connect';
import { escapeHtml, layout } from './layout.js';

/** The name to greet a user with: given names and family name, else the login, else `sub`. */
export function displayName(user: NcConnectUser): string {
  return [user.givenName ?? user.firstName, user.familyName].filter(Boolean).join(' ') || user.login || user.sub;
}

/** The public home page: the NC Connect button, or a greeting and a logout button. */
export function homePage(user?: NcConnectUser, options: { agents?: boolean } = {}): string {
  const agentsLink = options.agents
    ? '\n<p>Agent du service public ? <a href="/agents">Espace agents (Agent Connect)</a></p>'
    : '';
  if (!user) {
    return layout(
      'Accueil',
      `<h1>Bienvenue</h1>
<p>Pour accéder à vos démarches, identifiez-vous avec NC Connect, l’identité numérique des services publics de Nouvelle-Calédonie : un seul identifiant pour tous les services en ligne.</p>
<div class="actions">
<a class="button" href="/auth/login?returnTo=%2Fprofile">Se connecter avec NC Connect</a>
<a href="https://connect.gouv.nc/" rel="noopener">Qu'est-ce que NC Connect ?</a>
</div>${agentsLink}`,
    );
  }
  return layout(
    'Accueil',
    `<h1>Bonjour ${escapeHtml(displayName(user))}</h1>
<p>Vous êtes connecté avec NC Connect.</p>
<h2>Vos démarches</h2>
<ul>
<li><a href="/identity-certificate">Attestation d’identité</a> (identité vérifiée numériquement)</li>
<li><a href="/bank-details">Coordonnées bancaires</a> (connexion de moins de 5 minutes)</li>
</ul>
<form class="actions" method="post" action="/auth/logout">
<a href="/profile">Voir mon profil</a>
<button class="button secondary" type="submit">Se déconnecter</button>
</form>`,
  );
}
