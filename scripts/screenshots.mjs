// `npm run screenshots`: takes the screenshots of docs/sample-app.md from the real, built sample app and a real
// emulator, in Debian's Chromium: home page, the emulator's login page, profile, the error page of
// a cancelled login and the logged-out page. Writes docs/screenshots/*.png (1000 px wide).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildIfNeeded, root } from './build-if-needed.mjs';
import { freePort } from './free-port.mjs';
import { ensureSystemPackages } from './system-deps.mjs';

const OUTPUT = join(root, 'docs/screenshots');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

ensureSystemPackages(['chromium']);
buildIfNeeded({
  output: 'dist/apps/sample/apps/sample/src/main.js',
  sourceDirs: ['apps', 'libs'],
  command: ['npm', 'run', '-s', 'build'],
  message: 'Building the library, the emulator and the sample app (npm run build)…',
});
const built = (path) => import(pathToFileURL(join(root, 'dist/apps/sample', path)).href);
const { demoClientFor, startNcConnectEmulator } = await built('libs/nc-connect-emulator/src/index.js');

// The emulator with the demo client, and the sample app configured by its environment as under
// `npm start` (the environment is read when the app's module loads, hence the late import).
const port = await freePort();
const client = demoClientFor(port);
const emulator = await startNcConnectEmulator({ clients: [client] });
Object.assign(process.env, {
  PORT: String(port),
  NC_CONNECT_ISSUER: emulator.issuer,
  NC_CONNECT_CLIENT_ID: client.clientId,
  NC_CONNECT_CLIENT_SECRET: client.clientSecret,
  SESSION_SECRET: randomBytes(32).toString('base64url'),
});
for (const name of ['NC_CONNECT_REDIRECT_URI', 'NC_CONNECT_POST_LOGOUT_REDIRECT_URI', 'NC_CONNECT_SCOPE'])
  delete process.env[name];
const { bootstrap } = await built('apps/sample/src/bootstrap.js');
const app = await bootstrap(port);
const appUrl = `http://localhost:${port}`;

const profile = mkdtempSync(join(tmpdir(), 'nc-connect-screenshots-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
  locale: 'fr-FR',
  viewport: { width: 1000, height: 560 },
  deviceScaleFactor: 1,
});
browser.setDefaultTimeout(20_000);

const saved = [];
async function shoot(page, name) {
  const path = join(OUTPUT, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  saved.push(path);
}

try {
  mkdirSync(OUTPUT, { recursive: true });
  const page = browser.pages()[0] ?? (await browser.newPage());
  const atEmulator = () => page.waitForURL((url) => url.origin === new URL(emulator.issuer).origin);
  const login = page.getByLabel('Identifiant', { exact: true });

  await page.goto(`${appUrl}/`);
  await shoot(page, 'home');

  await page.getByRole('link', { name: 'Se connecter avec NC Connect' }).click();
  await atEmulator();
  await login.waitFor();
  await shoot(page, 'emulator-login');

  await login.fill('jean.dupont');
  await page.getByLabel('Mot de passe', { exact: true }).fill('nc-connect');
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.waitForURL(`${appUrl}/profile`);
  await shoot(page, 'profile');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL((url) => url.pathname === '/logged-out');
  await page.getByRole('heading', { name: 'Vous êtes déconnecté' }).waitFor();
  await shoot(page, 'logged-out');

  await page.goto(`${appUrl}/`);
  await page.getByRole('link', { name: 'Se connecter avec NC Connect' }).click();
  await atEmulator();
  await page.getByRole('button', { name: 'Annuler' }).click();
  await page.waitForURL((url) => url.pathname === '/auth/callback');
  await shoot(page, 'error-cancelled');
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true, maxRetries: 10 });
  await app.close();
  await emulator.close();
}

for (const path of saved) {
  console.log(`${relative(root, path)}  ${Math.round(statSync(path).size / 1024)} KB`);
}
