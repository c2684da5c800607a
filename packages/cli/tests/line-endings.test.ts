import { cpSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

/**
 * Line endings change nothing: every fixture repository, its Markdown converted to LF, CRLF and lone CR,
 * gives the same problems (rule, position, message) under govern:strict, the same features and the same
 * answer to `govern next`.
 */
const REPOSITORIES = [
  ...['example', 'speckit', 'agent-specs', 'status-backlog', 'messy', 'empty', 'agents-only', 'claude-symlink', 'claude-fence-only', 'product-formats'],
  ...['layouts/openspec', 'layouts/kiro', 'layouts/mixed'],
  ...subfolders('next'),
  ...subfolders('lint'),
  ...subfolders('rules').flatMap(subfolders),
];
/** The repositories under a fixture folder (`next/cycle`, `rules/status-consistent/agree`). */
function subfolders(name: string): string[] {
  return readdirSync(fixture(name), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${name}/${entry.name}`);
}
const ENDINGS = { lf: '\n', crlf: '\r\n', cr: '\r' } as const;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-eol-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the fixture whose Markdown files (not the links to them) end every line with `eol`. */
function copyWith(name: string, eol: string, label: string): string {
  const dir = path.join(tmp, `${name.replaceAll('/', '-')}-${label}`);
  cpSync(fixture(name), dir, { recursive: true, verbatimSymlinks: true });
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    if (!entry.name.endsWith('.md') || lstatSync(file).isSymbolicLink()) continue;
    writeFileSync(file, readFileSync(file, 'utf8').replace(/\r\n|\r|\n/g, eol));
  }
  writeFileSync(path.join(dir, 'govern.config.json'), JSON.stringify({ extends: ['govern:strict'] }));
  return dir;
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; severity: number; message: string; line: number; column: number; endLine?: number; endColumn?: number }>;
}

async function readingOf(dir: string): Promise<{ problems: string[]; next: unknown; features: unknown }> {
  const check = await runCli(['-C', dir, 'check', '--format', 'json']);
  expect(check.stderr).toBe('');
  const problems = (JSON.parse(check.stdout) as JsonResult[]).flatMap((r) =>
    r.messages.map((m) => `${path.relative(dir, r.filePath)}:${m.line}:${m.column}-${m.endLine ?? ''}:${m.endColumn ?? ''} ${m.severity} ${m.ruleId ?? ''} ${m.message}`),
  );
  const next = JSON.parse((await runCli(['-C', dir, 'next', '--json'])).stdout) as unknown;
  const inspect = JSON.parse((await runCli(['-C', dir, 'inspect', '--json'])).stdout) as { features: unknown };
  return { problems, next, features: inspect.features };
}

describe('CR, CRLF and LF line endings read the same', () => {
  it.each(REPOSITORIES)('%s', { timeout: 60_000 }, async (name) => {
    const lf = await readingOf(copyWith(name, ENDINGS.lf, 'lf'));
    expect(await readingOf(copyWith(name, ENDINGS.crlf, 'crlf'))).toEqual(lf);
    expect(await readingOf(copyWith(name, ENDINGS.cr, 'cr'))).toEqual(lf);
  });
});
