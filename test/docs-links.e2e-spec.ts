/**
 * The documentation holds together: every page under docs/ is linked from README.md, and every relative
 * link of README.md, of the pages under docs/, of BENCHMARKS.md and of the packages' READMEs leads to a
 * file that exists and, for `page.md#anchor`, to a heading of that page.
 */
import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { headingAnchors, relativeLinks } from './support/markdown-links.js';

const ROOT = new URL('..', import.meta.url).pathname;

/** The pages under docs/, by path from the repository's root. */
function docsPages(): string[] {
  return readdirSync(path.join(ROOT, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.md'))
    .map((file) => path.join('docs', file))
    .sort();
}

/** One message per link of `file` (a path from `root`) that leads nowhere. */
function brokenLinks(root: string, file: string): string[] {
  const read = (page: string) => readFileSync(path.join(root, page), 'utf8');
  return relativeLinks(read(file)).flatMap((link) => {
    const [target, anchor] = link.split('#', 2);
    const page = target === '' ? file : path.normalize(path.join(path.dirname(file), decodeURI(target)));
    if (!existsSync(path.join(root, page))) return [`${file}: ${link} (no ${page})`];
    if (anchor && page.endsWith('.md') && !headingAnchors(read(page)).has(anchor)) {
      return [`${file}: ${link} (no heading of ${page} has the anchor #${anchor})`];
    }
    return [];
  });
}

describe('Documentation links', () => {
  it('every page under docs/ is linked from README.md', () => {
    const linked = new Set(
      relativeLinks(readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map((l) => l.split('#')[0]),
    );
    expect(docsPages().filter((page) => !linked.has(page))).toEqual([]);
  });

  it('every relative link leads to a file and a heading that exist', () => {
    const files = ['README.md', 'BENCHMARKS.md', 'libs/nc-connect/README.md', 'libs/nc-connect-emulator/README.md'];
    expect([...files, ...docsPages()].flatMap((file) => brokenLinks(ROOT, file))).toEqual([]);
  });

  it('reads anchors and links as GitHub does, outside code', () => {
    const markdown = [
      '# `private_key_jwt` and key rotation',
      '## Your own login routes with @nestjs/passport',
      '## Errors',
      '## Errors',
      'See [this](#errors-1), [that](docs/x.md#y), ![a picture](screenshots/a.png) and <https://example.nc>,',
      '[out](https://example.nc/a) and `[not a link](nowhere.md)`.',
      '```md',
      '# Not a heading',
      '[not a link](nowhere.md)',
      '```',
    ].join('\n');
    expect([...headingAnchors(markdown)]).toEqual([
      'private_key_jwt-and-key-rotation',
      'your-own-login-routes-with-nestjspassport',
      'errors',
      'errors-1',
    ]);
    expect(relativeLinks(markdown)).toEqual(['#errors-1', 'docs/x.md#y', 'screenshots/a.png']);
  });

  it('names a missing page and a missing heading', () => {
    const problems = brokenLinks(ROOT, 'test/fixtures/docs-links/broken.md');
    expect(problems).toEqual([
      'test/fixtures/docs-links/broken.md: missing.md (no test/fixtures/docs-links/missing.md)',
      'test/fixtures/docs-links/broken.md: ../../../README.md#no-such-heading (no heading of README.md has the anchor #no-such-heading)',
      'test/fixtures/docs-links/broken.md: #nowhere (no heading of test/fixtures/docs-links/broken.md has the anchor #nowhere)',
    ]);
  });
});
