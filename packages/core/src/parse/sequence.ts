import type { ParseResult, Sequence, SequenceEntry } from '../model/types.js';
import { readWithoutThrowing } from '../model/positions.js';
import { isEpicsFile } from '../text/document-names.js';
import { storyLabel } from '../text/spec-numbers.js';
import type { MarkdownDocument } from './markdown.js';
import { readUnits, type UnitReading } from './structure.js';

export { SEQUENCE_TITLE } from './structure.js';

const RULE = 'govern/parse-sequence';

/**
 * Reads the sequence of a plan (DEVELOPMENT.md, ROADMAP.md, BACKLOG.md, TODO.md, …): its units of work in
 * order, from lists, checklists, tables, unit headings and arrow chains, through the structural reading
 * the state parser shares (parse/structure.ts). A setup guide has no sequence and gets no diagnostic.
 * See docs/formats/sequence.md for what is recognised.
 */
export function parseSequence(doc: MarkdownDocument): ParseResult<Sequence> {
  let reading: UnitReading = { units: [], statedOrder: undefined, diagnostics: [] };
  const diagnostics: ParseResult<Sequence>['diagnostics'] = [];
  readWithoutThrowing(
    () => {
      reading = readUnits(doc, { mode: 'sequence', rule: RULE });
    },
    diagnostics,
    RULE,
    doc.file,
    'The sequence',
  );
  const entries: SequenceEntry[] = oldestFirst(storiesOfEpics(doc.file, reading.units)).map((unit, index) => {
    const entry: SequenceEntry = { index, reference: unit.reference, label: unit.label, dependencies: unit.dependencies, position: unit.position };
    if (unit.state) entry.state = unit.state;
    if (unit.stateFrom) entry.stateFrom = unit.stateFrom;
    if (unit.tasks) entry.tasks = unit.tasks;
    if (unit.ranked) entry.ranked = true;
    if (unit.phase) entry.phase = unit.phase;
    if (unit.scopeCell) entry.scopeCell = true;
    if (unit.priority) entry.priority = unit.priority;
    if (unit.priority && unit.priorityAt) entry.priorityAt = unit.priorityAt;
    if (unit.links) entry.links = unit.links;
    if (unit.aliases) entry.aliases = unit.aliases;
    return entry;
  });
  const sequence: Sequence = { file: doc.file, entries };
  if (reading.statedOrder !== undefined) sequence.statedOrder = reading.statedOrder;
  return { value: sequence, diagnostics: [...reading.diagnostics, ...diagnostics] };
}

/**
 * BMAD's epics plan the work as stories under each epic (`### Story 2.3: Checkout`); around them stand the requirements they cover, the
 * epics' list and their goals, which are no work of their own. The stories are the file's units; epics that
 * write none (only the list of epics, or stories as bare lines) order nothing.
 */
function storiesOfEpics(file: string, units: UnitReading['units']): UnitReading['units'] {
  return isEpicsFile(file) ? units.filter((unit) => storyLabel(unit.label) !== undefined) : units;
}

/** A release's version in a unit's title (`Release v1.6.5`, `## 2.0.0 – Sync`, `v0.3`): its numbers. */
const RELEASE_VERSION = /(?<![\p{L}\p{N}.])v?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?![\p{N}])/u;

function versionOf(label: string): number[] | undefined {
  const found = RELEASE_VERSION.exec(label.length > 200 ? label.slice(0, 200) : label);
  return found ? [Number(found[1]), Number(found[2]), Number(found[3] ?? 0)] : undefined;
}

function compareVersions(a: readonly number[], b: readonly number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
}

/**
 * A plan that lists its releases newest first, as a changelog does (`## v2.0.0`, `## v1.11.0`, … `## v1.4.0`, the
 * finished ones at the bottom), is built oldest first: its units are read in the order of their versions. Units
 * without a version may only lead the list (`## Unreleased`, the newest of all); anywhere else the order is left as written.
 */
function oldestFirst(units: UnitReading['units']): UnitReading['units'] {
  const versions = units.map((unit) => versionOf(unit.label));
  const first = versions.findIndex((version) => version !== undefined);
  if (first < 0 || units.length - first < 3) return units;
  for (let i = first + 1; i < versions.length; i++) {
    const version = versions[i];
    if (version === undefined || compareVersions(versions[i - 1]!, version) <= 0) return units;
  }
  return [...units].reverse();
}
