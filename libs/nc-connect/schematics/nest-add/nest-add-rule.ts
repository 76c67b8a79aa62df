import { chain, SchematicsException, type Rule, type SchematicContext, type Tree } from '@angular-devkit/schematics';
import { NodePackageInstallTask } from '@angular-devkit/schematics/tasks';
import { testWithNcConnectTestingModule } from './app-e2e-spec-source.js';
import { addNcConnectToAppModule, pasteSnippet } from './app-module-source.js';
import { emulatorVariables, ignoringEnv, withVariables } from './env-file.js';
import { mainDefaults } from './main-source.js';
import { nestAddSettings, type NestAddOptions, type NestAddSettings } from './nest-add-options.js';
import { EMULATOR_SCRIPT, withNcConnect, type LibraryManifest, type PackageJson } from './package-json.js';
import { LOGGED_OUT_CONTROLLER_FILE, LOGGED_OUT_CONTROLLER_SOURCE, NC_CONNECT_CONSTANT } from './snippets.js';

/** The app module: edited in place, or left alone with the snippet to paste. */
function appModule(settings: NestAddSettings): Rule {
  return (tree: Tree, context: SchematicContext) => {
    const path = `${settings.sourceRoot}/app.module.ts`;
    if (!tree.exists(path)) {
      context.logger.warn(`${path} not found. Add NC Connect to your root module by hand:\n\n${pasteSnippet('.js')}\n`);
      return;
    }
    const source = tree.readText(path);
    const edit = addNcConnectToAppModule(source, path);
    if (!edit.ok) {
      context.logger.warn(
        `${path} was left unchanged: ${edit.reason}. Add NC Connect to your root module by hand:\n\n${edit.snippet}\n`,
      );
    } else if (edit.added.length > 0) {
      tree.overwrite(path, edit.text);
      context.logger.info(`${path}: added ${edit.added.join(', ')}.`);
    }
  };
}

/** Where `nest new` puts its e2e test, which requests `GET /` without a login. */
const APP_E2E_SPEC = 'test/app.e2e-spec.ts';

/** The e2e test of `nest new`: NcConnectTestingModule instead of NcConnectModule, with a test user. */
function appE2eSpec(settings: NestAddSettings): Rule {
  return (tree: Tree, context: SchematicContext) => {
    if (!tree.exists(APP_E2E_SPEC)) return;
    const appModule = readIfExists(tree, `${settings.sourceRoot}/app.module.ts`) ?? '';
    const edit = new RegExp(`export const ${NC_CONNECT_CONSTANT}\\b`).test(appModule)
      ? testWithNcConnectTestingModule(tree.readText(APP_E2E_SPEC), APP_E2E_SPEC)
      : { ok: false as const, reason: `${settings.sourceRoot}/app.module.ts does not export ${NC_CONNECT_CONSTANT}` };
    if (!edit.ok) {
      context.logger.warn(
        `${APP_E2E_SPEC} was left unchanged (${edit.reason}); its routes now need a login: replace ` +
          'NcConnectModule with NcConnectTestingModule from nestjs-nc-connect/testing (docs/testing.md).',
      );
    } else if (edit.text !== tree.readText(APP_E2E_SPEC)) {
      tree.overwrite(APP_E2E_SPEC, edit.text);
      context.logger.info(`${APP_E2E_SPEC}: NcConnectTestingModule stands in for NcConnectModule, with a test user.`);
    }
  };
}

/** The public page NC Connect sends the browser back to after logout, beside app.module.ts. */
function loggedOutController(settings: NestAddSettings): Rule {
  return (tree: Tree) => {
    const path = `${settings.sourceRoot}/${LOGGED_OUT_CONTROLLER_FILE}.ts`;
    if (!tree.exists(path)) tree.create(path, LOGGED_OUT_CONTROLLER_SOURCE);
  };
}

/** .env with the emulator's settings, and .env in .gitignore. */
function envFile(settings: NestAddSettings): Rule {
  return (tree: Tree) => {
    const env = withVariables(readIfExists(tree, '.env'), emulatorVariables(settings));
    if (env !== undefined) write(tree, '.env', env);
    const gitignore = ignoringEnv(readIfExists(tree, '.gitignore'));
    if (gitignore !== undefined) write(tree, '.gitignore', gitignore);
  };
}

/** package.json: dependencies, the emulator and its script; then the package manager's install. */
function packageJson(settings: NestAddSettings, library: LibraryManifest): Rule {
  return (tree: Tree, context: SchematicContext) => {
    const text = readIfExists(tree, 'package.json');
    if (text === undefined) throw new SchematicsException("No package.json here: run nest add in the app's folder.");
    const { manifest, changes } = withNcConnect(JSON.parse(text) as PackageJson, library, settings);
    const added = [...changes.dependencies, ...changes.devDependencies, ...changes.scripts];
    if (added.length === 0) return;
    tree.overwrite('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
    context.logger.info(`package.json: added ${added.join(', ')}.`);
    if (!settings.skipInstall && changes.dependencies.length + changes.devDependencies.length > 0) {
      context.addTask(new NodePackageInstallTask());
    }
  };
}

/** What the app now does, and the two commands to try it. */
function summary(settings: NestAddSettings): Rule {
  return (tree: Tree, context: SchematicContext) => {
    if (tree.actions.length === 0) {
      context.logger.info('NC Connect is already wired in: nothing to change.');
      return;
    }
    context.logger.info(
      [
        '',
        'NC Connect is wired in. Every route of the app now needs a login (the global NcConnectGuard),',
        'the existing ones included; open a route to anonymous visitors with @Public() from nestjs-nc-connect.',
        `${settings.appUrl}/logged-out is public: NC Connect sends the browser there after logout.`,
        '',
        'Try it:',
        `  npm run ${EMULATOR_SCRIPT}   (in another terminal: the NC Connect emulator, for development only)`,
        `  npm run start:dev           then open ${settings.appUrl}/ and log in as jean.dupont, password nc-connect`,
        '',
      ].join('\n'),
    );
  };
}

function readIfExists(tree: Tree, path: string): string | undefined {
  return tree.exists(path) ? tree.readText(path) : undefined;
}

function write(tree: Tree, path: string, text: string): void {
  if (tree.exists(path)) tree.overwrite(path, text);
  else tree.create(path, text);
}

/** The `nest-add` schematic for this version of the library (`library`: its package.json). */
export function createNestAdd(library: LibraryManifest): (options: NestAddOptions) => Rule {
  return (options) => (tree: Tree) => {
    const main = readIfExists(tree, `${(options.sourceRoot || 'src').replace(/\/+$/, '')}/main.ts`);
    let settings: NestAddSettings;
    try {
      settings = nestAddSettings(options, main === undefined ? {} : mainDefaults(main));
    } catch (error) {
      throw new SchematicsException((error as Error).message);
    }
    return chain([
      appModule(settings),
      appE2eSpec(settings),
      loggedOutController(settings),
      envFile(settings),
      packageJson(settings, library),
      summary(settings),
    ]);
  };
}
