/** The TypeScript and JavaScript code blocks of a Markdown text, for the documentation examples test. */

const LANGUAGES: Record<string, 'ts' | 'js'> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };

export interface CodeBlock {
  /** Line of the opening fence, 1-based. */
  readonly line: number;
  readonly extension: 'ts' | 'js';
  readonly code: string;
  /** The reason given by a `<!-- fragment: … -->` marker before the fence, when there is one. */
  readonly fragment?: string;
}

/** The ```ts / ```typescript / ```js / ```javascript blocks of `markdown`, fragments included, indented ones too. */
export function codeBlocks(markdown: string): CodeBlock[] {
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
