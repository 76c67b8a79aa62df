import { describe, expect, it } from '@jest/globals';

import { renderLoginPage } from './login-page.js';
import { DEMO_PERSONAS } from './index.js';

const model = {
  action: '/v2/login/abc',
  flavorLabel: 'plateforme V2',
  clientName: 'Mairie <de> "Nouméa"',
  clientId: 'mairie',
  personas: DEMO_PERSONAS,
};

describe('renderLoginPage', () => {
  it('has labelled login and password fields, both buttons and the cancel form', () => {
    const html = renderLoginPage(model);
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(/<label for="login">Identifiant<\/label>\s*<input type="text" id="login" name="login"/);
    expect(html).toMatch(
      /<label for="password">Mot de passe<\/label>\s*<input type="password" id="password" name="password"/,
    );
    expect(html).toContain('>Se connecter</button>');
    expect(html).toContain('form="cancel">Annuler</button>');
    expect(html).toContain('<form id="cancel" method="post" action="/v2/login/abc/abort">');
  });

  it('lists the personas with their verification level and the shared password', () => {
    const html = renderLoginPage(model);
    expect(html).toContain(
      '<td><code>jean.dupont</code></td><td>Jean Dupont</td><td>2 — identité vérifiée numériquement</td>',
    );
    expect(html).toContain('0 — identité non vérifiée');
    expect(html).toContain('Le mot de passe de chaque identité de démonstration est <code>nc-connect</code>.');
  });

  it('escapes the client name, the kept login and the error', () => {
    const html = renderLoginPage({ ...model, login: '"><script>x</script>', error: '<b>non</b>' });
    expect(html).toContain('Mairie &lt;de&gt; &quot;Nouméa&quot; (<code>mairie</code>)');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
    expect(html).toContain('role="alert">&lt;b&gt;non&lt;/b&gt;</p>');
    expect(html).not.toContain('<script>');
  });

  it('marks both fields invalid and tied to the error after a failed attempt', () => {
    const clean = renderLoginPage(model);
    expect(clean).not.toContain('aria-invalid');
    const html = renderLoginPage({ ...model, login: 'jean.dupont', error: 'Identifiant ou mot de passe incorrect.' });
    expect(html).toContain('<p class="error" id="login-error" role="alert">Identifiant ou mot de passe incorrect.</p>');
    expect(html.match(/aria-invalid="true" aria-describedby="login-error"/g)).toHaveLength(2);
  });

  it('does not claim a shared password when personas have their own', () => {
    const html = renderLoginPage({ ...model, personas: [{ ...DEMO_PERSONAS[0], password: 'other' }] });
    expect(html).not.toContain('nc-connect</code>.');
  });
});
