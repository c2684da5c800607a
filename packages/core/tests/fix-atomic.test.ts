import { mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { writeFileAtomic } from '../src/lint/fixes.js';

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, rename: vi.fn(actual.rename) };
});

const temps: string[] = [];
afterEach(async () => {
  vi.mocked(rename).mockClear();
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic: a failure between writing the temporary file and renaming it', () => {
  it('leaves the old file whole, removes the temporary file and reports one line', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-atomic-'));
    temps.push(dir);
    const file = path.join(dir, 'status.md');
    await writeFile(file, '# Old\r\n');
    vi.mocked(rename).mockRejectedValueOnce(Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' }));
    const outcome = await writeFileAtomic(file, '# New\r\n');
    expect(outcome).toEqual({ ok: false, message: 'Cannot write fixes (EIO).' });
    expect(await readFile(file, 'utf8')).toBe('# Old\r\n');
    expect(await readdir(dir)).toEqual(['status.md']);
    // The rename was reached: the failure happened after the temporary file was written.
    expect(vi.mocked(rename)).toHaveBeenCalledTimes(1);
  });

  it('writes the new text when the rename succeeds', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-atomic-'));
    temps.push(dir);
    const file = path.join(dir, 'status.md');
    await writeFile(file, '# Old\n');
    expect(await writeFileAtomic(file, '# New\n')).toEqual({ ok: true });
    expect(await readFile(file, 'utf8')).toBe('# New\n');
    expect(await readdir(dir)).toEqual(['status.md']);
  });
});
