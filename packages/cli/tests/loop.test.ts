import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

// The seeds' loop on one repository: plan (next, brief) → implement → hand off → check → review → next.
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A copy of fixtures/loop with one commit, so the handoff's diff scope and `--diff-base HEAD` have a base. */
function repository(): string {
  const root = path.join(mkdtempSync(path.join(os.tmpdir(), 'govern-loop-')), 'shelf');
  temps.push(path.dirname(root));
  cpSync(fixture('loop'), root, { recursive: true });
  const at = '2025-06-01T09:00:00Z';
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=govern', '-c', 'user.email=govern@example.com', '-c', 'commit.gpgsign=false', ...args], {
      cwd: root,
      stdio: 'pipe',
      env: { ...process.env, GIT_AUTHOR_DATE: at, GIT_COMMITTER_DATE: at },
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'chore: start');
  return root;
}

const step = (root: string, from: string, to: string) => {
  mkdirSync(path.dirname(path.join(root, to)), { recursive: true });
  copyFileSync(path.join(root, 'steps', from), path.join(root, to));
};
const govern = (root: string, ...argv: string[]) => runCli(['-C', root, ...argv]);
const headings = (text: string) => text.split('\n').filter((line) => line.startsWith('#'));

interface JsonMessage {
  ruleId: string;
  line: number;
  column: number;
  message: string;
}
/** The problems of `check --format json`, each with its file relative to `root`. */
const problemsOf = (root: string, stdout: string) =>
  (JSON.parse(stdout) as Array<{ filePath: string; messages: JsonMessage[] }>).flatMap((r) =>
    r.messages.map((m) => ({ ...m, file: path.relative(root, r.filePath) })),
  );

/** The work: the code, F-001 in progress, and `handoff` (a block) after it in status.md. */
function work(root: string, handoff: string): void {
  step(root, 'tags.ts', 'src/tags.ts');
  step(root, 'tags.test.ts', 'tests/tags.test.ts');
  step(root, 'status.in-progress.md', 'status.md');
  appendFileSync(path.join(root, 'status.md'), `\n${handoff}`);
}
const filled = (root: string) => readFileSync(path.join(root, 'steps/handoff.filled.md'), 'utf8');

describe('the plan → implement → review → hand off loop', () => {
  it('runs end to end: next, brief, work, handoff, check, a review asking for changes, next, approval, next', async () => {
    const root = repository();

    // 1. What to build now.
    const first = await govern(root, 'next');
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').slice(0, 3)).toEqual([
      'next  F-001 Tags',
      '      defined docs/PRODUCT.md:3',
      'why   F-001 is the first feature in the sequence in docs/DEVELOPMENT.md (docs/DEVELOPMENT.md:5) that is not done, not blocked and has no open dependencies.',
    ]);
    const firstJson = JSON.parse((await govern(root, 'next', '--json')).stdout) as { status: string; feature: { id: string }; escalations: unknown[] };
    expect([firstJson.status, firstJson.feature.id, firstJson.escalations]).toEqual(['next', 'F-001', []]);

    // 2. The implementer's prompt: every principle, the scope block, and the handoff to write at the end.
    const brief = await govern(root, 'brief');
    expect(brief.code).toBe(0);
    expect(headings(brief.stdout)).toEqual([
      '# Implement F-001: Tags',
      '## Principles',
      '### I. Test-First (NON-NEGOTIABLE)',
      '### II. Plain Data',
      '## Feature',
      '### Definition',
      '### Acceptance criteria',
      '### Boundary conditions',
      '## Scope',
      '### In scope',
      '### Out of scope',
      '### Open questions',
      '## Spec, plan and tasks',
      '## Build, test and lint',
      '## When you finish',
      '### Handoff: implement -> verify (F-001)',
    ]);

    // 3. The work, then 4. the handoff drafted from git and AGENTS.md.
    work(root, '');
    const draft = await govern(root, 'handoff', '--from', 'implement', '--to', 'verify');
    expect(draft.code).toBe(0);
    expect(draft.stdout).toContain('  - tests: <pass/fail> (`npm test`)\n');
    expect(draft.stdout).toContain('  - changed dirs: src/, tests/\n');
    // Left as drafted, its placeholders are findings; the implementer fills them in.
    work(root, draft.stdout);
    const unfilled = await govern(root, 'check', '--format', 'json');
    expect(unfilled.code).toBe(1);
    expect(problemsOf(root, unfilled.stdout).map((m) => m.ruleId)).toContain('handoff-fields');
    work(root, filled(root));

    // 5. The check a pre-commit hook or CI runs: everything changed is in the handoff's scope.
    const clean = await govern(root, 'check', '--diff-base', 'HEAD');
    expect([clean.code, clean.stdout]).toEqual([0, '']);
    mkdirSync(path.join(root, 'scripts'));
    writeFileSync(path.join(root, 'scripts/reset.sh'), 'echo reset\n');
    const outside = await govern(root, 'check', '--diff-base', 'HEAD', '--format', 'json');
    expect(outside.code).toBe(1);
    expect(problemsOf(root, outside.stdout).map((m) => `${m.ruleId}:${m.line} ${m.message}`)).toEqual([
      'handoff-diff-scope:19 1 file changed since HEAD outside the diff scope of handoff implement -> verify: scripts/reset.sh; add them to "changed dirs" / "notable files", or split them into their own lane.',
    ]);
    rmSync(path.join(root, 'scripts'), { recursive: true });

    // 6. The reviewer asks for changes: a valid review, and next says what blocks.
    step(root, 'review-1.json', '.agent/reviews/2025-06-02-tags.review.json');
    expect((await govern(root, 'check')).code).toBe(0);
    const corrected = await govern(root, 'next');
    expect(corrected.code).toBe(0);
    expect(corrected.stdout.split('\n').slice(0, 5)).toEqual([
      'continue  F-001 Tags',
      '          defined docs/PRODUCT.md:3',
      'why   F-001 is in progress (status.md:5); work in progress is finished before anything new starts.',
      'review  changes_requested  .agent/reviews/2025-06-02-tags.review.json:3  (1st review without approval)',
      '        blocking  src/tags.ts:1  A book can still get more than 5 tags',
    ]);
    const again = (await govern(root, 'brief')).stdout;
    expect(again).toContain('## Where the work stands\n\nThe latest handoff for F-001, from status.md:12:');
    expect(again).toContain('## Open review findings\n\nFrom `.agent/reviews/2025-06-02-tags.review.json` (changes_requested).');
    expect(again).toContain('- src/tags.ts:1 — A book can still get more than 5 tags');
    expect(again).not.toContain('MAX_TAGS');

    // 7. The corrector's round is approved and the feature marked done: next moves on.
    step(root, 'review-2.json', '.agent/reviews/2025-06-03-tags.review.json');
    step(root, 'status.done.md', 'status.md');
    const moved = await govern(root, 'next');
    expect(moved.code).toBe(0);
    expect(moved.stdout.split('\n')[0]).toBe('next  F-002 Search');
    expect((await govern(root, 'status')).stdout).toContain('  1. [done] F-001 Tags\n       state: state-file status.md:9\n       review  approved  .agent/reviews/2025-06-03-tags.review.json:1\n');
  });

  it('three reviews in a row without approval stop the loop for a person', async () => {
    const root = repository();
    work(root, filled(root));
    for (const day of ['02', '03', '04']) step(root, 'review-1.json', `.agent/reviews/2025-06-${day}-tags.review.json`);
    const check = await govern(root, 'check', '--format', 'json');
    expect(check.code).toBe(1);
    const found = problemsOf(root, check.stdout).map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`);
    expect(found).toEqual(['.agent/reviews/2025-06-04-tags.review.json:3:14 review-cycles']);
    const stopped = await govern(root, 'next');
    expect(stopped.code).toBe(1);
    expect(stopped.stdout.split('\n').slice(0, 4)).toEqual([
      'escalate  F-001 Tags needs a person',
      '          defined docs/PRODUCT.md:3',
      'why   review loop: 3 reviews in a row without approval (.agent/reviews/2025-06-02-tags.review.json … .agent/reviews/2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — a person must decide.',
      '      reviews  .agent/reviews/2025-06-02-tags.review.json:3  the first of 3 reviews without approval',
    ]);
    // F-002 waits for F-001: nothing to do meanwhile.
    expect(stopped.stdout).not.toContain('Meanwhile');
  });
});
