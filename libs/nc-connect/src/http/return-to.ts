const MAX_LENGTH = 2048;
const BASE = 'http://return-to.invalid';

/** A path on this origin: one leading slash, no backslash, no control character. */
function isLocalPath(value: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  return value.startsWith('/') && !value.startsWith('//') && !/[\\\u0000-\u001f\u007f]/.test(value);
}

/** The path, query and fragment `value` normalises to as a URL on this origin, or `undefined` if it leaves it. */
function normalise(value: string): string | undefined {
  const url = new URL(value, BASE);
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : undefined;
}

/** A local path that stays one once normalised ('/.//evil.example' becomes '//evil.example'). */
function staysLocal(value: string): boolean {
  if (!isLocalPath(value)) return false;
  const normalised = normalise(value);
  return normalised !== undefined && isLocalPath(normalised);
}

/**
 * Keeps `returnTo` only if it is a same-origin relative path; anything else (absolute URLs,
 * `//host`, `/\host`, schemes, control characters, their percent-encoded forms, values over 2048
 * characters) becomes `/`. Every decoding of the value, and the path each decoding normalises to,
 * must stay on this origin, so that no later step (a proxy or framework that decodes, then
 * normalises, then redirects; the browser) can turn it into another origin.
 *
 * @example sanitizeReturnTo('/profile?tab=1') // '/profile?tab=1'
 * @example sanitizeReturnTo('/%2F%2Fevil.example') // '/'
 */
export function sanitizeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_LENGTH) return '/';
  let current = value;
  for (let round = 0; round < 4; round++) {
    if (!staysLocal(current)) return '/';
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
  // What is sent is the normalised value; it must pass the same checks (normalising is idempotent).
  const normalised = normalise(value) as string;
  return normalised === value ? value : sanitizeReturnTo(normalised);
}
