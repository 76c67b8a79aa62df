/**
 * Keeps `returnTo` only if it is a same-origin relative path; anything else (absolute URLs,
 * `//host`, `/\host`, schemes, control characters, their percent-encoded forms, values over 2048
 * characters) becomes `/`.
 *
 * @example sanitizeReturnTo('/profile?tab=1') // '/profile?tab=1'
 * @example sanitizeReturnTo('/%2F%2Fevil.example') // '/'
 */
export declare function sanitizeReturnTo(value: unknown): string;
