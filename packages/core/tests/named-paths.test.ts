import { describe, expect, it } from 'vitest';
import type { Paragraph } from 'mdast';
import { parseMarkdown } from '../src/parse/markdown.js';
import { alternativePaths, pathsInPhrasing, pathsInText } from '../src/parse/named-paths.js';

async function phrasing(markdown: string) {
  const { document } = await parseMarkdown('tasks.md', markdown);
  return (document.tree.children[0] as Paragraph).children;
}

describe('pathsInPhrasing', () => {
  it('reads a path segment Markdown took for emphasis as the dunder name it was written as', async () => {
    expect(pathsInPhrasing(await phrasing('Create backend/src/models/__init__.py and app/__main__.py\n'))).toEqual([
      'backend/src/models/__init__.py',
      'app/__main__.py',
    ]);
    // A formatter rewrote `__tests__` as `**tests**`: the folder is still `__tests__`.
    expect(pathsInPhrasing(await phrasing('Test in web/src/**tests**/refund.test.ts\n'))).toEqual(['web/src/__tests__/refund.test.ts']);
    // Emphasis that is not a path segment stays emphasis.
    expect(pathsInPhrasing(await phrasing('Write **src/app.ts** and _carefully_ test it\n'))).toEqual(['src/app.ts']);
  });
});

describe('alternativePaths', () => {
  it('groups the paths a text offers as alternatives', () => {
    expect(alternativePaths('Update docs/usage.md (or create docs/admin.md) with the admin steps')).toEqual([['docs/usage.md', 'docs/admin.md']]);
    expect(alternativePaths('Put the hook in `src/hooks.ts` or src/hooks/index.ts; test in tests/hooks.test.ts')).toEqual([
      ['src/hooks.ts', 'src/hooks/index.ts'],
      ['tests/hooks.test.ts'],
    ]);
    expect(alternativePaths('Write src/a.ts, then src/b.ts, or leave it for later')).toEqual([['src/a.ts'], ['src/b.ts']]);
  });

  it('reads two file names joined by a slash as the one or the other, not a file in a folder named like a file', () => {
    expect(alternativePaths('Check the agent reads CLAUDE.md/AGENTS.md when started there')).toEqual([['CLAUDE.md', 'AGENTS.md']]);
    expect(alternativePaths('Bump `package.json/pyproject.toml` and src/app/main.ts')).toEqual([['package.json', 'pyproject.toml'], ['src/app/main.ts']]);
    expect(pathsInText('Read README.md/CONTRIBUTING.md first')).toEqual(['README.md', 'CONTRIBUTING.md']);
    // A folder named with a dot, then a file: still one path.
    expect(pathsInText('Patch vendor/chart.js/index.js')).toEqual(['vendor/chart.js/index.js']);
  });
});
