import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';

describe('parseMarkdown', () => {
  it('reads front matter and reports invalid YAML with its line', async () => {
    const ok = await parseMarkdown('a.md', '---\nstatus: Draft\n---\n# Title\n');
    expect(ok.document.frontmatter).toEqual({ status: 'Draft' });
    const bad = await parseMarkdown('b.md', '---\nstatus: [unclosed\n---\n# Title\n');
    expect(bad.document.frontmatter).toBeUndefined();
    expect(bad.diagnostics[0]).toMatchObject({ ruleId: 'govern/frontmatter', file: 'b.md' });
  });

  it('keeps positions on CRLF text', async () => {
    const { document } = await parseMarkdown('c.md', '# A\r\n\r\n## B\r\n');
    expect(document.tree.children[1]?.position?.start).toMatchObject({ line: 3, column: 1 });
  });
});
