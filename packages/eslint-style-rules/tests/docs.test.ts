import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { lint, lintText, loadProject, PARSER_DIAGNOSTICS, type RuleModule } from '@govern/core';
import { describe, expect, it } from 'vitest';
import { configs, rules } from '../src/index.js';
import { rulesTable } from '../src/rules-table.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const docPath = (id: string) => `${repo}docs/rules/${id}.md`;

interface Example {
  section: 'Wrong' | 'Right';
  /** Examples of one section (or of one `###` part of it) form one repository for a project rule. */
  group: number;
  file: string;
  code: string;
  options?: unknown[];
  /** `base` in the fence's info: the file as it was at the git base (`--diff-base`), shared by every example of the page. */
  base?: boolean;
}

/** The fenced examples of a rule page, with the `file=` (and optional `options=`) each names. */
function examples(markdown: string): Example[] {
  const out: Example[] = [];
  let section: Example['section'] | undefined;
  // Three backticks or more, so that an example can hold a fenced block of its own.
  const fence = /^(`{3,})(\w+)([^\n]*)\n([\s\S]*?)^\1\s*$/gm;
  const fences = [...markdown.matchAll(fence)];
  const inFence = (index: number) => fences.some((f) => index > f.index && index < f.index + f[0].length);
  const headings = [...markdown.matchAll(/^## (Wrong|Right)\s*$/gm)].map((m) => ({ index: m.index, name: m[1] as Example['section'] }));
  const parts = [...markdown.matchAll(/^#{2,3} /gm)].map((m) => m.index).filter((index) => !inFence(index));
  for (const match of fences) {
    section = headings.filter((h) => h.index < match.index).at(-1)?.name;
    if (!section) continue;
    const info = match[3] ?? '';
    const file = /file=(\S+)/.exec(info)?.[1] ?? 'status.md';
    const options = /options=(\[.*\])\s*$/.exec(info)?.[1];
    const group = parts.filter((index) => index < match.index).length;
    const base = /(?:^|\s)base(?:\s|$)/.test(info);
    out.push({ section, group, file, code: match[4] ?? '', ...(options ? { options: JSON.parse(options) as unknown[] } : {}), ...(base ? { base } : {}) });
  }
  return out;
}

/**
 * A project rule's problems on a repository made of one group of examples. With `base` examples,
 * the repository is a git repository whose first commit holds them, checked with `--diff-base HEAD`.
 */
async function projectProblemsOf(id: string, rule: RuleModule, group: Example[], base: Example[]): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'govern-doc-'));
  const write = async (example: Example) => {
    await mkdir(path.dirname(path.join(dir, example.file)), { recursive: true });
    await writeFile(path.join(dir, example.file), example.code);
  };
  try {
    if (base.length > 0) {
      for (const example of base) await write(example);
      const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=govern', '-c', 'user.email=govern@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe' });
      git('init', '-q');
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
    }
    for (const example of group) await write(example);
    const options = group.find((e) => e.options)?.options;
    const setting = options ? ['error', ...options] : 'error';
    const results = await lint(await loadProject(dir), {
      rules: { [id]: rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { [id]: setting as 'error' } },
      ...(base.length > 0 ? { diffBase: 'HEAD' } : {}),
    });
    return results.flatMap((r) => r.messages.filter((m) => m.ruleId === id).map((m) => `${path.relative(dir, r.filePath)}:${m.line} ${m.message}`));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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

    it.runIf(rule.meta.govern?.scope === 'project')('reports on the repository its Wrong examples make, and not on the one its Right examples make', async () => {
      const page = readFileSync(docPath(id), 'utf8');
      const groups = new Map<string, Example[]>();
      const all = examples(page);
      const base = all.filter((e) => e.base);
      for (const example of all) {
        if (example.base) continue;
        const key = `${example.section} ${example.group}`;
        groups.set(key, [...(groups.get(key) ?? []), example]);
      }
      for (const [key, group] of groups) {
        const problems = await projectProblemsOf(id, rule, group, base);
        if (key.startsWith('Wrong')) expect(problems, key).not.toEqual([]);
        else expect(problems, key).toEqual([]);
      }
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
