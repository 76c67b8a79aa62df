import { describe, expect, it } from '@jest/globals';
import { loggedOutPage } from './logged-out.page.js';

describe('loggedOutPage', () => {
  it('confirms the logout and offers to log in again', () => {
    const html = loggedOutPage();
    expect(html).toContain('<h1>Vous êtes déconnecté</h1>');
    expect(html).toContain('href="/auth/login?returnTo=%2Fprofile">Se reconnecter avec NC Connect</a>');
    expect(html).not.toContain('action="/auth/logout"');
  });

  it('does not claim a logout to a user who is still logged in', () => {
    const html = loggedOutPage({ sub: 's', givenName: 'Jean <Pierre>', familyName: 'Dupont', claims: {} });
    expect(html).toContain('<h1>Vous êtes toujours connecté</h1>');
    expect(html).toContain('Jean &#60;Pierre&#62; Dupont');
    expect(html).toContain('<form class="actions" method="post" action="/auth/logout">');
    expect(html).not.toContain('Vous êtes déconnecté');
  });
});
