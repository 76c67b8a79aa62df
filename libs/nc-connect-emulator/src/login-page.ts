import { DEMO_PASSWORD } from './demo-personas.js';
import { escapeHtml, htmlPage } from './html.js';
import type { NcConnectPersona } from './nc-connect-persona.js';

/** What the login page shows. */
export interface LoginPageModel {
  /** Form action of the login form; the cancel form posts to `<action>/abort`. */
  action: string;
  /** "plateforme V3" or "plateforme V2". */
  flavorLabel: string;
  clientName: string;
  clientId: string;
  personas: readonly NcConnectPersona[];
  /** V3 with acr levels: the `acr_values` of the request, shown as the level asked for. */
  requestedAcr?: string;
  /** V3 with acr levels: each persona's highest level, shown in the personas table. */
  maxAcrOf?: (persona: NcConnectPersona) => string | undefined;
  /** Login typed before, kept after a failed attempt. */
  login?: string;
  error?: string;
}

const VERIFICATION_LEVELS: Record<NcConnectPersona['verified'], string> = {
  0: '0 — identité non vérifiée',
  1: '1 — identité déclarée',
  2: '2 — identité vérifiée numériquement',
};

function personaRow(persona: NcConnectPersona, maxAcrOf: LoginPageModel['maxAcrOf']): string {
  const name = [persona.first_name ?? persona.given_name, persona.family_name].filter(Boolean).join(' ');
  const maxAcr = maxAcrOf ? `<td><code>${escapeHtml(maxAcrOf(persona) ?? '')}</code></td>` : '';
  return `<tr><td><code>${escapeHtml(persona.login)}</code></td><td>${escapeHtml(name)}</td><td>${VERIFICATION_LEVELS[persona.verified]}</td>${maxAcr}</tr>`;
}

function requestedLevel(model: LoginPageModel): string {
  if (!model.maxAcrOf) return '';
  const values = model.requestedAcr?.split(' ').filter(Boolean) ?? [];
  const level = values.length
    ? values.map((value) => `<code>${escapeHtml(value)}</code>`).join(' ou ')
    : 'aucun (le plus bas)';
  return `\n<p class="acr">Niveau d’authentification demandé (acr) : ${level}.</p>`;
}

/** The emulator's French login page: login form, cancel button and the demo personas. */
export function renderLoginPage(model: LoginPageModel): string {
  const sameClient = model.clientName === model.clientId;
  const client = sameClient
    ? `<code>${escapeHtml(model.clientId)}</code>`
    : `${escapeHtml(model.clientName)} (<code>${escapeHtml(model.clientId)}</code>)`;
  const passwords = new Set(model.personas.map((persona) => persona.password ?? DEMO_PASSWORD));
  const passwordNote =
    passwords.size === 1 && passwords.has(DEMO_PASSWORD)
      ? `<p class="password">Le mot de passe de chaque identité de démonstration est <code>${DEMO_PASSWORD}</code>.</p>`
      : '';
  // After a failed attempt, both fields point to the error for screen readers.
  const invalid = model.error ? ' aria-invalid="true" aria-describedby="login-error"' : '';
  const body = `
<h1>NC Connect — émulateur</h1>
<p class="flavor">${escapeHtml(model.flavorLabel)}</p>
<p>Connexion demandée par le service ${client}.</p>${requestedLevel(model)}
${model.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(model.error)}</p>` : ''}
<form method="post" action="${escapeHtml(model.action)}">
  <label for="login">Identifiant</label>
  <input type="text" id="login" name="login" value="${escapeHtml(model.login ?? '')}" autocomplete="username" autocapitalize="none" spellcheck="false" required${invalid}${model.login ? '' : ' autofocus'}>
  <label for="password">Mot de passe</label>
  <input type="password" id="password" name="password" autocomplete="current-password" required${invalid}${model.login ? ' autofocus' : ''}>
  <div class="actions">
    <button type="submit" class="primary">Se connecter</button>
    <button type="submit" class="secondary" form="cancel">Annuler</button>
  </div>
</form>
<form id="cancel" method="post" action="${escapeHtml(model.action)}/abort"></form>
<h2>Identités de démonstration</h2>
${passwordNote}
<table>
  <thead><tr><th scope="col">Identifiant</th><th scope="col">Nom</th><th scope="col">Niveau de vérification</th>${model.maxAcrOf ? '<th scope="col">Niveau acr maximal</th>' : ''}</tr></thead>
  <tbody>
${model.personas.map((persona) => personaRow(persona, model.maxAcrOf)).join('\n')}
  </tbody>
</table>
<p class="note">Émulateur de développement : ce n’est pas le service NC Connect du gouvernement de la Nouvelle-Calédonie.</p>`;
  return htmlPage('Connexion — NC Connect (émulateur)', body);
}
