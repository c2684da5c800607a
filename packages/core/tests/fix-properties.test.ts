import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lintText } from '../src/lint/engine.js';
import { applyFixes } from '../src/lint/fixes.js';
import type { Fix } from '../src/lint/types.js';
import { testPresets, testRules } from './helpers/lint-rules.js';

/** Text with the characters fixes trip over: CRLF, CJK, emoji (surrogate pairs), BOM-less and empty. */
const text = fc
  .array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('\r\n', '\n', '機能', '🚀', '# ', ':', '\uFEFF')), { maxLength: 30 })
  .map((parts) => parts.join(''));

function fixIn(length: number): fc.Arbitrary<Fix> {
  return fc
    .tuple(fc.integer({ min: 0, max: length }), fc.integer({ min: 0, max: length }), fc.string({ maxLength: 6 }))
    .map(([a, b, replacement]) => ({ range: [Math.min(a, b), Math.max(a, b)] as [number, number], text: replacement }));
}

const withFixes = text.chain((source) =>
  fc.tuple(fc.constant(source), fc.array(fixIn(source.length).map((fix) => ({ fix })), { maxLength: 8 })),
);

describe('applyFixes: properties', () => {
  it('changes no character outside the ranges it applied, and applies only ranges that do not overlap', () => {
    fc.assert(
      fc.property(withFixes, ([source, items]) => {
        const { text: out, applied, remaining } = applyFixes(source, items);
        expect(applied.length + remaining.length).toBe(items.length);
        // Rebuild the output from the source and the applied fixes alone: every other character is the source's.
        const ordered = [...applied].sort((a, b) => a.fix.range[0] - b.fix.range[0]);
        let expected = '';
        let cursor = 0;
        for (const { fix } of ordered) {
          expect(fix.range[0]).toBeGreaterThanOrEqual(cursor);
          expected += source.slice(cursor, fix.range[0]) + fix.text;
          cursor = fix.range[1];
        }
        expected += source.slice(cursor);
        expect(out).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('with no fixes, or only fixes already applied as no-ops, returns the same text', () => {
    fc.assert(
      fc.property(text, (source) => {
        expect(applyFixes(source, []).text).toBe(source);
        const noop = { fix: { range: [0, Math.min(2, source.length)] as [number, number], text: source.slice(0, 2) } };
        expect(applyFixes(source, [noop]).text).toBe(source);
      }),
    );
  });

  it('refuses ranges outside the text instead of corrupting it', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 20 }), (source, beyond) => {
        const bad = { fix: { range: [source.length, source.length + beyond] as [number, number], text: 'x' } };
        const result = applyFixes(source, [bad]);
        expect(result.text).toBe(source);
        expect(result.remaining).toEqual([bad]);
      }),
    );
  });
});

/** Markdown with headings that end in one to three colons (the test rule removes one per pass). */
const headingLine = fc
  .tuple(fc.constantFrom('#', '##', '###'), fc.constantFrom('Setup', '機能 一覧', 'Deploy 🚀', 'a'), fc.integer({ min: 0, max: 3 }))
  .map(([hashes, title, colons]) => `${hashes} ${title}${':'.repeat(colons)}`);
const bodyLine = fc.oneof(fc.constantFrom('', 'Text.', '- item:', '```', '> quote:', '    code:'), fc.string({ maxLength: 10 }));
const markdown = fc
  .tuple(fc.array(fc.oneof(headingLine, bodyLine), { maxLength: 15 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.boolean())
  .map(([lines, eol, mixed, bom]) => {
    const body = lines.map((line, i) => line + (mixed && i % 2 === 1 ? '\n' : eol)).join('');
    return bom ? `\uFEFF${body}` : body;
  });

const options = { rules: testRules, presets: testPresets, config: { extends: ['govern:recommended'] }, fix: true };

async function fixOnce(source: string): Promise<string> {
  const [result] = await lintText(source, 'AGENTS.md', options);
  return result!.output ?? source;
}

describe('--fix: properties', () => {
  it('is idempotent: fixing the fixed text changes nothing', async () => {
    // The generator does produce fixable text: the property is not vacuous.
    expect(await fixOnce('# Setup:::\r\nText.\r\n')).toBe('# Setup\r\nText.\r\n');
    await fc.assert(
      fc.asyncProperty(markdown, async (source) => {
        const once = await fixOnce(source);
        const twice = await fixOnce(once);
        expect(twice).toBe(once);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('changes no byte outside its edits: only trailing heading colons go, line endings and BOM stay', async () => {
    await fc.assert(
      fc.asyncProperty(markdown, async (source) => {
        const fixed = await fixOnce(source);
        expect(fixed.startsWith('\uFEFF')).toBe(source.startsWith('\uFEFF'));
        const before = source.split('\n');
        const after = fixed.split('\n');
        expect(after).toHaveLength(before.length);
        for (let i = 0; i < before.length; i++) {
          if (after[i] === before[i]) continue;
          // The only edit the rule makes: colons removed from the end of a heading's text.
          const cr = before[i]!.endsWith('\r') ? '\r' : '';
          const core = before[i]!.slice(0, before[i]!.length - cr.length);
          expect(after[i]!.endsWith(cr)).toBe(true);
          const kept = after[i]!.slice(0, after[i]!.length - cr.length);
          expect(core.startsWith(kept)).toBe(true);
          expect(core.slice(kept.length)).toMatch(/^:+$/);
          // An ATX heading (`## Setup:`), or the last text line of a setext heading, whose underline follows
          // (`!` / `    code:` / `=` is one heading of two lines).
          const setext = /^ {0,3}(?:=+|-+)[ \t]*\r?$/u.test(before[i + 1] ?? '');
          if (!setext) expect(kept).toMatch(/^(?:\uFEFF)?#{1,3} /);
        }
      }),
      // The setext heading fast-check once found (seed 80903842), run every time.
      { numRuns: 150, examples: [['!\n    code:\n=\n']] },
    );
  }, 120_000);
});
