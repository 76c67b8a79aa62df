import type { NcConnectErrorCode } from './nc-connect-error.js';

/** Plain-language French explanations shown to citizens; the JSON answer keeps the English message. */
const EXPLANATIONS: Partial<Record<NcConnectErrorCode, string>> = {
  NC_CONNECT_ACCESS_DENIED: 'Vous avez annulé la connexion sur NC Connect.',
  NC_CONNECT_PROVIDER_UNAVAILABLE: 'NC Connect est momentanément indisponible. Réessayez dans quelques instants.',
  NC_CONNECT_PROVIDER_ERROR: 'NC Connect a répondu de façon inattendue. Réessayez dans quelques instants.',
  NC_CONNECT_STATE_MISMATCH:
    'Cette réponse de connexion ne correspond à aucune connexion commencée dans ce navigateur.',
  NC_CONNECT_TRANSACTION_EXPIRED: 'La connexion a pris trop de temps.',
  NC_CONNECT_CODE_REJECTED: 'Ce lien de connexion a déjà servi ou a expiré.',
  NC_CONNECT_CLIENT_AUTH_FAILED:
    "NC Connect n'a pas reconnu ce service : sa configuration est à corriger. Prévenez le service ; réessayer ne suffira pas.",
  NC_CONNECT_ISSUER_MISCONFIGURED:
    "Ce service n'est pas relié à NC Connect comme il le devrait : sa configuration est à corriger. Prévenez le service ; réessayer ne suffira pas.",
  NC_CONNECT_ID_TOKEN_INVALID: "L'identité transmise par NC Connect n'a pas pu être vérifiée.",
  NC_CONNECT_USERINFO_INVALID: "Les informations transmises par NC Connect n'ont pas pu être vérifiées.",
  NC_CONNECT_USER_REFUSED: "Votre compte NC Connect n'a pas accès à ce service.",
  NC_CONNECT_SESSION_UNAVAILABLE: 'Le service est momentanément indisponible. Réessayez dans quelques instants.',
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The library's default error page: short, French, with a "Réessayer" link to the login route. */
export function renderErrorPage(code: NcConnectErrorCode, status: number, retryUrl: string | undefined): string {
  const explanation = EXPLANATIONS[code] ?? 'La connexion avec NC Connect a échoué.';
  const retry = retryUrl ? `<p><a href="${escapeHtml(retryUrl)}">Réessayer</a></p>` : '';
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Connexion impossible</title></head>
<body>
<main data-error-code="${escapeHtml(code)}">
<h1>Connexion impossible</h1>
<p>${escapeHtml(explanation)}</p>
${retry}
<p><small>Code : ${escapeHtml(code)} (HTTP ${status})</small></p>
</main>
</body>
</html>
`;
}
