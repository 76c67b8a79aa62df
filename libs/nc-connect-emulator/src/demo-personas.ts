import type { NcConnectPersona } from './nc-connect-persona.js';

/** Password of every demo persona. */
export const DEMO_PASSWORD = 'nc-connect';

/**
 * The bundled demo identities (JSON-shaped, so they can be copied into a fixture file).
 * `jean.dupont` is fully verified; the others cover levels 1 and 0, an unverified e-mail address
 * and missing optional claims.
 */
export const DEMO_PERSONAS: readonly NcConnectPersona[] = Object.freeze([
  {
    login: 'jean.dupont',
    password: DEMO_PASSWORD,
    given_name: 'Jean Pierre',
    first_name: 'Jean',
    family_name: 'Dupont',
    birthdate: '1980-04-12',
    gender: 'male',
    birthplace: '98818',
    birthcountry: '99100',
    email: 'jean.dupont@example.nc',
    email_verified: true,
    verified: 2,
  },
  {
    login: 'marie.lefevre',
    password: DEMO_PASSWORD,
    given_name: 'Marie Claire',
    first_name: 'Marie',
    family_name: 'Lefèvre',
    birthdate: '1992-09-03',
    gender: 'female',
    birthplace: '98818',
    birthcountry: '99100',
    email: 'marie.lefevre@example.nc',
    email_verified: true,
    verified: 1,
  },
  {
    login: 'sione.tuilagi',
    password: DEMO_PASSWORD,
    given_name: 'Sione',
    first_name: 'Sione',
    family_name: 'Tuilagi',
    birthdate: '2001-01-20',
    gender: 'male',
    birthplace: '98613',
    birthcountry: '99100',
    email: 'sione.tuilagi@example.nc',
    email_verified: false,
    verified: 0,
  },
  {
    login: 'lea.martin',
    password: DEMO_PASSWORD,
    given_name: 'Léa',
    first_name: 'Léa',
    family_name: 'Martin',
    email: 'lea.martin@example.nc',
    email_verified: true,
    verified: 1,
  },
]);
