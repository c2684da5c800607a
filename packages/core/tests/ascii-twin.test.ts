import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiFirst, asciiSource, asciiTwin, isAscii } from '../src/text/ascii.js';

/** Patterns of the kinds the parsers give asciiFirst: lookarounds, negated classes, `iu` with `\b`, pictographs. */
const PATTERNS: ReadonlyArray<readonly [string, string]> = [
  [String.raw`(?<![\p{L}\p{N}])([A-Za-z]{1,8})([-_]?)(\d{1,9}(?:\.\d{1,9}){0,4})(?![\p{L}\p{N}])`, 'gu'],
  [String.raw`(?<![\p{L}\p{N}])(feature|feat)\s+#?(\d{1,9})(?![\p{L}\p{N}])`, 'giu'],
  [String.raw`[^\p{L}\p{N}\p{M}]+`, 'gu'],
  [String.raw`^[^\p{L}\p{N}[(]+`, 'u'],
  [String.raw`[^\p{L}\p{N})]+$`, 'u'],
  [String.raw`(?<![\p{L}\p{N}])(P\d)(?![\p{L}\p{N}])|priority\s*[:#]?\s*(\d|high|medium|low|critical)|(high|medium|low|critical|urgent)\s+priority`, 'iu'],
  [String.raw`(?<![\p{L}])(?:depends on|blocked by)\s+(.{1,300})$`, 'iu'],
  [String.raw`^[\s*_]*(in[\s-]?scope|out[\s-]of[\s-]scope|non[\s-]?goals?)(?![\p{L}\p{N}])[\s*_]*([:：])?[\s*_]*`, 'iu'],
  [String.raw`(?:^|[^\p{L}])scope(?![\p{L}])|范围|スコープ`, 'iu'],
  [String.raw`^(?:[\s*_]|[\p{Extended_Pictographic}\u2190-\u2bff\uFE0E\uFE0F\u200D])+`, 'u'],
  [String.raw`^\s*[\p{L} -]{1,20}(?:\s*\|\s*[\p{L} -]{1,20}){1,5}\s*$`, 'u'],
  [String.raw`\b[A-Z][\p{Ll}-]+\s+(?:to|must)\s+\p{Lu}`, 'u'],
  [String.raw`^(?:feature|fonctionnalité|功能)\s*#?\s*(\d+)`, 'iu'],
];

/** ASCII text made mostly of the characters these patterns look at. */
const asciiText = fc
  .array(
    fc.oneof(
      fc.constantFrom('feature', 'feat', 'Feature', 'P1', 'priority', 'depends on', 'blocked by', 'scope', 'in-scope', 'non goals', 'F-003', 'us12', 'x', 'K', 's'),
      fc.constantFrom(' ', '  ', '-', '_', '*', ':', '|', '(', ')', '[', '#', '.', '1', '0', '\t', '\n', "'"),
      fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

function matches(pattern: RegExp, text: string): unknown {
  if (pattern.global) return [...text.matchAll(pattern)].map((m) => [m.index, ...m]);
  const m = pattern.exec(text);
  return m && [m.index, ...m];
}

describe('asciiFirst', () => {
  it('derives an ASCII twin for every pattern', () => {
    for (const [source, flags] of PATTERNS) expect(asciiTwin(source, flags), source).toBeInstanceOf(RegExp);
  });

  it('matches exactly like the Unicode pattern on ASCII text', () => {
    for (const [source, flags] of PATTERNS) {
      const unicode = new RegExp(source, flags);
      const pick = asciiFirst(source, flags);
      fc.assert(
        fc.property(asciiText, (text) => {
          const chosen = pick(text);
          expect(chosen.flags.includes('u')).toBe(false);
          expect(matches(chosen, text)).toEqual(matches(unicode, text));
          expect(text.replace(chosen, '<$&>')).toBe(text.replace(unicode, '<$&>'));
        }),
        { numRuns: 300 },
      );
    }
  });

  it('uses the Unicode pattern for other text', () => {
    const pick = asciiFirst(String.raw`[^\p{L}\p{N}\p{M}]+`, 'gu');
    expect(pick('Café — crème').flags).toContain('u');
    expect('Café — crème'.replace(pick('Café — crème'), '-')).toBe('Café-crème');
    expect('tags & labels'.replace(pick('tags & labels'), '-')).toBe('tags-labels');
  });

  it('refuses what could differ without the u flag', () => {
    expect(asciiSource(String.raw`\p{Script=Latin}`)).toBeUndefined();
    expect(asciiSource(String.raw`[\P{L}]`)).toBeUndefined();
    expect(asciiSource(String.raw`\u{1F600}`)).toBeUndefined();
    expect(asciiSource('ſ')).toBeUndefined();
    expect(asciiSource(String.raw`[^\p{L}\p{N}]\P{N}`)).toBe('[^A-Za-z0-9][^0-9]');
    expect(isAscii('plain text')).toBe(true);
    expect(isAscii('em — dash')).toBe(false);
  });
});
