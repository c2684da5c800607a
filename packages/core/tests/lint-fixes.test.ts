import { chmod, cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../src/load/project.js';
import { lint, outputFixes } from '../src/lint/engine.js';
import { applyFixes, mergeFixes, writeFileAtomic } from '../src/lint/fixes.js';
import { testPresets, testRules } from './helpers/lint-rules.js';

const fixture = fileURLToPath(new URL('../../../fixtures/lint/fixable/', import.meta.url));
const options = { rules: testRules, presets: testPresets, config: { extends: ['govern:strict'] }, fix: true };
const temps: string[] = [];

async function copyFixture(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-fix-'));
  temps.push(dir);
  await cp(fixture, dir, { recursive: true });
  return dir;
}

afterEach(async () => {
  for (const dir of temps.splice(0)) {
    await chmod(path.join(dir, 'status.md'), 0o644).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
});

describe('fixes', () => {
  it('fixes in passes, keeps CRLF and BOM, writes atomically, and a second run changes nothing', async () => {
    const dir = await copyFixture();
    await chmod(path.join(dir, 'AGENTS.md'), 0o640);
    const results = await lint(await loadProject(dir), options);
    const byName = Object.fromEntries(results.map((r) => [path.basename(r.filePath), r]));
    expect(byName['AGENTS.md']!.output).toBe('# Agents\n\n## Setup\n\n## Commands\n\n```md\n## Not a heading:\n```\n');
    expect(byName['AGENTS.md']!.messages).toEqual([]);
    expect(byName['status.md']!.output).toBe('\uFEFF# Status\r\n\r\n## Done\r\n\r\nNothing is pending.\r\n');

    const written = await outputFixes(results);
    expect(written.failed).toBe(0);
    const bytes = await readFile(path.join(dir, 'status.md'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1)).toBe('# Status\r\n\r\n## Done\r\n\r\nNothing is pending.\r\n');
    expect((await stat(path.join(dir, 'AGENTS.md'))).mode & 0o777).toBe(0o640);
    // No temporary files left behind.
    expect((await readdir(dir)).sort()).toEqual(['AGENTS.md', 'status.md']);

    const again = await lint(await loadProject(dir), options);
    expect(again.every((r) => r.output === undefined && r.messages.length === 0)).toBe(true);
  });

  it('reports a read-only file as a fatal problem instead of throwing, and leaves it as it was', async () => {
    const dir = await copyFixture();
    const target = path.join(dir, 'status.md');
    await chmod(target, 0o444);
    const before = await readFile(target);
    const { results, failed } = await outputFixes(await lint(await loadProject(dir), options));
    expect(failed).toBe(1);
    const status = results.find((r) => r.filePath === target)!;
    expect(status.messages[0]).toEqual({ ruleId: null, severity: 2, fatal: true, message: 'Cannot write fixes (the file is read-only).', line: 1, column: 1 });
    expect(status.fatalErrorCount).toBe(1);
    expect(status.output).toBeUndefined();
    expect(await readFile(target)).toEqual(before);
    expect(await readFile(path.join(dir, 'AGENTS.md'), 'utf8')).toContain('## Setup\n');
  });

  it('applies non-overlapping fixes in range order and defers overlapping ones', () => {
    const items = [
      { id: 'b', fix: { range: [4, 6] as [number, number], text: 'XY' } },
      { id: 'a', fix: { range: [0, 2] as [number, number], text: '' } },
      { id: 'c', fix: { range: [5, 7] as [number, number], text: 'Z' } },
      { id: 'd', fix: { range: [6, 6] as [number, number], text: '!' } },
    ];
    const { text, applied, remaining } = applyFixes('abcdefgh', items);
    expect(text).toBe('cdXYgh');
    expect(applied.map((i) => i.id)).toEqual(['a', 'b']);
    expect(remaining.map((i) => i.id)).toEqual(['c', 'd']);
  });

  it('merges several fixes of one report into one', () => {
    expect(mergeFixes([{ range: [6, 7], text: 'Y' }, { range: [0, 1], text: 'X' }], 'abcdefgh')).toEqual({ range: [0, 7], text: 'XbcdefY' });
    expect(() => mergeFixes([{ range: [0, 3], text: '' }, { range: [2, 4], text: '' }], 'abcdef')).toThrow('overlapped');
  });

  it('writeFileAtomic adds the BOM once and keeps the mode', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-write-'));
    temps.push(dir);
    const target = path.join(dir, 'status.md');
    await writeFile(target, 'old', { mode: 0o600 });
    await chmod(target, 0o600);
    expect(await writeFileAtomic(target, 'new\r\n', true)).toEqual({ ok: true });
    expect(await writeFileAtomic(target, '\uFEFFnewer\r\n', true)).toEqual({ ok: true });
    expect(await readFile(target, 'utf8')).toBe('\uFEFFnewer\r\n');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await writeFileAtomic(path.join(dir, 'missing.md'), 'x')).toEqual({ ok: false, message: 'Cannot write fixes (file not found).' });
  });
});
