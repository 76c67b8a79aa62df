import ts from 'typescript';

/** Replaces `source.slice(start, end)` with `text` (an insertion when `start === end`). */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** Applies non-overlapping edits; insertions at one position keep the order they are given in. */
export function applyEdits(source: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => b.edit.start - a.edit.start || b.index - a.index);
  return ordered.reduce((text, { edit }) => text.slice(0, edit.start) + edit.text + text.slice(edit.end), source);
}

/** The whitespace that starts the line holding `position`. */
function lineIndent(source: string, position: number): string {
  const lineStart = source.lastIndexOf('\n', position - 1) + 1;
  return /^[ \t]*/.exec(source.slice(lineStart))![0];
}

/** Whether `node` is the first thing on its line. */
function startsLine(source: string, node: ts.Node): boolean {
  const start = node.getStart();
  return source.slice(source.lastIndexOf('\n', start - 1) + 1, start).trim() === '';
}

/**
 * Adds `items` (source text, possibly several lines) at the end of an array or object literal,
 * one per line as Prettier lays them out; an existing multi-line list keeps its layout and comments.
 */
export function appendToList(
  source: string,
  list: ts.ArrayLiteralExpression | ts.ObjectLiteralExpression,
  elements: ts.NodeArray<ts.Node>,
  items: readonly string[],
): TextEdit {
  const open = list.getStart();
  const close = list.end - 1;
  const closingIndent = lineIndent(source, open);
  const first = elements[0];
  const indent = first && startsLine(source, first) ? lineIndent(source, first.getStart()) : `${closingIndent}  `;
  const line = (item: string) => `${indent}${item.replaceAll('\n', `\n${indent}`)},\n`;
  const inside = source.slice(open + 1, close);
  const hasComments = /\/[/*]/.test(inside.replace(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g, ''));
  const multiLine = inside.includes('\n');
  const all = [...elements.map((element) => element.getText()), ...items];
  if (!multiLine && !hasComments && all.every((item) => !item.includes('\n'))) {
    // One line, as Prettier keeps a short list (Nest's .prettierrc: printWidth 80).
    const pad = ts.isArrayLiteralExpression(list) ? '' : ' ';
    const text = `${pad}${all.join(', ')}${pad}`;
    const lineStart = source.lastIndexOf('\n', open) + 1;
    const lineEnd = source.indexOf('\n', close) === -1 ? source.length : source.indexOf('\n', close);
    if (lineEnd - lineStart - inside.length + text.length <= 80) return { start: open + 1, end: close, text };
  }
  if (elements.length === 0) {
    if (!hasComments) return { start: open + 1, end: close, text: `\n${items.map(line).join('')}${closingIndent}` };
    return { start: open + 1, end: open + 1, text: `\n${items.map(line).join('').trimEnd()}` };
  }
  if (multiLine || hasComments) {
    const last = elements[elements.length - 1];
    const text = items.map((item) => `,\n${indent}${item.replaceAll('\n', `\n${indent}`)}`).join('');
    return { start: last.end, end: last.end, text };
  }
  return { start: open + 1, end: close, text: `\n${all.map(line).join('')}${closingIndent}` };
}

/**
 * Edits that import `names` from each module specifier: into the file's existing named import of that
 * specifier when there is one, else as a new line after the last import (package imports after the
 * last package import). A name the file already imports, from anywhere, is not imported again.
 */
export function addNamedImports(file: ts.SourceFile, needs: Record<string, readonly string[]>): TextEdit[] {
  const declarations = file.statements.filter(ts.isImportDeclaration);
  const imported = new Set<string>();
  for (const declaration of declarations) {
    const clause = declaration.importClause;
    if (clause?.name) imported.add(clause.name.text);
    const bindings = clause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings))
      bindings.elements.forEach((element) => imported.add(element.name.text));
    if (bindings && ts.isNamespaceImport(bindings)) imported.add(bindings.name.text);
  }
  const specifierOf = (declaration: ts.ImportDeclaration) => (declaration.moduleSpecifier as ts.StringLiteral).text;
  const lastPackageImport = declarations.filter((declaration) => !specifierOf(declaration).startsWith('.')).at(-1);
  const lastImport = declarations.at(-1);
  const edits: TextEdit[] = [];
  const relative = (specifier: string) => (specifier.startsWith('.') ? 1 : 0);
  const bySpecifier = Object.entries(needs).sort(([a], [b]) => relative(a) - relative(b) || a.localeCompare(b));
  for (const [specifier, wanted] of bySpecifier) {
    const missing = [...new Set(wanted)].filter((name) => !imported.has(name)).sort();
    if (missing.length === 0) continue;
    missing.forEach((name) => imported.add(name));
    const existing = declarations.find((declaration) => {
      const bindings = declaration.importClause?.namedBindings;
      return (
        specifierOf(declaration) === specifier &&
        !declaration.importClause?.isTypeOnly &&
        bindings &&
        ts.isNamedImports(bindings)
      );
    });
    const bindings = existing?.importClause?.namedBindings as ts.NamedImports | undefined;
    if (bindings) {
      const names = [...bindings.elements.map((element) => element.getText()), ...missing];
      edits.push({ start: bindings.getStart(), end: bindings.end, text: `{ ${names.join(', ')} }` });
      continue;
    }
    const after = specifier.startsWith('.') ? lastImport : (lastPackageImport ?? undefined);
    const statement = `import { ${missing.join(', ')} } from '${specifier}';`;
    if (after) edits.push({ start: after.end, end: after.end, text: `\n${statement}` });
    else edits.push({ start: 0, end: 0, text: `${statement}\n` });
  }
  return edits;
}
