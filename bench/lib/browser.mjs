/* global fetch, Headers */
// Logging in over HTTP as a browser without JavaScript would: follows the app's redirect to the
// emulator, signs in on its form, and comes back through the app's callback.

import { URLSearchParams } from 'node:url';

const HTML = { accept: 'text/html,application/xhtml+xml' };

/** A cookie jar per origin (host and port), fetch with redirects not followed. */
export class Browser {
  #cookies = new Map();

  /** The Cookie header this browser sends to `url`. */
  cookieHeader(url) {
    const { host, pathname } = new URL(url);
    return [...this.#cookies.values()]
      .filter((c) => c.host === host && (pathname === c.path || pathname.startsWith(c.path.replace(/\/?$/, '/'))))
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  async request(url, init = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    const { host } = new URL(url);
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';').map((part) => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const path = attributes.find((a) => /^path=/i.test(a))?.slice(5) || '/';
      const gone =
        value === '' || attributes.some((a) => /^max-age=0$/i.test(a) || /^expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) this.#cookies.delete(`${host}|${name}|${path}`);
      else this.#cookies.set(`${host}|${name}|${path}`, { host, name, value, path });
    }
    return response;
  }

  /** GETs `url` and follows redirects until an answer that is not one, or one to `stopAt…`. */
  async follow(url, stopAt) {
    let current = url;
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.request(current, { headers: HTML });
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { response, url: current };
      await response.arrayBuffer();
      current = new URL(location, current).href;
      if (stopAt && current.startsWith(stopAt)) return { response, url: current };
    }
    throw new Error(`too many redirects from ${url}`);
  }
}

/**
 * Logs in at `appUrl` (its login route is /auth/login, its callback under /auth) through the
 * emulator as `login`; returns the browser, holding the app's session cookie.
 */
export async function logIn(appUrl, { login = 'jean.dupont', password = 'nc-connect' } = {}) {
  const browser = new Browser();
  const callback = `${appUrl}/auth/callback`;
  const { response, url } = await browser.follow(`${appUrl}/auth/login`, callback);
  let at = url;
  if (!at.startsWith(callback)) {
    const html = await response.text();
    const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1]?.replace(/&amp;/g, '&');
    if (!action) throw new Error(`no login form at ${url} (HTTP ${response.status})`);
    const formUrl = new URL(action, url).href;
    const submitted = await browser.request(formUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ login, password }).toString(),
    });
    const location = submitted.headers.get('location');
    if (!location) throw new Error(`the login form answered ${submitted.status}`);
    const next = new URL(location, formUrl).href;
    at = next.startsWith(callback) ? next : (await browser.follow(next, callback)).url;
  }
  if (!at.startsWith(callback)) throw new Error(`the login ended at ${at}, not at the app's callback`);
  const answer = await browser.request(at, { headers: HTML });
  await answer.arrayBuffer();
  if (answer.status !== 302) throw new Error(`the callback of ${appUrl} answered ${answer.status}`);
  return browser;
}
