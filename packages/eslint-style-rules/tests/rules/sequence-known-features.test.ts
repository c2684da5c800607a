import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/sequence-known-features.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));
const own = (name: string) => fixture(`rules/sequence-known-features/${name}`);

new RuleTester({ describe, it }).runProject('sequence-known-features', rule, {
  valid: [
    { fixture: own('complete'), name: 'entries by id, by bold title and by spec link' },
    {
      fixture: fixture('layouts/kiro-index'),
      name: "kiro-index: a spec folder's README places the specs it names; its implementation status list names no feature and is no plan",
    },
    { fixture: own('complete'), options: [{ requireAll: true }], name: 'requireAll: a done feature need not stay in the sequence' },
    { fixture: fixture('example'), options: [{ requireAll: true }], name: 'example: every feature in DEVELOPMENT.md' },
    { fixture: fixture('status-backlog'), options: [{ requireAll: true }], name: 'status-backlog: done items moved to status.md' },
    { fixture: fixture('product-formats'), name: 'product-formats: entries by title' },
    { fixture: fixture('messy'), name: 'messy: the roadmap names spec folders' },
    { fixture: fixture('claude-symlink'), options: [{ requireAll: true }], name: 'claude-symlink: DEVELOPMENT.md is a setup guide, no sequence' },
    { fixture: fixture('speckit'), options: [{ requireAll: true }], name: 'no sequence at all' },
  ],
  invalid: [
    {
      fixture: own('unknown-entry'),
      name: 'a title and an id PRODUCT.md does not define',
      errors: [
        { messageId: 'unknown', file: 'docs/DEVELOPMENT.md', line: 8, column: 1 },
        { messageId: 'unknown', file: 'docs/DEVELOPMENT.md', line: 9, column: 1 },
      ],
    },
    {
      fixture: own('unknown-entry'),
      options: [{ requireAll: true }],
      name: 'requireAll also reports a todo feature the sequence leaves out',
      errors: [
        { messageId: 'unknown', file: 'docs/DEVELOPMENT.md', line: 8 },
        { messageId: 'unknown', file: 'docs/DEVELOPMENT.md', line: 9 },
        { messageId: 'missing', file: 'docs/PRODUCT.md', line: 17, column: 1 },
      ],
    },
    {
      fixture: fixture('messy'),
      options: [{ requireAll: true }],
      name: 'messy with requireAll: CSV export is not on the roadmap',
      errors: [{ messageId: 'missing', file: 'docs/PRODUCT.md', line: 46 }],
    },
  ],
});
