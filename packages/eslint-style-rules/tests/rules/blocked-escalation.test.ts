import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/blocked-escalation.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

function handoff(status: string, rest: string): string {
  return `### Handoff: implement -> owner

- Goal status: ${status}
- Diff scope: src/nutrition/
- Risk note: rollback path: nothing merged; unresolved edge cases: none
${rest}- Next action due: 2025-06-06 check-in
`;
}

new RuleTester({ describe, it }).run('blocked-escalation', rule, {
  valid: [
    { name: 'status-backlog status.md: Blocked item and blocked handoff, both escalated', code: fixture('status-backlog/status.md') },
    { name: 'product-formats status.md: blocked on another tracked change', code: fixture('product-formats/status.md') },
    { name: 'example status.md: "Nothing is blocked."', code: fixture('example/status.md') },
    { name: 'a Blocked item with a reason and an @mention', code: '## Blocked\n\n- F-002 Billing — waiting on API keys; @lee is chasing the provider\n' },
    { name: 'a Blocked item waiting on a named person', code: "## Blocked\n\n- F-004 Import — needs Dana's decision on duplicate handling\n" },
    { name: 'escalated to a role', code: '## Blocked\n\n- F-003 Messaging — push certificates expired; escalated to the platform team\n' },
    { name: 'waiting on a tracked dependency', code: '## Blocked\n\n- F-006 Filters — blocked until PAN-15 lands\n' },
    { name: 'a Status line with an Owner line under a heading', code: '## F-002 Billing\n\n**Status**: blocked — waiting on API keys from the payment provider\n**Owner**: @lee\n' },
    { name: 'a table row with an Owner column', code: '| Feature | Status | Owner |\n| --- | --- | --- |\n| F-003 Messaging | ⛔ blocked (needs push certs) | @ana |\n' },
    { name: 'paused and failed are not blockers', code: '## On hold\n\n- F-009 Themes\n\n- T2: attempt 1 failed\n' },
    {
      name: 'a blocked handoff with evidence, owner and fallback',
      code: handoff('blocked', '- Evidence: tests: fail (`npm test` — 2 failing)\n- Fallback: ship weight-based units only\n- Next owner: Dana (product owner)\n'),
    },
    {
      name: 'a blocked handoff in a PR body, fallback in prose',
      filename: 'pr.md',
      code: handoff('blocked — no density data for volume units', '- Next owner: @dana\n- Evidence: n/a\n\nIn the meantime we ship weight-based units only.\n'),
    },
    { name: 'a done handoff needs none of this', code: handoff('done', '- Evidence: tests: pass (`npm test`)\n- Next owner: @dana\n') },
    { name: 'CRLF', code: '## Blocked\r\n\r\n- F-002 Billing — waiting on API keys; @lee is chasing the provider\r\n' },
  ],
  invalid: [
    {
      name: 'a Blocked item with nothing but its name',
      code: '# Status\n\n## Blocked\n\n- F-002 Billing\n',
      errors: [
        { messageId: 'noBlocker', data: { what: 'F-002' }, line: 5, column: 1 },
        { messageId: 'noOwner', data: { what: 'F-002' }, line: 5, column: 1 },
      ],
    },
    {
      name: 'a reason but nobody to act',
      code: '## Blocked\n\n- F-002 Billing — waiting on API keys\n',
      errors: [{ messageId: 'noOwner', data: { what: 'F-002' }, line: 3 }],
    },
    {
      name: 'a Status: blocked line with no reason',
      code: '## F-007 Offline mode\n\nStatus: blocked\n\nOwner: @kim\n',
      errors: [{ messageId: 'noBlocker', data: { what: 'F-007' }, line: 3 }],
    },
    {
      name: 'fallback asked of state entries too, with the option',
      code: '## Blocked\n\n- F-002 Billing — waiting on API keys; escalated to @lee\n',
      options: [{ fallback: 'all' }],
      errors: [{ messageId: 'noFallback', data: { what: 'F-002' }, line: 3 }],
    },
    {
      name: 'a blocked handoff with no evidence, owner or fallback',
      code: handoff('blocked', ''),
      errors: [
        { messageId: 'noBlocker', data: { what: 'Handoff implement -> owner' }, line: 3, column: 3 },
        { messageId: 'noOwner', line: 3 },
        { messageId: 'noFallback', line: 3 },
      ],
    },
    {
      name: 'a blocked handoff without a fallback, in a PR body',
      filename: 'pr.md',
      code: handoff('blocked', '- Evidence: tests: fail (`npm test`)\n- Next owner: @dana\n'),
      errors: [{ messageId: 'noFallback', data: { what: 'Handoff implement -> owner' }, line: 3 }],
    },
  ],
});
