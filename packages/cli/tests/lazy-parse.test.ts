import { execFileSync } from 'node:child_process';
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

  it('with --diff-base, parses the constitution once for the project and once at the base', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'govern-lazy-'));
    temps.push(root);
    await cp(fixture('speckit'), root, { recursive: true });
    await writeFile(path.join(root, '.governrc.json'), JSON.stringify({ extends: ['govern:recommended'], rules: { 'constitution-amendment': 'error' } }));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: 'ignore' });
    git('init', '-q');
    git('config', 'user.email', 'maya@example.com');
    git('config', 'user.name', 'Maya');
    git('config', 'commit.gpgsign', 'false');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    const file = '.specify/memory/constitution.md';
    const before = await readFile(path.join(root, file), 'utf8');
    // A principle changed without a new version: constitution-amendment reads the constitution's tree now and at the base.
    const after = before.replace('byte for byte and never re-encoded', 'byte for byte and never re-encoded or resized');
    expect(after).not.toBe(before);
    await writeFile(path.join(root, file), after);
    const parser = await loadMarkdownParser();
    const spy = vi.spyOn(parser, 'parse');
    const { stdout } = await runCli(['--cwd', root, 'check', '--format', 'json', '--diff-base', 'HEAD']);
    const texts = spy.mock.calls.filter(([parsed]) => parsed === file).map(([, text]) => text);
    spy.mockRestore();
    expect(texts.filter((text) => text === after)).toHaveLength(1);
    expect(texts.filter((text) => text === before)).toHaveLength(1);
    expect(stdout).toContain('constitution-amendment');
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
