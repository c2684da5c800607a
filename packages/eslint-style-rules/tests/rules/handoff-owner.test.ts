import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/handoff-owner.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

function handoff(owner: string, due: string, status = 'partial'): string {
  return `### Handoff: implement -> verify

- Goal status: ${status}
- Evidence: tests: pass (\`pnpm test\`)
- Diff scope: src/tags/
- Risk note: rollback path: revert; unresolved edge cases: none
- Next owner: ${owner}
- Next action due: ${due}
`;
}

new RuleTester({ describe, it }).run('handoff-owner', rule, {
  valid: [
    { name: 'example status.md', code: fixture('example/status.md') },
    { name: 'status-backlog status.md', code: fixture('status-backlog/status.md') },
    handoff('@dana', '2025-06-03 17:00'),
    handoff('verify lane (fresh Codex session)', 'Friday'),
    handoff('Dana (product owner)', 'after CI passes'),
    handoff('the payments team', 'when verify lane finishes'),
    handoff('reviewer lane', 'on merge'),
    handoff('builder-you', 'tomorrow 9am'),
    handoff('Kim', 'once #88 lands'),
    handoff('QA', '3 June'),
    handoff('@org/platform', 'next check-in'),
    { name: 'a finished handoff may leave nobody', code: handoff('none — merged and released', 'n/a, nothing left', 'done').replace('n/a, nothing left', 'on the next release') },
    { name: 'CJK date', code: handoff('田中さん', '6月3日') },
    { name: 'a PR body from stdin', filename: 'pr.md', code: handoff('@dana', 'before T007 starts') },
    { name: 'CRLF', code: handoff('@dana', '2025-03-15').replace(/\n/g, '\r\n') },
    { name: 'placeholders are handoff-fields\' to report', code: handoff('<person/role/lane>', '<date/time or trigger>') },
    { name: 'missing fields are handoff-fields\' to report', code: '### Handoff: a -> b\n\n- Goal status: done\n' },
  ],
  invalid: [
    {
      name: 'messy: "someone should review this"',
      code: fixture('messy/status.md'),
      errors: [{ messageId: 'vagueOwner', data: { name: 'implement -> verify', owner: 'someone should review this' }, line: 27, column: 15 }],
    },
    { name: 'TBD', code: handoff('TBD', 'Friday'), errors: [{ messageId: 'vagueOwner', line: 7, column: 15 }] },
    { name: 'the team', code: handoff('the team', 'Friday'), errors: [{ messageId: 'vagueOwner', data: { name: 'implement -> verify', owner: 'the team' } }] },
    { name: 'anyone', code: handoff('anyone who has time', 'Friday'), errors: [{ messageId: 'vagueOwner' }] },
    { name: 'whoever', code: handoff('**whoever picks it up**', 'Friday'), errors: [{ messageId: 'vagueOwner' }] },
    { name: 'a question mark', code: handoff('?', 'Friday'), errors: [{ messageId: 'vagueOwner' }] },
    { name: 'none while work remains', code: handoff('none', 'Friday'), errors: [{ messageId: 'vagueOwner' }] },
    {
      name: 'no date or trigger',
      code: handoff('@dana', 'soon'),
      errors: [{ messageId: 'noDue', data: { name: 'implement -> verify', due: 'soon' }, line: 8, column: 20 }],
    },
    { name: 'TBD due', code: handoff('@dana', 'TBD'), errors: [{ messageId: 'noDue', line: 8 }] },
    { name: 'words with no time in them', code: handoff('@dana', 'look at the flaky test'), errors: [{ messageId: 'noDue' }] },
    { name: 'both, in a PR body', filename: 'pr.md', code: handoff('someone', 'later'), errors: [{ messageId: 'vagueOwner', line: 7 }, { messageId: 'noDue', line: 8 }] },
  ],
});
