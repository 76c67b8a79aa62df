import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Controller, Get, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { NcConnectGuard, RequireAssurance, type NcConnectModuleOptions } from 'nestjs-nc-connect';
import type { FaultProvider } from './fixtures/fault-provider.js';
import { advanceClock } from './support/clock.js';
import { FakeBrowser, HTML } from './support/login-steps.js';
import { ADAPTERS } from './support/test-app.js';
import { loginThroughFaultProvider, startFaultPair, type Pair } from './support/test-pairs.js';

// A form sent after the login became too old: a POST cannot be replayed after a new login, so the
// browser gets a French page (401) with a link to the step-up login, back to the page of the form.

/** A form page and the action it posts to, which needs a login of less than 5 minutes. */
@Controller('bank-details')
@UseGuards(NcConnectGuard)
@RequireAssurance({ maxAge: 300 })
class BankDetailsController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  form() {
    return '<form method="post"><button>Enregistrer</button></form>';
  }

  @Post()
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  save() {
    return '<p id="saved">ok</p>';
  }
}

const FORM = { ...HTML, 'content-type': 'application/x-www-form-urlencoded' };

describe.each(ADAPTERS)('a form sent after the login became too old, on %s', (adapter) => {
  describe.each([
    ['the library’s page', {}],
    [
      'the app’s errorPage',
      {
        errorPage: (e: { code: string; status: number; loginUrl?: string }) =>
          `<p data-code="${e.code}" data-status="${e.status}"><a href="${e.loginUrl}">Me reconnecter</a></p>`,
      },
    ],
  ] as [string, Partial<NcConnectModuleOptions>][])('with %s', (_page, module) => {
    let pair: Pair<FaultProvider>;

    beforeAll(async () => {
      pair = await startFaultPair({ adapter, module, extras: { controllers: [BankDetailsController] } });
    });
    afterAll(() => pair?.close());
    afterEach(() => {
      jest.useRealTimers();
    });

    /** A browser logged in more than 5 minutes ago. */
    async function staleBrowser(): Promise<FakeBrowser> {
      const browser = new FakeBrowser();
      expect((await loginThroughFaultProvider(browser, pair.app)).status).toBe(302);
      const fresh = await browser.request(`${pair.app.url}/bank-details`, {
        method: 'POST',
        headers: FORM,
        body: 'iban=x',
      });
      expect(fresh.status).toBe(200);
      advanceClock(400_000);
      return browser;
    }

    /** The href of the page's only link to the login route. */
    const loginLink = (html: string) =>
      new URL(/href="([^"]*\/auth\/login[^"]*)"/.exec(html)![1].replaceAll('&#38;', '&'), pair.app.url);

    it('answers 401 with a page whose link steps up and comes back to the page of the form', async () => {
      const browser = await staleBrowser();
      const answer = await browser.request(`${pair.app.url}/bank-details`, {
        method: 'POST',
        headers: { ...FORM, referer: `${pair.app.url}/bank-details?account=2` },
        body: 'iban=x',
      });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('location')).toBeNull();
      const html = await answer.text();
      expect(html).toMatch(
        /data-error-code="NC_CONNECT_STEP_UP_REQUIRED"|data-code="NC_CONNECT_STEP_UP_REQUIRED" data-status="401"/,
      );
      expect(html).not.toContain('id="saved"');
      const link = loginLink(html);
      expect(link.pathname).toBe('/auth/login');
      expect(Object.fromEntries(link.searchParams)).toEqual({
        returnTo: '/bank-details?account=2',
        prompt: 'login',
        max_age: '300',
      });
    });

    it('brings a form sent from another site, or without Referer, back to the home page', async () => {
      const browser = await staleBrowser();
      for (const referer of ['https://elsewhere.example/bank-details', undefined]) {
        const headers = referer ? { ...FORM, referer } : FORM;
        const answer = await browser.request(`${pair.app.url}/bank-details`, {
          method: 'POST',
          headers,
          body: 'iban=x',
        });
        expect(answer.status).toBe(401);
        expect(loginLink(await answer.text()).searchParams.get('returnTo')).toBe('/');
      }
    });

    it("hands errorPage a login link without a quote, whatever the Referer's path holds", async () => {
      const browser = await staleBrowser();
      const answer = await browser.request(`${pair.app.url}/bank-details`, {
        method: 'POST',
        headers: { ...FORM, referer: `${pair.app.url}/o'brien/bank-details` },
        body: 'iban=x',
      });
      const href = /href="([^"]*\/auth\/login[^"]*)"/.exec(await answer.text())![1];
      // An app's page may put loginUrl in a single-quoted attribute: encodeURIComponent keeps ' as is.
      expect(href).not.toMatch(/'|&#39;/);
      expect(loginLink(`href="${href}"`).searchParams.get('returnTo')).toBe("/o'brien/bank-details");
    });

    it('still answers an API client with 401 JSON NC_CONNECT_STEP_UP_REQUIRED', async () => {
      const browser = await staleBrowser();
      const answer = await browser.request(`${pair.app.url}/bank-details`, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(answer.status).toBe(401);
      expect(await answer.json()).toMatchObject({ code: 'NC_CONNECT_STEP_UP_REQUIRED' });
    });
  });
});
