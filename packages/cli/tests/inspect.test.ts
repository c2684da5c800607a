import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

interface Expectation {
  features: Array<{ id: string; title: string; state: string }>;
}

const expectations = JSON.parse(readFileSync(fixture('expectations.json'), 'utf8')) as Record<string, Expectation>;

describe('govern inspect --json', () => {
  it.each(Object.keys(expectations))('prints the features and states a reader of %s names', async (name) => {
    const run = await runCli(['-C', fixture(name), 'inspect', '--json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      schemaVersion: number;
      features: Array<{ id: string; state: string; source: { file: string; line: number } }>;
    };
    expect(report.schemaVersion).toBe(1);
    const got = Object.fromEntries(report.features.map((f) => [f.id, f.state]));
    expect(got).toEqual(Object.fromEntries(expectations[name]!.features.map((f) => [f.id, f.state])));
    for (const feature of report.features) expect(feature.source).toMatchObject({ file: expect.any(String), line: expect.any(Number) });
  });

  it('says where the example fixture states come from', async () => {
    const run = await runCli(['-C', fixture('example'), 'inspect', '--json']);
    const report = JSON.parse(run.stdout) as { features: Array<{ id: string; stateBasis: string; stateSource: { file: string; line: number } }> };
    expect(report.features.find((f) => f.id === 'F-002')).toMatchObject({ stateBasis: 'state-file', stateSource: { file: 'status.md', line: 7 } });
  });

  it('prints a readable summary without --json', async () => {
    const run = await runCli(['-C', fixture('example'), 'inspect']);
    expect(run.stdout).toContain('[in progress] F-002 Tags 6/10 tasks');
    expect(run.stdout).toContain('Diagnostics (0)');
  });
});
