import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/constitution-valid.js';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../../../fixtures/${file}`, import.meta.url)), 'utf8');

const principles = '## Core Principles\n\n### I. Library-First\n\nEvery feature starts as a library.\n\n';
const withLine = (line: string) => `# Linkshelf Constitution\n\n${principles}## Governance\n\nAmend by pull request.\n\n${line}\n`;

new RuleTester({ describe, it }).run('constitution-valid', rule, {
  valid: [
    { code: read('example/.specify/memory/constitution.md'), name: 'the example constitution' },
    { code: read('speckit/.specify/memory/constitution.md'), name: 'the speckit constitution' },
    { code: read('documents/constitution/filled.md'), name: 'filled, with a commented example version line' },
    { code: read('documents/constitution/filled-crlf.md'), name: 'filled, CRLF' },
    { code: read('documents/constitution/separate-lines.md'), name: 'version fields on separate lines' },
    { code: read('documents/constitution/cjk.md'), name: 'Japanese labels' },
    withLine('**Version**: 2.1.1 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-07-16'),
    withLine('**Version**: v1.2.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13'),
    withLine('**Version**: 1.0.0-rc.1 (first draft) | **Ratified**: 2025-06-13 (kick-off) | **Last Amended**: 2025-06-14'),
    { code: withLine('**Version**: `1.0.0` | **Ratified**: `2025-06-13` | **Last Amended**: `2025-06-13`'), name: 'values in code spans' },
    {
      code: `# C\n\n${principles}Use \`[NOT_A_TOKEN]\` in code.\n\n\`\`\`md\n[FENCE_TOKEN]\n\`\`\`\n\n<!-- [COMMENT_TOKEN] -->\n\n**Version**: 1.0.0 | **Ratified**: 2025-01-01 | **Last Amended**: 2025-01-01\n`,
      name: 'placeholders in code and comments do not count',
    },
    {
      code: `---\nversion: 1.1.0\nratified: 2024-03-01\nlast_amended: 2024-09-12\n---\n# C\n\n${principles}`,
      name: 'version in front matter',
    },
  ],
  invalid: [
    {
      code: read('documents/constitution/template.md'),
      name: 'the raw Spec Kit template: one report, not thirteen',
      errors: [{ messageId: 'unfilledTemplate', data: { count: 13, token: '[PROJECT_NAME]' }, line: 1, column: 1 }],
    },
    {
      code: '# Linkshelf Constitution\n\n## Core Principles\n\n### I. Library-First\n\nEvery feature starts as a library.\n\n### [PRINCIPLE_2_NAME]\n\n[PRINCIPLE_2_DESCRIPTION]\n\n**Version**: 1.0.0 | **Ratified**: [RATIFICATION_DATE] | **Last Amended**: 2025-06-13\n',
      name: 'a half-filled template: each placeholder, the date once as a placeholder',
      errors: [
        { messageId: 'templateToken', data: { token: '[PRINCIPLE_2_NAME]' }, line: 9, column: 5, endLine: 9, endColumn: 23 },
        { messageId: 'templateToken', data: { token: '[PRINCIPLE_2_DESCRIPTION]' }, line: 11, column: 1 },
        { messageId: 'templateToken', data: { token: '[RATIFICATION_DATE]' }, line: 13, column: 36 },
      ],
    },
    {
      code: read('documents/constitution/p-numbers.md'),
      name: 'one placeholder left in prose',
      errors: [{ messageId: 'templateToken', data: { token: '[GUIDANCE_FILE]' }, line: 31, column: 27 }],
    },
    {
      code: read('documents/constitution/empty.md'),
      name: 'empty file',
      errors: [
        { messageId: 'noVersionLine', line: 1, column: 1 },
        { messageId: 'noPrinciples', line: 1, column: 1 },
      ],
    },
    {
      code: withLine('**Version**: 1.2 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-07-16'),
      errors: [{ messageId: 'badVersion', data: { value: '1.2' }, line: 13, column: 14, endColumn: 17 }],
    },
    {
      code: withLine('**Version**: 1.2.0 | **Ratified**: 13/06/2025 | **Last Amended**: 2025-02-30'),
      errors: [
        { messageId: 'badDate', data: { field: 'ratification date', value: '13/06/2025' }, line: 13, column: 36 },
        { messageId: 'badDate', data: { field: 'last-amended date', value: '2025-02-30' }, line: 13, column: 67 },
      ],
    },
    {
      code: withLine('**Version**: 1.2.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-01-02'),
      errors: [{ messageId: 'amendedBeforeRatified', data: { amended: '2025-01-02', ratified: '2025-06-13' }, line: 13, column: 67 }],
    },
    {
      code: withLine('**Version**: 1.0.0 | **Ratified**: TODO(RATIFICATION_DATE): adoption date unknown | **Last Amended**: 2025-11-11'),
      name: "Spec Kit's TODO(RATIFICATION_DATE): one report, not an invalid date",
      errors: [
        {
          messageId: 'notSet',
          data: { field: 'ratification date', value: 'TODO(RATIFICATION_DATE): adoption date unknown', expected: 'YYYY-MM-DD' },
          line: 13,
          column: 36,
        },
      ],
    },
    {
      code: withLine('**Version**: 1.0.0 | **Ratified**: 2025-06-13'),
      errors: [{ messageId: 'missingField', data: { field: 'last-amended date', example: '**Last Amended**: YYYY-MM-DD' }, line: 1, column: 1 }],
    },
    {
      code: '# Team Constitution\n\n## Governance\n\nChanges need two approvals.\n\n**Version**: 1.0.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13\n',
      name: 'no principles',
      errors: [{ messageId: 'noPrinciples', line: 1, column: 1 }],
    },
  ],
});
