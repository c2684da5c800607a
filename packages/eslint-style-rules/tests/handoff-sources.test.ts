import { parseHandoffs, parseMarkdown, type MarkdownDocument } from '@govern/core';
import type { RootContent } from 'mdast';
import { describe, expect, it } from 'vitest';
import { handoffSources } from '../src/utils/handoff.js';

// A heading and a paragraph: remark's own parse of many lists grows with the square of their number.
const handoff = (i: number) => `### Handoff: implement -> verify\n\nNext owner: verify lane ${i}\n\n`;

/**
 * A status document of `count` handoffs, parsed, with its top-level blocks wrapped so that every property
 * read on one is counted: the work `handoffSources` does over the blocks.
 */
async function counted(count: number): Promise<{ doc: MarkdownDocument; reads: () => number }> {
  let text = '# Status\n\n';
  for (let i = 0; i < count; i++) text += handoff(i);
  const { document } = await parseMarkdown('status.md', text);
  let reads = 0;
  const tree = document.tree;
  tree.children = tree.children.map(
    (node) =>
      new Proxy(node, {
        get(target, key, receiver) {
          reads++;
          return Reflect.get(target, key, receiver) as unknown;
        },
      }) as RootContent,
  );
  return { doc: document, reads: () => reads };
}

describe('handoffSources', () => {
  it('finds each block by an index: the blocks are read a fixed number of times each, however many handoffs there are', { timeout: 120_000 }, async () => {
    const perBlock: number[] = [];
    for (const count of [500, 2_000, 8_000]) {
      const { doc, reads } = await counted(count);
      const handoffs = parseHandoffs(doc).value;
      expect(handoffs).toHaveLength(count);
      const before = reads();
      const sources = handoffSources(doc, handoffs);
      perBlock.push((reads() - before) / doc.tree.children.length);
      // Each block ends where the next heading starts, at the same place however large the document.
      expect(sources.at(-1)!.endLine - sources.at(-1)!.handoff.position.line).toBe(2);
      expect(sources[count >> 1]!.endLine - sources[count >> 1]!.handoff.position.line).toBe(2);
    }
    // A scan of the blocks per handoff reads each block at least once per handoff (500, 2,000, 8,000 times).
    expect(perBlock[0]).toBeLessThan(10);
    expect(perBlock[2]).toBeLessThanOrEqual(perBlock[0]! * 1.01);
  });
});
