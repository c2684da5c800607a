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
    {
      fixture: fixture('rules/spec-clarifications-resolved/flow-then-session'),
      name: 'questions in the Execution Flow block, answered since in a Clarifications session (in Portuguese)',
    },
    {
      fixture: fixture('rules/spec-clarifications-resolved/template-prose'),
      name: "a finished feature whose spec holds only the template's instructions and a ticked review item",
    },
    {
      fixture: fixture('rules/spec-clarifications-resolved/marker-named-in-chinese'),
      name: 'a finished feature whose spec says, in Chinese, that no marker is left (`无 [NEEDS CLARIFICATION] 标记`)',
    },
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
    {
      fixture: fixture('rules/spec-clarifications-resolved/struck-deferred'),
      name: 'struck-through and deferred requirements are left alone, the open one is not',
      errors: [{ messageId: 'unresolved', file: 'specs/002-team-sync/spec.md', line: 11, column: 53 }],
    },
    {
      fixture: fixture('rules/spec-clarifications-resolved/in-flow-block'),
      name: 'a real question in the filled-in Execution Flow block; the generic one and code are not',
      errors: [{ messageId: 'unresolved', file: 'specs/003-guest-checkout/spec.md', line: 11, column: 6 }],
    },
    {
      fixture: fixture('rules/spec-clarifications-resolved/checklist-contradiction'),
      name: 'the ticked review item is named in the one report of the open question',
      errors: [
        {
          messageId: 'unresolved',
          file: 'specs/004-image-upload/spec.md',
          line: 10,
          column: 5,
          includes: 'although the review checklist at line 18 says none remain',
        },
      ],
    },
  ],
});
