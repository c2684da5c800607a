import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/circuit-breaker.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

new RuleTester({ describe, it }).run('circuit-breaker', rule, {
  valid: [
    { name: 'status-backlog status.md: tripped and escalated', code: fixture('status-backlog/status.md') },
    { name: 'example status.md: no attempts', code: fixture('example/status.md') },
    '## Attempts\n\n### T012 Add tag model\n\n- Attempt 1 — failed: unique index missing\n- Attempt 2 — passed\n',
    '## Attempts\n\n- T015: attempt 2/3 failed (type errors)\n',
    {
      name: 'three failures, escalated in the task section',
      code: '### T012 Add tag model\n\n- Attempt 1 — failed\n- Attempt 2 — failed\n- Attempt 3 — failed\n\nEscalated to @dana: the spec contradicts itself.\n',
    },
    { name: 'a table with an Escalated column', code: '| Task | Attempts | Failures | Escalated |\n| --- | --- | --- | --- |\n| T003 | 3 | 3 | yes |\n' },
    { name: 'no attempts at all', code: '# Status\n\n## Done\n\n- F-001 Login\n' },
  ],
  invalid: [
    {
      name: 'next/circuit-breaker: a table row with 3 failures and no escalation',
      code: fixture('next/circuit-breaker/status.md'),
      errors: [{ messageId: 'tripped', data: { task: 'T003', failures: 3 }, line: 11, column: 8 }],
    },
    {
      name: 'attempt lines under a task heading',
      code: '### T012 Add tag model\n\n- Attempt 1 — failed: unique index missing\n- Attempt 2 — failed: same error\n- Attempt 3 — failed: same error\n',
      errors: [{ messageId: 'tripped', data: { task: 'T012', failures: 3 }, line: 5, column: 3 }],
    },
    {
      name: '"not escalated" does not count',
      code: '## Attempts\n\n- T015: attempt 4/5 failed (type errors), not escalated yet\n',
      errors: [{ messageId: 'tripped', data: { task: 'T015', failures: 4 }, line: 3 }],
    },
    {
      name: 'a PR body from stdin, CRLF',
      filename: 'pr.md',
      code: '### T007 Rename a tag\r\n\r\nAttempts: 3 (failed)\r\n',
      errors: [{ messageId: 'tripped', data: { task: 'T007', failures: 3 }, line: 3 }],
    },
  ],
});
