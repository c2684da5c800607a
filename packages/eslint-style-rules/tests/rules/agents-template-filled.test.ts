import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/agents-template-filled.js';

/** An agent file as Spec Kit's update script leaves it, with `commands` on the Commands line. */
const generated = (commands: string, extra = '') => `# ferry Development Guidelines

Auto-generated from all feature plans. Last updated: 2025-11-03

## Active Technologies
- Rust 1.78 + axum, sqlx (001-routes)

## Commands

${commands}
${extra}
## Recent Changes
- 001-routes: Added Rust 1.78 + axum, sqlx
`;

const placeholder = '[ONLY COMMANDS FOR ACTIVE TECHNOLOGIES]';

new RuleTester({ describe, it }).run('agents-template-filled', rule, {
  valid: [
    { code: generated('cargo test && cargo clippy'), filename: 'AGENTS.md', name: 'filled in' },
    { code: generated('# Add commands for Lua'), filename: 'CLAUDE.md', name: 'what the script writes for a language it does not know' },
    {
      code: '# Notes\n\nThe template says `[ONLY COMMANDS FOR ACTIVE TECHNOLOGIES]`; we replaced it.\n\n<!-- [LAST 3 FEATURES AND WHAT THEY ADDED] -->\n',
      filename: 'AGENTS.md',
      name: 'quoted in a code span or kept in a comment',
    },
    { code: '# Release checklist\n\n- Set [DATE] and [PROJECT NAME] on the cover page.\n', filename: 'AGENTS.md', name: 'short bracketed words outside a generated file' },
  ],
  invalid: [
    {
      code: generated(`cargo test ${placeholder}${placeholder} cargo clippy`),
      filename: 'AGENTS.md',
      name: "the script's sed turned each & into the placeholder: fixed back",
      errors: [{ messageId: 'joinedCommands', data: { placeholder, count: 2 }, line: 10, column: 12 }],
      output: generated('cargo test && cargo clippy'),
    },
    {
      code: generated(placeholder),
      filename: 'CLAUDE.md',
      name: 'the commands never written',
      errors: [{ messageId: 'placeholder', data: { placeholder, times: '', hint: 'the commands of the technologies in use' }, line: 10, column: 1 }],
      output: null,
    },
    {
      code: '# [PROJECT NAME] Development Guidelines\n\nAuto-generated from all feature plans. Last updated: [DATE]\n\n## Project Structure\n\n```text\n[ACTUAL STRUCTURE FROM PLANS]\n```\n',
      filename: 'AGENTS.md',
      name: 'the template untouched: one problem per line, fenced structure included',
      errors: [
        { messageId: 'placeholder', line: 1, column: 3 },
        { messageId: 'placeholder', line: 3, column: 54 },
        { messageId: 'placeholder', line: 8, column: 1 },
      ],
      output: null,
    },
  ],
});
