import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from '../../src/rules/requirement-refs-resolve.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

/** The Kiro layout fixture with its `.kiro/specs` link made, as git may not keep it. */
const tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-refs-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const kiro = path.join(tmp, 'kiro');
cpSync(fixture('layouts/kiro'), kiro, { recursive: true });
symlinkSync('../docs/specs', path.join(kiro, '.kiro', 'specs'), 'dir');

new RuleTester({ describe, it }).runProject('requirement-refs-resolve', rule, {
  valid: [
    { fixture: fixture('rules/requirement-refs-resolve/resolves'), name: 'every numeric reference resolves; FR-7 is not a number and not judged; an optional task is not judged' },
    { fixture: fixture('rules/requirement-refs-resolve/numbered-lines'), name: 'criteria written as numbered lines of one paragraph count; criteria in a table are not read, so their numbers are not judged' },
    { fixture: fixture('rules/requirement-refs-resolve/free-form'), name: 'a requirements document that numbers no requirement gives nothing to check against' },
    { fixture: fixture('layouts/kiro'), name: 'the Kiro fixture without its link: no spec' },
    { fixture: fixture('layouts/mixed'), name: 'an open change adds a requirement its capability does not have yet; an archived delta is history' },
    { fixture: fixture('speckit'), name: 'speckit' },
  ],
  invalid: [
    {
      fixture: fixture('layouts/openspec'),
      name: 'an open change modifies a requirement the current spec does not have',
      errors: [{ messageId: 'delta', file: 'openspec/changes/add-gpx-export/specs/trail-log/spec.md', line: 9, column: 1, includes: 'MODIFIED requirement "Export a hike", but openspec/specs/trail-log/spec.md has no requirement of that name and no open change adds it' }],
    },
    {
      fixture: fixture('rules/requirement-refs-resolve/dangling'),
      name: 'a criterion past the end of its requirement, a requirement that does not exist',
      errors: [
        { messageId: 'unresolved', file: '.kiro/specs/parcel-lockers/tasks.md', line: 7, column: 5, includes: 'Task 1.2 serves requirement 1.3, but requirement 1 in .kiro/specs/parcel-lockers/requirements.md (line 9) lists 2 acceptance criteria' },
        { messageId: 'unresolved', file: '.kiro/specs/parcel-lockers/tasks.md', line: 10, column: 3, includes: 'Task 2 serves requirement 3.1, but .kiro/specs/parcel-lockers/requirements.md has no requirement 3 (it numbers 1, 2)' },
      ],
    },
    {
      fixture: kiro,
      name: 'the Kiro fixture through its link: 3.2 serves 4.2; 2.3 (Validates 1.1) and 1.2 (2.3) resolve',
      errors: [{ messageId: 'unresolved', file: '.kiro/specs/station-search/tasks.md', line: 22, column: 5, includes: 'has no requirement 4 (it numbers 1, 2, 3)' }],
    },
  ],
});
