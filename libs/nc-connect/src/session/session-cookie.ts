import { sign, unsign } from 'cookie-signature';
import { LRUCache } from 'lru-cache';
import type { NcConnectHttp, HttpRequest, HttpResponse } from '../http/nc-connect-http.js';

/** Cookie settings of one instance's sessions. */
export interface SessionCookieSettings {
  readonly name: string;
  /** The first signs; every one verifies (rotation). */
  readonly secrets: readonly string[];
  readonly secure: boolean;
  /** Seconds the browser keeps the cookie (the absolute session lifetime). */
  readonly maxAge: number;
}

/**
 * The session cookie: the session id signed with HMAC-SHA256 (cookie-signature), httpOnly,
 * SameSite=Lax, `Path=/`, `Secure` over https. It is set once, at login, and cleared at logout; no
 * other response carries it.
 */
export class SessionCookie {
  /** Signed values already verified, and their session ids: one HMAC per cookie, not per request. */
  private readonly verified = new LRUCache<string, string>({ max: 10_000 });

  constructor(
    private readonly http: NcConnectHttp,
    private readonly settings: SessionCookieSettings,
  ) {}

  /** True when `req` carries this cookie at all, valid or not. */
  isPresent(req: HttpRequest): boolean {
    return this.http.cookie(req, this.settings.name) !== undefined;
  }

  /** The session id of a validly signed cookie on `req`, else `undefined`. */
  read(req: HttpRequest): string | undefined {
    const value = this.http.cookie(req, this.settings.name);
    if (!value) return undefined;
    const known = this.verified.get(value);
    if (known !== undefined) return known;
    for (const secret of this.settings.secrets) {
      const id = unsign(value, secret);
      if (id === false) continue;
      this.verified.set(value, id);
      return id;
    }
    return undefined;
  }

  /** Sends the cookie of session `id`. */
  write(res: HttpResponse, id: string): void {
    const { name, secrets, secure, maxAge } = this.settings;
    this.http.setCookie(res, name, sign(id, secrets[0]), { path: '/', secure, maxAge });
  }

  /** Tells the browser to drop the cookie. */
  clear(res: HttpResponse): void {
    this.http.clearCookie(res, this.settings.name, { path: '/', secure: this.settings.secure });
  }
}
