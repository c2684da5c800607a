import { readFile, unlink, utimes } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkProject, LintCache, loadMarkdownParser, readProjectFiles } from '../src/index.js';
import { fixtureCopies } from './helpers/fixture-copies.js';

const copyOf = fixtureCopies('govern-cache-records-');
afterEach(() => {
  vi.restoreAllMocks();
});

/** A cached check of `root` as the CLI makes it, with what it read and how many documents it parsed. */
async function cachedCheck(root: string) {
  const parser = await loadMarkdownParser();
  const parse = vi.spyOn(parser, 'parse');
  const cache = await LintCache.open(path.join(root, '.governcache'), 'test');
  const files = await readProjectFiles(root, { known: cache });
  const results = await checkProject(files, { rules: {}, presets: { recommended: {}, strict: {} }, cache });
  const parses = parse.mock.calls.length;
  parse.mockRestore();
  return { recognised: new Set(files.knownHashes?.keys()), results, parses };
}

describe('LintCache read records', () => {
  it('recognises a touched document unread again after one run reads it', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    expect((await cachedCheck(root)).recognised).toContain('specs/002-tags/tasks.md');

    // Same content, a new modification time: read once, and the record on its line is brought up to date.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'specs/002-tags/tasks.md'), later, later);
    const touched = await cachedCheck(root);
    expect(touched.recognised).not.toContain('specs/002-tags/tasks.md');
    expect(touched.parses).toBe(0);
    const after = await cachedCheck(root);
    expect(after.recognised).toContain('specs/002-tags/tasks.md');
    expect(after.results).toEqual(touched.results);
  });

  it('writes the file anew when a document is gone, so the next unchanged run replays', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    // Replayed: not even CLAUDE.md and AGENTS.md, parsed with the project on any other run, are parsed.
    expect((await cachedCheck(root)).parses).toBe(0);

    await unlink(path.join(root, 'specs/002-tags/plan.md'));
    const gone = await cachedCheck(root);
    expect(gone.parses).toBeGreaterThan(0);
    expect(await readFile(path.join(root, '.governcache'), 'utf8')).not.toContain('"specs/002-tags/plan.md"');
    const again = await cachedCheck(root);
    expect(again.parses).toBe(0);
    expect(again.results).toEqual(gone.results);
  });
});
