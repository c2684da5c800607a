import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MarkdownParser } from '../src/parse/markdown.js';
import { loadMarkdownParser } from '../src/parse/markdown.js';
import { parseAgents } from '../src/parse/agents.js';
import { parseClaudeImports } from '../src/parse/claude-imports.js';
import { parseConstitution } from '../src/parse/constitution.js';
import { parseHandoffs } from '../src/parse/handoff.js';
import { parseProduct } from '../src/parse/product.js';
import { parseSequence } from '../src/parse/sequence.js';
import { parseSpecDocument } from '../src/parse/spec.js';
import { parseState } from '../src/parse/state.js';
import { parseTasks } from '../src/parse/tasks.js';
import { parseReview } from '../src/parse/review.js';
import { decodeDocument } from '../src/load/read.js';

const fixturesRoot = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const info = statSync(full, { throwIfNoEntry: false });
    if (!info) continue;
    if (info.isDirectory()) out.push(...markdownFiles(full));
    else if (name.endsWith('.md')) out.push(full);
  }
  return out;
}

/** Lines real governance documents are made of, to splice into generated ones. */
const corpusLines = markdownFiles(fixturesRoot)
  .flatMap((file) => readFileSync(file, 'utf8').split(/\r?\n/))
  .filter((line) => line.trim() !== '');

const documentParsers: Array<[string, (parser: MarkdownParser, text: string) => unknown]> = [
  ['constitution', (p, t) => parseConstitution(p.parse('c.md', t).document)],
  ['product', (p, t) => parseProduct(p.parse('p.md', t).document)],
  ['sequence', (p, t) => parseSequence(p.parse('s.md', t).document)],
  ['agents', (p, t) => parseAgents(p.parse('a.md', t).document)],
  ['claude', (p, t) => parseClaudeImports(p.parse('CLAUDE.md', t).document, { root: '/repo', home: '/home/u' })],
  ['spec', (p, t) => parseSpecDocument(p.parse('specs/001-x/spec.md', t).document)],
  ['tasks', (p, t) => parseTasks(p.parse('specs/001-x/tasks.md', t).document)],
  ['state', (p, t) => parseState(p.parse('status.md', t).document)],
  ['handoff', (p, t) => parseHandoffs(p.parse('pr.md', t).document)],
];

/** Markdown built from real lines, fragments of syntax, odd characters and line endings. */
const markdownText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...corpusLines),
      fc.constantFrom(
        '#', '## ', '### F-', '- [x] ', '- [ ] T0', '| a | b |', '|---|---|', '**', '`', '```', '<!--', '-->', '---',
        '@', '@AGENTS.md', '[NEEDS CLARIFICATION:', '✅', '🚧', '标签', '->', '→', '1. ', '    ', '\t', '>', '\u0000', '\uFEFF',
        'Goal status:', 'Evidence:', 'Status:', 'Depends on: F-', '(Priority: P1)', '[P]', '[US1]', '**Version**: ',
      ),
      fc.string({ maxLength: 40 }),
    ),
    { maxLength: 60 },
  )
  .chain((parts) => fc.constantFrom('\n', '\r\n', '\r', ' ').map((eol) => parts.join(eol)));

describe('parsers never throw', () => {
  let parser: MarkdownParser;
  beforeAll(async () => {
    parser = await loadMarkdownParser();
  });

  it('has real lines to build from', () => {
    expect(corpusLines.length).toBeGreaterThan(200);
  });

  it.each(documentParsers)('%s parser survives generated and mutated Markdown', (_name, run) => {
    fc.assert(
      fc.property(markdownText, (text) => {
        const result = run(parser, text) as { value: unknown; diagnostics: unknown[] };
        expect(Array.isArray(result.diagnostics)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('every parser survives 10,000 nested list levels', () => {
    const deep = Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- [x] T${i} level`).join('\n');
    const { document, diagnostics } = parser.parse('deep.md', deep);
    expect(diagnostics[0]).toMatchObject({ ruleId: 'govern/parse', line: 10 });
    // The tree is parsed once; every parser then walks the same deep tree.
    const once: MarkdownParser = { parse: () => ({ document, diagnostics: [] }) };
    for (const [, run] of documentParsers) expect(() => run(once, deep)).not.toThrow();
  }, 120_000);

  it('the review parser survives arbitrary JSON-ish text', async () => {
    const { loadReviewValidator } = await import('../src/parse/review.js');
    const validate = await loadReviewValidator();
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify({ verdict: v, blocking: v }))), (text) => {
        expect(() => parseReview('r.json', text, validate)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('decoding survives arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expect(() => decodeDocument(bytes, 'x.md')).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});
