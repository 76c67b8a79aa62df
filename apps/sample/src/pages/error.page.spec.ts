import { describe, expect, it } from '@jest/globals';
import { NcConnectErrorCode } from 'nestjs-nc-connect';
import { renderErrorPage } from './error.page.js';

const FALLBACK_TEXT = 'La connexion avec NC Connect a échoué.';

describe('renderErrorPage', () => {
  it('explains the cancelled login in French, with the code and a "Réessayer" link to the login route', () => {
    const html = renderErrorPage({ code: 'NC_CONNECT_ACCESS_DENIED', status: 401, message: 'The user cancelled.' });
    expect(html).toContain('<html lang="fr-NC">');
    expect(html).toContain('<div data-error-code="NC_CONNECT_ACCESS_DENIED">');
    expect(html).toContain('<h1>Connexion annulée</h1>');
    expect(html).toContain('Vous avez annulé la connexion sur NC Connect');
    expect(html).toContain('<a class="button" href="/auth/login">Réessayer</a>');
    expect(html).toContain('<code>NC_CONNECT_ACCESS_DENIED</code> (HTTP 401)');
    expect(html).not.toContain('The user cancelled.');
  });

  it.each(Object.values(NcConnectErrorCode))('has its own explanation for %s', (code) => {
    const html = renderErrorPage({ code, status: 400, message: '' });
    expect(html).not.toContain(FALLBACK_TEXT);
    expect(html).toContain(code === 'NC_CONNECT_LOGIN_REQUIRED' ? 'Se connecter</a>' : 'Réessayer</a>');
  });

  it('invites a visitor who is simply not logged in to log in, without speaking of a failure', () => {
    const html = renderErrorPage({ code: 'NC_CONNECT_LOGIN_REQUIRED', status: 401, message: '' });
    expect(html).toContain('<h1>Connexion nécessaire</h1>');
    expect(html).toContain('<a class="button" href="/auth/login">Se connecter</a>');
    expect(html).not.toMatch(/échou|Réessayer/);
  });

  it('falls back to a general explanation for an unknown code, escaped', () => {
    const html = renderErrorPage({ code: '<x>"', status: 500, message: '' });
    expect(html).toContain(FALLBACK_TEXT);
    expect(html).toContain('data-error-code="&#60;x&#62;&#34;"');
    expect(html).not.toContain('<x>');
  });

  it('does not take an inherited property name for a code', () => {
    expect(renderErrorPage({ code: 'toString', status: 500, message: '' })).toContain(FALLBACK_TEXT);
  });
});
