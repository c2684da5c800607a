import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyDirectives, collectDirectives } from '../src/lint/directives.js';
import { lintText } from '../src/lint/engine.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { testPresets, testRules } from './helpers/lint-rules.js';

const file = fileURLToPath(new URL('../../../fixtures/lint/directives/status.md', import.meta.url));
const options = { rules: testRules, presets: testPresets };

describe('inline directives', () => {
  it('reads directives from HTML comments only, never from code', async () => {
    const text = await readFile(file, 'utf8');
    const { document } = await parseMarkdown('status.md', text);
    const directives = collectDirectives(document.tree, text);
    expect(directives.map((d) => [d.kind, d.rules, d.justification, d.line])).toEqual([
      ['disable-next-line', ['no-heading-colon'], 'heading copied from the template', 3],
      ['disable', ['no-heading-colon'], '', 8],
      ['enable', ['no-heading-colon'], '', 12],
      ['disable', [], '', 16],
      ['enable', [], '', 18],
      ['disable-next-line', ['no-heading-colon'], '', 20],
    ]);
  });

  it.each([
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ])('reads the same lines and columns with %s line endings', async (_name, eol) => {
    const text = await readFile(file, 'utf8');
    const converted = text.replace(/\r\n|\r|\n/g, eol);
    const at = (source: string) => parseMarkdown('status.md', source).then(({ document }) => collectDirectives(document.tree, source));
    const lf = await at(text);
    expect(lf.length).toBeGreaterThan(0);
    expect(await at(converted)).toEqual(lf);
    const [result] = await lintText(converted, 'status.md', options);
    expect(result!.messages.map((m) => m.line)).toEqual([6, 14, 27, 31]);
  });

  it('suppresses next-line and block problems, and reports unused directives when asked', async () => {
    const text = await readFile(file, 'utf8');
    const [result] = await lintText(text, 'status.md', { ...options, reportUnusedDisableDirectives: true });
    expect(result!.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`)).toEqual([
      '6 no-heading-colon Heading "Reported one:" ends with a colon.',
      '14 no-heading-colon Heading "Reported two:" ends with a colon.',
      '20 govern/unused-disable-directive Unused govern-disable-next-line directive (no problems were reported from \'no-heading-colon\').',
      '27 no-heading-colon Heading "Reported three:" ends with a colon.',
      '31 no-heading-colon Heading "Reported four:" ends with a colon.',
    ]);
    expect(result!.suppressedMessages.map((m) => m.line)).toEqual([4, 9, 11, 17]);
    expect(result!.errorCount).toBe(5);
    const [quiet] = await lintText(text, 'status.md', options);
    expect(quiet!.messages.map((m) => m.line)).toEqual([6, 14, 27, 31]);
  });

  it('re-enables one rule inside a disable-all block; accepts govern/ ids and comma lists', () => {
    const at = (line: number, ruleId: string) => ({ ruleId, severity: 2 as const, message: 'x', line, column: 1 });
    const d = (kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-line', line: number, rules: string[] = []) => ({
      kind, rules, justification: '', line, column: 1, endLine: line, endColumn: 30,
    });
    const outcome = applyDirectives(
      [at(2, 'a'), at(2, 'b'), at(4, 'a'), at(4, 'b'), at(6, 'c'), at(7, 'a')],
      [d('disable', 1), d('enable', 3, ['a']), d('enable', 5), d('disable-next-line', 5, ['govern/c', 'd']), d('disable-line', 7, ['a'])],
      { matches: (written, id) => written === id || written === `govern/${id}`, reportUnused: 1 },
    );
    expect(outcome.messages.map((m) => `${m.line}${m.ruleId}`)).toEqual(['4a']);
    expect(outcome.suppressed.map((m) => `${m.line}${m.ruleId}`)).toEqual(['2a', '2b', '4b', '6c', '7a']);
    expect(outcome.unused.map((m) => m.message)).toEqual(["Unused govern-disable-next-line directive (no problems were reported from 'd')."]);
  });

  it('does not let a suppressed problem be fixed', async () => {
    const text = '<!-- govern-disable-next-line no-heading-colon -->\n## Kept:\n\n## Fixed:\n';
    const [result] = await lintText(text, 'status.md', { ...options, fix: true });
    expect(result!.output).toBe('<!-- govern-disable-next-line no-heading-colon -->\n## Kept:\n\n## Fixed\n');
  });
});
