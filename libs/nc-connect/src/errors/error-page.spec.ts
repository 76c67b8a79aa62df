import { describe, expect, it } from '@jest/globals';

import { renderErrorPage } from './error-page.js';
import { NcConnectErrorCode } from './nc-connect-error.js';

describe('the default error page', () => {
  it('invites a visitor who is simply not logged in to log in, without speaking of a failure', () => {
    const html = renderErrorPage('NC_CONNECT_LOGIN_REQUIRED', 401, '/auth/login');
    expect(html).toContain('<title>Connexion nécessaire</title>');
    expect(html).toContain('<h1>Connexion nécessaire</h1>');
    expect(html).toContain('<a href="/auth/login">Se connecter</a>');
    expect(html).not.toMatch(/échou|impossible|Réessayer/);
  });

  it('offers to try again after a failed login', () => {
    const html = renderErrorPage('NC_CONNECT_ACCESS_DENIED', 401, '/auth/login');
    expect(html).toContain('<h1>Connexion annulée</h1>');
    expect(html).toContain('<a href="/auth/login">Réessayer</a>');
    expect(html).toContain('Code : NC_CONNECT_ACCESS_DENIED (HTTP 401)');
  });

  it('has a title of its own for every code, and no link without a login route', () => {
    const titles = Object.values(NcConnectErrorCode).map((code) => {
      const html = renderErrorPage(code, 400, undefined);
      expect(html).not.toContain('<a ');
      return /<h1>(.*)<\/h1>/.exec(html)?.[1];
    });
    expect(titles.every(Boolean)).toBe(true);
    // Codes share a title only when they mean the same thing to a citizen (a service to reconfigure).
    expect(new Set(titles).size).toBeGreaterThanOrEqual(titles.length - 2);
  });
});
