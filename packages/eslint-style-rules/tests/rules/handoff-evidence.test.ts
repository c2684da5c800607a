import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/handoff-evidence.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

/** A complete handoff whose evidence lines are given. */
function handoff(evidence: string, scope = '  - changed dirs: src/tags/\n', extra = ''): string {
  return `### Handoff: implement -> verify

- Goal status: done
- Evidence:${evidence}
- Diff scope:
${scope}- Risk note:
  - rollback path: revert the merge commit
  - unresolved edge cases: none
- Next owner: @dana
- Next action due: Friday
${extra}`;
}

const full = '\n  - lint: pass (`pnpm lint`)\n  - tests: pass (`pnpm test` — 31 passed, 0 failed)\n  - build: pass (`pnpm build`)\n';

new RuleTester({ describe, it }).run('handoff-evidence', rule, {
  valid: [
    { name: 'example status.md', code: fixture('example/status.md') },
    { name: 'status-backlog status.md (a failing test is evidence too)', code: fixture('status-backlog/status.md') },
    { name: 'lint, tests and build with commands', code: handoff(full) },
    {
      name: 'a blocked auth handoff: its evidence is the blocker, not the change type minimum',
      code: '### Handoff: implement -> owner\n\n- Goal status: blocked — the identity provider sandbox is down\n- Evidence:\n  - tests: fail (`pnpm test` — 4 failing, all timeouts from the sandbox)\n- Diff scope: src/auth/\n- Risk note: rollback path: nothing merged; unresolved edge cases: none\n- Next owner: @dana\n- Next action due: Friday\n',
    },
    { name: 'commands without backticks', code: handoff('\n  - lint: pass — npm run lint\n  - tests: 57 passed (npm test)\n') },
    { name: 'a fenced output block', code: handoff('\n\n  ```\n  $ cargo test\n  test result: ok. 42 passed; 0 failed\n  ```\n') },
    { name: 'a CI link with its result', code: handoff(' CI green: https://github.com/acme/app/actions/runs/123\n') },
    { name: 'an omitted check with its reason', code: handoff('\n  - lint: pass (`pnpm lint`)\n  - build: skipped — docs-only change\n') },
    { name: 'details nested under a check', code: handoff('\n  - tests: `pytest -q`\n    - 118 passed, 2 skipped\n') },
    { name: 'an auth change with lint, tests and build', code: handoff(full, '  - changed dirs: src/auth/\n  - notable files: src/auth/session.ts\n') },
    { name: 'a migration with a migration check', code: handoff('\n  - lint: pass (`pnpm lint`)\n  - migrations: pass (`pnpm prisma migrate diff --exit-code`)\n', '  - changed dirs: prisma/migrations/\n') },
    { name: 'a declared refactor with lint and target tests', code: handoff('\n  - lint: pass (`npm run lint`)\n  - tests: pass (`npm test -- tags`)\n', '  - changed dirs: src/tags/\n', '- Change type: refactor\n') },
    { name: '"no schema changes" in the scope is not a migration', code: handoff('\n  - lint: pass (`pnpm lint`)\n', '  - changed dirs: src/tags/ (no schema changes)\n') },
    { name: 'a PR body from stdin', filename: 'pr.md', code: `Fixes #12.\n\n${handoff(full)}` },
    { name: 'CRLF', code: handoff(full).replace(/\n/g, '\r\n') },
    { name: 'no evidence field: handoff-fields reports that', code: '### Handoff: a -> b\n\n- Goal status: done\n' },
    { name: 'template text: handoff-fields reports that', code: handoff('\n  - lint: <pass/fail + command>\n  - tests: <pass/fail + command>\n') },
  ],
  invalid: [
    {
      name: 'messy: "looks good"',
      code: fixture('messy/status.md'),
      errors: [{ messageId: 'noCommand', data: { name: 'implement -> verify', text: 'looks good' }, line: 20, column: 13 }],
    },
    {
      name: '"tests pass", "LGTM" and "verified" with no command',
      code: handoff('\n  - tests pass\n  - LGTM\n  - verified on staging\n'),
      errors: [
        { messageId: 'noCommand', line: 5, column: 5 },
        { messageId: 'noCommand', data: { name: 'implement -> verify', text: 'LGTM' }, line: 6, column: 5 },
        { messageId: 'noCommand', line: 7, column: 5 },
      ],
    },
    {
      name: 'a result without a command',
      code: handoff('\n  - lint: pass (`pnpm lint`)\n  - tests: pass\n'),
      errors: [{ messageId: 'noCommand', data: { name: 'implement -> verify', text: 'tests: pass' }, line: 6, column: 5 }],
    },
    {
      name: 'a command without its result',
      code: handoff('\n  - tests: `pnpm test`\n'),
      errors: [{ messageId: 'noResult', line: 5, column: 5 }],
    },
    {
      name: 'a skipped check without a reason',
      code: handoff('\n  - lint: pass (`pnpm lint`)\n  - build: skipped\n'),
      errors: [{ messageId: 'omittedNoReason', data: { name: 'implement -> verify', text: 'build: skipped' }, line: 6, column: 5 }],
    },
    {
      name: 'prose with no check in it',
      code: handoff(' see the PR description\n'),
      errors: [{ messageId: 'noEvidence', data: { name: 'implement -> verify', text: 'see the PR description' }, line: 4, column: 13 }],
    },
    {
      name: 'an auth change without build (inferred from the diff scope)',
      code: handoff('\n  - lint: pass (`pnpm lint`)\n  - tests: pass (`pnpm test`)\n', '  - changed dirs: src/auth/\n'),
      errors: [
        {
          messageId: 'missingForType',
          data: { name: 'implement -> verify', type: 'auth/billing/security', why: 'its diff scope mentions "auth"', missing: 'build', minimum: 'lint + tests + build' },
          line: 4,
          column: 3,
        },
      ],
    },
    {
      name: 'a declared billing change with only tests',
      code: handoff('\n  - tests: pass (`pnpm test`)\n', '  - changed dirs: src/invoices/\n', '- Change type: billing\n'),
      errors: [{ messageId: 'missingForType', data: { name: 'implement -> verify', type: 'auth/billing/security', why: 'declared "billing"', missing: 'lint or build', minimum: 'lint + tests + build' } }],
    },
    {
      name: 'a migration without migration checks',
      code: handoff('\n  - lint: pass (`pnpm lint`)\n', '  - notable files: db/migrations/0042_add_tags.sql\n'),
      errors: [{ messageId: 'missingForType', data: { name: 'implement -> verify', type: 'migration/data shape', why: 'its diff scope mentions "migrations"', missing: 'migration checks', minimum: 'lint + migration checks' } }],
    },
    {
      name: 'a UI change declared in a PR body, outside the handoff, without a render check',
      filename: 'pr.md',
      code: `Change type: UI/content\n\n${handoff('\n  - lint: pass (`pnpm lint`)\n')}`,
      errors: [{ messageId: 'missingForType', data: { name: 'implement -> verify', type: 'UI/content', why: 'declared "UI/content"', missing: 'render sanity check', minimum: 'lint + a local render sanity check' } }],
    },
  ],
});
