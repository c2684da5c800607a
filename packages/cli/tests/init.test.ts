import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'govern-init-'));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const WRITTEN = ['govern.config.json', 'AGENTS.md', 'CLAUDE.md', 'docs/PRODUCT.md', 'docs/DEVELOPMENT.md', 'status.md'];

describe('govern init', () => {
  it('writes templates that pass govern check and that govern next understands', async () => {
    const dir = tempDir();
    const init = await runCli(['-C', dir, 'init']);
    expect(init.code).toBe(0);
    for (const file of WRITTEN) {
      expect(existsSync(path.join(dir, file)), file).toBe(true);
      expect(init.stdout).toContain(`wrote        ${file}`);
    }
    const config = JSON.parse(readFileSync(path.join(dir, 'govern.config.json'), 'utf8')) as Record<string, unknown>;
    // Nothing installed in the repository: the schema by URL.
    expect(config).toEqual({ $schema: 'https://raw.githubusercontent.com/govern-dev/govern/main/packages/core/schema/config.schema.json', extends: ['govern:recommended'] });
    expect(readFileSync(path.join(dir, 'CLAUDE.md'), 'utf8').split('\n')[0]).toBe('@AGENTS.md');

    const check = await runCli(['-C', dir, 'check', '--format', 'json']);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    const results = JSON.parse(check.stdout) as Array<{ filePath: string; messages: unknown[] }>;
    expect(results.flatMap((r) => r.messages)).toEqual([]);

    const next = await runCli(['-C', dir, 'next', '--json']);
    expect(next.code).toBe(0);
    const json = JSON.parse(next.stdout) as { status: string; feature: { id: string } | null; order: { source: string } };
    expect(json.status).toBe('next');
    expect(json.feature?.id).toBe('F-001');
    expect(json.order.source).toBe('development');

    const inspect = await runCli(['-C', dir, 'inspect', '--json']);
    const report = JSON.parse(inspect.stdout) as { features: Array<{ id: string; acceptanceCriteria?: unknown[] }> };
    expect(report.features.map((f) => f.id)).toEqual(['F-001']);
  });

  it('points $schema at the schema installed in the repository when there is one', async () => {
    const dir = tempDir();
    const installed = path.join(dir, 'node_modules/@govern/core/schema');
    mkdirSync(installed, { recursive: true });
    writeFileSync(path.join(installed, 'config.schema.json'), '{}\n');
    expect((await runCli(['-C', dir, 'init'])).code).toBe(0);
    expect(readFileSync(path.join(dir, 'govern.config.json'), 'utf8')).toBe(
      '{\n  "$schema": "./node_modules/@govern/core/schema/config.schema.json",\n  "extends": [\n    "govern:recommended"\n  ]\n}\n',
    );
  });

  it('never overwrites an existing file', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'AGENTS.md'), '# Mine\n\n- Run tests: `make test`\n');
    writeFileSync(path.join(dir, 'govern.config.json'), '{ "rules": {} }\n');
    const run = await runCli(['-C', dir, 'init']);
    expect(run.code).toBe(0);
    expect(readFileSync(path.join(dir, 'AGENTS.md'), 'utf8')).toBe('# Mine\n\n- Run tests: `make test`\n');
    expect(readFileSync(path.join(dir, 'govern.config.json'), 'utf8')).toBe('{ "rules": {} }\n');
    expect(run.stdout).toMatch(/kept\s+AGENTS\.md/);
    expect(run.stdout).toMatch(/kept\s+govern\.config\.json/);
    expect(existsSync(path.join(dir, 'CLAUDE.md'))).toBe(true);

    const again = await runCli(['-C', dir, 'init']);
    expect(again.stdout).toContain('Nothing to write');
  });

  it('keeps a config under another name and writes no second one', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.governrc.json'), '{}\n');
    await runCli(['-C', dir, 'init']);
    expect(existsSync(path.join(dir, 'govern.config.json'))).toBe(false);
  });

  it('--dry-run writes nothing and lists what it would write', async () => {
    const dir = tempDir();
    const run = await runCli(['-C', dir, 'init', '--dry-run']);
    expect(run.code).toBe(0);
    expect(readdirSync(dir)).toEqual([]);
    for (const file of WRITTEN) expect(run.stdout).toContain(`would write  ${file}`);
  });
});
