import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CookieAttributes, HttpRequest, HttpResponse, NcConnectHttp } from '../http/nc-connect-http.js';

/**
 * Binds a login transaction to the browser that started it: a random value in a short-lived,
 * httpOnly cookie scoped to the callback path, whose hash the transaction keeps. A callback URL
 * replayed in another browser (login CSRF, a leaked link) finds no cookie and is refused. One
 * cookie per transaction, named after its state, so that two tabs can log in at once. Over https
 * the cookie is `__Host-` prefixed (no sibling subdomain can plant one), which requires `Path=/`;
 * over plain http (loopback development) it is scoped to the callback path.
 */
export class BrowserBinding {
  private readonly prefix: string;
  private readonly attributes: CookieAttributes;

  constructor(
    private readonly http: NcConnectHttp,
    private readonly settings: { callbackPath: string; secure: boolean; maxAgeSeconds: number },
  ) {
    this.prefix = settings.secure ? '__Host-nc_connect.tx.' : 'nc_connect.tx.';
    this.attributes = { secure: settings.secure, path: settings.secure ? '/' : settings.callbackPath };
  }

  /** Sets the cookie for `state` and returns the hash to keep in the transaction. */
  bind(res: HttpResponse, state: string): string {
    const value = randomBytes(32).toString('base64url');
    this.http.setCookie(res, this.cookieName(state), value, {
      ...this.attributes,
      maxAge: this.settings.maxAgeSeconds,
    });
    return hash(value);
  }

  /** True when this browser holds the cookie of `state` matching `bindingHash`; clears the cookie. */
  verify(req: HttpRequest, res: HttpResponse, state: string, bindingHash: string): boolean {
    const name = this.cookieName(state);
    const value = this.http.cookie(req, name);
    this.http.clearCookie(res, name, this.attributes);
    if (!value) return false;
    const expected = Buffer.from(bindingHash);
    const actual = Buffer.from(hash(value));
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private cookieName(state: string): string {
    return `${this.prefix}${hash(state).slice(0, 16)}`;
  }
}

function hash(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}
