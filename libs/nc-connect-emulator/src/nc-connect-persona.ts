/**
 * A demo identity of the emulator. Claim fields use NC Connect's claim names; an absent field is
 * an absent claim.
 */
export interface NcConnectPersona {
  /** Login typed on the login page; also `preferred_username` (V3) and `login` (V2). */
  login: string;
  /**
   * Password typed on the login page.
   * @default DEMO_PASSWORD ('nc-connect')
   */
  password?: string;
  /** All given names, space-separated. */
  given_name?: string;
  /** First given name only (V3). */
  first_name?: string;
  family_name?: string;
  /** `YYYY-MM-DD`. */
  birthdate?: string;
  gender?: 'male' | 'female';
  /** INSEE code of the birth place. */
  birthplace?: string;
  /** INSEE code of the birth country (V2 only; V3 drops it). */
  birthcountry?: string;
  email?: string;
  email_verified?: boolean;
  /** Identity verification level: 0 not verified, 1 declared by the user, 2 verified digitally. */
  verified: 0 | 1 | 2;
  /**
   * The highest `acr` level this persona can reach, one of the emulator's `acrLevels` (V3): a login
   * asking for more gets this lower level, as Keycloak answers when a level cannot be met.
   * @default by `verified`: 2 the top level, 1 the middle one (rounded down), 0 the lowest
   */
  maxAcr?: string;
}
