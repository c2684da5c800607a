import { readFile, unlink, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { check, loadMarkdownParser } from '../src/index.js';
import { AnalysisCache, type CacheEntry } from '../src/incremental/cache.js';
import { openCachedFiles } from '../src/incremental/cached-check.js';
import { analyseJobs } from '../src/lint/engine.js';
import { fixtureCopies } from './helpers/fixture-copies.js';

const copyOf = fixtureCopies('govern-cache-records-');
afterEach(() => {
  vi.restoreAllMocks();
});

const cache = (root: string) => ({ file: path.join(root, '.governcache'), version: 'test' });

/** A cached check of `root` as the CLI makes it, with what it recognised unread and how many documents it parsed. */
async function cachedCheck(root: string) {
  const opened = await openCachedFiles(root, {}, cache(root), (jobs, files) => analyseJobs(jobs, files, {}));
  const recognised = new Set(opened.recognised);
  const parser = await loadMarkdownParser();
  const parse = vi.spyOn(parser, 'parse');
  const { results } = await check({ root, rules: {}, presets: { recommended: {}, strict: {} }, cache: { location: '.governcache', version: 'test' } });
  const parses = parse.mock.calls.map(([file]) => file);
  parse.mockRestore();
  return { recognised, results, parses };
}

describe('the analysis cache', () => {
  it('does not read a document whose size and modification time are unchanged, and reads it when asked', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    const opened = await openCachedFiles(root, {}, cache(root), (jobs, files) => analyseJobs(jobs, files, {}));
    expect(opened.recognised).toContain('status.md');
    const doc = opened.files.documents.find((d) => d.file === 'status.md')!;
    expect(doc.bytes).toBe(Buffer.byteLength(await readFile(path.join(root, 'status.md'), 'utf8')));
    expect(opened.files.text('status.md')?.text).toContain('F-002');
  });

  it('reads a document whose size or time changed, and records it for next time', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    const status = path.join(root, 'status.md');
    await writeFile(status, `${await readFile(status, 'utf8')}\nOne more line.\n`);
    const changed = await cachedCheck(root);
    expect(changed.recognised).not.toContain('status.md');
    expect(changed.recognised).toContain('docs/PRODUCT.md');
    expect((await cachedCheck(root)).recognised).toContain('status.md');
  });

  it('recognises a touched document unread again after one run reads it', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    expect((await cachedCheck(root)).recognised).toContain('specs/002-tags/tasks.md');

    // Same content, a new modification time: read once, not parsed, and its record brought up to date.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(root, 'specs/002-tags/tasks.md'), later, later);
    const touched = await cachedCheck(root);
    expect(touched.recognised).not.toContain('specs/002-tags/tasks.md');
    expect(touched.parses).not.toContain('specs/002-tags/tasks.md');
    const after = await cachedCheck(root);
    expect(after.recognised).toContain('specs/002-tags/tasks.md');
    expect(after.results).toEqual(touched.results);
  });

  it('checks as a run without the cache does once a document is gone', async () => {
    const root = await copyOf('example');
    await cachedCheck(root);
    await unlink(path.join(root, 'specs/002-tags/plan.md'));
    const gone = await cachedCheck(root);
    const again = await cachedCheck(root);
    expect(again.results).toEqual(gone.results);
    // The document's analysis is not taken for anything: no document of that path is checked.
    expect(gone.results.some((r) => r.filePath.endsWith('plan.md') && r.filePath.includes('002-tags'))).toBe(false);
  });

  it('is a miss, never an error, when the file is not a cache of this version', async () => {
    const root = await copyOf('example');
    const file = path.join(root, '.governcache');
    for (const content of ['', '{ not json', '{"format":17,"version":"other"}\n"status.md"\tk\t1,2,3,0,lf\t0\n', '\u0000\u0001']) {
      await writeFile(file, content);
      const store = AnalysisCache.open(file, 'test');
      expect(store.recorded('status.md')).toBeUndefined();
      expect(store.analysis('status.md', undefined)).toBeUndefined();
    }
  });

  it('writes an analysis with nothing in it as 0, and reads it back', async () => {
    const root = await copyOf('example');
    const file = path.join(root, '.governcache');
    const store = AnalysisCache.open(file, 'test');
    const empty = { models: {}, diagnostics: [], modelDiagnostics: {}, messages: [], directives: [] };
    const entries = new Map<string, CacheEntry>([['a.md', { key: 'k.1', analysis: empty }]]);
    store.save(entries);
    expect((await readFile(file, 'utf8')).split('\n')[1]).toMatch(/\t0$/);
    expect(AnalysisCache.open(file, 'test').analysis('a.md', 'k.1')).toStrictEqual(empty);
  });
});
