import { layout } from './layout.js';

/** The IBAN shown by the demonstration (nothing is stored). */
export const DEMO_IBAN = 'FR76 1469 0000 0100 0000 0000 000';

/**
 * A sensitive action (`@RequireAssurance({ maxAge: 300 })`): changing one's bank details needs a
 * login at NC Connect of less than 5 minutes, so the page and its form ask for the password again
 * after that.
 */
export function bankDetailsPage(): string {
  return layout(
    'Coordonnées bancaires',
    `<h1>Coordonnées bancaires</h1>
<p>Par sécurité, modifier vos coordonnées bancaires demande une connexion à NC Connect de moins de 5 minutes : au-delà, NC Connect vous redemande votre mot de passe.</p>
<form method="post" action="/bank-details">
<p>Nouveau RIB (démonstration) : <code>${DEMO_IBAN}</code></p>
<p><button class="button" type="submit">Enregistrer ce RIB</button></p>
</form>
<p><a href="/">Retour à l’accueil</a></p>`,
  );
}

/** After the change: a confirmation (the demonstration stores nothing). */
export function bankDetailsSavedPage(): string {
  return layout(
    'Coordonnées bancaires enregistrées',
    `<h1>Coordonnées bancaires enregistrées</h1>
<p class="notice ok" role="status">Votre nouveau RIB a bien été pris en compte.</p>
<p class="technical">Démonstration : rien n’a été enregistré.</p>
<p><a href="/">Retour à l’accueil</a></p>`,
  );
}
