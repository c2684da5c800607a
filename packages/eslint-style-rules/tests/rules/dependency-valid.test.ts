import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { describe, it } from 'vitest';
import rule from '../../src/rules/dependency-valid.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

new RuleTester({ describe, it }).runProject('dependency-valid', rule, {
  valid: [
    { fixture: fixture('rules/dependency-valid/sound'), name: 'sequenced before dependencies that are already done' },
    { fixture: fixture('example'), name: 'example: DEVELOPMENT.md reorders features but respects dependencies' },
    { fixture: fixture('product-formats'), name: 'product-formats: dependencies by title' },
    { fixture: fixture('status-backlog'), name: 'status-backlog: a dependency in BACKLOG.md' },
    { fixture: fixture('messy'), name: 'messy: a dependency by its full emoji title' },
    { fixture: fixture('rules/dependency-valid/identifier-in-parens'), name: 'a code identifier in parentheses, (needs_rest_day), is not a dependency' },
    { fixture: fixture('rules/dependency-valid/met-prerequisite'), name: 'prerequisites the document marks as met where it names them (✅, "(done)")' },
    { fixture: fixture('rules/dependency-valid/dotted-ids'), name: 'ids with a dotted part (T-2.1, T-2.2) are whole ids, each naming its own heading' },
    { fixture: fixture('rules/dependency-valid/met-elsewhere'), name: 'a prerequisite one row marks as met (✅ B-4) is met for the rows that name it without the mark' },
    { fixture: fixture('rules/dependency-valid/met-prerequisite-cr'), name: 'a done mark beside an id (F-000 ✅, ✅ F-009) in a file whose lines end in a lone CR' },
    { fixture: fixture('rules/dependency-valid/numbered-feature-headings'), name: '"Depends on: Feature 001" names the heading "Feature 001: Garden beds" by its number' },
    { fixture: fixture('rules/dependency-valid/met-in-words'), name: 'a prerequisite the line calls met in words (`Fase 5 completada … ✅`): no order to keep' },
    {
      fixture: fixture('rules/dependency-valid/outside-prerequisites'),
      name: 'beside a card named by its id (N1a), plain names are outside prerequisites; an ADR or a DEC id, or a decision named as such, is a decision, not a feature',
    },
    { fixture: fixture('rules/dependency-valid/phase-keys'), name: 'beside phases named by their key (Phase 1, Phase 2), a plain name is an outside prerequisite, and a spike named with its file is a document' },
    { fixture: fixture('rules/dependency-valid/other-things'), name: 'a prerequisite list of equipment and a condition in brackets name no feature, and nothing says they should' },
    { fixture: fixture('rules/dependency-valid/numbered-task-table'), name: 'a Task ID column of bare numbers (| 4 | … | 2, 3 |) names Task 4, and its Dependencies cell Task 2 and Task 3' },
    { fixture: fixture('rules/dependency-valid/number-led-names'), name: '"depends on 002" names 002-shopping-list, the one feature its number leads; a comparison matrix orders nothing' },
    { fixture: fixture('rules/dependency-valid/plural-met'), name: '"Phases 2 ✓ + 3": the mark after a number of a plural records that phase met' },
    { fixture: fixture('rules/dependency-valid/before-after'), name: '"- **After**: 260 lines" under "- **Before**: …" compares, it names no dependency' },
    { fixture: fixture('rules/dependency-valid/pronoun-clause'), name: '"the resume logic depends on it": a pronoun points back into the sentence, naming no work' },
    {
      fixture: fixture('plans/milestone-rollup'),
      name: 'task headings with a Status bullet each, under a phase marked DONE: the phase groups them, so "Depends on: Q-002" names the finished task',
    },
    { fixture: fixture('next/lanes'), name: 'next/lanes' },
    { fixture: fixture('empty'), name: 'no features' },
  ],
  invalid: [
    {
      fixture: fixture('rules/dependency-valid/broken'),
      name: 'order, cycle, unknown and ambiguous dependencies',
      errors: [
        { messageId: 'order', file: 'docs/DEVELOPMENT.md', line: 3, column: 1 },
        { messageId: 'cycle', file: 'docs/PRODUCT.md', line: 26, column: 17 },
        { messageId: 'unknown', file: 'docs/PRODUCT.md', line: 44, column: 17 },
        { messageId: 'ambiguous', file: 'docs/PRODUCT.md', line: 67, column: 17 },
      ],
    },
    {
      fixture: fixture('rules/dependency-valid/prose-prerequisite'),
      name: 'a prerequisite described in a sentence is left alone, a word in brackets after a name is a note; short names that resolve to nothing, beside one that names a feature, are one report',
      errors: [{ messageId: 'unknownMany', file: 'BACKLOG.md', line: 19, column: 22 }],
    },
    {
      fixture: fixture('next/cycle-only'),
      name: 'a cycle reported once, at the first member',
      errors: [{ messageId: 'cycle', file: 'docs/PRODUCT.md', line: 13 }],
    },
    {
      fixture: fixture('next/deps-not-done'),
      name: 'Tags sequenced before Export, which it depends on',
      errors: [{ messageId: 'order', file: 'docs/DEVELOPMENT.md', line: 8 }],
    },
  ],
});
