import type { NcConnectUser } from 'nestjs-nc-connect';
import { displayName } from './home.page.js';
import { escapeHtml, layout } from './layout.js';

/**
 * A page only a digitally verified identity may see (`@RequireAssurance({ verified: 2 })`): a
 * certificate the service could only issue on a verified identity.
 */
export function identityCertificatePage(user: NcConnectUser): string {
  const birthdate = user.birthdate ? `, né(e) le ${escapeHtml(user.birthdate)}` : '';
  return layout(
    'Attestation d’identité',
    `<h1>Attestation d’identité</h1>
<p class="notice ok" role="status">Votre identité a été vérifiée numériquement par NC Connect : ce service peut vous délivrer cette attestation.</p>
<p>Le service atteste que <strong>${escapeHtml(displayName(user))}</strong>${birthdate} s’est identifié(e) avec une identité vérifiée.</p>
<p class="technical">Démonstration : cette attestation n’a aucune valeur.</p>
<p><a href="/">Retour à l’accueil</a></p>`,
  );
}
