import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/status-consistent.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('status-consistent', rule, {
  valid: [
    { fixture: fixture('rules/status-consistent/agree'), name: 'a Draft spec and open tasks on a feature in progress' },
    { fixture: fixture('rules/status-consistent/deferred-dependency'), name: 'a finished phase that depends on one deferred on purpose: the work went on without it' },
    { fixture: fixture('plans/legacy-plan'), name: 'CLAUDE.md calls PLAN.md a legacy file: its old statuses are not weighed against the roadmap' },
    { fixture: fixture('plans/optional-open-task'), name: 'a phase the status table calls complete whose one open box says `(optional - deferred)`' },
    { fixture: fixture('rules/status-consistent/two-plans-own-phases'), name: 'two plans that each number phases of their own, titled apart' },
    { fixture: fixture('rules/status-consistent/sibling-plans'), name: 'two plans in sibling folders (docs/maps/, docs/sync/), each numbering its own phases' },
    { fixture: fixture('rules/status-consistent/part-of-milestone'), name: 'a handoff that wrote the brief of M2/P1, a part of M2, says nothing of M2' },
    { fixture: fixture('example'), name: 'example' },
    { fixture: fixture('speckit'), name: 'speckit: tasks progress and spec Status agree' },
    { fixture: fixture('agent-specs'), name: 'agent-specs' },
    { fixture: fixture('status-backlog'), name: 'status-backlog: BACKLOG.md and status.md' },
    { fixture: fixture('product-formats'), name: 'product-formats' },
    { fixture: fixture('claude-symlink'), name: 'claude-symlink' },
    { fixture: fixture('rules/status-consistent/draft-unmaintained'), name: 'every spec says Draft: nobody keeps the field, so a finished Draft says nothing' },
    { fixture: fixture('next/stale-draft'), name: 'all tasks ticked under Draft specs nobody updates' },
    { fixture: fixture('plans/state-current-focus'), name: "an open box in the roadmap beside the state file's current focus: not finished, and under way" },
    { fixture: fixture('rules/status-consistent/work-log'), name: 'a log of work done that mentions open items in passing does not say they are done' },
    { fixture: fixture('plans/release-phase-pointer'), name: "`Current Phase: 2.0 Phase 2 — …` names the 2.0 release's Phase 2, not the first release's" },
    { fixture: fixture('plans/unit-plus'), name: '`Sprint C+` is the sprint after Sprint C, not Sprint C' },
    { fixture: fixture('rules/status-consistent/shipped-group-open-phases'), name: 'a milestone shipped without two of its phases, whose own boxes and progress rows say not started' },
  ],
  invalid: [
    {
      fixture: fixture('rules/status-consistent/disagree'),
      name: 'done with a dependency in progress, a stale Draft and an open task',
      errors: [
        { messageId: 'conflict', file: 'docs/PRODUCT.md', line: 17, column: 17 },
        { messageId: 'conflict', file: 'specs/002-tags/spec.md', line: 5 },
        { messageId: 'conflict', file: 'specs/002-tags/tasks.md', line: 7, column: 1 },
      ],
    },
    {
      fixture: fixture('messy'),
      name: 'messy: specs/001-auth still says Draft although sign-in is done',
      errors: [{ messageId: 'conflict', file: 'specs/001-auth/spec.md', line: 5 }],
    },
    {
      fixture: fixture('rules/status-consistent/draft-maintained'),
      name: 'a finished Draft where another spec says Implemented: the field is kept, so this one is stale',
      errors: [{ messageId: 'conflict', file: 'specs/002-profile/spec.md', line: 4, includes: 'still says Status: Draft' }],
    },
    {
      fixture: fixture('rules/status-consistent/complete-while-open'),
      name: 'a spec that says Complete while most tasks are open',
      errors: [{ messageId: 'conflict', file: 'specs/015-claims/spec.md', line: 4, includes: 'says Status: Complete, but 6 of 8 tasks in specs/015-claims/tasks.md are open' }],
    },
    {
      fixture: fixture('rules/status-consistent/one-place'),
      name: 'a row read both as a state entry and as a sequence entry is one disagreement, reported once',
      errors: [{ messageId: 'conflict', file: 'BACKLOG.md', line: 17, includes: 'BACKLOG.md:6 says in-progress but BACKLOG.md:17 says done' }],
    },
  ],
});
