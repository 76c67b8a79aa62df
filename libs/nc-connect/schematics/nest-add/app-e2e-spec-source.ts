import ts from 'typescript';
import { addNamedImports, applyEdits } from './source-edits.js';
import { NC_CONNECT_CONSTANT, TESTING_USER } from './snippets.js';

/** The outcome of {@link testWithNcConnectTestingModule}. */
export type AppE2eSpecEdit = { ok: true; text: string } | { ok: false; reason: string };

/** The `Test.createTestingModule(...)` call that a `.compile()` ends, when nothing is chained between. */
function testingModuleCalls(file: ts.SourceFile): ts.CallExpression[] {
  const found: ts.CallExpression[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'compile' &&
      ts.isCallExpression(node.expression) &&
      node.expression.expression.getText() === 'Test.createTestingModule'
    ) {
      found.push(node.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** The whitespace that starts the line holding `position`. */
function lineIndent(source: string, position: number): string {
  return /^[ \t]*/.exec(source.slice(source.lastIndexOf('\n', position - 1) + 1))![0];
}

/**
 * The e2e test of `nest new` (test/app.e2e-spec.ts) with NcConnectModule replaced by
 * NcConnectTestingModule and a logged-in test user, so that `GET /` still answers without NC
 * Connect: `.overrideModule(ncConnect).useModule(NcConnectTestingModule.forRoot({ user }))` before
 * its `.compile()`. Unchanged when it uses NcConnectTestingModule already; refused when it does not
 * build one testing module from AppModule in the usual way.
 */
export function testWithNcConnectTestingModule(source: string, fileName = 'app.e2e-spec.ts'): AppE2eSpecEdit {
  if (/\bNcConnectTestingModule\b/.test(source)) return { ok: true, text: source };
  const syntax = ts.transpileModule(source, { fileName, reportDiagnostics: true }).diagnostics ?? [];
  if (syntax.length > 0) return { ok: false, reason: 'it does not parse' };
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const appModuleImport = file.statements.filter(ts.isImportDeclaration).find((declaration) => {
    const bindings = declaration.importClause?.namedBindings;
    return (
      /\/app\.module(\.js)?$/.test((declaration.moduleSpecifier as ts.StringLiteral).text) &&
      !!bindings &&
      ts.isNamedImports(bindings) &&
      bindings.elements.some((element) => element.name.text === 'AppModule')
    );
  });
  if (!appModuleImport) return { ok: false, reason: 'it does not import AppModule from app.module' };
  const calls = testingModuleCalls(file);
  if (calls.length !== 1) return { ok: false, reason: 'it does not build one testing module with .compile()' };
  const [call] = calls;
  const indent = `${lineIndent(source, call.getStart())}  `;
  const chained = [
    `.overrideModule(${NC_CONNECT_CONSTANT})`,
    `.useModule(NcConnectTestingModule.forRoot({ user: ${TESTING_USER} }))`,
    '',
  ].join(`\n${indent}`);
  const specifier = (appModuleImport.moduleSpecifier as ts.StringLiteral).text;
  return {
    ok: true,
    text: applyEdits(source, [
      ...addNamedImports(file, {
        [specifier]: [NC_CONNECT_CONSTANT],
        'nestjs-nc-connect/testing': ['NcConnectTestingModule'],
      }),
      { start: call.end, end: call.end, text: `\n${indent}${chained}` },
    ]),
  };
}
