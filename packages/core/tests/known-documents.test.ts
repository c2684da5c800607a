import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readProjectFiles, type KnownDocuments } from '../src/index.js';
import { fixtureCopies } from './helpers/fixture-copies.js';

const copyOf = fixtureCopies('govern-known-');

/** Recognises every document by the size and time it has now, as a cache written just now would. */
async function knowingAll(root: string): Promise<KnownDocuments> {
  const files = await readProjectFiles(root);
  const recorded = new Map<string, { size: number; mtimeMs: number }>();
  for (const doc of files.documents) {
    const info = await stat(doc.absolutePath);
    recorded.set(doc.file, { size: info.size, mtimeMs: info.mtimeMs });
  }
  return {
    lookup(file, size, mtimeMs) {
      const was = recorded.get(file);
      return was && was.size === size && was.mtimeMs === mtimeMs ? { hash: `hash of ${file}`, bytes: 42, bom: false, eol: 'lf' } : undefined;
    },
  };
}

describe('readProjectFiles with known documents', () => {
  it('does not read a document whose size and modification time are unchanged, and reads it when asked', async () => {
    const root = await copyOf('example');
    const known = await knowingAll(root);
    const files = await readProjectFiles(root, { known });
    const doc = files.documents.find((d) => d.file === 'status.md')!;
    // Taken from the record, not from a read (the file has 865 bytes).
    expect(doc.bytes).toBe(42);
    expect(files.knownHashes?.get('status.md')).toBe('hash of status.md');
    expect(files.texts.has('status.md')).toBe(true);
    expect(files.texts.get('status.md')?.text).toContain('F-002');
  });

  it('reads a document whose size or time changed, and records both for next time', async () => {
    const root = await copyOf('example');
    const known = await knowingAll(root);
    const status = path.join(root, 'status.md');
    await writeFile(status, `${await readFile(status, 'utf8')}\nOne more line.\n`);

    const files = await readProjectFiles(root, { known });
    expect(files.knownHashes?.has('status.md')).toBe(false);
    expect(files.documents.find((d) => d.file === 'status.md')!.bytes).toBeGreaterThan(42);
    const info = await stat(status);
    expect(files.stats?.get('status.md')).toEqual({ size: info.size, mtimeMs: info.mtimeMs });
    expect(files.knownHashes?.has('docs/PRODUCT.md')).toBe(true);
  });
});
