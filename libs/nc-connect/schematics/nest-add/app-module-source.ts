import ts from 'typescript';
import { addNamedImports, appendToList, applyEdits, type TextEdit } from './source-edits.js';
import {
  CONFIG_MODULE_IMPORT,
  GUARD_PROVIDER,
  LOGGED_OUT_CONTROLLER,
  LOGGED_OUT_CONTROLLER_FILE,
  NC_CONNECT_CONSTANT,
  ncConnectDeclaration,
} from './snippets.js';

/** The outcome of {@link addNcConnectToAppModule}. */
export type AppModuleEdit =
  { ok: true; text: string; added: string[] } | { ok: false; reason: string; snippet: string };

/** The three `@Module()` lists the schematic adds to. */
type ListName = 'imports' | 'controllers' | 'providers';

/** What one list must hold: the element's text, and how to tell that the app already has it. */
interface Wanted {
  /** How the schematic's summary names it. */
  label: string;
  list: ListName;
  element: string;
  /** A statement the element needs, placed after the imports. */
  declaration?: string;
  present: RegExp;
  /** Named imports the element needs, by module specifier. */
  needs: Record<string, string[]>;
}

const CONFIG = '@nestjs/config';
const LIBRARY = 'nestjs-nc-connect';

/**
 * Adds NC Connect to the source of app.module.ts: ConfigModule (when absent), NcConnectModule
 * with forRootAsync, the logged-out controller and the global NcConnectGuard, with their imports.
 * Anything already there is left as it is, so a second run changes nothing. A module it cannot read
 * safely (syntax errors, no single `@Module({ ... })`, a list that is not an array literal) is left
 * untouched, and the answer carries the snippet to paste instead.
 */
export function addNcConnectToAppModule(source: string, fileName = 'app.module.ts'): AppModuleEdit {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const extension = relativeImportExtension(file);
  const reject = (reason: string): AppModuleEdit => ({ ok: false, reason, snippet: pasteSnippet(extension) });
  const syntax = ts.transpileModule(source, { fileName, reportDiagnostics: true }).diagnostics ?? [];
  if (syntax.length > 0)
    return reject(`it does not parse (${ts.flattenDiagnosticMessageText(syntax[0].messageText, ' ')})`);
  const metadata = moduleMetadata(file);
  if (typeof metadata === 'string') return reject(metadata);
  const lists: Partial<Record<ListName, ts.ArrayLiteralExpression>> = {};
  for (const property of metadata.properties) {
    if (ts.isSpreadAssignment(property)) return reject('its @Module() metadata spreads another object');
    const name = property.name && ts.isIdentifier(property.name) ? property.name.text : undefined;
    if (name !== 'imports' && name !== 'controllers' && name !== 'providers') continue;
    if (!ts.isPropertyAssignment(property) || !ts.isArrayLiteralExpression(property.initializer)) {
      return reject(`its @Module() "${name}" is not an array literal`);
    }
    lists[name] = property.initializer;
  }
  const has = (list: ListName, pattern: RegExp) => !!lists[list]?.elements.some((e) => pattern.test(e.getText()));
  const configModule = lists.imports?.elements.find((e) => /\bConfigModule\b/.test(e.getText()));
  const candidates: Wanted[] = [
    {
      label: 'ConfigModule.forRoot',
      list: 'imports',
      element: CONFIG_MODULE_IMPORT,
      present: /\bConfigModule\b/,
      needs: { [CONFIG]: ['ConfigModule'] },
    },
    {
      label: 'NcConnectModule.forRootAsync',
      list: 'imports',
      element: NC_CONNECT_CONSTANT,
      declaration: ncConnectDeclaration(!!configModule && !/isGlobal:\s*true/.test(configModule.getText())),
      present: /\bNcConnectModule\b/,
      needs: { [CONFIG]: ['ConfigModule', 'ConfigService'], [LIBRARY]: ['NcConnectModule'] },
    },
    {
      label: LOGGED_OUT_CONTROLLER,
      list: 'controllers',
      element: LOGGED_OUT_CONTROLLER,
      present: new RegExp(`\\b${LOGGED_OUT_CONTROLLER}\\b`),
      needs: { [`./${LOGGED_OUT_CONTROLLER_FILE}${extension}`]: [LOGGED_OUT_CONTROLLER] },
    },
    {
      label: 'the global NcConnectGuard (APP_GUARD)',
      list: 'providers',
      element: GUARD_PROVIDER,
      present: /\bNcConnectGuard\b/,
      needs: { '@nestjs/core': ['APP_GUARD'], [LIBRARY]: ['NcConnectGuard'] },
    },
  ];
  // The module may be declared beside the class already (as this schematic writes it).
  const declared = /\bNcConnectModule\s*\.\s*forRoot/.test(source);
  const wanted = candidates.filter((item) => !has(item.list, item.present) && !(item.declaration && declared));
  const constant = new RegExp(`\\b${NC_CONNECT_CONSTANT}\\b`);
  if (wanted.some((item) => item.declaration) && constant.test(source)) {
    return reject(`it already has something named ${NC_CONNECT_CONSTANT}`);
  }
  if (wanted.length === 0) return { ok: true, text: source, added: [] };

  const edits: TextEdit[] = [];
  const missingLists: string[] = [];
  for (const list of ['imports', 'controllers', 'providers'] as const) {
    const elements = wanted.filter((item) => item.list === list).map((item) => item.element);
    if (elements.length === 0) continue;
    const array = lists[list];
    if (array) edits.push(appendToList(source, array, array.elements, elements));
    else missingLists.push(listProperty(list, elements));
  }
  const needs: Record<string, string[]> = {};
  for (const item of wanted) {
    for (const [specifier, names] of Object.entries(item.needs)) {
      needs[specifier] = [...(needs[specifier] ?? []), ...names];
    }
  }
  edits.push(...addNamedImports(file, needs));
  const lastImport = file.statements.filter(ts.isImportDeclaration).at(-1);
  for (const { declaration } of wanted) {
    if (!declaration) continue;
    if (lastImport) edits.push({ start: lastImport.end, end: lastImport.end, text: `\n\n${declaration}` });
    else edits.push({ start: 0, end: 0, text: `${declaration}\n\n` });
  }
  let text = applyEdits(source, edits);
  if (missingLists.length > 0) {
    // A second pass, on the edited source: the new properties may sit beside an edited list.
    const edited = moduleMetadata(ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
    if (typeof edited === 'string') return reject(edited);
    text = applyEdits(text, [appendToList(text, edited, edited.properties, missingLists)]);
  }
  return { ok: true, text, added: wanted.map((item) => item.label) };
}

/** A `name: [...]` property, on one line when it is short. */
function listProperty(name: ListName, elements: string[]): string {
  const oneLine = `${name}: [${elements.join(', ')}]`;
  if (!oneLine.includes('\n') && oneLine.length <= 72) return oneLine;
  return `${name}: [\n${elements.map((element) => `  ${element.replaceAll('\n', '\n  ')},`).join('\n')}\n]`;
}

/** The object literal of the only `@Module({ ... })` decorator, or why there is none. */
function moduleMetadata(file: ts.SourceFile): ts.ObjectLiteralExpression | string {
  const found: ts.ObjectLiteralExpression[] = [];
  let other = false;
  for (const statement of file.statements) {
    if (!ts.isClassDeclaration(statement)) continue;
    for (const decorator of ts.getDecorators(statement) ?? []) {
      const call = decorator.expression;
      if (!ts.isCallExpression(call) || !ts.isIdentifier(call.expression) || call.expression.text !== 'Module')
        continue;
      const [argument] = call.arguments;
      if (call.arguments.length === 1 && ts.isObjectLiteralExpression(argument)) found.push(argument);
      else other = true;
    }
  }
  if (other) return 'its @Module() decorator does not take an object literal';
  if (found.length === 0) return 'it has no class decorated with @Module({ ... })';
  if (found.length > 1) return 'it has several @Module() classes';
  return found[0];
}

/** `.js` when the file's relative imports carry it (ESM apps, as `nest new` makes them now), else ''. */
function relativeImportExtension(file: ts.SourceFile): string {
  const relative = file.statements
    .filter(ts.isImportDeclaration)
    .map((declaration) => (declaration.moduleSpecifier as ts.StringLiteral).text)
    .filter((specifier) => specifier.startsWith('.'));
  return relative.length === 0 || relative.some((specifier) => specifier.endsWith('.js')) ? '.js' : '';
}

/** What to paste by hand into a module the schematic could not edit. */
export function pasteSnippet(extension: string): string {
  return [
    "import { ConfigModule, ConfigService } from '@nestjs/config';",
    "import { APP_GUARD } from '@nestjs/core';",
    "import { NcConnectGuard, NcConnectModule } from 'nestjs-nc-connect';",
    `import { ${LOGGED_OUT_CONTROLLER} } from './${LOGGED_OUT_CONTROLLER_FILE}${extension}';`,
    '',
    ncConnectDeclaration(false),
    '',
    '@Module({',
    `  imports: [${CONFIG_MODULE_IMPORT}, ${NC_CONNECT_CONSTANT}],`,
    `  controllers: [${LOGGED_OUT_CONTROLLER}],`,
    `  providers: [${GUARD_PROVIDER}],`,
    '})',
  ].join('\n');
}
