import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../src/parse/markdown.js';
import { parseAgents } from '../src/parse/agents.js';
import { classifyCommand, looksLikeCommand } from '../src/parse/agent-commands.js';

const FIXTURES = new URL('../../../fixtures/documents/agents/', import.meta.url);

async function load(name: string) {
  const text = await readFile(new URL(name, FIXTURES), 'utf8');
  const { document } = await parseMarkdown('AGENTS.md', text);
  return parseAgents(document);
}

const summary = (commands: Array<{ kind: string; command: string; position: { line: number; column: number } }>) =>
  commands.map((c) => `${c.kind} ${c.position.line}:${c.position.column} ${c.command}`);

describe('parseAgents', () => {
  it('reads labelled bullets and leaves prose code spans alone', async () => {
    const { value, diagnostics } = await load('setup-commands.md');
    expect(diagnostics).toEqual([]);
    expect(value.sections.map((s) => [s.depth, s.title, s.position.line])).toEqual([
      [1, 'AGENTS.md', 1],
      [2, 'Project overview', 3],
      [2, 'Setup commands', 8],
      [2, 'Code style', 17],
      [2, 'Testing instructions', 23],
    ]);
    // `src/index.ts`, `pnpm` alone and `tsconfig.json` are not commands.
    expect(summary(value.commands)).toEqual([
      'install 10:17 pnpm install',
      'dev 11:21 pnpm dev',
      'test 12:14 pnpm test',
      'typecheck 13:15 pnpm -r exec tsc --noEmit',
      'lint 14:13 pnpm lint',
      'format 15:11 pnpm exec prettier --write .',
      'test 25:7 pnpm turbo run test --filter <project_name>',
      'test 27:49 pnpm vitest run -t "<test name>"',
    ]);
  });

  it('gives the same commands and positions on CRLF text', async () => {
    const lf = await load('setup-commands.md');
    const crlf = await load('setup-commands-crlf.md');
    expect(summary(crlf.value.commands)).toEqual(summary(lf.value.commands));
  });

  it('reads shell blocks: comments, prompts, trailing comments, continuations', async () => {
    const { value } = await load('build-test-fenced.md');
    // The untagged directory tree and the python block hold no commands; `export` is shell setup.
    expect(summary(value.commands)).toEqual([
      'build 8:1 dotnet build fantomas.slnx',
      'test 9:1 dotnet test src/Fantomas.Core.Tests/',
      'format 27:1 dotnet fsi build.fsx -- -p FormatChanged',
      'lint 33:3 dotnet fsi build.fsx -- -p AnalyzeChanged',
      'dev 41:1 uv run python -m backend.main',
      'dev 42:1 cd frontend && npm run dev',
      'build 44:1 cargo build --release',
    ]);
  });

  it('reads command lists, sentences and tables', async () => {
    const { value } = await load('commands-list.md');
    expect(summary(value.commands)).toEqual([
      'typecheck 5:3 npm run type-check',
      'lint 6:3 npm run lint',
      'test 7:3 npm run test -- my-file-name',
      'test 11:18 cargo test',
      'lint 11:58 pre-commit run --all-files',
      'test 12:16 go test ./...',
      'build 12:38 go build ./cmd/api',
      'lint 13:34 ruff check .',
      'install 13:59 uv sync',
      'test 14:23 make test',
      'build 14:39 make build',
      'install 19:13 bun install',
      'dev 20:16 npx astro dev',
      'other 21:14 ./scripts/release.sh --dry-run',
    ]);
  });

  it('classifies by Japanese headings when the command does not say', async () => {
    const { value } = await load('cjk.md');
    expect(value.sections[0]?.title).toBe('エージェント向けガイド 🤖');
    expect(summary(value.commands)).toEqual([
      'install 6:1 pnpm install',
      'test 12:1 pnpm vitest run',
      'typecheck 17:3 pnpm exec tsc --noEmit',
      'dev 21:9 pnpm dev',
    ]);
  });

  it('uses the heading when the command itself is silent', async () => {
    const { document } = await parseMarkdown('AGENTS.md', '## Lint\n\n```sh\n./tools/check-all\n```\n\n## Misc\n\n```sh\n./tools/check-all\n```\n');
    expect(parseAgents(document).value.commands.map((c) => c.kind)).toEqual(['lint', 'other']);
  });

  it('returns nothing and says nothing for an empty file', async () => {
    const { document } = await parseMarkdown('AGENTS.md', '');
    expect(parseAgents(document)).toEqual({ value: { file: 'AGENTS.md', sections: [], commands: [] }, diagnostics: [] });
  });
});

describe('command recognition', () => {
  it('classifies common commands by their own words', () => {
    expect(classifyCommand('pnpm test')).toBe('test');
    expect(classifyCommand('npm run lint')).toBe('lint');
    expect(classifyCommand('cargo build')).toBe('build');
    expect(classifyCommand('pytest -q')).toBe('test');
    expect(classifyCommand('go test ./...')).toBe('test');
    expect(classifyCommand('make test')).toBe('test');
    expect(classifyCommand('npm ci')).toBe('install');
    expect(classifyCommand('yarn')).toBe('install');
    expect(classifyCommand('cargo fmt --all')).toBe('format');
    expect(classifyCommand('ruff format .')).toBe('format');
    expect(classifyCommand('uv run mypy src')).toBe('typecheck');
    expect(classifyCommand('bundle exec rspec')).toBe('test');
    expect(classifyCommand('docker compose up -d')).toBe('dev');
    expect(classifyCommand('cargo run --bin server')).toBe('dev');
    expect(classifyCommand('tsc -b')).toBe('build');
    expect(classifyCommand('python manage.py migrate')).toBeUndefined();
  });

  it('requires a known tool and, alone, a command context', () => {
    expect(looksLikeCommand('src/index.ts', true)).toBe(false);
    expect(looksLikeCommand('npm', true)).toBe(false);
    expect(looksLikeCommand('pytest', false)).toBe(false);
    expect(looksLikeCommand('pytest', true)).toBe(true);
    expect(looksLikeCommand('CI=1 pnpm test', false)).toBe(true);
    expect(looksLikeCommand('cd web && pnpm build', false)).toBe(true);
    expect(looksLikeCommand('git status', true)).toBe(false);
  });
});

describe('install and setup steps', () => {
  it('are install commands by their own words, even in a section about tests', async () => {
    const text = await readFile(new URL('../../../fixtures/handoff-command/AGENTS.md', import.meta.url), 'utf8');
    const { document } = await parseMarkdown('AGENTS.md', text);
    expect(parseAgents(document).value.commands.map((c) => `${c.kind} ${c.kindFrom} ${c.position.line}:${c.position.column} ${c.command}`)).toEqual([
      'install command 5:29 uv pip install -e .',
      'install command 6:33 pnpm install',
      'install command 13:1 uv pip install -e ".[test]"',
      'install command 14:1 conda env create -f environment.yml',
      'install command 15:1 ./scripts/setup-test-env.sh',
      'install command 16:1 npx playwright install --with-deps',
      'test command 17:1 pnpm test',
      'install command 20:15 brew install postgresql@16',
      'lint command 26:10 pnpm lint',
      'build command 27:11 pnpm build',
      'dev command 28:16 pnpm dev',
    ]);
  });

  it.each([
    ['python -m venv .venv', 'install'],
    ['python3 -m pip install -r requirements-dev.txt', 'install'],
    ['sudo apt-get install -y libpq-dev', 'install'],
    ['mamba install pytest', 'install'],
    ['bin/setup', 'install'],
    ['pytest tests/install', 'test'],
    ['cargo test -p install', 'test'],
    ['npx playwright install --with-deps && npx playwright test', 'test'],
    ['winget install Git.Git', 'install'],
  ])('%s is %s', (command, kind) => {
    expect(classifyCommand(command)).toBe(kind);
  });

  it('a command its words do not classify takes its label\'s kind, and says so', async () => {
    const { document } = await parseMarkdown('AGENTS.md', '# Agents\n\n- Run the tests: `./run-all`\n');
    expect(parseAgents(document).value.commands.map((c) => [c.kind, c.kindFrom])).toEqual([['test', 'label']]);
  });
});
