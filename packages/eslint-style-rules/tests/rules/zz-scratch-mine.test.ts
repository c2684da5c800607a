import { it } from 'vitest';
import { loadProject, lint } from '@govern/core';
import agents from '../../src/rules/claude-imports-agents.js';
import resolve from '../../src/rules/claude-imports-resolve.js';

const fixtures = ['example', 'speckit', 'agent-specs', 'status-backlog', 'messy', 'empty', 'agents-only', 'claude-symlink', 'claude-fence-only', 'product-formats'];
it('scratch', async () => {
  for (const f of fixtures) {
    const project = await loadProject(`/work/main/fixtures/${f}`);
    const results = await lint(project, {
      rules: { 'claude-imports-agents': agents, 'claude-imports-resolve': resolve } as never,
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'claude-imports-agents': 'error', 'claude-imports-resolve': 'error' } },
    });
    for (const r of results) for (const m of r.messages) if (!m.ruleId?.startsWith('govern/')) console.log(f, r.filePath.replace('/work/main/fixtures/', ''), m.line, m.column, m.ruleId, m.message, JSON.stringify(m.fix));
  }
});
