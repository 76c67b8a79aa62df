import { Controller, Get, UseGuards } from '@nestjs/common';
import { NcConnectGuard } from 'nestjs-nc-connect';
import type { FakeBrowser } from './fake-browser.js';
import { confirmLogoutAtEmulator } from './login-steps.js';

const JSON_ACCEPT = { accept: 'application/json' };

/** The next request to `GET /slow`, once held: `inside` resolves when it is in the handler. */
let next: { arrive(): void; released: Promise<void> } | undefined;

/** A guarded route that stays in its handler (past the guard) until the test releases it. */
@Controller()
export class HeldController {
  @Get('slow')
  @UseGuards(NcConnectGuard)
  async slow() {
    const hold = next;
    next = undefined;
    let timer: NodeJS.Timeout | undefined;
    // Never longer than 10 s (1.5 s when no test holds it), so that a failing test cannot hang.
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, hold ? 10_000 : 1500)));
    hold?.arrive();
    await Promise.race([hold?.released ?? timeout, timeout]);
    clearTimeout(timer);
    return { slow: true };
  }
}

/**
 * Sends `GET <appUrl>/slow` from `browser`, runs `meanwhile` once the request is inside its handler
 * (it passed the guard with the session), then lets the request finish; returns its answer.
 */
export async function whileHeld(
  browser: FakeBrowser,
  appUrl: string,
  meanwhile: () => Promise<void>,
): Promise<Response> {
  let arrive!: () => void;
  let release!: () => void;
  const inside = new Promise<void>((resolve) => (arrive = resolve));
  next = { arrive, released: new Promise<void>((resolve) => (release = resolve)) };
  const response = browser.request(`${appUrl}/slow`, { headers: JSON_ACCEPT });
  const early = response.then((r) => {
    throw new Error(`/slow answered ${r.status} without reaching its handler`);
  });
  try {
    await Promise.race([inside, early]);
    await meanwhile();
  } finally {
    release();
  }
  return response;
}

/** The `Set-Cookie` line of `response` that sets the cookie `name` to a value (not one that clears it). */
export function resentCookie(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((line) => {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    if (!pair.startsWith(`${name}=`) || pair === `${name}=`) return false;
    const expires = attributes.find((a) => /^expires=/i.test(a))?.slice('expires='.length);
    const maxAge = attributes.find((a) => /^max-age=/i.test(a))?.slice('max-age='.length);
    return !((maxAge !== undefined && Number(maxAge) <= 0) || (expires && Date.parse(expires) <= Date.now()));
  });
}

/** The citizen logs out on NC Connect's own site: the emulator sends the app a back-channel logout. */
export async function logOutAtEmulator(browser: FakeBrowser, issuer: string): Promise<void> {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    end_session_endpoint: string;
  };
  await confirmLogoutAtEmulator(browser, discovery.end_session_endpoint);
}

/** The status of `GET <url>` (JSON) for `browser`. */
export async function statusOf(browser: FakeBrowser, url: string): Promise<number> {
  const response = await browser.request(url, { headers: JSON_ACCEPT });
  await response.arrayBuffer();
  return response.status;
}
