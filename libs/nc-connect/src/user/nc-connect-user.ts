/**
 * Identity verification level carried by NC Connect's `verified` claim (V3 meaning):
 * `0` not verified, `1` declared by the user, `2` verified digitally.
 */
export type NcConnectVerificationLevel = 0 | 1 | 2;

/**
 * The citizen as NC Connect describes them, normalised from both platforms: V3's flat standard
 * claims and V2's nested userinfo (`login`, `info.openid.Email`). A field is present only when
 * NC Connect sent it; nothing is invented. Never contains a token.
 */
export interface NcConnectUser {
  /** Pairwise pseudonymous identifier: stable for this service, different for every other one. */
  sub: string;
  /** NC Connect login (V2 `login`, V3 `preferred_username`). */
  login?: string;
  email?: string;
  emailVerified?: boolean;
  /** Every given name (`given_name`). */
  givenName?: string;
  /** The first given name only (`first_name`, V3). */
  firstName?: string;
  familyName?: string;
  /** `YYYY-MM-DD`. */
  birthdate?: string;
  gender?: string;
  birthplace?: string;
  /** V2 only; V3 dropped it. */
  birthcountry?: string;
  verified?: NcConnectVerificationLevel;
  /**
   * The raw ID-token claims merged with the userinfo claims: userinfo wins for identity claims, the
   * ID token alone sets the claims about the authentication (`iss`, `sub`, `aud`, `sid`, `acr`…).
   */
  claims: Readonly<Record<string, unknown>>;
}
