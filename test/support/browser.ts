import { expect } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type BrowserContextOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); playwright-core downloads no browser. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless, no sandbox (containers run as root), nothing that talks to Google's servers. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Where a failing browser test leaves a screenshot and the HTML of each of its pages. */
export const FAILURE_ARTIFACTS = new URL('../../test-results/browser/', import.meta.url).pathname;

/** Generous: CI machines have 2 cores and the browser shares them with the app and the emulator. */
const ACTION_TIMEOUT = 20_000;

/**
 * Launches Chromium with its own profile in `profile` (a user-data directory): no cookie or cache
 * from another test. Closing the context ends the browser.
 */
export async function launchBrowser(profile: string, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install -y chromium`);
  }
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    viewport: { width: 1000, height: 800 },
    ...options,
  });
  context.setDefaultTimeout(ACTION_TIMEOUT);
  context.setDefaultNavigationTimeout(ACTION_TIMEOUT);
  return context;
}

/** A folder name for the running test: its full name, with anything unsafe replaced. */
function folderFor(testName: string): string {
  return (
    testName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 120) || 'unnamed-test'
  );
}

/** Saves a full-page screenshot and the HTML of every open page of `context`, plus `notes`. */
async function saveArtifacts(context: BrowserContext, folder: string, notes: string): Promise<void> {
  await rm(folder, { recursive: true, force: true });
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'notes.txt'), notes);
  for (const [index, page] of context.pages().entries()) {
    const name = `page-${index + 1}`;
    try {
      await writeFile(join(folder, `${name}.url.txt`), `${page.url()}\n`);
      await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true, timeout: 10_000 });
      await writeFile(join(folder, `${name}.html`), await page.content());
    } catch (error) {
      await writeFile(join(folder, `${name}.error.txt`), String(error));
    }
  }
}

/**
 * Runs a browser test's body in a fresh Chromium with a new, empty profile. If the body fails, a screenshot and the HTML of
 * each page go to `test-results/browser/<test name>/` (with `notes()`, e.g. the app's log) before
 * the failure is rethrown; the browser is closed either way.
 */
export async function inBrowser(
  body: (context: BrowserContext) => Promise<void>,
  { notes = () => '', ...options }: BrowserContextOptions & { notes?: () => string } = {},
): Promise<void> {
  // Named now: a body still running after its test timed out must not write under the next test.
  const folder = join(FAILURE_ARTIFACTS, folderFor(expect.getState().currentTestName ?? ''));
  const profile = await mkdtemp(join(tmpdir(), 'nc-connect-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await launchBrowser(profile, options);
    await body(context);
  } catch (error) {
    if (context) await saveArtifacts(context, folder, `${String(error)}\n\n${notes()}`).catch(() => undefined);
    if (context && error instanceof Error) {
      const message = error.message;
      error.message += `\n\nScreenshots and HTML of the pages: ${folder}`;
      if (error.stack) error.stack = error.stack.replace(message, error.message);
    }
    throw error;
  } finally {
    await context?.close();
    // Chromium may still be flushing its profile for a moment after it closed.
    await rm(profile, { recursive: true, force: true, maxRetries: 10 });
  }
}
