import type { Heading, ListItem } from 'mdast';
import type { ParseResult, Sequence, SequenceEntry } from '../model/types.js';
import { positionOf, readWithoutThrowing } from '../model/positions.js';
import { isEpicsFile } from '../text/document-names.js';
import { plainText } from '../text/plain-text.js';
import { shareState } from '../text/state-words.js';
import { storyLabel } from '../text/spec-numbers.js';
import { extractReference, hasFeatureMark } from './entry-text.js';
import type { MarkdownDocument } from './markdown.js';
import { eachNode } from './source-text.js';
import { readUnits, unitKeyOf, type ReadUnit, type UnitReading } from './structure.js';

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
      // A plan of one piece of work read as several units is that one unit; one whose sections hold no work stays empty.
      const whole = reading.units.length > 0 ? onePieceOfWork(doc) : undefined;
      if (whole) reading = { ...reading, units: [whole] };
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

/** A plan's title that names the one piece of work it plans: `# PLAN: OpenRouter support`, `# Implementation plan — Dark mode`. */
const ONE_PLAN_TITLE = /^(?:(?:implementation|execution|feature|work|exec)\s+)?plan\s*[:：—–-]\s*(\S.{0,200})$/iu;

/** The sections every plan of one piece of work has: what it is for, how it is built and checked, what is left out. */
const PLAN_PART =
  /^(?:goals?|why|context|overview|background|summary|problem|motivation|rationale|design|technical design|approach|architecture|proposal|solution|tests?|testing|test plan|docs|documentation|sequencing|order|steps|implementation|implementation steps|plan|acceptance|acceptance criteria|success criteria|definition of done|risks?|open questions|questions|rollout|release|scope|non[- ]goals|out of scope|files|changes|file changes|validation|verification|decisions?|references|notes|dependencies|assumptions|constraints|requirements|tasks|todo|follow[- ]ups?)\b/iu;

/**
 * A plan of one piece of work (`# PLAN: OpenRouter support` over `## Goal`, `## Design`, `## Tests`, `## Acceptance`): its
 * sections are the parts of that work, not units of their own, so the document is one unit, named by its title, its
 * boxes its tasks. Undefined when a section names a unit (`## Phase 2`, `### F-003`) or the title is another.
 */
function onePieceOfWork(doc: MarkdownDocument): ReadUnit | undefined {
  const headings = doc.tree.children.filter((node): node is Heading => node.type === 'heading');
  const title = headings[0];
  if (!title || title.depth !== 1 || headings.some((h, i) => i > 0 && h.depth === 1)) return undefined;
  const named = ONE_PLAN_TITLE.exec(plainText(title).trim())?.[1]?.trim();
  if (!named) return undefined;
  for (const heading of headings.slice(1)) {
    const text = plainText(heading);
    if (unitKeyOf(text) !== undefined || hasFeatureMark(text)) return undefined;
    // Each section is a part every plan has (`## Goal`, `## Design`, `## Tests`), not a piece of work of its own.
    if (heading.depth === 2 && !PLAN_PART.test(text.replace(/^[^\p{L}]+/u, '').trim())) return undefined;
  }
  const position = positionOf(title, doc.file);
  const unit: ReadUnit = { reference: extractReference(named)?.reference ?? named, label: named, dependencies: [], position };
  const boxes: ListItem[] = [];
  eachNode(doc.tree, (node) => {
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') boxes.push(node as ListItem);
  });
  if (boxes.length > 0) {
    const done = boxes.filter((item) => item.checked === true).length;
    const open = boxes.find((item) => item.checked !== true) ?? boxes[0]!;
    const at = positionOf(open, doc.file);
    unit.tasks = { done, total: boxes.length, position: at };
    unit.state = { state: shareState((done * 100) / boxes.length), raw: `${done}/${boxes.length} done`, position: at };
  }
  return unit;
}
