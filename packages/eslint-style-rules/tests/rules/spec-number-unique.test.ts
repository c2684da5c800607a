import { fileURLToPath } from 'node:url';
import { lint, loadProject } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, expect, it } from 'vitest';
import rule from '../../src/rules/spec-number-unique.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('spec-number-unique', rule, {
  valid: [
    { fixture: fixture('rules/spec-number-unique/distinct'), name: 'the same number in two separate spec trees' },
    { fixture: fixture('speckit'), name: 'speckit' },
    { fixture: fixture('example'), name: 'example' },
    { fixture: fixture('agent-specs'), name: 'single-file specs have no numbers' },
    { fixture: fixture('layouts/backlog-md'), name: "Backlog.md tasks: a sub-task shares its parent's number (task-3, task-3.1)" },
    { fixture: fixture('empty'), name: 'no specs' },
  ],
  invalid: [
    {
      fixture: fixture('rules/spec-number-unique/duplicates'),
      name: '002 twice and 2 once: one number, one problem',
      errors: [{ messageId: 'duplicate', file: 'specs/002-tags/spec.md', line: 1, includes: '(002-labels, 002-tags, 2-colours)' }],
    },
    {
      fixture: fixture('rules/spec-number-unique/collision-group'),
      name: 'four folders share 003: one problem naming them all, with the free numbers',
      errors: [
        {
          messageId: 'duplicate',
          file: 'specs/003-billing/spec.md',
          line: 1,
          includes: 'Spec number 003 is used by 4 folders in specs/ (003-alerts, 003-billing, 003-calendar, 003-digest); keep it for one and renumber the others (004, 005, 006 are free)',
        },
      ],
    },
    {
      fixture: fixture('messy'),
      name: 'messy: 001-search shares 001 with 001-auth',
      errors: [{ messageId: 'duplicate', file: 'specs/001-search/spec.md', line: 1, column: 1 }],
    },
  ],
});

describe('spec-number-unique on some files only', () => {
  const run = async (files: string[]) => {
    const project = await loadProject(fixture('rules/spec-number-unique/collision-group'));
    const results = await lint(project, {
      rules: { 'spec-number-unique': rule },
      presets: { recommended: {}, strict: {} },
      config: { extends: [], rules: { 'spec-number-unique': 'error' } },
      files,
    });
    return results.flatMap((r) => r.messages.map((m) => ({ file: r.filePath.slice(project.root.length + 1), related: m.relatedLocations?.length })));
  };

  it('shows a collision at whichever of its folders is checked, once', async () => {
    expect(await run(['specs/003-digest/spec.md'])).toEqual([{ file: 'specs/003-digest/spec.md', related: 3 }]);
    expect(await run(['specs/003-alerts/spec.md', 'specs/003-calendar/spec.md'])).toEqual([{ file: 'specs/003-alerts/spec.md', related: 3 }]);
    expect(await run(['specs/001-accounts/spec.md'])).toEqual([]);
  });
});
