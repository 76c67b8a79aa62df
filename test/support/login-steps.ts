import { FakeBrowser, formAction } from './fake-browser.js';

export { FakeBrowser };

/** Headers of a browser navigating to a page. */
export const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

/** The result of driving NC Connect's login page up to the app's callback (not called yet). */
export interface AtCallback {
  /** The callback URL NC Connect sent the browser to. */
  callbackUrl: string;
  /** The authorization URL the app redirected to. */
  authorizationUrl: URL;
}

/**
 * From the app's login URL: follows the app's redirect to the emulator, signs in on the login form
 * and stops at the redirect back to the app's callback.
 */
export async function signInAtEmulator(
  browser: FakeBrowser,
  loginUrl: string,
  appUrl: string,
  credentials: { login: string; password: string } | { cancel: true } = {
    login: 'jean.dupont',
    password: 'nc-connect',
  },
): Promise<AtCallback> {
  const start = await browser.request(loginUrl, { headers: HTML });
  if (start.status !== 302) throw new Error(`login answered ${start.status}: ${await start.text()}`);
  const authorizationUrl = new URL(start.headers.get('location')!);
  const { response, url } = await browser.navigate(authorizationUrl.href, appUrl);
  // Already logged in at NC Connect (single sign-on): straight back to the app.
  if (url.startsWith(appUrl)) return { callbackUrl: url, authorizationUrl };
  const html = await response.text();
  const action = formAction(html);
  if (!action) throw new Error(`no login form at ${url} (HTTP ${response.status})`);
  let formUrl = new URL(action, url).href;
  let submitted: Response;
  if ('cancel' in credentials) {
    // The "Annuler" button submits the emulator's cancel form.
    formUrl = new URL(formAction(html, /\/abort$/)!, url).href;
    submitted = await browser.post(formUrl, {});
  } else {
    submitted = await browser.post(formUrl, credentials);
  }
  const location = submitted.headers.get('location');
  if (!location) throw new Error(`login form answered ${submitted.status}`);
  const next = new URL(location, formUrl).href;
  const callbackUrl = next.startsWith(appUrl) ? next : (await browser.navigate(next, appUrl)).url;
  if (!callbackUrl.startsWith(appUrl)) throw new Error(`ended at ${callbackUrl}, not at the app`);
  return { callbackUrl, authorizationUrl };
}

/** A full login through the app and the emulator; returns the callback's answer. */
export async function logIn(browser: FakeBrowser, appUrl: string, returnTo?: string): Promise<Response> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const { callbackUrl } = await signInAtEmulator(browser, `${appUrl}/auth/login${query}`, appUrl);
  return browser.request(callbackUrl, { headers: HTML });
}

/** GETs a JSON route. */
export async function getJson(
  browser: FakeBrowser,
  url: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await browser.request(url, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The hidden inputs of the form whose action matches `pattern`. */
function hiddenInputs(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(match[0])?.[1];
    const value = /value="([^"]*)"/.exec(match[0])?.[1];
    if (name) fields[name] = value ?? '';
  }
  return fields;
}

/**
 * Follows NC Connect's end-session URL and confirms the logout as the page's button (or its
 * auto-submit script) would; returns where NC Connect finally sends the browser.
 */
export async function confirmLogoutAtEmulator(browser: FakeBrowser, endSessionUrl: string): Promise<string> {
  const { response, url } = await browser.navigate(endSessionUrl);
  const html = await response.text();
  const action = formAction(html);
  if (!action) throw new Error(`no logout form at ${url} (HTTP ${response.status})`);
  const formUrl = new URL(action, url).href;
  const confirmed = await browser.post(formUrl, { ...hiddenInputs(html), logout: 'yes' });
  const location = confirmed.headers.get('location');
  if (!location) throw new Error(`logout form answered ${confirmed.status}`);
  return new URL(location, formUrl).href;
}
