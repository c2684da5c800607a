import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/tasks-phantom-completion.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('tasks-phantom-completion', rule, {
  valid: [
    { fixture: fixture('rules/tasks-phantom-completion/elsewhere'), name: 'a path that lives in a package, and a folder the repository lacks' },
    { fixture: fixture('example'), name: 'example: routes, plan.md and existing files' },
    { fixture: fixture('speckit'), name: 'speckit: routes with {placeholders}' },
    { fixture: fixture('agent-specs'), name: 'agent-specs: go test ./...' },
    { fixture: fixture('next/stale-draft'), name: 'specs without any source folder: the code lives elsewhere' },
    { fixture: fixture('next/circuit-breaker'), name: 'next/circuit-breaker' },
    { fixture: fixture('empty'), name: 'no specs' },
  ],
  invalid: [
    {
      fixture: fixture('rules/tasks-phantom-completion/missing'),
      name: 'three missing files (one in a drag-and-drop task); removals, routes, globs, placeholders, ignored and unticked tasks are not',
      errors: [
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 15, column: 40 },
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 16, column: 63 },
        { messageId: 'phantom', file: 'specs/001-export/tasks.md', line: 21, column: 42 },
      ],
    },
    {
      fixture: fixture('messy'),
      name: 'messy: T014 names src/auth/session.ts',
      errors: [{ messageId: 'phantom', file: 'specs/001-auth/tasks.md', line: 14, column: 51 }],
    },
  ],
});
