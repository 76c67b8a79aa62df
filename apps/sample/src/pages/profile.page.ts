import type { NcConnectUser, NcConnectVerificationLevel } from 'nestjs-nc-connect';
import { escapeHtml, layout } from './layout.js';

const VERIFICATION: Record<NcConnectVerificationLevel, string> = {
  0: 'identité non vérifiée',
  1: 'identité déclarée par l’usager',
  2: 'identité vérifiée numériquement',
};

const GENDERS: Record<string, string> = { male: 'masculin', female: 'féminin' };

const FIELDS: [keyof NcConnectUser, string][] = [
  ['sub', 'Identifiant pour ce service (sub)'],
  ['login', 'Identifiant NC Connect'],
  ['email', 'Adresse électronique'],
  ['emailVerified', 'Adresse électronique vérifiée'],
  ['givenName', 'Prénoms'],
  ['firstName', 'Premier prénom'],
  ['familyName', 'Nom'],
  ['birthdate', 'Date de naissance'],
  ['gender', 'Genre'],
  ['birthplace', 'Lieu de naissance'],
  ['birthcountry', 'Pays de naissance'],
  ['verified', 'Niveau de vérification'],
];

function display(field: keyof NcConnectUser, value: unknown): string {
  if (value === undefined) return '<em>non transmis</em>';
  if (field === 'verified')
    return escapeHtml(`${VERIFICATION[value as NcConnectVerificationLevel]} (${String(value)})`);
  if (field === 'gender') return escapeHtml(GENDERS[value as string] ?? value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return escapeHtml(value);
}

/** The profile page: every normalised field of the user. */
export function profilePage(user: NcConnectUser): string {
  const rows = FIELDS.map(
    ([field, label]) =>
      `<tr><th scope="row">${escapeHtml(label)}</th><td data-field="${field}">${display(field, user[field])}</td></tr>`,
  ).join('\n');
  return layout(
    'Mon profil',
    `<h1>Mon profil</h1>
<table>
<caption>Informations transmises par NC Connect</caption>
${rows}
</table>
<form method="post" action="/auth/logout"><p><button class="button" type="submit">Se déconnecter</button></p></form>`,
  );
}
