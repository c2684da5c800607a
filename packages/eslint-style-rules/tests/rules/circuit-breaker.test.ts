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
    {
      name: 'three failures, then an attempt that passed: history, not a stop',
      code: '### T030 Zip writer\n\n- Attempt 1 — failed: zip64 missing\n- Attempt 2 — failed: zip64 missing\n- Attempt 3 — failed: header order\n- Attempt 4 — passed\n',
    },
    { name: 'a table row that passed on the fourth try', code: '| Task | Attempts | Result |\n| --- | --- | --- |\n| T030 | 4 | passed |\n' },
    { name: 'two failures with different causes', code: '### T043 Rotate\n\n- Attempt 1 — failed: selector missing\n- Attempt 2 — failed: selector not found\n' },
    {
      name: 'two failures with the same cause, escalated',
      code: '### T020 Index\n\n- Attempt 1 — failed: offline edits missing\n- Attempt 2 — failed: offline edits missing\n- Escalated to @lee: needs a sync design\n',
    },
  ],
  invalid: [
    {
      name: 'next/attempt-forms: the nested form trips; attempt headings with the same Result cause do not converge',
      code: fixture('next/attempt-forms/status.md'),
      errors: [
        { messageId: 'tripped', data: { task: 'T014', failures: 3 }, line: 12, column: 5 },
        {
          messageId: 'notConverging',
          message:
            'T020 failed twice in a row with the same cause ("notes edited offline are missing from the index", lines 17 and 21); the approach is not converging — stop and escalate to a human (write "Escalated to <name>: <why>" under T020) instead of a third attempt.',
          line: 21,
          column: 5,
        },
      ],
    },
    {
      name: 'two failures in a row, the same cause written differently only in case and punctuation',
      code: '## Attempts\n\n- T015: attempt 1/3 failed (Type errors.)\n- T015: attempt 2/3 failed (type errors)\n',
      errors: [{ messageId: 'notConverging', data: { task: 'T015', cause: 'Type errors.', first: 3, second: 4 }, line: 4, column: 9 }],
    },
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
