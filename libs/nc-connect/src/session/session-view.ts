import type { NcConnectSession, NcConnectSessionRecord } from './nc-connect-session.js';

/** What an app sees of a session: never its tokens. */
export function view({
  user,
  sub,
  sid,
  authenticatedAt,
  lastActiveAt,
  assurance,
}: NcConnectSessionRecord): NcConnectSession {
  return Object.freeze({
    user,
    sub,
    ...(sid ? { sid } : {}),
    authenticatedAt,
    lastActiveAt,
    ...(assurance && { assurance }),
  });
}
