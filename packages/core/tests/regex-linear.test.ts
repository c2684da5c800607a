import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSync } from 'recheck';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every regular expression in the packages' sources is linear on any input: recheck, a ReDoS checker,
 * decides it from the expression's automaton, or, for lookarounds and backreferences, by a fuzzer with a
 * fixed seed that counts the matcher's steps (with a time limit far above what a linear expression needs:
 * see RECHECK).
 * The expressions govern builds at run time (`new RegExp`) are recorded while the built packages load
 * and check the fixtures, and checked the same way. docs/reliability.md lists what this replaced.
 */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['core', 'cli', 'eslint-style-rules'];

interface Found {
  where: string;
  source: string;
  flags: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every regular expression literal, and every file that builds one with `new RegExp`. */
function literals(): { found: Found[]; building: Set<string> } {
  const found: Found[] = [];
  const building = new Set<string>();
  for (const name of PACKAGES) {
    for (const file of sourceFiles(path.join(repoRoot, 'packages', name, 'src'))) {
      const text = readFileSync(file, 'utf8');
      const relative = path.relative(repoRoot, file);
      const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (node: ts.Node): void => {
        if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
          const literal = node.getText(sourceFile);
          const end = literal.lastIndexOf('/');
          const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
          found.push({ where: `${relative}:${line + 1}`, source: literal.slice(1, end), flags: literal.slice(end + 1) });
        }
        if (ts.isNewExpression(node) && node.expression.getText(sourceFile) === 'RegExp') building.add(relative);
        ts.forEachChild(node, visit);
      };
      visit(sourceFile);
    }
  }
  return { found, building };
}

/**
 * The expressions the built packages make with `new RegExp` while they load and check the fixtures, by
 * the source file that made them. In a plain Node process (tests/helpers/record-regexps.mjs), where the
 * packages see the recording constructor as their global `RegExp`.
 */
function built(): { found: Found[]; makers: Set<string> } {
  const script = fileURLToPath(new URL('./helpers/record-regexps.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, repoRoot], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(run.stderr);
  const recorded = JSON.parse(run.stdout) as { found: Found[]; makers: string[] };
  return { found: recorded.found, makers: new Set(recorded.makers) };
}

/**
 * Expressions recheck reads as superlinear that are not, with why; each is still run on recheck's own
 * attack string (prepared as govern prepares its input) and must finish in a fraction of a second.
 */
const BOUNDED: ReadonlyArray<{ file: string; includes: string; why: string; prepare?: (text: string) => string }> = [
  {
    file: 'packages/core/src/parse/handoff.ts',
    includes: '(?:hand[- ]?off|handover)',
    why: 'matched on text whose runs of whitespace were made one space (parse/handoff.ts matchHead), so its lazy lanes meet no long run',
    prepare: (text) => text.replace(/\s+/gu, ' '),
  },
  {
    file: 'packages/core/src/parse/spec-paths.ts',
    includes: '(?:\\.specify\\/)?specs',
    why: 'reads repository paths the directory walk found (a path is at most 4,096 characters), not document text',
    prepare: (text) => text.slice(0, 4096),
  },
  {
    file: 'packages/core/src/parse/entry-text.ts',
    includes: '(\\d{3,4}-[a-z][a-z0-9]*',
    why: 'run on text whose words longer than 1,000 characters were blanked (parse/entry-text.ts findSpecRef): no spec folder is named in such a word',
    prepare: (text) => text.replace(/(?<!\S)\S{1001,}/g, (word) => ' '.repeat(word.length)),
  },
  {
    file: 'packages/core/src/parse/product-ids.ts',
    includes: '\\s+[—–|-]\\s+([^—–|]{1,40})$',
    why: 'after each separator at most 40 characters are read before the end is tested',
  },
  {
    file: 'packages/core/src/parse/product-ids.ts',
    includes: '[([]([^()[\\]]{1,30})[)\\]]\\s*$',
    why: 'a run of spaces is entered only from its start (the lookbehind), and after each bracket at most 30 characters are read',
  },
  {
    // Built by asciiFirst (text/ascii.ts) from parse/entry-text.ts DEPENDENCY_CLAUSES.
    file: 'packages/core/src/text/ascii.ts',
    includes: '{0,299})$',
    why: 'a dependency clause that runs to the end: after each clause word at most 300 characters are read before the end is tested',
  },
  {
    file: 'packages/eslint-style-rules/src/utils/handoff-words.ts',
    includes: '\\b\\d{4}-\\d{1,2}-\\d{1,2}\\b|',
    why: "each alternative reads a few characters from where it starts, and its only unbounded runs (`\\d+`, `\\s+`) are followed by what they cannot hold; recheck's reading of `\\b` under the u flag sees an overlap that is not there",
  },
  {
    // Compiled by minimatch when text/glob.ts asks for a glob's matcher.
    file: 'packages/core/src/text/glob.ts',
    includes: '^',
    why: 'globs are matched against repository paths (the directory walk, git), at most 4,096 characters; globs from documents are limited to two name wildcards (text/glob.ts isTameGlob)',
    // The attack's end (what makes the match fail) kept after its first 4,000 characters.
    prepare: (text) => (text.length > 4096 ? text.slice(0, 4000) + text.slice(-96) : text),
  },
];

/**
 * A fixed seed. recheck's fuzzer (used for lookarounds) takes an attack as proven when matching it runs
 * past `attackTimeout`: the default second is reached by linear expressions with bounded repeats on a
 * loaded machine, so it is five here, and the whole check of one expression may take two minutes.
 */
const RECHECK = { randomSeed: 1, timeout: 120_000, attackTimeout: 5_000 } as const;

function check(item: Found): { ok: boolean; detail: string } {
  const result = checkSync(item.source, item.flags, RECHECK);
  if (result.status === 'safe') return { ok: true, detail: 'safe' };
  const bounded = BOUNDED.find((b) => item.where.startsWith(b.file) && item.source.includes(b.includes));
  const attack = result.status === 'vulnerable' ? result.attack.string : undefined;
  if (bounded && attack !== undefined) {
    const text = bounded.prepare ? bounded.prepare(attack) : attack;
    const started = performance.now();
    new RegExp(item.source, item.flags).exec(text);
    const ms = performance.now() - started;
    // A quadratic expression takes seconds on these strings (tens of thousands of characters); a linear one, milliseconds.
    return { ok: ms < 1000, detail: `${bounded.why}; recheck's attack (${text.length} characters) took ${ms.toFixed(0)} ms` };
  }
  const how = result.status === 'vulnerable' ? `${result.complexity.type} on ${result.attack.pattern}` : result.status === 'unknown' ? result.error.kind : 'error';
  return { ok: false, detail: `${result.status}: ${how}` };
}

describe('regular expressions run in linear time on any input', () => {
  it('every literal in packages/*/src', { timeout: 600_000 }, () => {
    const { found } = literals();
    expect(found.length).toBeGreaterThan(500);
    const failures = found.map((item) => ({ item, ...check(item) })).filter((r) => !r.ok);
    expect(failures.map((f) => `${f.item.where} /${f.item.source}/${f.item.flags}: ${f.detail}`)).toEqual([]);
  });

  it('every expression built with new RegExp, as the packages build them', { timeout: 600_000 }, () => {
    const { building } = literals();
    const { found, makers } = built();
    // Every file that builds an expression built at least one while the packages ran on the fixtures.
    // product.ts only anchors FEATURE_ID (recorded from product-ids.ts) at both ends or the start.
    const anchorsOnly = new Set(['packages/core/src/parse/product.ts']);
    expect([...building].filter((file) => !makers.has(file) && !anchorsOnly.has(file))).toEqual([]);
    const failures = found.map((item) => ({ item, ...check(item) })).filter((r) => !r.ok);
    expect(failures.map((f) => `${f.item.where} /${f.item.source}/${f.item.flags}: ${f.detail}`)).toEqual([]);
  });
});
