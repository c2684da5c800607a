import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '@govern/core';
import { RuleTester } from '@govern/core/rule-tester';
import { afterAll, describe, expect, it } from 'vitest';
import rule from '../../src/rules/spec-approved.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'govern-spec-approved-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function variant(from: string, name: string, change: (root: string) => void): string {
  const root = path.join(scratch, name);
  cpSync(fixture(from), root, { recursive: true });
  change(root);
  return root;
}

/** The Spec Kit repository where one spec now says Approved: the repository records approval. */
const speckitApproves = variant('next/spec-approved-speckit-draft', 'speckit-approves', (root) => {
  mkdirSync(path.join(root, 'specs/003-export'), { recursive: true });
  writeFileSync(path.join(root, 'specs/003-export/spec.md'), '# Feature Specification: Export\n\n**Feature Branch**: `003-export`\n**Status**: Approved\n');
});
const tagsApproved = variant('next/review-loop', 'tags-approved', (root) => {
  const file = path.join(root, '.agent/specs/2025-06-01-tags.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Draft — awaiting approval', 'Approved (2025-06-02, @dana)'));
});

async function messages(root: string): Promise<string[]> {
  const { results } = await check({ root, config: { extends: [], rules: { 'spec-approved': 'error' } }, rules: { 'spec-approved': rule }, presets: { recommended: {}, strict: {} } });
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line}:${m.column} ${m.message}`));
}

new RuleTester({ describe, it }).runProject('spec-approved', rule, {
  valid: [
    { fixture: fixture('next/spec-approved-speckit-draft'), name: 'every spec says Draft and nothing records approval: a Draft says nothing' },
    { fixture: tagsApproved, name: 'the spec of the feature in progress is approved' },
    { fixture: fixture('brief'), name: 'an approved Spec Kit spec' },
    { fixture: fixture('speckit'), name: 'speckit' },
    { fixture: fixture('agent-specs'), name: 'agent-specs' },
  ],
  invalid: [
    {
      fixture: fixture('next/review-loop'),
      name: '"Draft — awaiting approval" on F-001, which status.md says is in progress',
      errors: [{ messageId: 'awaitingApproval', file: '.agent/specs/2025-06-01-tags.md', line: 4, column: 15 }],
    },
    {
      fixture: speckitApproves,
      name: 'a Draft spec on work in progress where another spec says Approved',
      errors: [{ messageId: 'awaitingApproval', file: 'specs/001-notes/spec.md', line: 5, column: 13 }],
    },
  ],
});

describe('spec-approved messages', () => {
  it('says what the spec says, which feature is in progress and where', async () => {
    expect(await messages(fixture('next/review-loop'))).toEqual([
      '.agent/specs/2025-06-01-tags.md:4:15 .agent/specs/2025-06-01-tags.md says "Draft — awaiting approval", so the spec is not approved yet, but F-001 is already in progress (status.md:5); get the spec approved and record it (e.g. "Status: Approved"), or move F-001 back to todo until it is.',
    ]);
    expect(await messages(speckitApproves)).toEqual([
      'specs/001-notes/spec.md:5:13 specs/001-notes/spec.md says "Draft", so the spec is not approved yet, but 001-notes is already in progress (specs/001-notes/tasks.md:5); get the spec approved and record it (e.g. "Status: Approved"), or move 001-notes back to todo until it is.',
    ]);
  });
});
