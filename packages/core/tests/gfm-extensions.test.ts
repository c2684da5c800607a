import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { dropTaskCarets, gfmExtensionsFor, loadMarkdownParser, markShortcodes, openUnclosedMarkdownFence, tameNesting } from '../src/parse/markdown.js';

// The parser picks GFM's extensions per document; its trees must be the ones full remark-gfm gives the same text (after
// the passes the parser makes before it: pathological nesting tamed, state marks' shortcodes written as the marks, carets
// before task lines dropped, the opening line of a Markdown fence never closed blanked out).
const fullGfm = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();
const parser = await loadMarkdownParser();

function expectSameTree(text: string): void {
  const expected = fullGfm.parse(openUnclosedMarkdownFence(dropTaskCarets(markShortcodes(tameNesting(text).text))));
  expect(parser.parse('doc.md', text).document.tree).toEqual(expected);
}

const fixtures = path.resolve(import.meta.dirname, '../../../fixtures');
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) return [];
    if (entry.isDirectory()) return markdownFiles(full);
    return entry.name.endsWith('.md') ? [full] : [];
  });
}

/** Fragments around every trigger: URLs, e-mail addresses, escapes and character references that decode to them, tables, checkboxes, tildes, footnotes. */
const fragment = fc.constantFrom(
  'https://example.com/a_b?c=d',
  'http\\://example.com',
  'http&#58;//example.com',
  'www.example.com',
  'WWW.Example.org.',
  'www\\.example.com',
  'www&period;example.com',
  'dev@example.com',
  'dev&#64;example.com',
  'dev&commat;example.com',
  'mailto:a@b.co',
  'xmpp:a@b.co/x',
  '@AGENTS.md',
  '<https://x.y>',
  'R&D',
  'Scenarios & Testing',
  '| a | b |\n| --- | --- |\n| 1 | 2 |',
  'a | b\n-- | --',
  '| x |\n|---|',
  '- [ ] T001 task',
  '- [X] T012 [P] [US1] done',
  '^- [X] T013 caret left by an edit',
  '* [x] ok',
  '- [\t] tab',
  '- [\r\n] split',
  '~~gone~~',
  '~one~',
  'text[^1]\n\n[^1]: note',
  '[^',
  '`code https://x.y`',
  '```\nhttps://x.y | a |\n```',
  '<!-- www.x.y -->',
  '# Heading ~x~',
  '> quote | pipe',
  '1. item\n   - [ ] nested',
  'plain words',
  '\\',
  '&',
  '&#',
  ':',
  '/',
);
const markdownText = fc
  .array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 10 })
  .chain((parts) => fc.array(fc.constantFrom(' ', '\n', '\n\n', '\r\n', ''), { minLength: parts.length, maxLength: parts.length }).map((seps) => parts.map((p, i) => p + seps[i]).join('')));

describe('GFM extensions per document', () => {
  it('gives every fixture document the tree remark-gfm gives it', () => {
    const files = markdownFiles(fixtures);
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) expectSameTree(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  });

  it('gives random Markdown around every trigger the tree remark-gfm gives it', () => {
    fc.assert(
      fc.property(markdownText, (text) => {
        expectSameTree(text);
      }),
      { numRuns: 400 },
    );
  });

  it('leaves out the extensions a text cannot use', () => {
    const names = (text: string) =>
      ['autolinkLiteral', 'footnote', 'strikethrough', 'table', 'taskListItem'].filter((_, i) => gfmExtensionsFor(text) & (1 << i));
    expect(names('## User Scenarios & Testing\n\nplain')).toEqual([]);
    expect(names('see https://x.y')).toEqual(['autolinkLiteral']);
    expect(names('mail dev&#64;x.y')).toEqual(['autolinkLiteral']);
    expect(names('- [X] T001 done\n| a | b |')).toEqual(['table', 'taskListItem']);
    expect(names('~~old~~ and [^1]')).toEqual(['footnote', 'strikethrough']);
  });
});
