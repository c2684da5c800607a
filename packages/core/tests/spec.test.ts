import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseSpecDocument } from '../src/parse/spec.js';

const dir = new URL('../../../fixtures/documents/specs/', import.meta.url);

async function parse(name: string) {
  const text = readFileSync(new URL(name, dir), 'utf8');
  const { document } = await parseMarkdown(`specs/${name}`, text);
  return parseSpecDocument(document);
}

describe('parseSpecDocument', () => {
  it('reads a Spec Kit spec: title, status from the header block, stories and clarification markers', async () => {
    const { value, diagnostics } = await parse('spec-draft.md');
    expect(diagnostics).toEqual([]);
    expect(value.title).toEqual({ value: 'Tags', position: { file: 'specs/spec-draft.md', line: 1, column: 1, endLine: 1, endColumn: 30 } });
    // The header is one paragraph over four lines; Status is the third.
    expect(value.status?.value).toBe('Draft');
    expect(value.status?.position).toMatchObject({ line: 5, column: 3 });
    expect(value.userStories.map((s) => [s.id, s.title, s.priority, s.position.line])).toEqual([
      ['US1', 'Tag a note', 'P1', 14],
      ['US2', 'Filter by tag', 'P2', 24],
      // The priority from the `**Priority**: P3` line under the heading.
      ['US3', 'Rename a tag', 'P3', 28],
    ]);
  });

  it('finds [NEEDS CLARIFICATION] markers in prose only, with their positions', async () => {
    const { value } = await parse('spec-draft.md');
    // Not the ones in the HTML comment, the code span or the code block.
    expect(value.clarifications).toEqual([
      { value: 'maximum tag length not specified', position: { file: 'specs/spec-draft.md', line: 34, column: 20 } },
      { value: 'per user or per workspace?', position: { file: 'specs/spec-draft.md', line: 39, column: 42 } },
      { value: '', position: { file: 'specs/spec-draft.md', line: 40, column: 27 } },
    ]);
  });

  it('prefers the front matter status and keeps the first h1 as the title', async () => {
    const { value } = await parse('spec-frontmatter.md');
    expect(value.status).toEqual({ value: 'In review', position: { file: 'specs/spec-frontmatter.md', line: 3, column: 1 } });
    expect(value.title?.value).toBe('Rate limiting for the public API');
    expect(value.userStories).toEqual([
      { id: 'US1', title: 'Throttle anonymous clients', priority: 'High', position: expect.objectContaining({ line: 11 }) },
      { id: 'US-2', title: 'Raise limits for paying customers', position: expect.objectContaining({ line: 13 }) },
    ]);
  });

  it('reads CJK specs', async () => {
    const { value } = await parse('spec-cjk.md');
    expect(value.title?.value).toBe('标签 🏷️');
    expect(value.status).toMatchObject({ value: '草稿', position: { line: 3 } });
    expect(value.userStories.map((s) => [s.title, s.priority])).toEqual([
      ['给笔记加标签', 'P1'],
      ['タグで絞り込む', 'P2'],
    ]);
    expect(value.clarifications).toEqual([{ value: '标签数量上限？', position: { file: 'specs/spec-cjk.md', line: 8, column: 12 } }]);
  });

  it('keeps lines and columns on CRLF files', async () => {
    const text = readFileSync(new URL('spec-crlf.md', dir), 'utf8');
    expect(text).toContain('\r\n');
    const { value } = await parse('spec-crlf.md');
    expect(value.status).toMatchObject({ value: 'In Progress', position: { line: 5, column: 3 } });
    expect(value.userStories[0]).toMatchObject({ id: 'US1', title: 'Sync on save', priority: 'P1', position: { line: 7 } });
    expect(value.clarifications[0]).toEqual({ value: 'conflict policy?', position: { file: 'specs/spec-crlf.md', line: 9, column: 7 } });
  });

  it('reads a single-file agent spec with a plain Status line and Label: bullets', async () => {
    const { value, diagnostics } = await parse('agent-spec.md');
    expect(diagnostics).toEqual([]);
    expect(value.title?.value).toBe('Retry failed webhooks');
    expect(value.status).toMatchObject({ value: 'approved', position: { line: 3, column: 1 } });
    expect(value.scope?.position.line).toBe(9);
    expect(value.scope?.present).toEqual({ inScope: true, outOfScope: true, openQuestions: true });
    expect(value.scope?.inScope).toEqual([{ value: 'retry policy, backoff, dead-letter queue', position: { file: 'specs/agent-spec.md', line: 11, column: 13 } }]);
    expect(value.scope?.outOfScope.map((i) => i.value)).toEqual(['the admin UI']);
    expect(value.scope?.openQuestions.map((i) => i.value)).toEqual(['none']);
  });

  it('gives an empty result, without diagnostics, for empty files and files of only front matter', async () => {
    const empty = await parse('spec-empty.md');
    expect(empty).toEqual({ value: { file: 'specs/spec-empty.md', userStories: [], clarifications: [] }, diagnostics: [] });
    const front = await parse('spec-frontmatter-only.md');
    expect(front.value.status).toEqual({ value: 'Draft', position: { file: 'specs/spec-frontmatter-only.md', line: 2, column: 1 } });
    expect(front.value.title).toBeUndefined();
    expect(front.diagnostics).toEqual([]);
  });

  it('reports a front matter status that is not a single value', async () => {
    const { document } = await parseMarkdown('s.md', '---\nstatus:\n  - a\n  - b\n---\n# Feature Specification: X\n\n**Status**: Draft\n');
    const { value, diagnostics } = parseSpecDocument(document);
    expect(value.status).toMatchObject({ value: 'Draft', position: { line: 8 } });
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: 'govern/parse-spec', severity: 'warning', line: 2 })]);
  });
});

describe('scope block', () => {
  it('reads In scope / Out of scope / Open questions as sub-headings', async () => {
    const { value } = await parse('spec-scope-block.md');
    const scope = value.scope!;
    expect(scope.position).toMatchObject({ line: 5, column: 1 });
    expect(scope.present).toEqual({ inScope: true, outOfScope: true, openQuestions: true });
    expect(scope.inScope).toEqual([
      { value: 'CSV export of the note list', position: expect.objectContaining({ line: 9, column: 3 }) },
      { value: 'A download button on web/src/NotesPage.tsx', position: expect.objectContaining({ line: 10, column: 3 }) },
    ]);
    expect(scope.outOfScope.map((i) => [i.value, i.position.line])).toEqual([
      ['PDF export', 14],
      ['Scheduled exports', 15],
    ]);
    expect(scope.openQuestions.map((i) => i.value)).toEqual(['Should exports include archived notes?']);
  });

  it('reads bold labels, inline or followed by a list, and ignores prose outside the block', async () => {
    const { value } = await parse('scope-bold-labels.md');
    const scope = value.scope!;
    expect(scope.position.line).toBe(3);
    expect(scope.inScope).toEqual([{ value: 'the retry loop in src/import/retry.ts.', position: { file: 'specs/scope-bold-labels.md', line: 5, column: 15 } }]);
    expect(scope.outOfScope.map((i) => [i.value, i.position.line])).toEqual([
      ['the CSV parser', 8],
      ['any UI change', 9],
    ]);
    expect(scope.openQuestions.map((i) => i.value)).toEqual(['none.']);
  });

  it('reads label bullets with nested lists under a "Scope & Non-Goals" heading', async () => {
    const { value } = await parse('scope-label-bullets.md');
    const scope = value.scope!;
    expect(scope.inScope.map((i) => [i.value, i.position.line, i.position.column])).toEqual([
      ['Full-text search over notes', 6, 5],
      ['Highlighting matches', 7, 5],
    ]);
    expect(scope.outOfScope).toEqual([{ value: 'saved searches', position: { file: 'specs/scope-label-bullets.md', line: 8, column: 17 } }]);
    expect(scope.openQuestions.map((i) => i.value)).toEqual(['Which tokenizer for CJK?']);
  });

  it('records which parts are missing', async () => {
    const { value } = await parse('scope-headings-only.md');
    expect(value.scope?.present).toEqual({ inScope: true, outOfScope: true, openQuestions: false });
    expect(value.scope?.position.line).toBe(3);
    expect(value.scope?.outOfScope.map((i) => i.value)).toEqual(['SSO']);
  });

  it('is absent when the document has no scope heading and no labels', async () => {
    const { value } = await parse('spec-draft.md');
    expect(value.scope).toBeUndefined();
  });
});
