import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('govern graph', () => {
  it('prints the example as a Mermaid flowchart coloured by state', async () => {
    const run = await runCli(['-C', fixture('example'), 'graph']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    for (const state of ['done', 'inProgress', 'todo', 'blocked', 'cancelled']) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  classDef ${state} fill:#[0-9a-f]{6},`)));
    expect(lines).toContain('  n0["F-001: Save a bookmark"]:::done');
    expect(lines).toContain('  n1["F-002: Tags"]:::inProgress');
    expect(lines).toContain('  n2["F-003: Full-text search"]:::todo');
    expect(lines).toContain('  n5["F-005: Shared collections"]:::todo');
    // F-004 depends on F-001 and F-002.
    expect(lines).toContain('  n0 --> n3');
    expect(lines).toContain('  n1 --> n3');
    expect(lines.filter((l) => l.includes('-->'))).toHaveLength(6);
  });

  it('prints DOT with a fill colour per state', async () => {
    const run = await runCli(['-C', fixture('example'), 'graph', '--format', 'dot']);
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('digraph features {\n')).toBe(true);
    expect(run.stdout.trimEnd().endsWith('}')).toBe(true);
    expect(run.stdout).toContain('n0 [label="F-001: Save a bookmark", fillcolor="#c8e6c9"');
    expect(run.stdout).toContain('n1 [label="F-002: Tags", fillcolor="#bbdefb"');
    expect(run.stdout).toContain('  n1 -> n3;\n');
  });

  it('marks the edges of a dependency cycle and still prints every feature', async () => {
    const mermaid = await runCli(['-C', fixture('next/cycle'), 'graph']);
    expect(mermaid.code).toBe(0);
    expect(mermaid.stdout).toContain('  n2 -. cycle .-> n1\n');
    expect(mermaid.stdout).toContain('  n1 -. cycle .-> n2\n');
    expect(mermaid.stdout).toContain('  n3["F-004: Export"]:::todo\n');
    const dot = await runCli(['-C', fixture('next/cycle'), 'graph', '-f', 'dot']);
    expect(dot.stdout).toContain('  n1 -> n2 [color="#c62828", style=dashed, label="cycle"];\n');
    expect(dot.stdout).toContain('  n0 -> n3;\n');
  });

  it('escapes quotes, angle brackets and backslashes in titles', async () => {
    const mermaid = await runCli(['-C', fixture('graph/quotes'), 'graph']);
    expect(mermaid.stdout).toContain('  n0["F-001: The #quot;quick#quot; #lt;add#gt; box"]:::todo\n');
    const dot = await runCli(['-C', fixture('graph/quotes'), 'graph', '--format', 'dot']);
    expect(dot.stdout).toContain('n0 [label="F-001: The \\"quick\\" <add> box"');
    expect(dot.stdout).toContain('n1 [label="F-002: Back\\\\slash export"');
  });

  it('rejects an unknown format', async () => {
    const run = await runCli(['-C', fixture('example'), 'graph', '--format', 'svg']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('govern: unknown graph format "svg" (formats: mermaid, dot)\n');
  });
});
