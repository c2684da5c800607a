import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint, loadProject } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import rule from '../../src/rules/review-output-valid.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const fixture = (name: string) => path.join(fixtures, name);
const own = (name: string) => fixture(`rules/review-output-valid/${name}`);

new RuleTester({ describe, it }).runProject('review-output-valid', rule, {
  valid: [
    { fixture: fixture('agent-specs'), name: 'agent-specs: approved with nits, changes_requested with blockers' },
    { fixture: own('clean'), name: '"Changes requested" spelled out, approved with should_fix, a prose review' },
    { fixture: own('broken-json'), name: 'invalid JSON is govern/parse-review\'s finding, not this rule\'s' },
    { fixture: fixture('example') },
    { fixture: fixture('messy') },
    { fixture: fixture('empty') },
  ],
  invalid: [
    {
      fixture: own('approved-with-blocking'),
      errors: [{ messageId: 'approvedWithBlocking', file: '.codex-review-output.json', line: 2, column: 14 }],
    },
    {
      fixture: own('markdown-approve'),
      name: 'approve with a scope violation in a Markdown review',
      errors: [{ messageId: 'approvedWithBlocking', file: '.agent/reviews/tags.md', line: 7, column: 14 }],
    },
    {
      fixture: own('unknown-verdict'),
      errors: [{ messageId: 'unknownVerdict', file: '.agent/reviews/csv-export.json', line: 3, column: 14 }],
    },
  ],
});

describe('review-output-valid', () => {
  async function messages(dir: string) {
    const project = await loadProject(dir);
    const results = await lint(project, {
      rules: { 'review-output-valid': rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'review-output-valid': 'error' } },
    });
    return results.flatMap((r) => r.messages.map((m) => ({ rule: m.ruleId, message: m.message, endColumn: m.endColumn })));
  }

  it('counts the items that block the approval', async () => {
    expect(await messages(own('markdown-approve'))).toEqual([
      {
        rule: 'review-output-valid',
        message:
          'Review verdict "approve" comes with 1 scope violation; a change with blockers must not merge. Set the verdict to "changes_requested", or resolve the items and remove them.',
        endColumn: 23,
      },
    ]);
  });

  it('leaves a broken file to the parser, once', async () => {
    const found = await messages(own('broken-json'));
    expect(found.map((m) => m.rule)).toEqual(['govern/parse-review']);
  });
});
