import type { NcConnectErrorCode } from 'nestjs-nc-connect';
import { escapeHtml, layout } from './layout.js';

/** What the sample app tells a citizen about one error code. */
interface Explanation {
  title: string;
  text: string;
}

const UNAVAILABLE = 'Réessayez dans quelques instants. Si le problème persiste, contactez le service.';

/** Plain French for every code of the library; the English `message` is for developers and logs. */
const EXPLANATIONS: Record<NcConnectErrorCode, Explanation> = {
  NC_CONNECT_ACCESS_DENIED: {
    title: 'Connexion annulée',
    text: 'Vous avez annulé la connexion sur NC Connect : vous n’êtes pas connecté à ce service.',
  },
  NC_CONNECT_AUTHORIZATION_ERROR: {
    title: 'Connexion refusée par NC Connect',
    text: 'NC Connect n’a pas autorisé la connexion à ce service.',
  },
  NC_CONNECT_PROVIDER_UNAVAILABLE: {
    title: 'NC Connect ne répond pas',
    text: `NC Connect est momentanément injoignable. ${UNAVAILABLE}`,
  },
  NC_CONNECT_PROVIDER_ERROR: {
    title: 'Réponse inattendue de NC Connect',
    text: `NC Connect a répondu de façon inattendue. ${UNAVAILABLE}`,
  },
  NC_CONNECT_STATE_MISMATCH: {
    title: 'Connexion non reconnue',
    text: 'Cette réponse de NC Connect ne correspond à aucune connexion commencée dans ce navigateur (par exemple un ancien lien, ou une connexion commencée dans un autre navigateur). Recommencez la connexion depuis ce service.',
  },
  NC_CONNECT_TRANSACTION_EXPIRED: {
    title: 'Connexion expirée',
    text: 'La connexion a pris trop de temps et n’est plus valable. Recommencez-la.',
  },
  NC_CONNECT_CODE_REJECTED: {
    title: 'Lien de connexion déjà utilisé',
    text: 'Ce retour de NC Connect a déjà servi ou a expiré, par exemple après un retour en arrière dans le navigateur.',
  },
  NC_CONNECT_CLIENT_AUTH_FAILED: {
    title: 'Service mal configuré',
    text: 'NC Connect n’a pas reconnu ce service : sa configuration est à corriger. Réessayer ne suffira pas ; prévenez le service.',
  },
  NC_CONNECT_ISSUER_MISCONFIGURED: {
    title: 'Service mal configuré',
    text: 'Ce service n’est pas relié à NC Connect comme il le devrait : sa configuration est à corriger. Réessayer ne suffira pas ; prévenez le service.',
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
    text: 'Votre compte NC Connect n’a pas accès à ce service. Si vous pensez que c’est une erreur, contactez le service.',
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
  NC_CONNECT_LOGIN_REQUIRED: {
    title: 'Connexion nécessaire',
    text: 'Cette page est réservée aux personnes connectées avec NC Connect.',
  },
  NC_CONNECT_BEARER_TOKEN_INVALID: {
    title: 'Jeton d’accès refusé',
    text: 'Le jeton d’accès NC Connect présenté par l’application est expiré, révoqué ou n’est pas destiné à ce service. Reconnectez-vous depuis l’application.',
  },
  NC_CONNECT_VERIFICATION_INSUFFICIENT: {
    title: 'Identité vérifiée requise',
    text: 'Cette page demande une identité vérifiée numériquement, et votre identité n’est que déclarée (ou pas encore vérifiée) sur NC Connect. Faites vérifier votre identité avec NC Connect, puis reconnectez-vous à ce service.',
  },
  NC_CONNECT_STEP_UP_REQUIRED: {
    title: 'Nouvelle connexion nécessaire',
    text: 'Par sécurité, cette action demande une connexion récente à NC Connect. Reconnectez-vous puis recommencez.',
  },
  NC_CONNECT_ASSURANCE_INSUFFICIENT: {
    title: 'Connexion insuffisante',
    text: 'NC Connect n’a pas confirmé le niveau de connexion que demande cette page (connexion trop ancienne ou moyen de connexion trop faible). Reconnectez-vous ; si le problème persiste, contactez le service.',
  },
  NC_CONNECT_SESSION_UNAVAILABLE: {
    title: 'Service momentanément indisponible',
    text: `Le service ne peut pas ouvrir votre session pour le moment. ${UNAVAILABLE}`,
  },
  NC_CONNECT_CONFIG_INVALID: {
    title: 'Service mal configuré',
    text: 'Ce service n’est pas correctement configuré pour NC Connect. Contactez le service.',
  },
  NC_CONNECT_INTERNAL_ERROR: {
    title: 'Erreur inattendue',
    text: `Une erreur inattendue est survenue pendant la connexion. ${UNAVAILABLE}`,
  },
};

const FALLBACK: Explanation = { title: 'Connexion impossible', text: 'La connexion avec NC Connect a échoué.' };

/**
 * The sample app's error page for a failed login or logout: a French explanation of `code`, a link to
 * the login route ("Se connecter" for a visitor who is not logged in, else "Réessayer") and the code for support. `message` is not shown.
 * @example
 * renderErrorPage({ code: 'NC_CONNECT_ACCESS_DENIED', status: 401, message: 'The user cancelled' });
 */
export function renderErrorPage(error: { code: string; status: number; message: string; loginUrl?: string }): string {
  const { title, text } = Object.hasOwn(EXPLANATIONS, error.code)
    ? EXPLANATIONS[error.code as NcConnectErrorCode]
    : FALLBACK;
  const action = error.code === 'NC_CONNECT_LOGIN_REQUIRED' ? 'Se connecter' : 'Réessayer';
  return layout(
    title,
    `<div data-error-code="${escapeHtml(error.code)}">
<h1>${escapeHtml(title)}</h1>
<p class="notice" role="alert">${escapeHtml(text)}</p>
<div class="actions">
<a class="button" href="${escapeHtml(error.loginUrl ?? '/auth/login')}">${action}</a>
<a href="/">Retour à l’accueil</a>
</div>
<p class="technical">Code à communiquer au service en cas de besoin : <code>${escapeHtml(error.code)}</code> (HTTP ${escapeHtml(error.status)})</p>
</div>`,
  );
}
