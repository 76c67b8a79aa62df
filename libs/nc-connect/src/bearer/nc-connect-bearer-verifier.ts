import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { LRUCache } from 'lru-cache';
import type { NcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectError, NcConnectErrorCode as Code } from '../errors/nc-connect-error.js';
import { NC_CONNECT_CONFIG } from '../nc-connect.constants.js';
import { NcConnectClient } from '../provider/nc-connect-client.js';
import { normalizeUser } from '../user/normalize-user.js';
import { assuranceOf, type NcConnectAssurance } from '../assurance/nc-connect-assurance.js';
import { outcomeOf } from '../audit/login-events.js';
import { NcConnectTelemetry } from '../telemetry/nc-connect-telemetry.js';
import { Attr, SpanName } from '../telemetry/telemetry-names.js';

/** JWS compact serialisation: three base64url parts (the last empty when unsigned, which is refused). Anything else is an opaque token. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Longer tokens are refused unread; NC Connect's are a few kilobytes at most. */
const MAX_TOKEN_LENGTH = 16_384;
/** Most verified tokens remembered at once; the least recently used goes first. */
const CACHE_SIZE = 1000;

/** What checking a token yields, before the user is built. */
interface TokenCheck {
  claims: Record<string, unknown>;
  userinfo?: Record<string, unknown>;
  expiresAt?: number;
}

interface Verified {
  /** What `@CurrentUser()` injects. */
  user: unknown;
  /** The token's `verified`, `acr` and `auth_time`, for `@RequireAssurance()`. */
  assurance: NcConnectAssurance;
  /** The token's user at NC Connect, for the audit events. */
  sub: string;
  /** Epoch milliseconds after which the token must not be used, when known. */
  expiresAt?: number;
}

/**
 * Checks NC Connect access tokens presented by API clients and returns their user, the way the
 * session's user is built: JWT access tokens (V3) are verified locally against the provider's JWKS
 * (see `NcConnectClient.verifyAccessToken`); opaque tokens are checked by token introspection when
 * NC Connect offers it (issued to one of `bearer.audiences`), else — only with
 * `bearer.opaqueTokens: 'userinfo'` — by calling NC Connect's userinfo with them. The user is normalised with `normalizeUser` and passed through `validateUser`.
 *
 * A verified token is remembered for `bearer.cacheTtl` seconds (default 60), never past the token's
 * `exp`, in a bounded cache keyed by the token's SHA-256; concurrent requests with the same token
 * share one check. A JWT cannot be revoked before its `exp` (there is no introspection); an opaque
 * token revoked at NC Connect is refused once its cache entry is gone.
 */
@Injectable()
export class NcConnectBearerVerifier {
  private readonly cache?: LRUCache<string, Verified>;
  private readonly inFlight = new Map<string, Promise<Verified>>();

  constructor(
    @Inject(NC_CONNECT_CONFIG) private readonly config: NcConnectConfig,
    private readonly client: NcConnectClient,
    private readonly telemetry: NcConnectTelemetry,
  ) {
    if (config.bearer.cacheTtl > 0) this.cache = new LRUCache({ max: CACHE_SIZE });
  }

  /**
   * The user `accessToken` belongs to, as `@CurrentUser()` injects it.
   * @throws NcConnectError `NC_CONNECT_BEARER_TOKEN_INVALID` (401) for a refused token, whose message
   * is safe to send as the `error_description`; `NC_CONNECT_USER_REFUSED` (403) when `validateUser`
   * refuses the user; 502/503 when NC Connect cannot be asked
   */
  async verify(accessToken: string): Promise<unknown> {
    return (await this.verifyWithAssurance(accessToken)).user;
  }

  /**
   * {@link verify}, with the token's assurance (`verified`, `acr`, `auth_time`) and `sub`. Each check
   * is a span `nc_connect.bearer_check` and a count of `nc_connect.bearer.checks` by outcome.
   */
  async verifyWithAssurance(
    accessToken: string,
  ): Promise<{ user: unknown; assurance: NcConnectAssurance; sub?: string }> {
    return this.telemetry
      .inSpan(SpanName.BEARER_CHECK, (span) => this.lookUp(accessToken, span))
      .then(
        (verified) => {
          this.telemetry.bearerChecked('ok');
          return verified;
        },
        (err: unknown) => {
          this.telemetry.bearerChecked(outcomeOf(err));
          throw err;
        },
      );
  }

  /** The token's check, remembered or shared with a concurrent one when possible. */
  private async lookUp(accessToken: string, span: Span): Promise<Verified> {
    if (accessToken.length > MAX_TOKEN_LENGTH) throw invalid('The access token is invalid.');
    const key = createHash('sha256').update(accessToken).digest('base64url');
    const cached = this.cache?.get(key);
    span.setAttribute(Attr.CACHE_HIT, cached !== undefined);
    if (cached) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = this.check(accessToken)
        .then((verified) => this.remember(key, verified))
        .finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async check(accessToken: string): Promise<Verified> {
    let verified: TokenCheck;
    if (JWT_SHAPE.test(accessToken)) {
      const claims = await this.client.verifyAccessToken(accessToken, this.config.bearer.audiences);
      verified = { claims, expiresAt: (claims.exp as number) * 1000 };
    } else {
      verified = await this.checkOpaque(accessToken);
    }
    const user = normalizeUser(verified.claims, verified.userinfo);
    const assurance = assuranceOf(user);
    const { sub } = user;
    if (!this.config.validateUser) return { user, assurance, sub, expiresAt: verified.expiresAt };
    const mapped = await this.config.validateUser(user);
    if (mapped === null || mapped === undefined || mapped === false) {
      throw new NcConnectError(Code.USER_REFUSED, 'This NC Connect account may not use this service.');
    }
    return { user: mapped, assurance, sub, expiresAt: verified.expiresAt };
  }

  /**
   * An opaque token: by introspection when NC Connect offers it (bound to `bearer.audiences`), the
   * user's claims read from userinfo when the introspection response has none; otherwise by userinfo
   * alone, only when the app opted in with `bearer.opaqueTokens: 'userinfo'`.
   */
  private async checkOpaque(accessToken: string): Promise<TokenCheck> {
    const introspected = await this.client.introspect(accessToken, this.config.bearer.audiences);
    if (!introspected && this.config.bearer.opaqueTokens !== 'userinfo') {
      throw invalid(
        "Opaque access tokens are refused: NC Connect offers no token introspection and bearer.opaqueTokens is not 'userinfo'.",
      );
    }
    const { claims, hasIdentityClaims } = introspected ?? { claims: undefined, hasIdentityClaims: false };
    const exp = claims?.exp;
    const expiresAt = typeof exp === 'number' ? exp * 1000 : undefined;
    if (claims && hasIdentityClaims) return { claims, expiresAt };
    const userinfo = await this.client.userinfoForAccessToken(accessToken);
    if (!userinfo) throw invalid('The access token is invalid, expired or revoked.');
    if (claims && userinfo.sub !== claims.sub) {
      throw invalid('The access token is invalid.', 'userinfo "sub" differs from the introspection response\'s');
    }
    return { claims: claims ?? { sub: userinfo.sub }, userinfo, expiresAt };
  }

  /** Caches `verified` for `bearer.cacheTtl`, or until the token expires if that is sooner. */
  private remember(key: string, verified: Verified): Verified {
    if (!this.cache) return verified;
    const ttl = Math.min(
      this.config.bearer.cacheTtl * 1000,
      verified.expiresAt === undefined ? Infinity : verified.expiresAt - Date.now(),
    );
    if (ttl >= 1) this.cache.set(key, verified, { ttl: Math.floor(ttl) });
    return verified;
  }
}

function invalid(message: string, detail = message): NcConnectError {
  return new NcConnectError(Code.BEARER_TOKEN_INVALID, message, { cause: new Error(detail) });
}
