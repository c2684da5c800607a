import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fixture, repoRoot, runCli } from './run-cli.js';

type AjvClass = new (options: { allErrors: boolean; strict: boolean }) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: unknown };
};
// ajv is a dependency of @govern/core, not of the CLI: load it from there.
const exported = createRequire(`${repoRoot}packages/core/package.json`)('ajv') as AjvClass & { default?: AjvClass };
const Ajv = exported.default ?? exported;
const ajv = new Ajv({ allErrors: true, strict: false });
const schema = (name: string) => JSON.parse(readFileSync(`${repoRoot}packages/core/schema/${name}`, 'utf8')) as object;
const validateNext = ajv.compile(schema('next.schema.json'));
const validateStatus = ajv.compile(schema('status.schema.json'));

interface NextJsonView {
  status: string;
  feature: { id: string; source: { file: string; line: number } } | null;
  order: { source: string; file?: string };
  lanes?: Array<{ id: string }>;
  skipped: Array<{ id: string; code: string }>;
}

describe('govern next', () => {
  it.each([
    ['next/in-progress-first', 0, 'continue', 'F-003'],
    ['next/deps-not-done', 0, 'next', 'F-003'],
    ['next/all-done', 0, 'done', null],
    ['next/all-blocked', 1, 'blocked', 'F-002'],
    ['next/cycle-only', 1, 'blocked', 'F-001'],
    ['next/empty', 1, 'empty', null],
    ['next/circuit-breaker', 1, 'escalate', 'F-002'],
    ['next/attempt-forms', 1, 'escalate', 'F-001'],
  ] as const)('%s exits %i with status %s', async (dir, code, status, id) => {
    const run = await runCli(['-C', fixture(dir), 'next', '--json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    const json = JSON.parse(run.stdout) as NextJsonView;
    if (!validateNext(json)) throw new Error(JSON.stringify(validateNext.errors, null, 2));
    expect(json.status).toBe(status);
    expect(json.feature?.id ?? null).toBe(id);
  });

  it('prints the feature, the verdict, why, the acceptance criteria and what was skipped', async () => {
    const run = await runCli(['-C', fixture('next/blocked-skipped'), 'next']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('next  F-003 Search');
    expect(run.stdout).toContain('defined docs/PRODUCT.md:25');
    expect(run.stdout).toMatch(/why\s+F-003 is the first feature in the sequence in docs\/DEVELOPMENT\.md \(docs\/DEVELOPMENT\.md:9\)/);
    expect(run.stdout).toContain('  - A one-word query answers in under 200 ms for 5,000 notes.');
    expect(run.stdout).toContain('F-002 Tags: blocked — blocked (status.md:9: "F-002 Tags — waiting on the design for the tag picker")');
    expect(run.stdout).toContain('1 finished: F-001');
    expect(run.stdout).not.toContain('\u001b[');
    expect(lines.length).toBeLessThan(40);
  });

  it('continues work in progress and shows open tasks from the spec', async () => {
    const run = await runCli(['-C', fixture('example'), 'next']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^continue {2}F-002 Tags$/);
    expect(run.stdout).toMatch(/Spec {2}specs\/002-tags — \d+\/\d+ tasks done/);
    expect(run.stdout).toMatch(/- \[ \] T0\d\d /);
  });

  it('colours only when asked or on a terminal', async () => {
    const plain = await runCli(['-C', fixture('next/order-product'), 'next']);
    const coloured = await runCli(['-C', fixture('next/order-product'), 'next', '--color']);
    expect(plain.stdout).not.toContain('\u001b[');
    expect(coloured.stdout).toContain('\u001b[');
  });

  it('--lanes N lists features that can be worked on in parallel, in text and JSON', async () => {
    const json = await runCli(['-C', fixture('next/lanes'), 'next', '--lanes', '3', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as NextJsonView;
    if (!validateNext(parsed)) throw new Error(JSON.stringify(validateNext.errors, null, 2));
    expect(parsed.lanes?.map((l) => l.id)).toEqual(['F-002', 'F-003', 'F-005']);

    const text = await runCli(['-C', fixture('next/lanes'), 'next', '--lanes=2']);
    expect(text.stdout).toContain('Lanes (2)');
    expect(text.stdout).toContain('1. F-002 Tags continue');
    expect(text.stdout).toContain('2. F-003 Search start');

    const without = JSON.parse((await runCli(['-C', fixture('next/lanes'), 'next', '--json'])).stdout) as NextJsonView;
    expect(without.lanes).toBeUndefined();
  });

  it.each([['0'], ['-1'], ['two'], ['1.5']])('--lanes %s is a usage error (exit 2)', async (value) => {
    const run = await runCli(['-C', fixture('next/lanes'), 'next', `--lanes=${value}`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^govern: /);
  });

  it('exits 2 on an unknown option and on a missing directory', async () => {
    expect((await runCli(['next', '--frob'])).code).toBe(2);
    const missing = await runCli(['-C', fixture('next/does-not-exist'), 'next']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/No such directory/);
  });

  it('when blocked, names the feature to unblock first and what holds each', async () => {
    const run = await runCli(['-C', fixture('next/all-blocked'), 'next']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe('blocked  work remains, but nothing can start');
    expect(run.stdout).toContain('unblock first: F-002 Tags (docs/DEVELOPMENT.md:8)');
    expect(run.stdout).toContain('F-003 Search: waits for F-002 (blocked, docs/DEVELOPMENT.md:8)');
  });

  it('says where it looked when there are no features', async () => {
    const run = await runCli(['-C', fixture('next/empty'), 'next']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('empty  no features found');
    expect(run.stdout).toContain('Looked for features in');
    expect(run.stdout).toContain('specs/*/spec.md');
  });

  it('says a feature the circuit breaker stopped needs a person, where the attempts are, and what could be done meanwhile', async () => {
    const run = await runCli(['-C', fixture('next/attempt-forms'), 'next']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'escalate  F-001 Tags needs a person',
        '          defined docs/PRODUCT.md:3',
        'why   circuit breaker: task T014 failed 3 times in a row (status.md:10-12), each time "selector missing"; nobody has escalated it, and a fourth attempt will not converge.',
        '      attempts  status.md:9  T014 Tag filter UI',
        'do    decide how to go on, then record it under T014 in status.md: "Escalated to <name>: <why>"',
        'order: sequence in docs/DEVELOPMENT.md',
        '',
        'Also needs a person',
        '  F-002 Search: not converging: task T020 failed twice in a row with the same cause, "notes edited offline are missing from the index" (status.md:17, 21); the approach is not converging — a person must decide before a third attempt.',
        '',
        'Meanwhile',
        '  F-003 Export could start (docs/DEVELOPMENT.md:7): govern brief F-003',
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await runCli(['-C', fixture('next/attempt-forms'), 'next', '--json'])).stdout) as NextJsonView & {
      escalations: Array<{ id: string; kind: string; recordedAt: unknown }>;
      meanwhile?: { id: string };
    };
    expect(json.escalations.map((e) => [e.id, e.kind, e.recordedAt])).toEqual([
      ['F-001', 'circuit-breaker', { file: 'status.md', line: 9 }],
      ['F-002', 'not-converging', { file: 'status.md', line: 15 }],
    ]);
    expect(json.meanwhile?.id).toBe('F-003');
  });

  it('brief without a feature will not brief one that needs a person, and names the one it could', async () => {
    const run = await runCli(['-C', fixture('next/attempt-forms'), 'brief']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'govern: no feature to brief: F-001 needs a person first (circuit breaker: task T014 failed 3 times in a row (status.md:10-12), each time "selector missing"; nobody has escalated it, and a fourth attempt will not converge). Brief another with: govern brief F-003.\n',
    );
  });

  it('says when priority decided, and prints the order as priority, then the file', async () => {
    const run = await runCli(['-C', fixture('next/priorities'), 'next']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      'next  B-007 Error telemetry endpoint',
      '      defined BACKLOG.md:20',
      'why   B-007 comes first although it is P3: B-002 (P0) depends on it (BACKLOG.md:11).',
      'order: priority, then the order of BACKLOG.md',
    ]);
    const words = await runCli(['-C', fixture('next/priorities-words'), 'next']);
    expect(words.stdout.split('\n')[2]).toBe(
      'why   B-022 has the highest priority (Critical, BACKLOG.md:11) among the features that are not done, not blocked and have no open dependencies; priority comes before the order of BACKLOG.md.',
    );
    const none = await runCli(['-C', fixture('next/priorities-none'), 'next']);
    expect(none.stdout.split('\n')[3]).toBe('order: backlog BACKLOG.md');
  });

  it('names a status file whose list orders the work', async () => {
    const result = await runCli(['-C', fixture('plans/roadmap-folder'), 'next']);
    expect(result.stdout.split('\n')[3]).toBe('order: list in roadmap/STATUS.md');
  });

  it('reports a dependency cycle as a warning and still answers', async () => {
    const run = await runCli(['-C', fixture('next/cycle'), 'next']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('next  F-004 Export');
    expect(run.stdout).toMatch(/warning Features depend on each other in a cycle \(F-002 → F-003 → F-002\)/);
  });
});

describe('govern status', () => {
  it('lists every feature in order with state, where it came from, tasks and dependencies', async () => {
    const run = await runCli(['-C', fixture('next/circuit-breaker'), 'status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4 features: 1 done, 1 in progress, 2 to do');
    expect(run.stdout).toMatch(/1\. \[done\] F-001 Create a note 3\/3 tasks/);
    expect(run.stdout).toMatch(/2\. \[in progress\] F-002 Tags 2\/4 tasks/);
    expect(run.stdout).toContain('state: state-file status.md:5');
    expect(run.stdout).toContain(
      '       escalate: circuit breaker: task T003 failed 3 times (status.md:11); nobody has escalated it, and a fourth attempt will not converge.\n' +
        '       do: decide how to go on, then record it under T003 in status.md: "Escalated to <name>: <why>"\n',
    );
    expect(run.stdout).toContain('depends on: F-001 done');
  });

  it('shows disagreements between sources as warnings, each at its line', async () => {
    const run = await runCli(['-C', fixture('messy'), 'status']);
    expect(run.code).toBe(0);
    const json = JSON.parse((await runCli(['-C', fixture('messy'), 'status', '--json'])).stdout) as {
      features: Array<{ id: string; conflicts: Array<{ message: string; source: { file: string; line: number } }> }>;
    };
    const conflicts = json.features.flatMap((f) => f.conflicts);
    expect(conflicts.length).toBeGreaterThan(0);
    const warnings = run.stdout.split('\n').filter((l) => l.trimStart().startsWith('warning '));
    for (const c of conflicts) expect(warnings.some((w) => w.includes(c.message) && w.endsWith(`${c.source.file}:${c.source.line}`))).toBe(true);
  });

  it.each(['example', 'speckit', 'next/lanes', 'next/empty', 'next/cycle'])('--json for %s matches the schema', async (dir) => {
    const run = await runCli(['-C', fixture(dir), 'status', '--json']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { kind: string; features: Array<{ id: string }> };
    if (!validateStatus(json)) throw new Error(JSON.stringify(validateStatus.errors, null, 2));
    expect(json.kind).toBe('govern.status');
  });

  it('--json keeps the order next walks', async () => {
    const json = JSON.parse((await runCli(['-C', fixture('next/order-development'), 'status', '--json'])).stdout) as {
      order: { source: string };
      features: Array<{ id: string }>;
    };
    expect(json.order.source).toBe('development');
    expect(json.features.map((f) => f.id)).toEqual(['F-003', 'F-001', 'F-002', 'F-004']);
  });
});
