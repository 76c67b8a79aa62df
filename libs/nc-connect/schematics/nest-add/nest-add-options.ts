import type { MainDefaults } from './main-source.js';

/** Options of `nest add nestjs-nc-connect` (schema.json), e.g. `nest add nestjs-nc-connect --app-url=http://localhost:8080`. */
export interface NestAddOptions {
  /** The app's source folder; the Nest CLI passes nest-cli.json's `sourceRoot`. @default 'src' */
  sourceRoot?: string;
  /**
   * The app's URL as a browser opens it (origin, plus a global prefix if any).
   * @default http://localhost:<port of main.ts, else 3000>/<global prefix of main.ts, if any>
   */
  appUrl?: string;
  /** The port of the emulator that `npm run nc-connect:emulator` starts. @default 4000 */
  emulatorPort?: number;
  /** Leave package.json's new dependencies uninstalled. @default false */
  skipInstall?: boolean;
}

/** The options with their defaults, checked. */
export interface NestAddSettings {
  sourceRoot: string;
  /** Without a trailing slash. */
  appUrl: string;
  /** The app's port, from `appUrl`. */
  appPort: number;
  /** The port main.ts listens on when PORT is not set. */
  defaultPort: number;
  emulatorPort: number;
  skipInstall: boolean;
}

/**
 * Applies the defaults (from the app's main.ts where it says) and checks the options.
 * @throws Error naming the option to fix
 */
export function nestAddSettings(options: NestAddOptions, main: MainDefaults = {}): NestAddSettings {
  const sourceRoot = (options.sourceRoot || 'src').replace(/\/+$/, '');
  const defaultPort = main.port ?? 3000;
  let url: URL;
  try {
    url = new URL(options.appUrl || `http://localhost:${defaultPort}/${main.globalPrefix ?? ''}`);
  } catch {
    throw new Error(`--app-url: "${options.appUrl}" is not a URL (e.g. http://localhost:3000)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`--app-url: "${options.appUrl}" must be an http or https URL`);
  }
  if (url.search || url.hash) throw new Error(`--app-url: "${options.appUrl}" must not have a query or a fragment`);
  const emulatorPort = Number(options.emulatorPort ?? 4000);
  if (!Number.isInteger(emulatorPort) || emulatorPort < 1 || emulatorPort > 65535) {
    throw new Error(`--emulator-port: "${options.emulatorPort}" must be a port number`);
  }
  const appPort = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const appUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { sourceRoot, appUrl, appPort, defaultPort, emulatorPort, skipInstall: options.skipInstall ?? false };
}
