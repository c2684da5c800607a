import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, PARSER_DIAGNOSTICS, type RuleModule } from '@govern/core';
import { afterAll, describe, expect, it } from 'vitest';
import { configs, rules } from '../src/index.js';
import { rulesTable } from '../src/rules-table.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const docPath = (id: string) => `${repo}docs/rules/${id}.md`;

/** A file of an example: ```` ```<lang> file=<path> [base] [options=[…]] ````. */
interface ExampleFile {
  file: string;
  code: string;
  /** The file as committed at the base a `--diff-base` run compares with. */
  base: boolean;
  options?: unknown[];
}

/** A Wrong or Right section of a rule page: its files, and (Wrong) the problems govern reports, as documented. */
interface Section {
  name: 'Wrong' | 'Right';
  files: ExampleFile[];
  /** The lines of its ```` ```text problems ```` block: `path:line:column message`. */
  problems?: string[];
}

/**
 * The fenced examples of a rule page, by section. A `###` heading inside a Wrong or Right section starts
 * another example of the same kind (its own repository). A fence of four backticks or more may hold one
 * of three.
 */
function sections(markdown: string): Section[] {
  const found: Section[] = [];
  const headings = [...markdown.matchAll(/^## (Wrong|Right)\s*$/gm)].map((m) => ({ index: m.index, name: m[1] as Section['name'] }));
  const fence = /^(`{3,})(\w+)([^\n]*)\n([\s\S]*?)^\1\s*$/gm;
  const fences = [...markdown.matchAll(fence)];
  const inFence = (index: number) => fences.some((f) => index > f.index && index < f.index + f[0].length);
  const parts = [...markdown.matchAll(/^#{2,3} /gm)].map((m) => m.index).filter((index) => !inFence(index));
  let lastPart = -1;
  for (const match of fences) {
    const heading = headings.filter((h) => h.index < match.index).at(-1);
    if (!heading) continue;
    const part = parts.filter((index) => index < match.index).length;
    let section = part === lastPart ? found.at(-1) : undefined;
    if (!section) found.push((section = { name: heading.name, files: [] }));
    lastPart = part;
    const info = match[3] ?? '';
    const code = match[4] ?? '';
    if (match[2] === 'text' && /^\s*problems\s*$/.test(info)) {
      section.problems = code.split('\n').filter((line) => line.trim() !== '');
      continue;
    }
    const options = /options=(\[.*\])\s*$/.exec(info)?.[1];
    section.files.push({ file: /file=(\S+)/.exec(info)?.[1] ?? 'status.md', code, base: /\sbase(?:\s|$)/.test(info), ...(options ? { options: JSON.parse(options) as unknown[] } : {}) });
  }
  return found;
}

const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-rule-docs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Git with a fixed author and date, so the base commit of an example has the same hash on every run (pages may show it). */
function git(cwd: string, ...args: string[]): void {
  const date = '2025-06-10T10:00:00Z';
  execFileSync('git', args, { cwd, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'docs', GIT_AUTHOR_EMAIL: 'docs@example.com', GIT_COMMITTER_NAME: 'docs', GIT_COMMITTER_EMAIL: 'docs@example.com', GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
}

type CheckResults = Awaited<ReturnType<typeof check>>['results'];

/** Writes an example's files into `root`. */
function writeExample(root: string, files: readonly ExampleFile[]): void {
  for (const { file, code } of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), code);
  }
}

/** The messages of `id` in `results`, as the pages write them: `path:line:column message`. */
function reportedAs(root: string, results: CheckResults, id: string): string[] {
  return results.flatMap((r) => r.messages.filter((m) => m.ruleId === id).map((m) => `${path.relative(root, r.filePath).split(path.sep).join('/')}:${m.line}:${m.column} ${m.message}`));
}

/**
 * What govern reports for rule `id` alone on a section's example, as `path:line:column message`: each
 * file checked on its own for a document rule, the files as one repository for a project rule (first
 * committed as they were at the base, when the section has base files, and checked with `--diff-base`).
 */
async function problemsOf(id: string, rule: RuleModule, section: Section): Promise<string[]> {
  const root = mkdtempSync(path.join(scratch, `${id}-`));
  const options = section.files.find((f) => f.options)?.options;
  const config = { extends: [], rules: { [id]: (options ? ['error', ...options] : 'error') as 'error' } };
  const run = (files: ExampleFile[], diffBase?: string) =>
    check({ root, rules: { [id]: rule }, presets: { recommended: {}, strict: {} }, config, ...(diffBase ? { diffBase } : {}), ...(files.length === 1 && rule.meta.govern?.scope !== 'project' ? { text: { content: files[0]!.code, filename: files[0]!.file } } : {}) });
  const write = (files: ExampleFile[]) => writeExample(root, files);
  const lines = (results: CheckResults) => reportedAs(root, results, id);
  if (rule.meta.govern?.scope !== 'project') {
    const out: string[] = [];
    for (const file of section.files) out.push(...lines((await run([file])).results));
    return out;
  }
  const base = section.files.filter((f) => f.base);
  if (base.length > 0) {
    git(root, 'init', '-q', '-b', 'main');
    write(base);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'base');
  }
  write(section.files.filter((f) => !f.base));
  return lines((await run(section.files, base.length > 0 ? 'main' : undefined)).results);
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
      const found = sections(page);
      expect(found.some((s) => s.name === 'Wrong' && s.files.length > 0)).toBe(true);
      expect(found.some((s) => s.name === 'Right' && s.files.length > 0)).toBe(true);
      expect(rule.meta.docs.url).toMatch(new RegExp(`/docs/rules/${id}\\.md$`));
    });

    it('says which layouts it reads (Spec Kit, OpenSpec, Kiro)', () => {
      expect(readFileSync(docPath(id), 'utf8')).toMatch(/^\| Layouts \| \S.*\|$/m);
    });

    it('reports exactly the documented problems for its Wrong examples, and none for its Right ones', async () => {
      for (const [index, section] of sections(readFileSync(docPath(id), 'utf8')).entries()) {
        const problems = await problemsOf(id, rule, section);
        if (process.env.DOCS_PRINT) writeFileSync(path.join(process.env.DOCS_PRINT, `${id}.${index}.${section.name}`), problems.join('\n'));
        if (section.name === 'Wrong') {
          expect(section.problems, `a Wrong example of ${id} without a problems block; it reports:\n${problems.join('\n')}`).toBeDefined();
          expect(problems.length).toBeGreaterThan(0);
          expect(problems).toEqual(section.problems);
        } else expect(problems, `Right example of ${id}`).toEqual([]);
      }
    });
  });
});

/**
 * The examples of one parser diagnostic on its page: the part under `## <id>`, whose `### Wrong` and
 * `### Right` read as a rule page's `## Wrong` and `## Right`.
 */
function parserSections(page: string, id: string): Section[] {
  const start = page.indexOf(`\n## ${id}\n`);
  const next = page.indexOf('\n## govern/', start + 1);
  const part = page.slice(start, next < 0 ? page.length : next);
  return sections(part.replace(/^### (Wrong|Right)\s*$/gm, '## $1').replace(/^#### /gm, '### '));
}

/** What govern reports under parser diagnostic `id` for a section's files, checked as one repository. */
async function parserProblemsOf(id: string, section: Section): Promise<string[]> {
  const root = mkdtempSync(path.join(scratch, `${id.replace('/', '-')}-`));
  writeExample(root, section.files);
  const { results } = await check({ root, rules: {}, presets: { recommended: {}, strict: {} }, config: { extends: [], rules: {} } });
  return reportedAs(root, results, id);
}

describe('parser diagnostics documentation', () => {
  const page = readFileSync(docPath('parser-diagnostics'), 'utf8');

  it('describes every parser diagnostic id on its page', () => {
    for (const id of Object.keys(PARSER_DIAGNOSTICS)) expect(page, id).toContain(`\n## ${id}\n`);
  });

  it('shows govern/parse-tasks with wrong and right examples', () => {
    const found = parserSections(page, 'govern/parse-tasks');
    expect(found.some((s) => s.name === 'Wrong' && s.files.length > 0)).toBe(true);
    expect(found.some((s) => s.name === 'Right' && s.files.length > 0)).toBe(true);
  });

  it.each(Object.keys(PARSER_DIAGNOSTICS))('%s: reports exactly the documented problems for its Wrong examples, and none for its Right ones', async (id) => {
    for (const section of parserSections(page, id)) {
      const problems = await parserProblemsOf(id, section);
      if (section.name === 'Wrong') {
        expect(section.problems, `a Wrong example of ${id} without a problems block; it reports:\n${problems.join('\n')}`).toBeDefined();
        expect(problems).toEqual(section.problems);
      } else expect(problems, `Right example of ${id}`).toEqual([]);
    }
  });
});
