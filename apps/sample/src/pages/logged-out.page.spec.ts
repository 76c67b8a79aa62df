import { describe, expect, it } from '@jest/globals';
import { loggedOutPage } from './logged-out.page.js';

describe('loggedOutPage', () => {
  it('confirms the logout from the service and from NC Connect, and offers to log in again', () => {
    const html = loggedOutPage(undefined, true);
    expect(html).toContain('<h1>Vous êtes déconnecté</h1>');
    expect(html).toContain('déconnecté de ce service et de NC Connect');
    expect(html).toContain('href="/auth/login?returnTo=%2Fprofile">Se reconnecter avec NC Connect</a>');
    expect(html).not.toContain('action="/auth/logout"');
  });

  it('does not claim a logout from NC Connect that did not happen', () => {
    const html = loggedOutPage(undefined, false);
    expect(html).toContain('<h1>Vous êtes déconnecté</h1>');
    expect(html).toContain('Vous avez été déconnecté de ce service.</p>');
    expect(html).toContain('Votre session NC Connect est peut-être encore ouverte');
    expect(html).not.toContain('et de NC Connect');
  });

  it('does not claim a logout to a user who is still logged in', () => {
    const html = loggedOutPage({ sub: 's', givenName: 'Jean <Pierre>', familyName: 'Dupont', claims: {} }, true);
    expect(html).toContain('<h1>Vous êtes toujours connecté</h1>');
    expect(html).toContain('Jean &#60;Pierre&#62; Dupont');
    expect(html).toContain('<form class="actions" method="post" action="/auth/logout">');
    expect(html).not.toContain('Vous êtes déconnecté');
  });
});
