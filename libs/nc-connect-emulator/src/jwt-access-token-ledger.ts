import { createPublicKey, type KeyObject } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

import { jwtVerify, type JWK } from 'jose';
import type Provider from 'oidc-provider';

/** What an issued JWT access token was issued for (oidc-provider keeps nothing of JWT access tokens). */
export interface IssuedAccessToken {
  accountId?: string;
  clientId: string;
  grantId?: string;
  sessionUid?: string;
  sid?: string;
  scope: string;
  gty?: string;
  expiresWithSession?: boolean;
}

interface Entry {
  exp: number;
  token: IssuedAccessToken;
  /** The opaque access token oidc-provider's userinfo knows this JWT by, once minted. */
  opaque?: string;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/**
 * The V3 JWT access tokens issued, by `jti`, until they expire, so that the userinfo endpoint
 * accepts them as Keycloak's does. oidc-provider's userinfo only knows opaque tokens without an
 * audience: a verified JWT is swapped for an opaque token of the same account, client, grant and
 * scope (minted once per JWT) before oidc-provider answers.
 */
export class JwtAccessTokenLedger {
  private readonly entries = new Map<string, Entry>();
  private readonly publicKey: KeyObject;

  constructor(
    private readonly issuer: string,
    signingKeys: { keys: JWK[] },
  ) {
    const { kty, n, e } = signingKeys.keys[0];
    this.publicKey = createPublicKey({ key: { kty, n, e } as never, format: 'jwk' });
  }

  /** Remembers the JWT access token `jti`, issued for `token`, until `exp` (epoch seconds). */
  record(jti: string, exp: number, token: IssuedAccessToken): void {
    const now = Date.now() / 1000;
    for (const [key, entry] of this.entries) if (entry.exp <= now) this.entries.delete(key);
    this.entries.set(jti, { exp, token });
  }

  /**
   * When `req` presents one of the ledger's JWTs (Bearer header), verified (signature, issuer,
   * expiry), replaces it with its opaque twin; anything else is left for oidc-provider to refuse.
   */
  async swapForUserinfo(req: IncomingMessage, provider: Provider): Promise<void> {
    const match = /^Bearer +(\S+)$/i.exec(req.headers.authorization ?? '');
    if (!match || !JWT_SHAPE.test(match[1])) return;
    let jti: unknown;
    try {
      ({
        payload: { jti },
      } = await jwtVerify(match[1], this.publicKey, {
        issuer: this.issuer,
        algorithms: ['RS256'],
        typ: 'JWT',
      }));
    } catch {
      return;
    }
    const entry = typeof jti === 'string' ? this.entries.get(jti) : undefined;
    if (!entry) return;
    entry.opaque ??= await this.mint(entry, provider);
    if (entry.opaque) req.headers.authorization = `Bearer ${entry.opaque}`;
  }

  private async mint({ token, exp }: Entry, provider: Provider): Promise<string | undefined> {
    const client = await provider.Client.find(token.clientId);
    const { clientId: _clientId, accountId, grantId, gty = 'authorization_code', ...fields } = token;
    if (!client || !accountId || !grantId) return undefined;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const opaque = new provider.AccessToken({ ...defined, accountId, grantId, gty, client });
    opaque.exp = exp;
    return opaque.save();
  }
}
