import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/handoff-fields.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

const complete = `### Handoff: implement -> verify

- Goal status: partial
- Evidence:
  - lint: pass (\`pnpm lint\`)
  - tests: pass (\`pnpm test\` — 31 passed)
- Diff scope:
  - changed dirs: src/tags/
  - notable files: src/tags/rename.ts
- Risk note:
  - rollback path: revert the merge commit
  - unresolved edge cases: none
- Next owner: verify lane (@dana)
- Next action due: after CI passes
`;

const template = `### Handoff: <lane-name> -> <lane-name>

- Goal status: done | partial | blocked
- Evidence:
  - lint: <pass/fail + command>
  - tests: <pass/fail + command>
  - build: <pass/fail + command>
- Diff scope:
  - changed dirs: <list>
  - notable files: <list>
- Risk note:
  - rollback path: <short>
  - unresolved edge cases: <list or none>
- Next owner: <person/role/lane>
- Next action due: <date/time or trigger>
`;

new RuleTester({ describe, it }).run('handoff-fields', rule, {
  valid: [
    { name: 'example status.md', code: fixture('example/status.md') },
    { name: 'status-backlog status.md (two handoffs, one with a Fallback field)', code: fixture('status-backlog/status.md') },
    { name: 'messy status.md (CRLF, all fields present)', code: fixture('messy/status.md') },
    { name: 'a complete handoff', code: complete },
    { name: 'CRLF', code: complete.replace(/\n/g, '\r\n') },
    { name: 'a PR body checked from stdin', code: `## Summary\n\nAdds tag rename.\n\n${complete}`, filename: 'pr.md' },
    { name: 'status with a reason after it', code: complete.replace('Goal status: partial', 'Goal status: **blocked** — waiting on API keys') },
    { name: 'bold paragraph form', code: '**Handoff: builder → reviewer**  \nGoal status: done  \nEvidence: `pnpm test` passed  \nDiff scope: `src/a.ts`  \nRisk note: revert; edge cases none  \nNext owner: @kim  \nNext action due: Friday\n' },
    { name: 'evidence as fenced output under the label', code: complete.replace(/- Evidence:\n(?: {2}- .*\n)+/, '- Evidence:\n\n  ```\n  $ pnpm test\n  31 passed\n  ```\n\n') },
    { name: 'no handoff at all', code: '# Status\n\n## Done\n\n- F-001 Login\n' },
    { name: 'the template inside a code block is documentation', code: `# How we hand off\n\n\`\`\`markdown\n${template}\`\`\`\n` },
  ],
  invalid: [
    {
      name: 'missing risk note and next action due',
      code: '### Handoff: build -> verify\n\n- Goal status: done\n- Evidence: tests: pass (`npm test`)\n- Diff scope: src/\n- Next owner: @dana\n',
      errors: [
        { messageId: 'missingField', data: { name: 'build -> verify', field: 'Risk note', hint: 'the rollback path and the unresolved edge cases (or "none")' }, line: 1, column: 1 },
        { messageId: 'missingField', line: 1, column: 1 },
      ],
    },
    {
      name: 'a status outside the contract',
      code: complete.replace('Goal status: partial', 'Goal status: in progress'),
      errors: [{ messageId: 'badStatus', data: { name: 'implement -> verify', value: 'in progress' }, line: 3, column: 3 }],
    },
    {
      name: 'an empty field',
      code: complete.replace('- Next owner: verify lane (@dana)', '- Next owner:'),
      errors: [{ messageId: 'emptyField', line: 13, column: 3 }],
    },
    {
      name: 'the template left as it is: each placeholder at its position',
      code: template,
      errors: [
        { messageId: 'placeholder', data: { name: '<lane-name> -> <lane-name>', placeholder: '<lane-name>', hint: 'the lane names' }, line: 1, column: 14, endLine: 1, endColumn: 25 },
        { messageId: 'placeholder', line: 1, column: 29 },
        { messageId: 'placeholder', data: { name: '<lane-name> -> <lane-name>', placeholder: 'done | partial | blocked', hint: 'done, partial or blocked' }, line: 3, column: 16 },
        { messageId: 'placeholder', line: 5, column: 11 },
        { messageId: 'placeholder', line: 6, column: 12 },
        { messageId: 'placeholder', line: 7, column: 12 },
        { messageId: 'placeholder', line: 9, column: 19 },
        { messageId: 'placeholder', line: 10, column: 20 },
        { messageId: 'placeholder', line: 12, column: 20 },
        { messageId: 'placeholder', line: 13, column: 28 },
        { messageId: 'placeholder', line: 14, column: 15 },
        { messageId: 'placeholder', line: 15, column: 20 },
      ],
    },
    {
      name: 'one placeholder left in a PR body',
      filename: 'pr.md',
      code: complete.replace('src/tags/rename.ts', '<list>'),
      errors: [{ messageId: 'placeholder', data: { name: 'implement -> verify', placeholder: '<list>', hint: 'the changed dirs and notable files' }, line: 9, column: 20 }],
    },
    {
      name: 'CRLF handoff with a missing field',
      code: complete.replace('- Next action due: after CI passes\n', '').replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'missingField', data: { name: 'implement -> verify', field: 'Next action due', hint: 'a date or a trigger such as "after CI passes"' }, line: 1, column: 1 }],
    },
  ],
});
