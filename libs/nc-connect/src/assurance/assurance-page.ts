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

/**
 * What the page says: the `verified` level a route requires, a login level NC Connect does not offer,
 * or (to a form sent after the login became too old or too weak) a new login to make.
 */
export type AssuranceRefusal =
  | { readonly code: 'NC_CONNECT_VERIFICATION_INSUFFICIENT'; readonly verified: NcConnectVerificationLevel }
  | { readonly code: 'NC_CONNECT_ASSURANCE_INSUFFICIENT' }
  | { readonly code: 'NC_CONNECT_STEP_UP_REQUIRED' };

/** The status a refusal page is sent with: 401 when a new login is the way through, else 403. */
export function assurancePageStatus(refusal: AssuranceRefusal): 401 | 403 {
  return refusal.code === 'NC_CONNECT_STEP_UP_REQUIRED' ? 401 : 403;
}

/** Title, explanation and next step of each refusal, in French. */
function wording(refusal: AssuranceRefusal): [string, string, string] {
  switch (refusal.code) {
    case 'NC_CONNECT_VERIFICATION_INSUFFICIENT':
      return [
        'Identité vérifiée requise',
        `Cette page demande ${VERIFIED_LEVELS[refusal.verified]} : le niveau de vérification de votre identité sur NC Connect est insuffisant.`,
        'Faites vérifier votre identité avec NC Connect, puis reconnectez-vous à ce service.',
      ];
    case 'NC_CONNECT_ASSURANCE_INSUFFICIENT':
      return [
        'Connexion insuffisante',
        'Cette page demande une connexion d’un niveau de sécurité plus élevé que celui obtenu auprès de NC Connect.',
        'Reconnectez-vous avec le moyen de connexion demandé ; si le problème persiste, contactez le service.',
      ];
    case 'NC_CONNECT_STEP_UP_REQUIRED':
      return [
        'Nouvelle connexion nécessaire',
        'Par sécurité, cette action demande une connexion plus récente (ou plus sûre) à NC Connect : votre demande n’a pas été enregistrée.',
        'Reconnectez-vous, puis recommencez.',
      ];
  }
}

/**
 * The library's French page (403, or 401 for a new login) for a logged-in user below a route's
 * `@RequireAssurance()`: what the service requires, how to get there, a link to log in again and a
 * link back to the home page.
 */
export function renderAssurancePage(refusal: AssuranceRefusal, loginUrl: string | undefined): string {
  const [title, explanation, next] = wording(refusal);
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
<p><small>Code : ${refusal.code} (HTTP ${assurancePageStatus(refusal)})</small></p>
</main>
</body>
</html>
`;
}
