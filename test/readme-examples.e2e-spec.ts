/**
 * Every TypeScript (and JavaScript) example of the documentation compiles against the library's sources:
 * README.md and every Markdown page under docs/.
 *
 * Each ```ts / ```typescript / ```js block becomes a module of its own in a temporary folder at the
 * root of the repository (so that tsconfig.json's `paths` and node_modules resolve as in the app), one
 * sub-folder per Markdown file, and all of them are type-checked in one TypeScript program with the root
 * tsconfig's options. A failure names the Markdown file, its line and the compiler's message.
 *
 * - A block whose first line names a file (`// app.module.ts: …`) is written under that name (the first
 *   block of its page to claim a name gets it), so that another block of the same page can import it
 *   (`./app.module.js`); any other block is `block-L<line>.ts`.
 * - What the examples import from the reader's own code (`./users.js`…) is in READERS_CODE below.
 * - `<!-- fragment: why -->` on the line before a fence excludes that block; their number is printed and
 *   capped by MAX_FRAGMENTS, so that excluding blocks cannot grow unnoticed.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { codeBlocks, type CodeBlock } from './support/markdown-code-blocks.js';

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

/** A Markdown file, by its path from the repository's root, and its code blocks. */
interface Page {
  readonly file: string;
  readonly blocks: readonly CodeBlock[];
}

/** README.md, then every Markdown file under docs/, by path. */
function documentation(): string[] {
  const docs = readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file))
    .sort();
  return ['README.md', ...docs];
}

/** Type-checks the pages' blocks in one program; one message per problem, with its Markdown file and line. */
function typeCheck(pages: readonly Page[], dir: string): string[] {
  const files = new Map<string, { page: Page; block: CodeBlock }>();
  for (const page of pages) {
    const folder = path.join(dir, page.file.replace(/[^\w-]/g, '_'));
    mkdirSync(folder, { recursive: true });
    for (const block of page.blocks) {
      const named = new RegExp(`^// ([\\w.-]+\\.${block.extension})\\b`).exec(block.code)?.[1];
      const name = named && !files.has(path.join(folder, named)) ? named : `block-L${block.line}.${block.extension}`;
      files.set(path.join(folder, name), { page, block });
      writeFileSync(path.join(folder, name), block.code);
    }
    for (const [name, source] of Object.entries(READERS_CODE)) {
      if (!files.has(path.join(folder, name))) writeFileSync(path.join(folder, name), source);
    }
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
  for (const [file] of files) {
    const source = program.getSourceFile(file)!;
    const found = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)];
    diagnostics.push(...found.sort((a, b) => (a.start ?? 0) - (b.start ?? 0)));
  }
  return diagnostics.map((diagnostic) => {
    const message = `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    const origin = diagnostic.file && files.get(path.normalize(diagnostic.file.fileName));
    if (!origin || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start);
    const where = `${origin.page.file}:${origin.block.line + 1 + line}:${character + 1}`;
    return `${where} (block at line ${origin.block.line}, ${path.basename(diagnostic.file!.fileName)}) ${message}`;
  });
}

describe('Documentation examples (README.md and docs/)', () => {
  const dir = mkdtempSync(path.join(ROOT, '.readme-examples-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('compile, every block of every page except those marked as fragments', () => {
    const pages = documentation().map((file) => ({
      file,
      blocks: codeBlocks(readFileSync(path.join(ROOT, file), 'utf8')),
    }));
    const checked = pages.map((page) => ({ ...page, blocks: page.blocks.filter((block) => !block.fragment) }));
    const fragments = pages.flatMap((page) => page.blocks.filter((b) => b.fragment).map((b) => ({ page, ...b })));
    const count = checked.reduce((sum, page) => sum + page.blocks.length, 0);
    console.info(
      [
        `${count} code blocks type-checked in ${pages.length} Markdown files, ${fragments.length} marked as fragments`,
        ...checked.filter((page) => page.blocks.length > 0).map((page) => `  ${page.file}: ${page.blocks.length}`),
        ...fragments.map((block) => `  fragment at ${block.page.file}:${block.line}: ${block.fragment}`),
      ].join('\n'),
    );

    const problems = typeCheck(checked, path.join(dir, 'docs'));
    if (fragments.length > MAX_FRAGMENTS) {
      problems.push(
        `Blocks marked as fragments: ${fragments.length}, more than MAX_FRAGMENTS (${MAX_FRAGMENTS}): ` +
          'make the new one compile, or raise MAX_FRAGMENTS in test/readme-examples.e2e-spec.ts',
      );
    }
    if (problems.length > 0) {
      throw new Error(`${problems.length} problem(s) in the documentation's code blocks:\n${problems.join('\n')}`);
    }
    expect(pages.map((page) => page.file)).toEqual(expect.arrayContaining(['README.md', 'docs/configuration.md']));
    expect(checked.find((page) => page.file === 'README.md')!.blocks.length).toBeGreaterThan(0);
  });

  it('names the file and line of a block that does not compile, page by page, and leaves fragments out', () => {
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
    // Another page with a greeting.ts of its own: each page imports its own blocks.
    const other = [
      '```ts',
      '// greeting.ts',
      'export const greeting = 42;',
      '```',
      '',
      '```ts',
      "import { greeting } from './greeting.js';",
      '',
      'export const count: number = greeting;',
      '```',
    ].join('\n');

    const blocks = codeBlocks(markdown);
    expect(blocks.map(({ line, fragment }) => ({ line, fragment }))).toEqual([
      { line: 3, fragment: undefined },
      { line: 10, fragment: undefined },
      { line: 18, fragment: 'one entry of an imports array' },
    ]);
    const pages = [
      { file: 'EXAMPLE.md', blocks: blocks.slice(0, 2) },
      { file: 'docs/other.md', blocks: codeBlocks(other) },
    ];
    expect(typeCheck(pages, path.join(dir, 'example'))).toEqual([
      "EXAMPLE.md:13:14 (block at line 10, block-L10.ts) TS2322: Type 'string' is not assignable to type 'number'.",
    ]);
  });
});
