import type { NcConnectVerificationLevel } from '../user/nc-connect-user.js';

/** The `verified` levels in French, as a service would name what it requires. */
const VERIFIED_LEVELS: Record<NcConnectVerificationLevel, string> = {
  0: 'un compte NC Connect',
  1: 'une identité déclarée',
  2: 'une identité vérifiée numériquement',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** What the page says: the `verified` level a route requires, or a login level NC Connect does not offer. */
export type AssuranceRefusal =
  | { readonly code: 'NC_CONNECT_VERIFICATION_INSUFFICIENT'; readonly verified: NcConnectVerificationLevel }
  | { readonly code: 'NC_CONNECT_ASSURANCE_INSUFFICIENT' };

/**
 * The library's French page (403) for a logged-in user below a route's `@RequireAssurance()`: what
 * the service requires, how to get there, a link to log in again and a link back to the home page.
 */
export function renderAssurancePage(refusal: AssuranceRefusal, loginUrl: string | undefined): string {
  const [title, explanation, next] =
    refusal.code === 'NC_CONNECT_VERIFICATION_INSUFFICIENT'
      ? [
          'Identité vérifiée requise',
          `Cette page demande ${VERIFIED_LEVELS[refusal.verified]} : le niveau de vérification de votre identité sur NC Connect est insuffisant.`,
          'Faites vérifier votre identité avec NC Connect, puis reconnectez-vous à ce service.',
        ]
      : [
          'Connexion insuffisante',
          'Cette page demande une connexion d’un niveau de sécurité plus élevé que celui obtenu auprès de NC Connect.',
          'Reconnectez-vous avec le moyen de connexion demandé ; si le problème persiste, contactez le service.',
        ];
  const login = loginUrl ? `<p><a href="${escapeHtml(loginUrl)}">Me reconnecter</a></p>` : '';
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>
<body>
<main data-error-code="${refusal.code}">
<h1>${title}</h1>
<p>${explanation}</p>
<p>${next}</p>
${login}<p><a href="/">Retour à l’accueil</a></p>
<p><small>Code : ${refusal.code} (HTTP 403)</small></p>
</main>
</body>
</html>
`;
}
