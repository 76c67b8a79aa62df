/**
 * Every TypeScript (and JavaScript) example of README.md compiles against the library's sources.
 *
 * Each ```ts / ```typescript / ```js block becomes a module of its own in a temporary folder at the
 * root of the repository (so that tsconfig.json's `paths` and node_modules resolve as in the app), and
 * all of them are type-checked in one TypeScript program with the root tsconfig's options. A failure
 * names the README line and the compiler's message.
 *
 * - A block whose first line names a file (`// app.module.ts: …`) is written under that name (the first
 *   block to claim a name gets it), so that another block can import it (`./app.module.js`); any other
 *   block is `readme-L<line>.ts`.
 * - What the examples import from the reader's own code (`./users.js`…) is in READERS_CODE below.
 * - `<!-- fragment: why -->` on the line before a fence excludes that block; their number is printed and
 *   capped by MAX_FRAGMENTS, so that excluding blocks cannot grow unnoticed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = new URL('..', import.meta.url).pathname;

/** Raise it only for a block that cannot reasonably stand alone: a reviewer sees the change. */
const MAX_FRAGMENTS = 0;

/**
 * Modules of the reader's own code that examples import: the smallest modules with the types such code
 * would have, so that what the examples do with the library is still checked.
 */
const READERS_CODE: Record<string, string> = {
  'my-session.store.ts': `import type { NcConnectSessionStore } from 'nestjs-nc-connect';
export declare const MySessionStore: new () => NcConnectSessionStore;
`,
  'users.ts': `export declare const users: { findOrCreate(sub: string): Promise<{ id: string } | undefined> };
`,
  'options.ts': `import type { NcConnectModuleOptions } from 'nestjs-nc-connect';
export declare const options: NcConnectModuleOptions, citizens: NcConnectModuleOptions, agents: NcConnectModuleOptions;
`,
};

const LANGUAGES: Record<string, 'ts' | 'js'> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

interface CodeBlock {
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly extension: 'ts' | 'js';
  readonly code: string;
  /** The reason given by a `<!-- fragment: … -->` marker before the fence, when there is one. */
  readonly fragment?: string;
}

/** The TypeScript and JavaScript blocks of a Markdown text, fragments included. */
function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, info] = open;
    let end = i + 1;
    while (end < lines.length && !isClosingFence(lines[end], fence)) end++;
    const extension = LANGUAGES[info.toLowerCase()];
    if (extension) {
      const code = lines.slice(i + 1, end).map((line) => line.replace(new RegExp(`^ {0,${indent.length}}`), ''));
      const before = lines.slice(0, i).findLast((line) => line.trim() !== '') ?? '';
      const marker = /^\s*<!--\s*fragment\b:?\s*(.*?)\s*-->\s*$/.exec(before);
      blocks.push({
        line: i + 1,
        extension,
        code: `${code.join('\n')}\n`,
        fragment: marker ? marker[1] || '—' : undefined,
      });
    }
    i = end;
  }
  return blocks;
}

function isClosingFence(line: string, fence: string): boolean {
  const close = /^ *(`{3,}|~{3,})\s*$/.exec(line);
  return !!close && close[1][0] === fence[0] && close[1].length >= fence.length;
}

/** Type-checks the blocks in one program; one message per problem, with its line in `markdownFile`. */
function typeCheck(blocks: readonly CodeBlock[], dir: string, markdownFile: string): string[] {
  mkdirSync(dir);
  const files = new Map<string, CodeBlock>();
  for (const block of blocks) {
    const named = new RegExp(`^// ([\\w.-]+\\.${block.extension})\\b`).exec(block.code)?.[1];
    const name = named && !files.has(path.join(dir, named)) ? named : `readme-L${block.line}.${block.extension}`;
    files.set(path.join(dir, name), block);
    writeFileSync(path.join(dir, name), block.code);
  }
  for (const [name, source] of Object.entries(READERS_CODE)) {
    if (!files.has(path.join(dir, name))) writeFileSync(path.join(dir, name), source);
  }
  const tsconfig = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const options = { ...tsconfig.options, noEmit: true, skipLibCheck: true, allowJs: true, checkJs: true };
  const program = ts.createProgram({ rootNames: [...files.keys()], options });
  const diagnostics = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()];
  for (const [file] of [...files].sort(([, a], [, b]) => a.line - b.line)) {
    const source = program.getSourceFile(file)!;
    const found = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    diagnostics.push(...found.sort((a, b) => (a.start ?? 0) - (b.start ?? 0)));
  }
  return diagnostics.map((diagnostic) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const block = diagnostic.file && files.get(path.normalize(diagnostic.file.fileName));
    if (!block || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    const where = `${markdownFile}:${block.line + 1 + line}:${character + 1}`;
    return `${where} (block at line ${block.line}, ${path.basename(diagnostic.file!.fileName)}) ${message}`;
  });
}

describe('README.md examples', () => {
  const dir = mkdtempSync(path.join(ROOT, '.readme-examples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compile, every block except those marked as fragments', () => {
    const blocks = codeBlocks(readFileSync(path.join(ROOT, 'README.md'), 'utf8'));
    const fragments = blocks.filter((block) => block.fragment);
    const checked = blocks.filter((block) => !block.fragment);
    console.info(
      [
        `README.md: ${checked.length} code blocks type-checked, ${fragments.length} marked as fragments`,
        ...fragments.map((block) => `  fragment at line ${block.line}: ${block.fragment}`),
      ].join('\n'),
    );

    const problems = typeCheck(checked, path.join(dir, 'readme'), 'README.md');
    if (fragments.length > MAX_FRAGMENTS) {
      problems.push(
        `Blocks marked as fragments: ${fragments.length}, more than MAX_FRAGMENTS (${MAX_FRAGMENTS}): ` +
          'make the new one compile, or raise MAX_FRAGMENTS in test/readme-examples.e2e-spec.ts',
      );
    }
    if (problems.length > 0) {
      throw new Error(`${problems.length} problem(s) in README.md's code blocks:\n${problems.join('\n')}`);
    }
    expect(checked.length).toBeGreaterThan(0);
  });

  it('names the line of a block that does not compile, and leaves fragments out', () => {
    const markdown = [
      '# Example',
      '',
      '```ts',
      '// greeting.ts',
      "export const greeting: string = 'bonjour';",
      '```',
      '',
      '- In a list:',
      '',
      '  ```typescript',
      "  import { greeting } from './greeting.js';",
      '',
      '  export const count: number = greeting;',
      '  ```',
      '',
      '<!-- fragment: one entry of an imports array -->',
      '',
      '```ts',
      'NcConnectModule.forRoot(options),',
      '```',
    ].join('\n');

    const blocks = codeBlocks(markdown);
    expect(blocks.map(({ line, fragment }) => ({ line, fragment }))).toEqual([
      { line: 3, fragment: undefined },
      { line: 10, fragment: undefined },
      { line: 18, fragment: 'one entry of an imports array' },
    ]);
    expect(typeCheck(blocks.slice(0, 2), path.join(dir, 'example'), 'EXAMPLE.md')).toEqual([
      "EXAMPLE.md:13:14 (block at line 10, readme-L10.ts) TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  });
});
