import type { Grant, KoaContextWithOIDC } from 'oidc-provider';

/**
 * oidc-provider `loadExistingGrant`: NC Connect shows no consent screen, so once the user is
 * logged in every requested scope (and claim) is granted to the service on the spot, and the
 * consent prompt never fires.
 */
export async function grantRequestedScopes(ctx: KoaContextWithOIDC): Promise<Grant | undefined> {
  const { oidc } = ctx;
  const client = oidc.client;
  const accountId = oidc.session?.accountId;
  if (!client || !accountId) return undefined;

  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  // After `prompt=login` as another persona the session still points at the previous one's grant.
  const grant =
    existing?.accountId === accountId ? existing : new oidc.provider.Grant({ accountId, clientId: client.clientId });

  const scopes = [...oidc.requestParamOIDCScopes].join(' ');
  if (scopes) grant.addOIDCScope(scopes);
  // V3 (resource indicators on): the access token is for the realm's default resource.
  const resource = oidc.params?.resource;
  if (scopes && typeof resource === 'string') grant.addResourceScope(resource, scopes);
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}
