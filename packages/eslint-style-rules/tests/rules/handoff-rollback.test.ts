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

/** A complete handoff of the given change type whose rollback path is `value`. */
function typed(changeType: 'auth' | 'migration' | 'docs', value: string): string {
  const scope = { auth: 'src/auth/session.ts', migration: 'db/migrations/0042_tags.sql', docs: 'docs/install.md' }[changeType];
  return `### Handoff: implement -> verify

- Goal status: done
- Change type: ${changeType}
- Evidence: tests: pass (\`pnpm test\`)
- Diff scope: ${scope}
- Risk note:
  - rollback path: ${value}
  - unresolved edge cases: none
- Next owner: @dana
- Next action due: Friday
`;
}

const risky = (value: string, title: string) =>
  `The rollback path of handoff implement -> verify is "${value}", which says nothing for a change of type ${title}; write how to undo it (e.g. "revert #41, then run migrations/rollback/0042.sql"): the rollback must be realistic for the changed surface.`;
const always = (value: string) =>
  `The rollback path of handoff implement -> verify is "${value}", which says nothing; write how to undo the change (revert commit, feature flag, "nothing merged").`;

const NOTHING_TO_UNDO = ['none', 'n/a', 'not needed', 'no rollback needed'];
const NON_ANSWERS = ['TBD', 'TODO', '?', '-', 'unknown', 'to be decided'];
const REAL = ['revert the merge commit', 'turn the tag_index flag off', 'nothing merged'];

new RuleTester({ describe, it }).run('handoff-rollback: placeholder rollback paths', rule, {
  valid: [
    ...NOTHING_TO_UNDO.map((value) => ({ name: `"${value}" on a docs change is honest`, code: typed('docs', value) })),
    ...REAL.flatMap((value) => (['auth', 'migration', 'docs'] as const).map((type) => ({ name: `"${value}" on a ${type} change`, code: typed(type, value) }))),
  ],
  invalid: [
    ...[...NOTHING_TO_UNDO, ...NON_ANSWERS].flatMap((value) => [
      { name: `"${value}" on an auth change`, code: typed('auth', value), errors: [{ messageId: 'placeholderRollbackRisky', message: risky(value, 'auth/billing/security'), line: 8, column: 20 }] },
      { name: `"${value}" on a migration`, code: typed('migration', value), errors: [{ messageId: 'placeholderRollbackRisky', message: risky(value, 'migration/data shape'), line: 8, column: 20 }] },
    ]),
    ...NON_ANSWERS.map((value) => ({ name: `"${value}" on a docs change`, code: typed('docs', value), errors: [{ messageId: 'placeholderRollback', message: always(value), line: 8, column: 20 }] })),
    {
      name: 'a Rollback field beside the risk note, on a change whose diff scope names auth',
      code: handoff(' low', '- Rollback: **TBD**\n- Edge cases: none known\n').replace('src/tags/', 'src/auth/'),
      errors: [{ messageId: 'placeholderRollbackRisky', message: risky('TBD', 'auth/billing/security'), line: 7, column: 15 }],
    },
    {
      name: 'fixtures/rules/handoff-rollback: five handoffs, three placeholders',
      code: fixture('rules/handoff-rollback/status.md'),
      errors: [
        { messageId: 'placeholderRollbackRisky', message: risky('none', 'auth/billing/security'), line: 16, column: 20 },
        { messageId: 'placeholderRollbackRisky', message: risky('TBD', 'migration/data shape'), line: 30, column: 20 },
        { messageId: 'placeholderRollback', message: always('?').replace('implement -> verify', 'docs -> review'), line: 58, column: 20 },
      ],
    },
  ],
});
