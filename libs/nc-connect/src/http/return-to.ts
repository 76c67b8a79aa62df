const MAX_LENGTH = 2048;
const BASE = 'http://return-to.invalid';

/** A path on this origin: one leading slash, no backslash, no control character. */
function isLocalPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/**
 * Keeps `returnTo` only if it is a same-origin relative path; anything else (absolute URLs,
 * `//host`, `/\host`, schemes, control characters, their percent-encoded forms, values over 2048
 * characters) becomes `/`.
 *
 * @example sanitizeReturnTo('/profile?tab=1') // '/profile?tab=1'
 * @example sanitizeReturnTo('/%2F%2Fevil.example') // '/'
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  // Every decoding of the value must still be a local path, so that no later decoding step (a
  // proxy, a framework, the browser) can turn it into another origin.
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (!isLocalPath(current)) return '/';
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return '/';
    }
    if (decoded === current) break;
    if (round === 3) return '/';
    current = decoded;
  }
  const url = new URL(value, BASE);
  if (url.origin !== BASE) return '/';
  // Normalisation can create what the checks above refused: '/.//evil.example' becomes '//evil.example'.
  const normalised = `${url.pathname}${url.search}${url.hash}`;
  return isLocalPath(normalised) ? normalised : '/';
}
