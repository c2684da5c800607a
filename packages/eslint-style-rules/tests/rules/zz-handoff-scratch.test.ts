import { it } from 'vitest';
import path from 'node:path';
import { loadProject, lint, type RuleModule } from '@govern/core';
import fields from '../../src/rules/handoff-fields.js';
import evidence from '../../src/rules/handoff-evidence.js';
import owner from '../../src/rules/handoff-owner.js';
import rollback from '../../src/rules/handoff-rollback.js';
import blocked from '../../src/rules/blocked-escalation.js';
import breaker from '../../src/rules/circuit-breaker.js';
const rules: Record<string, RuleModule> = { 'handoff-fields': fields, 'handoff-evidence': evidence, 'handoff-owner': owner, 'handoff-rollback': rollback, 'blocked-escalation': blocked, 'circuit-breaker': breaker } as never;
const fixtures = (process.env.HS_FIX ?? 'example,speckit,agent-specs,status-backlog,messy,empty,agents-only,claude-symlink,claude-fence-only,product-formats,next/blocked-skipped,next/circuit-breaker,next/in-progress-first,next/order-product,next/order-backlog,lint/basic,lint/directives,lint/fixable').split(',');
it('run', async () => {
  for (const f of fixtures) {
    const p = await loadProject(`/work/main/fixtures/${f}`);
    const rs = await lint(p, { rules, presets: { recommended: {}, strict: {} }, config: { extends: [], rules: Object.fromEntries(Object.keys(rules).map((k) => [k, 'error'])) } as never });
    for (const r of rs) for (const m of r.messages) if (m.ruleId && rules[m.ruleId]) console.log(`${f}/${path.relative(p.root, r.filePath)}:${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  }
});
