import type { NcConnectErrorCode } from './nc-connect-error.js';

/** What the default page tells a citizen about one code: a title and a sentence, in French. */
interface Explanation {
  title: string;
  text: string;
}

const RETRY_LATER = 'Réessayez dans quelques instants.';
const MISCONFIGURED = 'sa configuration est à corriger. Prévenez le service ; réessayer ne suffira pas.';

/**
 * Plain-language French for every code, so that a page never says "la connexion a échoué" to someone
 * who simply is not logged in; the JSON answer keeps the English message.
 */
const EXPLANATIONS: Record<NcConnectErrorCode, Explanation> = {
  NC_CONNECT_LOGIN_REQUIRED: {
    title: 'Connexion nécessaire',
    text: 'Cette page est réservée aux personnes connectées avec NC Connect.',
  },
  NC_CONNECT_ACCESS_DENIED: {
    title: 'Connexion annulée',
    text: 'Vous avez annulé la connexion sur NC Connect : vous n’êtes pas connecté à ce service.',
  },
  NC_CONNECT_AUTHORIZATION_ERROR: {
    title: 'Connexion refusée',
    text: 'NC Connect n’a pas autorisé la connexion à ce service.',
  },
  NC_CONNECT_PROVIDER_UNAVAILABLE: {
    title: 'NC Connect ne répond pas',
    text: `NC Connect est momentanément indisponible. ${RETRY_LATER}`,
  },
  NC_CONNECT_PROVIDER_ERROR: {
    title: 'Réponse inattendue de NC Connect',
    text: `NC Connect a répondu de façon inattendue. ${RETRY_LATER}`,
  },
  NC_CONNECT_STATE_MISMATCH: {
    title: 'Connexion non reconnue',
    text: 'Cette réponse de connexion ne correspond à aucune connexion commencée dans ce navigateur.',
  },
  NC_CONNECT_TRANSACTION_EXPIRED: {
    title: 'Connexion expirée',
    text: 'La connexion a pris trop de temps et n’est plus valable.',
  },
  NC_CONNECT_CODE_REJECTED: {
    title: 'Lien de connexion déjà utilisé',
    text: 'Ce lien de connexion a déjà servi ou a expiré.',
  },
  NC_CONNECT_CLIENT_AUTH_FAILED: {
    title: 'Service mal configuré',
    text: `NC Connect n’a pas reconnu ce service : ${MISCONFIGURED}`,
  },
  NC_CONNECT_ISSUER_MISCONFIGURED: {
    title: 'Service mal configuré',
    text: `Ce service n’est pas relié à NC Connect comme il le devrait : ${MISCONFIGURED}`,
  },
  NC_CONNECT_CONFIG_INVALID: {
    title: 'Service mal configuré',
    text: `Ce service n’est pas correctement configuré pour NC Connect : ${MISCONFIGURED}`,
  },
  NC_CONNECT_ID_TOKEN_INVALID: {
    title: 'Identité non vérifiée',
    text: 'L’identité transmise par NC Connect n’a pas pu être vérifiée. Par sécurité, vous n’avez pas été connecté.',
  },
  NC_CONNECT_USERINFO_INVALID: {
    title: 'Informations non vérifiées',
    text: 'Les informations transmises par NC Connect n’ont pas pu être vérifiées. Par sécurité, vous n’avez pas été connecté.',
  },
  NC_CONNECT_USER_REFUSED: {
    title: 'Accès refusé',
    text: 'Votre compte NC Connect n’a pas accès à ce service.',
  },
  NC_CONNECT_REQUEST_INVALID: {
    title: 'Demande incorrecte',
    text: 'La demande de connexion est incomplète ou mal formée.',
  },
  NC_CONNECT_CROSS_SITE_REQUEST: {
    title: 'Demande refusée',
    text: 'Cette demande venait d’un autre site ; par sécurité, elle n’a pas été exécutée.',
  },
  NC_CONNECT_LOGOUT_TOKEN_INVALID: {
    title: 'Déconnexion refusée',
    text: 'La demande de déconnexion reçue de NC Connect n’a pas pu être vérifiée.',
  },
  NC_CONNECT_BEARER_TOKEN_INVALID: {
    title: 'Jeton d’accès refusé',
    text: 'Le jeton d’accès présenté est expiré, révoqué ou n’est pas destiné à ce service.',
  },
  NC_CONNECT_VERIFICATION_INSUFFICIENT: {
    title: 'Identité vérifiée requise',
    text: 'Cette page demande une identité vérifiée numériquement sur NC Connect.',
  },
  NC_CONNECT_STEP_UP_REQUIRED: {
    title: 'Nouvelle connexion nécessaire',
    text: 'Par sécurité, cette action demande une connexion récente à NC Connect.',
  },
  NC_CONNECT_ASSURANCE_INSUFFICIENT: {
    title: 'Connexion insuffisante',
    text: 'NC Connect n’a pas confirmé le niveau de connexion que demande cette page.',
  },
  NC_CONNECT_SESSION_UNAVAILABLE: {
    title: 'Service momentanément indisponible',
    text: `Le service ne peut pas ouvrir votre session pour le moment. ${RETRY_LATER}`,
  },
  NC_CONNECT_INTERNAL_ERROR: {
    title: 'Erreur inattendue',
    text: `Une erreur inattendue est survenue. ${RETRY_LATER}`,
  },
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The library's default error page: short, French, one explanation per code, with a link to the login
 * route ("Se connecter" when the visitor is simply not logged in, "Réessayer" after a failure).
 */
export function renderErrorPage(code: NcConnectErrorCode, status: number, loginUrl: string | undefined): string {
  const { title, text } = EXPLANATIONS[code] ?? EXPLANATIONS.NC_CONNECT_INTERNAL_ERROR;
  const action = code === 'NC_CONNECT_LOGIN_REQUIRED' ? 'Se connecter' : 'Réessayer';
  const link = loginUrl ? `<p><a href="${escapeHtml(loginUrl)}">${action}</a></p>` : '';
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main data-error-code="${escapeHtml(code)}">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text)}</p>
${link}
<p><small>Code : ${escapeHtml(code)} (HTTP ${status})</small></p>
</main>
</body>
</html>
`;
}
