import { describe, expect, it } from '@jest/globals';
import type { HttpAdapterHost } from '@nestjs/core';
import { createNcConnectConfig } from '../config/nc-connect-config.js';
import { NcConnectHttp, type HttpRequest } from '../http/nc-connect-http.js';
import type { NcConnectClient } from '../provider/nc-connect-client.js';
import type { NcConnectAssurancePolicy } from '../assurance/assurance-policy.js';
import { NcConnectLoginFlow } from './login-flow.js';
import { MemoryLoginTransactionStore } from './memory-login-transaction.store.js';

/** An HTTP adapter that knows only request URLs: all `isCallback` reads. */
const adapterHost = { httpAdapter: { getRequestUrl: (req: { url: string }) => req.url } } as unknown as HttpAdapterHost;

const flow = new NcConnectLoginFlow(
  createNcConnectConfig(
    {
      issuer: 'https://connect.gouv.nc/v3/realms/nc-connect',
      clientId: 'my-service',
      clientSecret: 's3cret',
      redirectUri: 'https://service.gouv.nc/connexion/retour',
      session: { secret: 'x'.repeat(32) },
    },
    {},
  ),
  new MemoryLoginTransactionStore(),
  {} as NcConnectClient, // never called by isCallback
  new NcConnectHttp(adapterHost),
  {} as NcConnectAssurancePolicy, // never called by isCallback
);

const request = (url: string) => ({ url, headers: {} }) as HttpRequest;

describe('NcConnectLoginFlow.isCallback: which half of the login a request asks for', () => {
  it.each([
    '/connexion',
    '/connexion?returnTo=%2Fmoi&prompt=login',
    '/connexion?state=abc', // a state alone is no answer
    '/auth/login',
    '/connexion/retour/autre',
  ])('starts a login for %s', (url) => {
    expect(flow.isCallback(request(url))).toBe(false);
  });

  it.each([
    '/connexion/retour?code=abc&state=xyz',
    '/connexion/retour?error=access_denied&state=xyz',
    '/connexion/retour?iss=https%3A%2F%2Fconnect.gouv.nc',
    '/auth/login?code=abc', // an answer wherever it arrives, as with openid-client's strategy
    '/connexion/retour', // the redirect URI never starts a login
    '/connexion/retour?returnTo=%2F',
  ])('finishes a login for %s', (url) => {
    expect(flow.isCallback(request(url))).toBe(true);
  });
});
