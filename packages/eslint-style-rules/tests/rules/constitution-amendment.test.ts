import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint, loadProject } from '@govern/core';
import rule from '../../src/rules/constitution-amendment.js';

const fixtures = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const FILE = '.specify/memory/constitution.md';
const original = readFileSync(path.join(fixtures, 'example', FILE), 'utf8');

let dir: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
}

function write(text: string, file = FILE): void {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
}

async function check(diffBase: string | null = 'base', root = dir) {
  const project = await loadProject(root);
  const results = await lint(project, {
    rules: { 'constitution-amendment': rule },
    presets: { recommended: {}, strict: {} },
    config: { extends: [], rules: { 'constitution-amendment': 'error' } },
    ...(diffBase ? { diffBase } : {}),
  });
  return results.flatMap((r) =>
    r.messages.filter((m) => m.ruleId === 'constitution-amendment').map((m) => ({ file: path.relative(root, r.filePath), line: m.line, column: m.column, id: m.messageId, message: m.message })),
  );
}

const TEST_FIRST = 'Tests are written first and seen failing before the implementation starts.';

describe('constitution-amendment without --diff-base', () => {
  for (const name of ['example', 'speckit', 'empty']) {
    it(`reports nothing on ${name}`, async () => {
      expect(await check(null, path.join(fixtures, name))).toEqual([]);
    });
  }
});

describe('constitution-amendment against a git base', () => {
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'govern-amendment-'));
    git('init', '-q');
    git('config', 'user.email', 'maya@example.com');
    git('config', 'user.name', 'Maya');
    git('config', 'commit.gpgsign', 'false');
    write(original);
    write('# Linkshelf\n', 'README.md');
    git('add', '-A');
    git('commit', '-q', '-m', 'constitution 1.2.0');
    git('tag', 'base');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a reworded principle without a new version or date', async () => {
    write(original.replace(TEST_FIRST, 'Tests are written alongside the implementation.'));
    expect(await check()).toEqual([
      {
        file: FILE,
        line: 67,
        column: 14,
        id: 'versionNotBumped',
        message:
          'The constitution\'s principles changed since base ("Test-First" changed) but its version is still 1.2.0; bump it (MAJOR for removed or redefined principles, MINOR for added ones, PATCH for wording).',
      },
      {
        file: FILE,
        line: 67,
        column: 67,
        id: 'dateNotUpdated',
        message: 'The constitution\'s principles changed since base ("Test-First" changed) but its last-amended date is still 2025-02-18; set it to the date of this amendment.',
      },
    ]);
  });

  it('reports an added principle when only the version was bumped', async () => {
    write(
      original
        .replace('## Technology Constraints', '### VI. Small Dependencies\n\nEvery new dependency needs a note in the plan.\n\n## Technology Constraints')
        .replace('**Version**: 1.2.0', '**Version**: 1.3.0'),
    );
    expect((await check()).map((m) => [m.id, m.line])).toEqual([['dateNotUpdated', 71]]);
    expect((await check())[0]!.message).toContain('"Small Dependencies" added');
  });

  it('accepts an amendment with a new version and date', async () => {
    write(
      original
        .replace(TEST_FIRST, 'Tests are written alongside the implementation.')
        .replace('**Version**: 1.2.0', '**Version**: 2.0.0')
        .replace('**Last Amended**: 2025-02-18', '**Last Amended**: 2025-06-01'),
    );
    expect(await check()).toEqual([]);
  });

  it('ignores changes outside the principles and re-wrapped lines', async () => {
    write(
      original
        .replace('Amendments are made by\npull request', 'Amendments are made by\nmerge request')
        .replace('Every bookmark, tag and note MUST be exportable as Netscape bookmark HTML and as JSON\nat any time', 'Every bookmark, tag and note MUST be exportable as Netscape bookmark\nHTML and as JSON at any time'),
    );
    expect(await check()).toEqual([]);
  });

  it('does nothing without --diff-base', async () => {
    write(original.replace(TEST_FIRST, 'Tests are optional.'));
    expect(await check(null)).toEqual([]);
  });

  it('does nothing for a constitution that did not exist at the base', async () => {
    write(original);
    git('add', '-A');
    git('commit', '-q', '--allow-empty', '-m', 'same');
    git('mv', FILE, 'constitution.md');
    git('commit', '-q', '-m', 'move');
    writeFileSync(path.join(dir, 'constitution.md'), original.replace(TEST_FIRST, 'Tests are optional.'));
    expect(await check()).toEqual([]);
  });
});
