import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { lintText, PARSER_DIAGNOSTICS, type RuleModule } from '@govern/core';
import { describe, expect, it } from 'vitest';
import { configs, rules } from '../src/index.js';
import { rulesTable } from '../src/rules-table.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const docPath = (id: string) => `${repo}docs/rules/${id}.md`;

interface Example {
  section: 'Wrong' | 'Right';
  file: string;
  code: string;
  options?: unknown[];
}

/** The fenced examples of a rule page, with the `file=` (and optional `options=`) each names. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let section: Example['section'] | undefined;
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```\s*$/gm;
  const headings = [...markdown.matchAll(/^## (Wrong|Right)\s*$/gm)].map((m) => ({ index: m.index, name: m[1] as Example['section'] }));
  for (const match of markdown.matchAll(fence)) {
    section = headings.filter((h) => h.index < match.index).at(-1)?.name;
    if (!section) continue;
    const info = match[2] ?? '';
    const file = /file=(\S+)/.exec(info)?.[1] ?? 'status.md';
    const options = /options=(\[.*\])\s*$/.exec(info)?.[1];
    out.push({ section, file, code: match[3] ?? '', ...(options ? { options: JSON.parse(options) as unknown[] } : {}) });
  }
  return out;
}

async function problemsOf(id: string, rule: RuleModule, example: Example): Promise<string[]> {
  const setting = example.options ? ['error', ...example.options] : 'error';
  const results = await lintText(example.code, example.file, {
    cwd: repo,
    rules: { [id]: rule },
    presets: { recommended: {}, strict: {} },
    config: { extends: [], rules: { [id]: setting as 'error' } },
  });
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === id).map((m) => `${m.line}:${m.column} ${m.message}`));
}

describe('rule documentation', () => {
  it('lists every rule in the README rules table, generated from metadata', () => {
    expect(readFileSync(`${repo}README.md`, 'utf8')).toContain(rulesTable(rules));
  });

  it('builds the presets from the rules', () => {
    for (const id of Object.keys(configs.recommended.rules)) expect(rules[id]?.meta.docs.recommended).toBe(true);
    for (const id of Object.keys(configs.strict.rules)) expect([true, 'strict']).toContain(rules[id]?.meta.docs.recommended);
  });

  describe.each(Object.entries(rules))('%s', (id, rule) => {
    it('has a page with its description and wrong and right examples', () => {
      expect(existsSync(docPath(id)), `docs/rules/${id}.md`).toBe(true);
      const page = readFileSync(docPath(id), 'utf8');
      expect(page.startsWith(`# ${id}\n`)).toBe(true);
      expect(page).toContain(rule.meta.docs.description);
      const found = examples(page);
      expect(found.some((e) => e.section === 'Wrong')).toBe(true);
      expect(found.some((e) => e.section === 'Right')).toBe(true);
      expect(rule.meta.docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
    });

    it.runIf(rule.meta.govern?.scope !== 'project')('reports its Wrong examples and accepts its Right ones', async () => {
      const page = readFileSync(docPath(id), 'utf8');
      for (const example of examples(page)) {
        const problems = await problemsOf(id, rule, example);
        if (example.section === 'Wrong') expect(problems, `Wrong example in ${example.file}`).not.toEqual([]);
        else expect(problems, `Right example in ${example.file}`).toEqual([]);
      }
    });
  });
});

describe('parser diagnostics documentation', () => {
  it('describes every parser diagnostic id on its page', () => {
    const page = readFileSync(docPath('parser-diagnostics'), 'utf8');
    for (const id of Object.keys(PARSER_DIAGNOSTICS)) expect(page, id).toContain(`\n## ${id}\n`);
  });
});
