import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/constitution-valid.js';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../../../fixtures/${file}`, import.meta.url)), 'utf8');

const harbor = (report: string, version: string) => `<!--
Sync Impact Report
${report}
-->

# Harbor Constitution

## Core Principles

### I. Small services

Each service owns one table set and one queue.

### II. Observability

Every request carries a trace id from edge to database.

**Version**: ${version} | **Ratified**: 2024-09-10 | **Last Amended**: 2025-02-21
`;

const principles = '## Core Principles\n\n### I. Library-First\n\nEvery feature starts as a library.\n\n';
const withLine = (line: string) => `# Linkshelf Constitution\n\n${principles}## Governance\n\nAmend by pull request.\n\n${line}\n`;

new RuleTester({ describe, it }).run('constitution-valid', rule, {
  valid: [
    { code: read('example/.specify/memory/constitution.md'), name: 'the example constitution' },
    {
      code: '# Constitution\n\n## Hard rules\n\n- Every module has a spec before it has code.\n- No module reads another module\'s tables.\n',
      filename: 'constitution.md',
      name: "a project's own constitution outside Spec Kit, which never promised a version line",
    },
    { code: read('speckit/.specify/memory/constitution.md'), name: 'the speckit constitution' },
    { code: read('documents/constitution/filled.md'), name: 'filled, with a commented example version line' },
    { code: read('documents/constitution/filled-crlf.md'), name: 'filled, CRLF' },
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
    { code: read('documents/constitution/zh-hant.md'), name: 'Traditional Chinese labels and full-width colons, principles under 核心原則' },
    { code: read('documents/constitution/free-form-ru.md'), name: "a constitution not in Spec Kit's format: principles in Russian, a MAJOR.MINOR version, no dates asked for" },
    {
      code: read('documents/constitution/free-form-dated.md'),
      filename: 'constitution.md',
      name: 'a constitution of its own at the root, dated "Last Updated: March 3, 2026" and versioned 2.0: not held to Spec Kit\'s footer',
    },
    {
      code: read('documents/constitution/version-in-report.md'),
      filename: '.specify/memory/constitution.md',
      name: 'no footer, but the Sync Impact Report names the version it amends to: the version is readable',
    },
    { code: read('documents/constitution/version-in-amendments.md'), name: "the version as a numbered item of the amendment article, labelled \"this constitution's version\"" },
    {
      code: harbor('- Version change: 2.1.0 → 3.0.0 (principle II redefined)\n- Earlier report kept below.\n\n- Version change: 2.0.0 → 2.1.0', '3.0.0'),
      name: 'a report keeping an older entry below the newest: the highest version is the one compared',
    },
    { code: harbor('Version change: 2.0.0 → v2.1', '2.1.0'), name: 'v2.1 and 2.1.0 are the same version' },
    { code: harbor('Version: template → 1.0.0 → 1.1.0', '1.1.0'), name: 'a chain of versions ends at its last one' },
    {
      code: read('documents/constitution/report-as-log.md'),
      filename: '.specify/memory/constitution.md',
      name: 'a report kept as a log, one `### v1.2.0` heading per amendment, reaches its newest heading',
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
      name: "empty file, where Spec Kit keeps its constitution",
      errors: [
        { messageId: 'noVersionLine', line: 1, column: 1 },
        { messageId: 'noPrinciples', line: 1, column: 1 },
      ],
    },
    {
      code: read('documents/constitution/version-in-report.md').replace(/ *Version change: .*\n/u, ''),
      filename: '.specify/memory/constitution.md',
      name: 'no footer, and a Sync Impact Report that names no version',
      errors: [{ messageId: 'noVersionLine', line: 1, column: 1 }],
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
      code: read('documents/constitution/separate-lines.md'),
      name: 'version fields on separate lines, read; its report stops at 1.0.0 while the version is 1.2.0',
      errors: [{ messageId: 'syncReportBehind', data: { report: '1.0.0', version: '1.2.0', line: 18 }, line: 3, column: 1 }],
    },
    {
      code: harbor('Version change: 2.0.0 → 2.1.0\nModified principles: II (Observability)', '2.1.3'),
      name: 'amended after the last Sync Impact Report',
      errors: [{ messageId: 'syncReportBehind', data: { report: '2.1.0', version: '2.1.3', line: 19 }, line: 3, column: 1 }],
    },
    {
      code: harbor('Version change: 2.1.0 → 2.2.0', '2.1.0'),
      name: 'a report whose version line was not bumped',
      errors: [{ messageId: 'syncReportAhead', data: { report: '2.2.0', version: '2.1.0', line: 18 }, line: 3, column: 1 }],
    },
    {
      code: read('documents/constitution/free-form-ru.md').replace('**Версия:** 1.2', '**Версия:** первая'),
      name: 'a free-form constitution still needs a readable version',
      errors: [{ messageId: 'badVersion', data: { value: 'первая' }, line: 15 }],
    },
    {
      code: '# Team Constitution\n\n## Governance\n\nChanges need two approvals.\n\n**Version**: 1.0.0 | **Ratified**: 2025-06-13 | **Last Amended**: 2025-06-13\n',
      name: 'no principles',
      errors: [{ messageId: 'noPrinciples', line: 1, column: 1 }],
    },
  ],
});
