import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { inBrowser } from '../support/browser.js';
import { startSampleWithEmulator, type SampleWithEmulator } from './sample-with-emulator.js';

const JEAN = { login: 'jean.dupont', password: 'nc-connect' };

// A browser, the app and the emulator share 2 cores on CI: room enough, and no timing is asserted.
jest.setTimeout(90_000);

describe('the sample app and the emulator in Chromium', () => {
  let sample: SampleWithEmulator;
  let app: string;
  let emulatorOrigin: string;

  beforeAll(async () => {
    sample = await startSampleWithEmulator();
    app = sample.appUrl;
    emulatorOrigin = new URL(sample.emulator.issuer).origin;
  }, 60_000);
  afterAll(() => sample?.close());

  /** A test body in a fresh browser; on failure the app's log is saved with the screenshots. */
  function browse(body: (context: BrowserContext) => Promise<void>, options: { javaScriptEnabled?: boolean } = {}) {
    return inBrowser(body, { ...options, notes: () => sample.logs.lines.join('\n') });
  }

  /** The tab a fresh browser opens with. */
  async function firstTab(context: BrowserContext): Promise<Page> {
    return context.pages()[0] ?? (await context.newPage());
  }

  async function atEmulatorLoginPage(page: Page): Promise<void> {
    await page.waitForURL((url) => url.origin === emulatorOrigin);
    await page.getByLabel('Identifiant', { exact: true }).waitFor();
  }

  async function signIn(page: Page, credentials = JEAN): Promise<void> {
    await page.getByLabel('Identifiant', { exact: true }).fill(credentials.login);
    await page.getByLabel('Mot de passe', { exact: true }).fill(credentials.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  }

  async function fromHomeToEmulator(page: Page): Promise<void> {
    await page.goto(`${app}/`);
    await page.getByRole('link', { name: 'Se connecter avec NC Connect' }).click();
    await atEmulatorLoginPage(page);
  }

  /** Waits for the profile page and checks it shows Jean Dupont's identity. */
  async function showsJeanDupont(page: Page): Promise<void> {
    await page.waitForURL(`${app}/profile`);
    await page.getByRole('heading', { name: 'Mon profil' }).waitFor();
    const field = (name: string) => page.locator(`td[data-field="${name}"]`).textContent();
    expect(await field('login')).toBe('jean.dupont');
    expect(await field('email')).toBe('jean.dupont@example.nc');
    expect(await field('givenName')).toBe('Jean Pierre');
    expect(await field('familyName')).toBe('Dupont');
    expect(await field('verified')).toBe('identité vérifiée numériquement (2)');
  }

  /** What the app's guarded JSON answers to this browser's cookies. */
  async function apiProfileStatus(context: BrowserContext): Promise<number> {
    return (await context.request.get(`${app}/api/profile`, { headers: { accept: 'application/json' } })).status();
  }

  /** Presses Tab until `target` has the keyboard focus; fails if it is not reachable. */
  async function tabTo(page: Page, target: Locator): Promise<void> {
    for (let presses = 0; presses < 15; presses++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((element) => element === document.activeElement)) return;
    }
    throw new Error(`could not reach ${target} with the Tab key`);
  }

  it('logs in from the home page button, shows the profile, logs out to the logged-out page', () =>
    browse(async (context) => {
      const page = await firstTab(context);
      await fromHomeToEmulator(page);
      await page.getByText('plateforme V3').waitFor();
      await page.getByRole('cell', { name: 'jean.dupont' }).waitFor();

      await signIn(page);
      await showsJeanDupont(page);
      expect(await apiProfileStatus(context)).toBe(200);

      // The emulator's logout confirmation submits itself (JavaScript), then comes back here.
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.waitForURL((url) => url.origin === new URL(app).origin && url.pathname === '/logged-out');
      await page.getByRole('heading', { name: 'Vous êtes déconnecté' }).waitFor();
      expect(await apiProfileStatus(context)).toBe(401);

      // Logged out at NC Connect too: /profile asks for the password again and shows nobody.
      await page.goto(`${app}/profile`);
      await atEmulatorLoginPage(page);
      expect(await page.locator('td[data-field]').count()).toBe(0);
    }));

  it('comes back to a deep link to /profile after logging in', () =>
    browse(async (context) => {
      const page = await firstTab(context);
      await page.goto(`${app}/profile`);
      await atEmulatorLoginPage(page);
      await signIn(page);
      await showsJeanDupont(page);
    }));

  it('lands on the error page with the cancelled-login message after "Annuler", and "Réessayer" starts again', () =>
    browse(async (context) => {
      const page = await firstTab(context);
      await fromHomeToEmulator(page);
      await page.getByRole('button', { name: 'Annuler' }).click();

      const error = page.locator('[data-error-code="NC_CONNECT_ACCESS_DENIED"]');
      await error.waitFor();
      expect(new URL(page.url()).pathname).toBe('/auth/callback');
      expect(await error.textContent()).toMatch(/Vous avez annulé la connexion/);
      expect(await apiProfileStatus(context)).toBe(401);

      await page.getByRole('link', { name: 'Réessayer' }).click();
      await atEmulatorLoginPage(page);
    }));

  it('stays on the emulator with an error after a wrong password, then accepts the right one', () =>
    browse(async (context) => {
      const page = await firstTab(context);
      await fromHomeToEmulator(page);
      await signIn(page, { login: 'jean.dupont', password: 'not-the-password' });

      await page.getByRole('alert').getByText('Identifiant ou mot de passe incorrect.').waitFor();
      expect(new URL(page.url()).origin).toBe(emulatorOrigin);
      expect(await page.getByLabel('Identifiant', { exact: true }).inputValue()).toBe('jean.dupont');
      expect(await apiProfileStatus(context)).toBe(401);

      await signIn(page);
      await showsJeanDupont(page);
    }));

  it('logs in from two tabs at the same time', () =>
    browse(async (context) => {
      const tabs = [await firstTab(context), await context.newPage()];
      // Both logins are started (two pending logins, two login pages) before either finishes.
      await Promise.all(tabs.map(fromHomeToEmulator));
      await Promise.all(tabs.map((tab) => signIn(tab)));
      await Promise.all(tabs.map(showsJeanDupont));
      expect(await apiProfileStatus(context)).toBe(200);
    }));

  it('works with the keyboard alone and without JavaScript, logout included', () =>
    browse(
      async (context) => {
        const page = await firstTab(context);
        await page.goto(`${app}/`);
        await tabTo(page, page.getByRole('link', { name: 'Se connecter avec NC Connect' }));
        await page.keyboard.press('Enter');
        await atEmulatorLoginPage(page);

        // The login field has the focus on arrival; Enter submits the form.
        await page.keyboard.type(JEAN.login);
        await page.keyboard.press('Tab');
        await page.keyboard.type(JEAN.password);
        await page.keyboard.press('Enter');
        await showsJeanDupont(page);

        await tabTo(page, page.getByRole('button', { name: 'Se déconnecter' }));
        await page.keyboard.press('Enter');
        // Without JavaScript the emulator's confirmation waits for its button.
        await page.getByRole('heading', { name: 'Se déconnecter de NC Connect ?' }).waitFor();
        await tabTo(page, page.getByRole('button', { name: 'Se déconnecter' }));
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Vous êtes déconnecté' }).waitFor();
        expect(await apiProfileStatus(context)).toBe(401);
      },
      { javaScriptEnabled: false },
    ));
});
