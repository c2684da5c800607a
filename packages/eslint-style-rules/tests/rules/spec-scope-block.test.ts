import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/spec-scope-block.js';

const read = (file: string) => readFileSync(fileURLToPath(new URL(`../../../../fixtures/${file}`, import.meta.url)), 'utf8');

new RuleTester({ describe, it }).run('spec-scope-block', rule, {
  valid: [
    { code: read('agent-specs/.agent/specs/pdf-export.md'), filename: '.agent/specs/pdf-export.md', name: 'agent-specs: pdf-export' },
    { code: read('agent-specs/.agent/specs/late-fee-reminders.md'), filename: '.agent/specs/late-fee-reminders.md', name: 'agent-specs: late-fee-reminders' },
    { code: read('agent-specs/.agent/specs/multi-currency.md'), filename: '.agent/specs/multi-currency.md', name: 'agent-specs: multi-currency (open question still open)' },
    { code: read('documents/specs/spec-scope-block.md'), name: 'sub-headings under ## Scope' },
    { code: read('documents/specs/scope-bold-labels.md'), filename: '.agent/specs/importer.md', name: 'bold labels, "Open questions: none."' },
    { code: read('documents/specs/scope-label-bullets.md'), filename: '.agent/specs/search.md', name: 'Label: bullets under ## Scope & Non-Goals' },
    { code: read('documents/specs/agent-spec.md'), filename: '.agent/specs/webhooks.md', name: 'one line per label' },
    {
      code: '# PR: retry webhooks\r\n\r\n## Scope\r\n\r\n- In scope: retry policy\r\n- Out of scope: the admin UI\r\n- Open questions: none\r\n',
      filename: '.agent/specs/pr-42.md',
      name: 'a pull request body checked as a spec, CRLF',
    },
  ],
  invalid: [
    {
      code: read('speckit/specs/001-photo-upload/spec.md'),
      name: 'a Spec Kit spec without a Scope block',
      errors: [{ messageId: 'missingBlock', line: 1, column: 1 }],
    },
    {
      code: read('documents/specs/scope-headings-only.md'),
      filename: '.agent/specs/login.md',
      name: 'In Scope and Out of Scope headings, no Open questions',
      errors: [{ messageId: 'missingPart', data: { label: 'Open questions', what: 'what is still undecided, or "None"' }, line: 3, column: 1 }],
    },
    {
      code: '# Spec: Dark mode\n\n- **Status**: draft\n\n## Scope\n\nDark mode for the web app; the mobile app follows later.\n\n## Acceptance criteria\n\n- [ ] The toggle persists across sessions\n',
      filename: '.agent/specs/dark-mode.md',
      name: 'a Scope heading with prose but no labels',
      errors: [
        { messageId: 'missingPart', data: { label: 'In scope', what: 'what this change does' }, line: 5, column: 1 },
        { messageId: 'missingPart', data: { label: 'Out of scope', what: 'what it deliberately leaves alone' }, line: 5, column: 1 },
        { messageId: 'missingPart', data: { label: 'Open questions', what: 'what is still undecided, or "None"' }, line: 5, column: 1 },
      ],
    },
    {
      code: '# 🌙 Dark mode ダークモード\n\n## Scope\n\n**In scope:** the web app.\n\n**Out of scope:** the mobile app.\n',
      filename: '.agent/specs/dark-mode.md',
      name: 'CJK and emoji title, no Open questions',
      errors: [{ messageId: 'missingPart', data: { label: 'Open questions', what: 'what is still undecided, or "None"' }, line: 3, column: 1 }],
    },
    {
      code: '',
      name: 'empty spec',
      errors: [{ messageId: 'missingBlock', line: 1, column: 1 }],
    },
  ],
});
