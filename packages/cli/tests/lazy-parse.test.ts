import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadMarkdownParser } from '@govern/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture, runCli } from './run-cli.js';

const temps: string[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** The files the shared Markdown parser was asked to parse during one `govern check`. */
async function parsedFiles(root: string, argv: string[] = []): Promise<{ files: string[]; code: number; stdout: string }> {
  const parser = await loadMarkdownParser();
  const spy = vi.spyOn(parser, 'parse');
  const { code, stdout } = await runCli(['--cwd', root, 'check', '--format', 'json', ...argv]);
  const files = spy.mock.calls.map(([file]) => file);
  spy.mockRestore();
  return { files, code, stdout };
}

describe('govern check parses only what a loader step or an enabled rule needs', () => {
  it('does not parse Spec Kit plan.md with the recommended rules', async () => {
    const { files } = await parsedFiles(fixture('speckit'));
    expect(files).toContain('specs/001-photo-upload/spec.md');
    expect(files).toContain('specs/001-photo-upload/tasks.md');
    expect(files.filter((f) => f.endsWith('plan.md'))).toEqual([]);
  });

  it('parses each file at most once', async () => {
    const { files } = await parsedFiles(fixture('speckit'));
    expect(files.length).toBeGreaterThan(3);
    expect(new Set(files).size).toBe(files.length);
  });

  it('still parses a plan.md whose front matter can give a diagnostic', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'govern-lazy-'));
    temps.push(root);
    await cp(fixture('speckit'), root, { recursive: true });
    const plan = path.join(root, 'specs/001-photo-upload/plan.md');
    await writeFile(plan, `---\ntitle: [unclosed\n---\n${await readFile(plan, 'utf8')}`);
    const { files, stdout } = await parsedFiles(root);
    expect(files).toContain('specs/001-photo-upload/plan.md');
    expect(files.filter((f) => f.endsWith('plan.md'))).toHaveLength(1);
    const results = JSON.parse(stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number }> }>;
    const planResult = results.find((r) => r.filePath === plan);
    expect(planResult?.messages.map((m) => m.ruleId)).toContain('govern/frontmatter');
  });
});
