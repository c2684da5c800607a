import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/blocked-escalation.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

/** A status file kept as a dated log: the newest section first, `blockers` under it. */
const datedLog = (blockers: string) => `# Project status

## 2025-09-14 update

### Blocked
${blockers}

## 2025-09-02 update

### Blocked
- ⛔ Link sharing — waiting for the short-link domain
`;

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
    { name: 'a notice of what must happen is no blocked item', code: '### Next Steps\n🚫 **MODE TRANSITION REQUIRED**\n\nSwitch to planning before building.\n' },
    {
      name: "waiting on the project's own earlier work",
      code: '| Feature | Status | Notes |\n| --- | --- | --- |\n| Cloud sync | blocked | Ship the offline app first |\n| Teams | blocked | after Phase 2 |\n',
    },
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
    { name: 'a dated log: a blocker of an older section is history, "none" in another language is empty', code: datedLog('- 无') },
    { name: 'a severity scale is a legend, not a blocked item', code: '## Review\n\n**Severity scale:** 🛑 Show-stopper / 🔴 High / 🟡 Medium / 🟢 Low\n\n**Show-stoppers:** 0\n' },
    { name: 'a state legend', code: '## Legend\n\n- ✅ done · 🚧 in progress · ⛔ blocked\n' },
    { name: 'a review with a severity scale, a state legend and "none" in another language under Blocked', code: fixture('documents/state/legends.md') },
  ],
  invalid: [
    {
      name: 'a dated log: the newest section is current state',
      code: datedLog('- ⛔ Team sharing — waiting for the plan limits'),
      errors: [{ messageId: 'noOwner', line: 6, column: 3 }],
    },
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

const lanes = fixture('rules/blocked-escalation/status.md');
const noTimebox = (due: string) =>
  `Handoff implement -> owner is blocked with no timebox: "${due}" names no date or time; give the next check-in one (e.g. "Next check-in: 2025-06-06 10:00"), so the block is looked at again even if nothing happens.`;
const notEscalated =
  'Handoff implement -> owner is blocked for a second cycle in a row (the handoff at line 3 was blocked too) and records no escalation; escalate it to a person (write "Escalated to <name>: <why>") or change the plan.';
const secondCycle = lanes.indexOf('### Handoff', 20);
const inSecondCycle = (from: string, to: string) => lanes.slice(0, secondCycle) + lanes.slice(secondCycle).replace(from, to);

new RuleTester({ describe, it }).run('blocked-escalation: timebox and a second blocked cycle', rule, {
  valid: [
    { name: 'fixtures/rules/blocked-escalation/.agent/status.md: dated check-ins, escalated in the second cycle', code: fixture('rules/blocked-escalation/.agent/status.md') },
    { name: 'a recurring check-in is a timebox', code: handoff('blocked — no API keys', '- Evidence: tests: fail (`npm test`)\n- Fallback: mock the API\n- Next owner: @dana\n').replace('2025-06-06 check-in', 'daily at standup') },
    {
      name: 'the lane was not blocked two cycles in a row: a partial handoff in between',
      code: inSecondCycle('### Handoff: implement -> owner', '### Handoff: implement -> verify\n\n- Goal status: partial\n\n### Handoff: implement -> owner').replace('when the API team answers', 'Friday'),
    },
    { name: 'a Blocked item gives no timebox: asked only with { timebox: "all" }', code: '## Blocked\n\n- F-002 Billing — waiting on keys; escalated to @lee\n' },
  ],
  invalid: [
    {
      name: 'fixtures/rules/blocked-escalation/status.md: a trigger as the only due, and a second cycle with nobody told',
      code: lanes,
      errors: [
        { messageId: 'noTimebox', message: noTimebox('when the API team answers'), line: 12, column: 20 },
        { messageId: 'notEscalated', message: notEscalated, line: 16, column: 3 },
      ],
    },
    {
      name: 'escalated in the second cycle: only the timebox is left',
      code: inSecondCycle('- Next owner: implement lane', '- Escalated to: Dana (API owner) — no answer for two days\n- Next owner: implement lane'),
      errors: [{ messageId: 'noTimebox', line: 12 }],
    },
    {
      name: 'handed to someone else in the second cycle: only the timebox is left',
      code: inSecondCycle('- Next owner: implement lane', '- Next owner: Dana (API owner)'),
      errors: [{ messageId: 'noTimebox', line: 12 }],
    },
    {
      name: '"after CI passes" is a trigger, not a timebox',
      code: lanes.replace('when the API team answers', 'after CI passes'),
      errors: [{ messageId: 'noTimebox', message: noTimebox('after CI passes'), line: 12 }, { messageId: 'notEscalated', line: 16 }],
    },
    {
      name: '"not escalated" is no escalation',
      code: inSecondCycle('- Next owner: implement lane', '- Note: not escalated to anyone yet\n- Next owner: implement lane').replace('when the API team answers', 'Friday'),
      errors: [{ messageId: 'notEscalated', line: 16 }],
    },
    {
      name: 'a Blocked item with { timebox: "all" }',
      code: '## Blocked\n\n- F-002 Billing — waiting on keys; escalated to @lee\n',
      options: [{ timebox: 'all' }],
      errors: [{ messageId: 'noTimebox', line: 3 }],
    },
  ],
});
