import { it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { lintText } from '@govern/core';
import agents from '../../src/rules/claude-imports-agents.js';
import resolve from '../../src/rules/claude-imports-resolve.js';
import cv from '../../src/rules/constitution-valid.js';
import ca from '../../src/rules/constitution-amendment.js';
import rov from '../../src/rules/review-output-valid.js';
import ssb from '../../src/rules/spec-scope-block.js';

const rules: Record<string, any> = { 'claude-imports-agents': agents, 'claude-imports-resolve': resolve, 'constitution-valid': cv, 'constitution-amendment': ca, 'review-output-valid': rov, 'spec-scope-block': ssb };
it('docs', async () => {
  for (const [id, rule] of Object.entries(rules)) {
    const text = readFileSync(`/work/main/docs/rules/${id}.md`, 'utf8');
    const lines = text.split('\n');
    expect(lines[0]).toBe(`# ${id}`);
    expect(lines[2]).toBe(rule.meta.docs.description);
    if (rule.meta.govern?.scope === 'project') continue;
    for (const section of ['Wrong', 'Right']) {
      const body = section === 'Wrong' ? text.split('\n## Wrong\n')[1]!.split('\n## Right\n')[0]! : text.split('\n## Right\n')[1]!;
      for (const m of body.matchAll(/```markdown file=(\S+)\n([\s\S]*?)\n```\n/g)) {
        const results = await lintText(m[2]! + '\n', m[1]!, { cwd: '/tmp/x', rules: { [id]: rule }, presets: { recommended: {}, strict: {} }, config: { extends: [], rules: { [id]: 'error' } } });
        const msgs = results.flatMap((r) => r.messages);
        console.log(id, section, msgs.map((x) => `${x.line}:${x.column} ${x.message}`));
        if (section === 'Wrong') expect(msgs.length).toBeGreaterThan(0); else expect(msgs).toEqual([]);
      }
    }
  }
});
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadProject, lint } from '@govern/core';
import path from 'node:path';
it('project docs', async () => {
  for (const id of ['claude-imports-agents', 'claude-imports-resolve', 'review-output-valid']) {
    const text = readFileSync(`/work/main/docs/rules/${id}.md`, 'utf8');
    for (const section of ['Wrong', 'Right']) {
      const body = section === 'Wrong' ? text.split('\n## Wrong\n')[1]!.split('\n## Right\n')[0]! : text.split('\n## Right\n')[1]!;
      const dir = mkdtempSync('/tmp/govdoc-');
      for (const m of body.matchAll(/```(?:markdown|json) file=(\S+)\n([\s\S]*?)\n```\n/g)) {
        mkdirSync(path.dirname(path.join(dir, m[1]!)), { recursive: true });
        writeFileSync(path.join(dir, m[1]!), m[2]! + '\n');
      }
      const project = await loadProject(dir);
      const results = await lint(project, { rules: { [id]: rules[id] }, presets: { recommended: {}, strict: {} }, config: { extends: [], rules: { [id]: 'error' } } });
      const msgs = results.flatMap((r) => r.messages.filter((x) => x.ruleId === id).map((x) => `${path.relative(dir, r.filePath)}:${x.line}:${x.column} ${x.message}`));
      console.log(id, section, msgs);
      if (section === 'Wrong') expect(msgs.length).toBeGreaterThan(0); else expect(msgs).toEqual([]);
    }
  }
});
