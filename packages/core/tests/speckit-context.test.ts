import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { speckitCurrentPlan } from '../src/parse/speckit-context.js';

const FIXTURES = new URL('../../../fixtures/documents/speckit-context/', import.meta.url);

async function pointer(name: string) {
  const text = await readFile(new URL(name, FIXTURES), 'utf8');
  const { document } = await parseMarkdown('CLAUDE.md', text);
  return speckitCurrentPlan(document);
}

describe('speckitCurrentPlan', () => {
  it('reads the folder of the plan the block names, as written, on a CRLF file', async () => {
    expect(await pointer('path-in-sentence.md')).toEqual({ value: './specs/012-export', position: { file: 'CLAUDE.md', line: 7, column: 4 } });
  });

  it("reads a folder's name alone after a label", async () => {
    expect(await pointer('bare-name.md')).toEqual({ value: '016-read-aloud', position: { file: 'CLAUDE.md', line: 2, column: 17 } });
  });

  it('gives none for a block that names no folder, whatever the file says after it', async () => {
    expect(await pointer('empty-block.md')).toBeUndefined();
  });

  it('gives none where the block is only talked about or shown in a code block', async () => {
    expect(await pointer('mentioned.md')).toBeUndefined();
  });

  it('reads a block whose end comment was deleted', async () => {
    expect(await pointer('unclosed.md')).toMatchObject({ value: 'specs/009-backup', position: { line: 2 } });
  });
});
