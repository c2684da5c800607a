import { it } from 'vitest';
import { loadProject, lint } from '@govern/core';
import agents from '../../src/rules/claude-imports-agents.js';
import resolve from '../../src/rules/claude-imports-resolve.js';
import cv from '../../src/rules/constitution-valid.js';
import ca from '../../src/rules/constitution-amendment.js';
import rov from '../../src/rules/review-output-valid.js';
import ssb from '../../src/rules/spec-scope-block.js';

const fixtures = [...require('node:fs').readdirSync('/work/main/fixtures/lint').map((d: string) => 'lint/' + d), ...require('node:fs').readdirSync('/work/main/fixtures/next').map((d: string) => 'next/' + d)];
it('scratch', async () => {
  const rules = { 'claude-imports-agents': agents, 'claude-imports-resolve': resolve, 'constitution-valid': cv, 'constitution-amendment': ca, 'review-output-valid': rov, 'spec-scope-block': ssb } as never;
  for (const f of fixtures) {
    const project = await loadProject(`/work/main/fixtures/${f}`);
    const results = await lint(project, {
      rules,
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: Object.fromEntries(Object.keys(rules).map((k) => [k, 'error'])) },
    });
    for (const r of results) for (const m of r.messages) if (!m.ruleId?.startsWith('govern/')) console.log(f, r.filePath.replace('/work/main/fixtures/', ''), m.line, m.column, m.ruleId, m.message);
  }
});
