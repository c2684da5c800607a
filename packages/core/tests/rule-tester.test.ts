import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import { finalNewline, noHeadingColon } from './helpers/lint-rules.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/lint/', import.meta.url));
const tester = new RuleTester({ describe, it });

tester.run('no-heading-colon', noHeadingColon, {
  valid: [
    '# Status\n\nText ending with a colon:\n',
    '```md\n## In a fence:\n```\n',
    { code: '## Usage:\n', options: [{ allow: ['Usage:'] }], name: 'allowed by option' },
    { code: '## Tasks\r\n', filename: 'specs/001-x/tasks.md' },
  ],
  invalid: [
    {
      code: '# Status\n\n## Handoff:\n',
      errors: [{ messageId: 'colon', data: { text: 'Handoff:' }, line: 3, column: 1, endLine: 3, endColumn: 12 }],
      output: '# Status\n\n## Handoff\n',
    },
    {
      code: '\uFEFF## One:\r\n\r\n### Two:\r\n',
      filename: 'AGENTS.md',
      errors: [
        { messageId: 'colon', line: 1, column: 1 },
        { messageId: 'colon', line: 3, column: 1 },
      ],
      output: '## One\r\n\r\n### Two\r\n',
    },
    { code: '- item\n\n  ## Nested:\n', errors: 1, output: '- item\n\n  ## Nested\n' },
  ],
});

tester.runProject('final-newline', finalNewline, {
  valid: [{ fixture: `${fixtures}basic` }],
  invalid: [
    {
      fixture: `${fixtures}fixable`,
      errors: [{ messageId: 'missing', file: 'status.md', line: 5, column: 20 }],
    },
  ],
});
