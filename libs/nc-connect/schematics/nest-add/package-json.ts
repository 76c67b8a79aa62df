import type { NestAddSettings } from './nest-add-options.js';

/** The version range of @nestjs/config that the module's `forRootAsync` snippet is written for. */
export const NESTJS_CONFIG_RANGE = '^12.0.0';

/** The range of the emulator released with this version of the library. */
export const EMULATOR_RANGE = '^0.1.0';

/** The npm script that starts the emulator for this app. */
export const EMULATOR_SCRIPT = 'nc-connect:emulator';

/** The parts of package.json the schematic reads and writes. */
export interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/** The library's own package.json: its name, version and peer dependencies. */
export interface LibraryManifest {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** What {@link withNcConnect} added, by section. */
export interface PackageJsonChanges {
  dependencies: string[];
  devDependencies: string[];
  scripts: string[];
}

const sorted = (record: Record<string, string>) =>
  Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));

/**
 * Adds to the app's package.json what it lacks: the library and its required peers and
 * @nestjs/config as dependencies, the emulator as a dev dependency, the emulator's npm script.
 * Nothing already there is changed.
 */
export function withNcConnect(
  manifest: PackageJson,
  library: LibraryManifest,
  settings: NestAddSettings,
): { manifest: PackageJson; changes: PackageJsonChanges } {
  const has = (name: string) => !!manifest.dependencies?.[name] || !!manifest.devDependencies?.[name];
  const required = Object.entries(library.peerDependencies ?? {}).filter(
    ([name]) => !library.peerDependenciesMeta?.[name]?.optional,
  );
  const dependencies = Object.fromEntries(
    [[library.name, `^${library.version}`], ['@nestjs/config', NESTJS_CONFIG_RANGE], ...required].filter(
      ([name]) => !has(name),
    ),
  );
  const devDependencies: Record<string, string> = has('nestjs-nc-connect-emulator')
    ? {}
    : { 'nestjs-nc-connect-emulator': EMULATOR_RANGE };
  const port = settings.emulatorPort === 4000 ? '' : ` --port ${settings.emulatorPort}`;
  const script = `nc-connect-emulator${port} --app-url ${settings.appUrl}`;
  const scripts: Record<string, string> = manifest.scripts?.[EMULATOR_SCRIPT] ? {} : { [EMULATOR_SCRIPT]: script };
  return {
    manifest: {
      ...manifest,
      scripts: { ...manifest.scripts, ...scripts },
      dependencies: sorted({ ...manifest.dependencies, ...dependencies }),
      devDependencies: sorted({ ...manifest.devDependencies, ...devDependencies }),
    },
    changes: {
      dependencies: Object.keys(dependencies),
      devDependencies: Object.keys(devDependencies),
      scripts: Object.keys(scripts),
    },
  };
}
