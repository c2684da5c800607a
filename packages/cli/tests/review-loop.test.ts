import { describe, expect, it } from 'vitest';
import { fixture, runCli } from './run-cli.js';

describe('the review loop in govern next, status and check', () => {
  it('next shows the latest verdict, the open blocking finding, the spec awaiting approval and who must decide', async () => {
    const run = await runCli(['-C', fixture('next/review-loop'), 'next']);
    expect(run.stderr).toBe('');
    const lines = run.stdout.split('\n');
    expect(run.code).toBe(1);
    expect(lines.slice(0, 12)).toEqual([
      'escalate  F-001 Tags needs a person',
      '          defined docs/PRODUCT.md:3',
      'why   review loop: 3 reviews in a row without approval (.agent/reviews/2025-06-02-tags.review.md … .agent/reviews/2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — a person must decide.',
      '      reviews  .agent/reviews/2025-06-02-tags.review.md:1  the first of 3 reviews without approval',
      'review  changes_requested  .agent/reviews/2025-06-04-tags.review.json:2  (3rd review without approval)',
      '        blocking  src/tags/filter.ts:9  Filtering by a tag still ignores archived recipes',
      'spec    .agent/specs/2025-06-01-tags.md:4 says "Draft — awaiting approval": approve it before implementing',
      'do    decide, then record it for F-001 in status.md: "Escalated to <name>: <why>"',
      'order: sequence in docs/DEVELOPMENT.md',
      '',
      'Meanwhile',
      '  F-002 Search is in progress (status.md:6): govern brief F-002',
    ]);
  });

  it('status shows each feature\'s latest review and lists the reviews tied to no feature', async () => {
    const run = await runCli(['-C', fixture('next/review-loop'), 'status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        'govern status  3 features: 0 done, 2 in progress, 1 to do',
        'order: the sequence in docs/DEVELOPMENT.md',
        '',
        '  1. [in progress] F-001 Tags',
        '       state: state-file status.md:5',
        '       escalate: review loop: 3 reviews in a row without approval (.agent/reviews/2025-06-02-tags.review.md … .agent/reviews/2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — a person must decide.',
        '       do: decide, then record it for F-001 in status.md: "Escalated to <name>: <why>"',
        '       review  changes_requested  .agent/reviews/2025-06-04-tags.review.json:2  (3rd review without approval)',
        '               blocking  src/tags/filter.ts:9  Filtering by a tag still ignores archived recipes',
        '       spec    .agent/specs/2025-06-01-tags.md:4 says "Draft — awaiting approval": approve it before implementing',
        '  2. [in progress] F-002 Search',
        '       state: state-file status.md:6',
        '       review  approved  .agent/reviews/search-pass.json:1',
        '  3. [todo] F-003 Export',
        '       state: spec-status .agent/specs/export.md:3',
        '       review  changes_requested  .codex-review-output.json:3  (1st review without approval)',
        '               scope     src/cookbook/index.ts  Cookbooks of several recipes are out of scope',
        '',
        'Reviews not tied to a feature',
        '  .agent/reviews/legacy.json — names feature "F-099", which no document defines',
        '  .agent/reviews/notes.json — names no feature (add "feature": "<id>")',
        '',
      ].join('\n'),
    );
  });

  it('check reports review-cycles and spec-approved, and nothing else', async () => {
    const run = await runCli(['-C', fixture('next/review-loop'), 'check', '--format', 'json']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; line: number; column: number }> }>;
    const found = results.flatMap((r) => r.messages.map((m) => `${r.filePath.slice(r.filePath.indexOf('review-loop/') + 'review-loop/'.length)}:${m.line}:${m.column} ${m.ruleId}`));
    expect(found).toEqual(['.agent/reviews/2025-06-04-tags.review.json:2:14 review-cycles', '.agent/specs/2025-06-01-tags.md:4:15 spec-approved']);
  });

  it('the Spec Kit repository that never records approval gets no report and no spec line', async () => {
    const check = await runCli(['-C', fixture('next/spec-approved-speckit-draft'), 'check']);
    expect([check.code, check.stdout]).toEqual([0, '']);
    const next = await runCli(['-C', fixture('next/spec-approved-speckit-draft'), 'next']);
    expect(next.stdout.split('\n').slice(0, 4)).toEqual([
      'continue  001-notes Notes',
      '          defined specs/001-notes/spec.md:1',
      'why   001-notes is in progress (specs/001-notes/tasks.md:5: "2/3 tasks done"); work in progress is finished before anything new starts.',
      'order: spec numbers',
    ]);
  });
});
