import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/spec-clarifications-resolved.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('spec-clarifications-resolved', rule, {
  valid: [
    { fixture: fixture('speckit'), name: 'speckit: a resolved Clarifications session' },
    { fixture: fixture('agent-specs'), name: 'agent-specs: an open question in a draft' },
    { fixture: fixture('example'), name: 'example' },
    { fixture: fixture('empty'), name: 'no specs' },
  ],
  invalid: [
    {
      fixture: fixture('rules/spec-clarifications-resolved/open-questions'),
      name: 'in progress with a question left; the draft next to it is fine',
      errors: [{ messageId: 'unresolved', file: 'specs/001-import/spec.md', line: 18, column: 39 }],
    },
    {
      fixture: fixture('messy'),
      name: 'messy: deck sharing is done with a question left',
      errors: [{ messageId: 'unresolved', file: 'specs/003-deck-sharing/spec.md', line: 22, column: 45 }],
    },
  ],
});
