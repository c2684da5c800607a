import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadMarkdownParser, tameNesting } from '../src/parse/markdown.js';

const diagram = readFileSync(new URL('../../../fixtures/documents/specs/tasks-fenced-diagram.md', import.meta.url), 'utf8');

describe('tameNesting', () => {
  it('leaves a fenced block alone however far its lines are indented: a diagram nests nothing', async () => {
    expect(tameNesting(diagram)).toEqual({ text: diagram });
    const { diagnostics } = (await loadMarkdownParser()).parse('specs/001-import/tasks.md', diagram);
    expect(diagnostics).toEqual([]);
  });

  it('still flattens the same indentation outside a fence, from its line on', () => {
    const unfenced = diagram.replace('```text\n', '').replace('\n```\n', '\n');
    const tamed = tameNesting(unfenced);
    expect(tamed.line).toBe(6);
    expect(tamed.text.split('\n')[5]!.length).toBeLessThan(unfenced.split('\n')[5]!.length);
  });

  it('still holds lines that open thousands of list markers to the limits inside a fence', () => {
    const hostile = `<div>\n\n\`\`\`\n\n${'- '.repeat(10_000)}x\n`;
    const tamed = tameNesting(hostile);
    expect(tamed.line).toBe(5);
    expect(tamed.text.length).toBeLessThan(hostile.length);
  });
});
