import { readFileSync } from 'node:fs';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/handoff-rollback.js';

const fixture = (path: string) => readFileSync(new URL(`../../../../fixtures/${path}`, import.meta.url), 'utf8');

function handoff(risk: string, extra = ''): string {
  return `### Handoff: implement -> verify

- Goal status: partial
- Evidence: tests: pass (\`pnpm test\`)
- Diff scope: src/tags/
- Risk note:${risk}
${extra}- Next owner: @dana
- Next action due: Friday
`;
}

new RuleTester({ describe, it }).run('handoff-rollback', rule, {
  valid: [
    { name: 'example status.md', code: fixture('example/status.md') },
    { name: 'status-backlog status.md ("nothing merged" is a rollback path)', code: fixture('status-backlog/status.md') },
    { name: 'messy status.md', code: fixture('messy/status.md') },
    handoff('\n  - rollback path: revert #47\n  - unresolved edge cases: none\n'),
    handoff('\n  - rollback path: turn the `tags_v2` feature flag off\n  - unresolved edge cases: renaming onto an existing tag\n'),
    handoff(' revert the merge commit; no known issues'),
    { name: 'separate Rollback and Edge cases fields', code: handoff(' medium — touches the tag index', '- Rollback: redeploy v1.4.2\n- Edge cases: none known\n') },
    { name: 'bold labels', code: handoff('\n  - **Rollback path:** `git revert abc123`\n  - **Unresolved edge cases:** none\n') },
    { name: 'a PR body from stdin', filename: 'pr.md', code: handoff('\n  - rollback path: revert this PR\n  - unresolved edge cases: none\n') },
    { name: 'CRLF', code: handoff('\n  - rollback path: revert #47\n  - unresolved edge cases: none\n').replace(/\n/g, '\r\n') },
    { name: 'template text is handoff-fields\' to report', code: handoff('\n  - rollback path: <short>\n  - unresolved edge cases: <list or none>\n') },
    { name: 'no risk note is handoff-fields\' to report', code: '### Handoff: a -> b\n\n- Goal status: done\n' },
  ],
  invalid: [
    {
      name: 'risk known, rollback unspecified',
      code: handoff('\n  - unresolved edge cases: tags with emoji in their names\n'),
      errors: [{ messageId: 'noRollback', data: { name: 'implement -> verify' }, line: 6, column: 3 }],
    },
    {
      name: 'no edge cases',
      code: handoff(' low; revert #47 if needed'),
      errors: [{ messageId: 'noEdgeCases', data: { name: 'implement -> verify' }, line: 6, column: 3 }],
    },
    {
      name: 'neither',
      code: handoff(' low risk'),
      errors: [{ messageId: 'noRollback', line: 6 }, { messageId: 'noEdgeCases', line: 6 }],
    },
    {
      name: 'an empty rollback label says nothing',
      code: handoff('\n  - rollback path:\n  - unresolved edge cases: none\n'),
      errors: [{ messageId: 'noRollback', line: 6 }],
    },
    {
      name: 'CRLF, in a PR body',
      filename: 'pr.md',
      code: handoff(' the new index is big').replace(/\n/g, '\r\n'),
      errors: [{ messageId: 'noRollback', line: 6 }, { messageId: 'noEdgeCases', line: 6 }],
    },
  ],
});
