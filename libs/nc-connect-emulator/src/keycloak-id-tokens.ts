import type Provider from 'oidc-provider';

interface IdTokenLike {
  extra: Record<string, unknown>;
  set(key: string, value: unknown): void;
}

/**
 * Makes a V3 provider's ID tokens look like Keycloak's: `typ: "ID"`, and the session's `sid`
 * (also as `session_state`, Keycloak's older name for it) in every ID token, not only for clients
 * registered for back-channel logout as oidc-provider does. Userinfo JWTs and logout tokens are
 * left as they are.
 */
export function shapeIdTokensLikeKeycloak(provider: Provider): void {
  // oidc-provider copies the session's sid into codes and refresh tokens when this says so.
  provider.Client.prototype.includeSid = () => true;
  const idTokenClass = provider.IdToken as unknown as { prototype: { issue(options?: { use?: string }): unknown } };
  const issue = idTokenClass.prototype.issue;
  idTokenClass.prototype.issue = function (this: IdTokenLike, options?: { use?: string }) {
    if (options?.use === 'idtoken') {
      this.set('typ', 'ID');
      if (typeof this.extra.sid === 'string') this.set('session_state', this.extra.sid);
    }
    return issue.call(this, options);
  };
}
