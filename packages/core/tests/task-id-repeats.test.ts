import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseTasks } from '../src/parse/tasks.js';

const dir = new URL('../../../fixtures/documents/specs/', import.meta.url);

async function warnings(name: string) {
  const { document } = await parseMarkdown(`specs/${name}`, readFileSync(new URL(name, dir), 'utf8'));
  return parseTasks(document).diagnostics.filter((d) => d.severity === 'warning');
}

describe('task ids used twice: one cause, one report', () => {
  it('reports a block pasted twice once, naming both copies', async () => {
    const found = await warnings('tasks-repeated-block.md');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [12, 'Tasks T010–T013 on lines 12–15 repeat the 4 tasks of lines 7–10, once open and once ticked; keep one copy.'],
    ]);
    expect(found[0]!.related?.map((p) => p.line)).toEqual([7, 8, 9, 10, 13, 14, 15]);
  });

  it('reports a phase that restarted its numbering once, with the first free id', async () => {
    const found = await warnings('tasks-renumbered.md');
    expect(found.map((d) => [d.line, d.message])).toEqual([
      [13, 'Tasks T020–T022 on lines 13–15 reuse the ids of the 3 tasks of lines 7–9; give them ids of their own (from T024 on, none is taken).'],
    ]);
  });
});
