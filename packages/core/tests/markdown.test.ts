import { describe, expect, it } from 'vitest';
import { markShortcodes, openUnclosedMarkdownFence, parseMarkdown } from '../src/parse/markdown.js';

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

  it('reads what a Markdown fence never closed holds as the document, and leaves a closed one an example', async () => {
    const pasted = '### 2. STATUS.md\r\n```markdown\r\n# Status\r\n\r\n## Done\r\n- Station list\r\n';
    const opened = openUnclosedMarkdownFence(pasted);
    expect(opened).toHaveLength(pasted.length);
    const { document } = await parseMarkdown('s.md', pasted);
    expect(document.tree.children.map((node) => node.type)).toEqual(['heading', 'heading', 'heading', 'list']);
    expect(document.tree.children[3]?.position?.start).toMatchObject({ line: 6, column: 1 });
    const closed = 'Write it so:\n\n```md\n# Status\n```\n';
    expect(openUnclosedMarkdownFence(closed)).toBe(closed);
    // A fence of another language left open is code to the end, as Markdown says.
    const code = '```js\nlet a = 1;\n';
    expect(openUnclosedMarkdownFence(code)).toBe(code);
    // An inner bare fence closes the wrapper; a fence opened after it and left open is not the wrapper.
    const inner = '```markdown\n# Plan\n```\n\n```\nnotes\n';
    expect(openUnclosedMarkdownFence(inner)).toBe(inner);
  });

  it('reads the shortcode of a state mark as the mark, every offset where it was, and leaves other colons alone', async () => {
    const text = '## :construction: Phase 2 :x:\n\nAt 10:30: see :sparkles: and http://host:8080/\n';
    const marked = markShortcodes(text);
    expect(marked).toHaveLength(text.length);
    expect(marked.startsWith('## 🚧')).toBe(true);
    expect(marked).toContain('Phase 2 ❌');
    expect(marked).toContain('At 10:30: see :sparkles: and http://host:8080/');
    const { document } = await parseMarkdown('m.md', text);
    expect(document.text).toBe(text);
    expect(document.tree.children[1]?.position?.start).toMatchObject({ line: 3, column: 1 });
    expect(markShortcodes('no marks here')).toBe('no marks here');
  });
});
