import { cpSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/review-cycles.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-review-cycles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the review-loop fixture, changed by `change`. */
function variant(name: string, change: (root: string) => void): string {
  const root = path.join(scratch, name);
  cpSync(fixture('next/review-loop'), root, { recursive: true });
  change(root);
  return root;
}

const approvedAfter = variant('approved', (root) =>
  writeFileSync(path.join(root, '.agent/reviews/2025-06-05-tags.review.json'), '{ "verdict": "approved", "blocking": [] }\n'),
);
const escalated = variant('escalated', (root) =>
  writeFileSync(
    path.join(root, 'status.md'),
    '# Status\n\n## In Progress\n\n- F-001 Tags — escalated to @dana: the tag rules keep changing\n- F-002 Search\n',
  ),
);
const done = variant('done', (root) => writeFileSync(path.join(root, 'status.md'), '# Status\n\n## In Progress\n\n- F-002 Search\n\n## Done\n\n- F-001 Tags\n'));
const undated = variant('undated', (root) => {
  const dir = path.join(root, '.agent/reviews');
  renameSync(path.join(dir, '2025-06-02-tags.review.md'), path.join(dir, 'tags.review.md'));
  renameSync(path.join(dir, '2025-06-03-tags.review.json'), path.join(dir, 'tags.review-2.json'));
  renameSync(path.join(dir, '2025-06-04-tags.review.json'), path.join(dir, 'tags.review-3.json'));
});

new RuleTester({ describe, it }).runProject('review-cycles', rule, {
  valid: [
    { fixture: approvedAfter, name: 'a fourth review approves: the loop converged' },
    { fixture: escalated, name: 'status.md records the escalation for F-001' },
    { fixture: done, name: 'F-001 is done: its history of reviews is not a stop' },
    { fixture: fixture('next/spec-approved-speckit-draft'), name: 'no reviews at all' },
    { fixture: fixture('brief'), name: 'one review asking for changes is one cycle' },
  ],
  invalid: [
    {
      fixture: fixture('next/review-loop'),
      name: 'three reviews of F-001 in a row without approval, tied by file name',
      errors: [{ messageId: 'tooManyCycles', file: '.agent/reviews/2025-06-04-tags.review.json', line: 2, column: 14 }],
    },
    {
      fixture: undated,
      name: 'the same reviews named by round (tags.review.md, tags.review-2.json, tags.review-3.json)',
      errors: [{ messageId: 'tooManyCycles', file: '.agent/reviews/tags.review-3.json', line: 2, column: 14, includes: '(tags.review.md, tags.review-2.json, tags.review-3.json)' }],
    },
  ],
});

describe('review-cycles message', () => {
  it('names the feature, the reviews and where to record the escalation', async () => {
    const root = fixture('next/review-loop');
    const { results } = await check({ root, config: { extends: [], rules: { 'review-cycles': 'error' } }, rules: { 'review-cycles': rule }, presets: { recommended: {}, strict: {} } });
    const messages = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.message}  ${m.ruleId}`));
    expect(messages).toEqual([
      '.agent/reviews/2025-06-04-tags.review.json:2:14 F-001 has had 3 reviews in a row without approval (2025-06-02-tags.review.md, 2025-06-03-tags.review.json, 2025-06-04-tags.review.json); after three corrector cycles the plan or the spec is likely wrong — stop correcting and escalate to a person (record "Escalated to <name>: <why>" for F-001 in status.md).  review-cycles',
    ]);
  });
});
