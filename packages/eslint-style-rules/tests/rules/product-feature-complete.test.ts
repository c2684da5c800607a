import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/product-feature-complete.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));
const own = (name: string) => fixture(`rules/product-feature-complete/${name}`);

new RuleTester({ describe, it }).runProject('product-feature-complete', rule, {
  valid: [
    { fixture: own('complete'), name: 'definitions and criteria; done, cancelled and compact-table features exempt' },
    { fixture: fixture('example'), name: 'example: definition, criteria and boundaries everywhere' },
    { fixture: fixture('example'), options: [{ requireBoundaries: true }], name: 'example with requireBoundaries' },
    { fixture: fixture('product-formats'), name: 'product-formats: list features with soft-wrapped criteria' },
    { fixture: fixture('claude-symlink'), name: 'claude-symlink: a table with only a description column' },
    { fixture: fixture('messy'), name: 'messy: a cancelled feature and a Notes table without criteria' },
    { fixture: own('inventory'), name: 'an inventory of shipped capabilities nothing tracks as work: govern cannot tell it from a plan, so it says nothing' },
    { fixture: fixture('plans/capability-checklist'), name: 'a checklist of capabilities, one with a detail after a colon: definitions and criteria are not its form' },
    { fixture: fixture('speckit'), name: 'no PRODUCT.md' },
    { fixture: fixture('empty'), name: 'empty repository' },
  ],
  invalid: [
    {
      fixture: own('incomplete'),
      name: 'missing criteria, missing definition, empty acceptance cell',
      errors: [
        { messageId: 'noAcceptance', file: 'docs/PRODUCT.md', line: 17, column: 1 },
        { messageId: 'noDefinition', file: 'docs/PRODUCT.md', line: 21, column: 1 },
        { messageId: 'noAcceptance', file: 'docs/PRODUCT.md', line: 31, column: 1 },
      ],
    },
    {
      fixture: own('incomplete'),
      options: [{ requireBoundaries: true }],
      name: 'requireBoundaries: table rows only where the table has a boundary column',
      errors: [
        { messageId: 'noAcceptance', line: 17 },
        { messageId: 'noBoundaries', line: 17 },
        { messageId: 'noDefinition', line: 21 },
        { messageId: 'noBoundaries', line: 21 },
        { messageId: 'noAcceptance', line: 31 },
      ],
    },
    {
      fixture: own('complete'),
      options: [{ requireBoundaries: true }],
      name: 'requireBoundaries reports a feature still to build without boundaries',
      errors: [{ messageId: 'noBoundaries', file: 'docs/PRODUCT.md', line: 20 }],
    },
    {
      fixture: own('names-only'),
      name: 'a list of named features: the bare name among described ones; criteria nobody writes are not the file\'s form',
      errors: [{ messageId: 'noDefinition', file: 'docs/PRODUCT.md', line: 10, column: 1 }],
    },
    {
      fixture: fixture('product-formats'),
      options: [{ requireBoundaries: true }],
      name: 'product-formats with requireBoundaries: each feature still to build, though none gives boundaries',
      errors: [13, 19, 28, 34, 40].map((line) => ({ messageId: 'noBoundaries' as const, file: 'docs/PRODUCT.md', line })),
    },
    {
      fixture: fixture('messy'),
      options: [{ requireBoundaries: true }],
      name: 'messy with requireBoundaries: the two features still ahead',
      errors: [
        { messageId: 'noBoundaries', line: 13 },
        { messageId: 'noBoundaries', line: 28 },
      ],
    },
  ],
});
