import { createHash } from 'node:crypto';
import type { SessionKeys, SessionOwner } from './session-store.js';

/**
 * The back-channel index keys of a session or a lookup, the most precise (`sid`) first. They name
 * the owner (instance and issuer), so that two instances sharing a store never find, end or count
 * each other's sessions.
 */
export function indexKeys(owner: SessionOwner, { sid, sub }: SessionKeys): string[] {
  const issuer = createHash('sha256').update(owner.issuer).digest('base64url').slice(0, 16);
  const scope = `${owner.instance}:${issuer}`;
  return [...(sid ? [`${scope}:sid:${sid}`] : []), ...(sub ? [`${scope}:sub:${sub}`] : [])];
}
