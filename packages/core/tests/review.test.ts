import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { extractReviewJson, loadReviewValidator, parseReview, type ValidateFn } from '../src/parse/review.js';
import { locatePointers } from '../src/parse/json-pointers.js';

const FIXTURES = new URL('../../../fixtures/documents/review/', import.meta.url);
let validate: ValidateFn;

beforeAll(async () => {
  validate = await loadReviewValidator();
});

async function load(name: string) {
  const text = await readFile(new URL(name, FIXTURES), 'utf8');
  return parseReview(`.agent/reviews/${name}`, text, validate);
}

const lines = (diagnostics: Array<{ line: number; column: number; message: string }>) => diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);

describe('parseReview', () => {
  it('reads an approved review with string findings', async () => {
    const { value, diagnostics } = await load('valid.json');
    expect(diagnostics).toEqual([]);
    expect(value).toEqual({
      file: '.agent/reviews/valid.json',
      valid: true,
      verdict: 'approved',
      blocking: [],
      shouldFix: [],
      nits: [{ text: 'Rename `tmp` to `pending` in src/queue.ts for clarity.' }],
      scopeViolations: [],
      format: 'json',
      verdictPosition: { file: '.agent/reviews/valid.json', line: 2, column: 14 },
    });
  });

  it('reads findings written as objects, with file and line wherever they are', async () => {
    const { value, diagnostics } = await load('changes-requested.json');
    expect(diagnostics).toEqual([]);
    expect(value.valid).toBe(true);
    expect(value.verdict).toBe('changes_requested');
    expect(value.blocking).toEqual([
      { text: 'select-then-insert race: use INSERT ... ON CONFLICT DO UPDATE', file: 'src/db/tags.ts', line: 42 },
      { text: 'The bootstrap and the migration both create the tags table', file: 'migrations/005_tags.sql', line: 3 },
    ]);
    expect(value.shouldFix).toEqual([{ text: 'The detail view lacks the same empty state as the list', file: 'src/ui/TagList.tsx', line: 17 }]);
    expect(value.scopeViolations).toEqual([{ text: 'Billing is listed under Out of scope', file: 'src/billing/invoice.ts' }]);
  });

  it('reads the CRLF variant the same way', async () => {
    const lf = await load('changes-requested.json');
    const crlf = await load('changes-requested-crlf.json');
    const placeless = (v: typeof lf.value) => ({ ...v, file: '', verdictPosition: { ...v.verdictPosition, file: '' } });
    expect(placeless(crlf.value)).toEqual(placeless(lf.value));
  });

  it('keeps an approval that still lists a blocker: the rule, not the parser, judges it', async () => {
    const { value, diagnostics } = await load('approve-with-blocking.json');
    expect(diagnostics).toEqual([]);
    expect(value.valid).toBe(true);
    expect(value.verdict).toBe('approved');
    expect(value.blocking).toEqual([{ text: 'Session tokens never expire', file: 'src/auth/session.ts', line: 88 }]);
  });

  it('reports schema errors with their JSON pointer and line', async () => {
    const { value, diagnostics } = await load('invalid.json');
    expect(value.valid).toBe(false);
    expect(value.verdict).toBeUndefined();
    expect(lines(diagnostics)).toEqual([
      '1:1 The review does not keep the reviewer contract at the top level: "verdict" is missing.',
      '2:15 The review does not keep the reviewer contract at /blocking: must be array.',
      '4:5 The review does not keep the reviewer contract at /should_fix/0: a finding object needs a description (or an issue, message or title).',
      '7:22 The review names its list "scopeViolations"; the contract\'s key is "scope_violations".',
    ]);
    expect(diagnostics.every((d) => d.ruleId === 'govern/parse-review' && d.severity === 'warning')).toBe(true);
    // What can be read is still returned.
    expect(value.scopeViolations).toEqual([{ text: 'src/extra.ts is outside the scope' }]);
    expect(value.shouldFix).toEqual([{ text: '{"file":"src/a.ts","line":3}', file: 'src/a.ts', line: 3 }]);
  });

  it('points at the syntax error of malformed JSON', async () => {
    const { value, diagnostics } = await load('malformed.json');
    expect(value.valid).toBe(false);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'govern/parse-review', line: 5, column: 3 });
    expect(diagnostics[0]?.message).toMatch(/^The review is not valid JSON \(.+\)\.$/);
    expect(diagnostics[0]?.message).not.toContain('position');
  });

  it('reports an empty output', async () => {
    const { diagnostics } = await load('empty.json');
    expect(lines(diagnostics)).toEqual(['1:1 The review output is empty; the reviewer wrote no JSON.']);
  });

  it('reports truncated JSON at its end', () => {
    const { diagnostics } = parseReview('r.json', '{\n  "verdict": "appro', validate);
    expect(diagnostics[0]).toMatchObject({ line: 2 });
  });

  it('offsets lines for JSON taken out of a Markdown review', async () => {
    const text = await readFile(new URL('markdown-review.md', FIXTURES), 'utf8');
    const { document } = await parseMarkdown('.agent/reviews/markdown-review.md', text);
    const block = extractReviewJson(document);
    expect(block?.line).toBe(6);
    const { value, diagnostics } = parseReview(document.file, block!.text, validate, block!.line);
    expect(value.verdict).toBe('request_changes');
    expect(value.blocking).toEqual([{ text: 'Tag names are not unique per workspace', file: 'src/tags.ts', line: 12 }]);
    expect(lines(diagnostics)).toEqual([
      '14:5 The review does not keep the reviewer contract at /scope_violations/0: a finding must be a sentence or an object with a description.',
    ]);
  });

  it('finds no JSON in a prose review, and says nothing about it', async () => {
    const text = await readFile(new URL('prose-review.md', FIXTURES), 'utf8');
    const { document, diagnostics } = await parseMarkdown('.agent/reviews/prose-review.md', text);
    expect(extractReviewJson(document)).toBeUndefined();
    expect(diagnostics).toEqual([]);
  });
});

describe('locatePointers', () => {
  it('maps pointers to offsets, escapes included', () => {
    const text = '{"a/b": [1, {"c~d": true}], "e": []}';
    const map = locatePointers(text);
    expect(map.get('')).toBe(0);
    expect(map.get('/a~1b')).toBe(8);
    expect(map.get('/a~1b/1/c~0d')).toBe(text.indexOf('true'));
    expect(map.get('/e')).toBe(text.indexOf('[]'));
    expect(map.has('/e/0')).toBe(false);
  });

  it('does not overflow on deep nesting', () => {
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(locatePointers(deep).size).toBe(50_000);
  });
});
