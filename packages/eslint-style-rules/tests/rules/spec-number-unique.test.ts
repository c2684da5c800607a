import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/spec-number-unique.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('spec-number-unique', rule, {
  valid: [
    { fixture: fixture('rules/spec-number-unique/distinct'), name: 'the same number in two separate spec trees' },
    { fixture: fixture('speckit'), name: 'speckit' },
    { fixture: fixture('example'), name: 'example' },
    { fixture: fixture('agent-specs'), name: 'single-file specs have no numbers' },
    { fixture: fixture('empty'), name: 'no specs' },
  ],
  invalid: [
    {
      fixture: fixture('rules/spec-number-unique/duplicates'),
      name: '002 twice and 2 once',
      errors: [
        { messageId: 'duplicate', file: 'specs/002-tags/spec.md', line: 1 },
        { messageId: 'duplicate', file: 'specs/2-colours/spec.md', line: 1 },
      ],
    },
    {
      fixture: fixture('messy'),
      name: 'messy: 001-search shares 001 with 001-auth',
      errors: [{ messageId: 'duplicate', file: 'specs/001-search/spec.md', line: 1, column: 1 }],
    },
  ],
});
