import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@govern/core/rule-tester';
import { afterAll, describe, it } from 'vitest';
import rule from '../../src/rules/changes-overlap.js';

const fixture = (name: string) => fileURLToPath(new URL(`../../../../fixtures/${name}`, import.meta.url));

const tmp = mkdtempSync(path.join(os.tmpdir(), 'govern-overlap-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** The OpenSpec fixture with `add-gpx-export` depending on `add-elevation-profile`: stacked, not a clash. */
const stacked = path.join(tmp, 'stacked');
cpSync(fixture('layouts/openspec'), stacked, { recursive: true });
const proposal = path.join(stacked, 'openspec/changes/add-gpx-export/proposal.md');
writeFileSync(proposal, readFileSync(proposal, 'utf8').replace('## Why', '**Dependencies:** `add-elevation-profile`\n\n## Why'));
/** The same with every task of `add-elevation-profile` ticked: finished, it only waits to be archived. */
const finished = path.join(tmp, 'finished');
cpSync(fixture('layouts/openspec'), finished, { recursive: true });
const tasks = path.join(finished, 'openspec/changes/add-elevation-profile/tasks.md');
writeFileSync(tasks, readFileSync(tasks, 'utf8').replaceAll('- [ ]', '- [x]'));

new RuleTester({ describe, it }).runProject('changes-overlap', rule, {
  valid: [
    { fixture: stacked, name: 'one change depends on the other: its delta is written against it' },
    { fixture: finished, name: 'a change whose tasks are all ticked waits only to be archived' },
    { fixture: fixture('layouts/mixed'), name: 'an open change adding a requirement beside an archived one' },
    { fixture: fixture('speckit'), name: 'no OpenSpec changes' },
  ],
  invalid: [
    {
      fixture: fixture('layouts/openspec'),
      name: 'two open changes modify "Record a hike": one report, at the change that sorts last',
      errors: [{ messageId: 'overlap', file: 'openspec/changes/add-gpx-export/specs/trail-log/spec.md', line: 2, column: 1, includes: 'also by add-elevation-profile (openspec/changes/add-elevation-profile/specs/trail-log/spec.md:2)' }],
    },
  ],
});
