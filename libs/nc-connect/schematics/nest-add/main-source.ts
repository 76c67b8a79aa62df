import ts from 'typescript';

/** What the app's main.ts says about where it listens. */
export interface MainDefaults {
  /** The port it listens on when PORT is not set: `listen(process.env.PORT ?? 3000)`, `listen(3000)`. */
  port?: number;
  /** Its global prefix, from `app.setGlobalPrefix('api')`, without slashes. */
  globalPrefix?: string;
}

/** Reads the default port and the global prefix from the source of main.ts (literal values only). */
export function mainDefaults(source: string): MainDefaults {
  const file = ts.createSourceFile('main.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const defaults: MainDefaults = {};
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.arguments.length > 0) {
      const method = node.expression.name.text;
      const [first] = node.arguments;
      if (method === 'setGlobalPrefix' && ts.isStringLiteralLike(first)) {
        defaults.globalPrefix = first.text.replace(/^\/+|\/+$/g, '') || undefined;
      }
      if (method === 'listen') defaults.port = literalPort(first) ?? defaults.port;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return defaults;
}

/** `3000`, or the fallback of `process.env.PORT ?? 3000` (or `||`). */
function literalPort(expression: ts.Expression): number | undefined {
  if (ts.isNumericLiteral(expression)) return Number(expression.text);
  if (
    ts.isBinaryExpression(expression) &&
    (expression.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken ||
      expression.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  ) {
    return literalPort(expression.right);
  }
  if (ts.isParenthesizedExpression(expression)) return literalPort(expression.expression);
  return undefined;
}
