import type { NcConnectUser } from 'nestjs-nc-connect';
import { displayName } from '../pages/home.page.js';
import { escapeHtml, layout } from '../pages/layout.js';

/** The agents' space: who is logged in through Agent Connect, and a logout button. */
export function agentsPage(agent: NcConnectUser): string {
  return layout(
    'Espace agents',
    `<h1>Espace agents</h1>
<p>Vous êtes connecté avec Agent Connect (royaume <code>agent-connect</code>), séparément de votre éventuelle session de citoyen.</p>
<table>
<caption>Agent connecté</caption>
<tr><th scope="row">Nom</th><td data-field="name">${escapeHtml(displayName(agent))}</td></tr>
<tr><th scope="row">Identifiant</th><td data-field="login">${escapeHtml(agent.login ?? '')}</td></tr>
<tr><th scope="row">Émetteur</th><td data-field="iss">${escapeHtml(String(agent.claims.iss))}</td></tr>
</table>
<form class="actions" method="post" action="/agents/auth/logout"><button class="button secondary" type="submit">Se déconnecter de l’espace agents</button></form>`,
  );
}
