/**
 * A feature's state, decided from the most direct evidence the repository holds, with every piece of
 * evidence and every disagreement kept so a person can see why. The rules are in docs/states.md.
 */
import type { Feature, Project } from '../model/project.js';
import type { FeatureState, Sequence, SourcePosition, Spec, StateMark, TaskList } from '../model/types.js';
import { memoise } from '../model/memo.js';
import { andList } from '../text/messages.js';
import { isCheckTask, titleWords } from '../text/section-words.js';
import { isSetAsideWord, normaliseStateWord } from '../text/state-words.js';
import { planAuthorityOf, type PlanAuthority } from './plan-authority.js';

/** Where a state came from, most direct first. */
export type StateBasis = 'archive' | 'state-file' | 'sequence' | 'product' | 'pointer' | 'tasks' | 'spec-status' | 'default';

export interface StateEvidence {
  basis: StateBasis;
  state: FeatureState;
  /** The words as written (`In Progress`, `✅`, `5/8 tasks done`, `Draft`). */
  raw: string;
  source: SourcePosition;
  /** Why the feature is blocked, when the evidence says. */
  reason?: string;
  /**
   * For an entry of a plan or state file whose state is not written on the entry itself: it comes from its
   * section's heading, a current-focus pointer, or the entry's own checkboxes.
   */
  from?: 'section' | 'pointer' | 'tasks';
  /** Task evidence of work under way whose open tasks are all checks of finished work (`Run the quickstart`, `Manual smoke test`). */
  checksOnly?: true;
}

/**
 * How sure the state is: written in the repository (`recorded`), assumed because nothing says otherwise
 * (`default`), not known because the documents name the work without recording its state (`unknown`), or
 * `disputed` because two pieces of evidence of the same standing disagree on whether it is finished.
 */
export type StateCertainty = 'recorded' | 'default' | 'unknown' | 'disputed';

export interface FeatureStateReport {
  id: string;
  title: string;
  state: FeatureState;
  basis: StateBasis;
  /** Where the winning evidence is. */
  source: SourcePosition;
  /** Why the feature is blocked, when the winning evidence says. */
  reason?: string;
  /** All evidence, most direct first. */
  evidence: StateEvidence[];
  /** Task progress over the feature's task lists; `file` is the list with the first open task, else the first list. */
  tasks?: { done: number; total: number; file: string };
  /** Evidence that disagrees with the state, each pointing at the losing evidence. */
  conflicts: Array<{ message: string; source: SourcePosition }>;
  certainty: StateCertainty;
  /** With `disputed`: the two pieces of evidence that disagree, as a sentence, and where the second is. */
  dispute?: { message: string; source: SourcePosition };
}

/**
 * `archive` first: a change the tool moved to its archive (OpenSpec's `changes/archive/`) was finished when it
 * was moved, whatever its boxes say; no file written later can say otherwise.
 */
const BASIS_ORDER: readonly StateBasis[] = ['archive', 'state-file', 'sequence', 'product', 'pointer', 'tasks', 'spec-status', 'default'];

/** A spec Status that puts the spec away: `Archived`, `Archiviert`, `Archivé`, `Archivado`, `Arquivado`, `已归档`. */
const ARCHIVED_STATUS = /^[\s*_`]*(?:archived|archiviert|archivé|archivado|arquivado|архивирован|已归档|已歸檔|アーカイブ済み|보관됨)(?![\p{L}\p{N}])/iu;

/** Sources a person writes a state into on purpose; a disagreement between them means one is stale. */
const EXPLICIT: ReadonlySet<StateBasis> = new Set(['state-file', 'sequence', 'product']);

/**
 * A spec's Status describes the document, not the code: an Approved spec is ready to build, not built.
 * These words would otherwise read as done (`accepted`) or as nothing.
 */
const SPEC_DOCUMENT_WORDS: ReadonlyMap<string, FeatureState> = new Map([
  ['approved', 'todo'],
  ['accepted', 'todo'],
  ['ready', 'todo'],
  ['final', 'todo'],
  ['reviewed', 'todo'],
  ['ratified', 'todo'],
  ['clarified', 'todo'],
  ['planned', 'todo'],
  ['in review', 'todo'],
  ['under review', 'todo'],
]);

/**
 * The state a spec's `**Status**:` field implies, or undefined for words that say nothing about the
 * work. Kept by the words as written: a repository's thousands of specs share a few Status lines
 * (`Draft`), and reading the words is most of what deciding every feature's state costs.
 */
export const specStatusState: (raw: string) => FeatureState | undefined = memoise((raw) => readStatusState(raw), 10_000);

/**
 * A story's Status (BMAD) moves from `Draft` (or `drafted`, `backlog`) through `Approved` and `ready-for-dev` to
 * `InProgress`, `Review` (`Ready for Review`: built, waiting for its review) and `Done`. The words before the build
 * are not started; review is the build not yet accepted.
 */
const STORY_WORDS: ReadonlyMap<string, FeatureState> = new Map([
  ['ready for review', 'in-progress'],
  ['in review', 'in-progress'],
  ['review', 'in-progress'],
  ['ready for dev', 'todo'],
  ['ready for development', 'todo'],
  ['approved', 'todo'],
  ['drafted', 'todo'],
  ['contexted', 'todo'],
  ['ready', 'todo'],
]);

export function storyStatusState(raw: string): FeatureState | undefined {
  for (const phrase of leadingPhrases(raw)) {
    const state = STORY_WORDS.get(phrase);
    if (state) return state;
  }
  return normaliseStateWord(latestStatus(raw)) ?? specStatusState(raw);
}

/** Words of a spec's Status that describe the document (a draft, an approved spec), in the languages state words come in. */
const DOCUMENT_WORDS: ReadonlySet<string> = new Set([
  ...SPEC_DOCUMENT_WORDS.keys(),
  'draft', 'proposed', 'spec', 'specified', '草稿', '草案', '下書き', 'ドラフト', '초안', 'entwurf', 'brouillon', 'borrador', 'rascunho',
  'черновик', 'taslak',
]);

/** Whether a spec's Status speaks of the document rather than the work (`Draft`, `Approved`, `草稿`). */
/** Whether a spec's Status says its work is finished (`Complete`, `Implemented`), not only its document (`Approved`). */
function specSaysFinished(value: string | undefined): boolean {
  return value !== undefined && specStatusState(value) === 'done' && !isDocumentStatus(value);
}

export function isDocumentStatus(raw: string): boolean {
  return leadingPhrases(raw).some((phrase) => DOCUMENT_WORDS.has(phrase));
}

/** The first three, two and one words of a Status value, lower case and without markup: where a phrase is looked up. */
function leadingPhrases(raw: string): string[] {
  const words = latestStatus(raw)
    .toLowerCase()
    .replace(/[*_`~]/g, '')
    .replace(/[-:()[\].,;—–]+/g, ' ')
    .trim()
    .split(/\s+/);
  return [3, 2, 1].map((length) => words.slice(0, length).join(' '));
}

function readStatusState(raw: string): FeatureState | undefined {
  return documentWordState(raw) ?? normaliseStateWord(latestStatus(raw)) ?? workPosition(raw);
}

/** A stage of the work and its number at the start of a Status: `Checkpoint 6B`, `Phase 2`, `Slice 3.1`. */
const WORK_POSITION = /^(?:checkpoint|phase|stage|step|milestone|sprint|slice|iteration|wave)\s+\d[\w.]{0,6}(?![\p{L}\p{N}])/iu;

/**
 * `Status: Checkpoint 6B - mastery-aware generation`: a Status that names the stage the work has reached says it is
 * under way. One with a state word after the stage (`Phase 2 complete`, `Phase 3 next`) is left to those words.
 */
function workPosition(raw: string): FeatureState | undefined {
  const value = raw.trim().replace(/^[*_`]+/u, '');
  const stage = WORK_POSITION.exec(value);
  if (!stage) return undefined;
  return value
    .slice(stage[0].length)
    .split(/[\s,;:()—–-]+/u)
    .some((word) => word !== '' && normaliseStateWord(word) !== undefined)
    ? undefined
    : 'in-progress';
}

/** `Draft → Implemented`: a Status moved on by an arrow is the value after the last arrow. */
function latestStatus(raw: string): string {
  const arrow = Math.max(raw.lastIndexOf('→'), raw.lastIndexOf('->'), raw.lastIndexOf('⇒'), raw.lastIndexOf('=>'));
  if (arrow < 0) return raw;
  const after = raw.slice(arrow).replace(/^(?:→|->|⇒|=>)\s*/u, '');
  return after.trim() === '' ? raw : after;
}

/** The state a Status word about the document (`Approved`, `Ready for implementation`) gives, if it is one. */
function documentWordState(raw: string): FeatureState | undefined {
  for (const phrase of leadingPhrases(raw)) {
    const state = SPEC_DOCUMENT_WORDS.get(phrase);
    if (state) return state;
  }
  return undefined;
}

/**
 * The folder a spec folder sits in (`specs`, `packages/api/specs`; `''` at the root): the spec tree
 * its siblings share, which numbers its folders and keeps (or not) their Status field.
 */
export function specTree(spec: Pick<Spec, 'dir'>): string {
  const dir = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
}

/**
 * The spec trees whose specs' Status field somebody keeps up to date: at least one spec in the tree
 * says the work moved on (`In Progress`, `Implemented`, `Complete`). Spec Kit writes `Draft` and
 * nothing changes it again; where every spec still says so, nobody maintains the field and a `Draft`
 * says nothing about the work.
 */
function maintainedSpecTrees(features: readonly Feature[]): Set<string> {
  const trees = new Set<string>();
  for (const feature of features) {
    for (const spec of feature.specs) {
      const status = spec.spec?.status;
      if (!status || documentWordState(status.value) !== undefined) continue;
      const state = normaliseStateWord(status.value);
      if (state === 'in-progress' || state === 'done') trees.add(specTree(spec));
    }
  }
  return trees;
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).toLowerCase();
}

/** status.md (at the root, in .agent/, anywhere) is the file meant to hold current state; BACKLOG.md and others come after. */
function stateFileRank(file: string): number {
  return baseName(file) === 'status.md' ? 0 : 1;
}

function fromMark(basis: StateBasis, mark: StateMark): StateEvidence {
  const evidence: StateEvidence = { basis, state: mark.state, raw: mark.raw, source: mark.position };
  if (mark.reason) evidence.reason = mark.reason;
  return evidence;
}

interface TaskFileProgress {
  file: string;
  done: number;
  total: number;
  /** The first open task, or the first task when all are done. */
  position: SourcePosition;
  /** The first task marked in progress (`- [-]`), when one is. */
  started?: SourcePosition;
  /**
   * Every open task is a check (`Verify the build passes`, `Run the quickstart`) with ticked work after it: the
   * checks were passed over and the work went on, so they leave nothing to build.
   */
  checksPassed?: boolean;
  /** Every open task is a check (`checksPassed` without the ticked work after it). */
  checksOnly?: boolean;
  /**
   * The list's own Status line says the work is done or under way (`**Status**: Done` under its title): it says how
   * to read the boxes below it, which such lists often leave unticked.
   */
  said?: { state: 'done' | 'in-progress'; raw: string; position: SourcePosition };
}

function progressOf(specs: Spec[]): TaskFileProgress[] {
  const progress: TaskFileProgress[] = [];
  for (const spec of specs) {
    const list = spec.tasks;
    if (!list) continue;
    const { done, total, position } = taskProgress(list);
    if (!position) continue;
    const started = list.tasks.find((task) => task.inProgress && !task.done);
    const entry: TaskFileProgress = started ? { file: list.file, done, total, position, started: started.position } : { file: list.file, done, total, position };
    if (done < total && onlyChecksOpen(list)) {
      entry.checksOnly = true;
      if (checksPassedOver(list)) entry.checksPassed = true;
    }
    // A story's tasks are in its own file, under its Status however it writes it (`## Status` over `Done`).
    const status = list.status ?? (spec.kind === 'story' ? spec.spec?.status : undefined);
    const said = status ? normaliseStateWord(status.value) : undefined;
    if (status && (said === 'done' || said === 'in-progress')) entry.said = { state: said, raw: status.value, position: status.position };
    progress.push(entry);
  }
  return progress;
}

/** Task lists of the feature's specs that name tasks but record the state of none of them. */
function unrecordedLists(specs: Spec[]): string[] {
  return specs.flatMap((spec) => (spec.tasks && spec.tasks.unrecorded && taskProgress(spec.tasks).total === 0 ? [spec.tasks.file] : []));
}

/** 0: a file the repository names as its source of truth; 1: a file CLAUDE.md imports; 2: any other. */
function rankOf(authority: PlanAuthority, file: string): number {
  const named = authority.authoritative.get(file);
  return named === undefined ? 2 : named.reason === 'named' ? 0 : 1;
}

function collectEvidence(feature: Feature, progress: TaskFileProgress[], authority: PlanAuthority): StateEvidence[] {
  const evidence: StateEvidence[] = [];

  const archived = feature.specs.find((spec) => spec.archived !== undefined);
  if (archived) evidence.push({ basis: 'archive', state: 'done', raw: archived.archived ? `archived ${archived.archived}` : 'archived', source: archived.position });

  const entries = feature.stateEntries.filter((e) => !authority.retired.has(e.file)).map((e, order) => ({ ...e, order }));
  entries.sort((a, b) => stateFileRank(a.file) - stateFileRank(b.file) || a.order - b.order);
  for (const { entry } of entries) evidence.push(withOrigin(fromMark('state-file', entry.mark), entry.stateFrom));

  for (const { file, entry } of feature.sequence) if (entry.state && !authority.retired.has(file)) evidence.push(withOrigin(fromMark('sequence', entry.state), entry.stateFrom));

  if (feature.product?.status) evidence.push(fromMark('product', feature.product.status));

  const total = progress.reduce((n, p) => n + p.total, 0);
  const done = progress.reduce((n, p) => n + p.done, 0);
  const withOpen = progress.find((p) => p.done < p.total);
  const shown = withOpen ?? progress[0];
  const started = progress.find((p) => p.started !== undefined);
  // Every list with open boxes says in its own Status line that its work is done, or one says it is under way.
  const saidDone = done < total && progress.every((p) => p.done === p.total || p.said?.state === 'done') ? progress.find((p) => p.said?.state === 'done') : undefined;
  const saidUnderWay = done === 0 ? progress.find((p) => p.said?.state === 'in-progress') : undefined;
  if (shown && saidDone) {
    evidence.push({ basis: 'tasks', state: 'done', raw: `${done}/${total} tasks ticked; the task list says Status: ${saidDone.said!.raw}`, source: saidDone.said!.position });
  } else if (shown && saidUnderWay) {
    evidence.push({ basis: 'tasks', state: 'in-progress', raw: `Status: ${saidUnderWay.said!.raw}, no task ticked yet`, source: saidUnderWay.said!.position });
  } else if (shown && (done > 0 || started)) {
    // Open checks passed over while the work went on (`T001 Verify the baseline build` under ticked tasks) leave nothing to build.
    const checksPassed = done < total && progress.every((p) => p.done === p.total || p.checksPassed === true);
    const checksOnly = done < total && progress.every((p) => p.done === p.total || p.checksOnly === true);
    // Only checks left, where the spec's own Status says the work is finished (`Status: Complete`): the work is done.
    const checked = checksPassed || (checksOnly && feature.specs.some((spec) => specSaysFinished(spec.spec?.status?.value)));
    const untasked = done === total || checked ? storiesWithoutTasks(feature.specs) : [];
    const open = total - done;
    const tasksEvidence: StateEvidence = {
      basis: 'tasks',
      state: (done === total || checked) && untasked.length === 0 ? 'done' : 'in-progress',
      raw:
        untasked.length > 0
          ? `${done}/${total} tasks done; no task yet for ${untasked.join(', ')}`
          : checksPassed
            ? `${done}/${total} tasks done; the ${open === 1 ? 'one open task is a check' : `${open} open tasks are checks`} passed over`
            : checksOnly
              ? `${done}/${total} tasks done; only ${open === 1 ? 'a check is' : 'checks are'} left`
              : done > 0
                ? `${done}/${total} tasks done`
                : `${open} tasks open, one marked in progress`,
      source: done > 0 ? shown.position : started!.started!,
    };
    if (checksOnly && tasksEvidence.state === 'in-progress' && untasked.length === 0) tasksEvidence.checksOnly = true;
    evidence.push(tasksEvidence);
  }

  for (const spec of feature.specs) {
    const status = spec.spec?.status;
    // `Status: Archived (2026-02-16)`: the spec was put away as a whole, as an archive folder puts a change away.
    if (status && ARCHIVED_STATUS.test(status.value)) {
      evidence.push({ basis: 'archive', state: 'done', raw: status.value.trim(), source: status.position });
      continue;
    }
    if (spec.kind === 'story') {
      // A story's Status is where its work is recorded, moved on by whoever builds it, as a state file's is; the
      // sprint's record of it (`sprint-status.yaml`) first, which BMAD's workflows keep for every story.
      const recorded = spec.phase ? storyStatusState(spec.phase.value) : undefined;
      if (spec.phase && recorded) evidence.push({ basis: 'state-file', state: recorded, raw: spec.phase.value, source: spec.phase.position });
      const state = status ? storyStatusState(status.value) : undefined;
      if (status && state) evidence.push({ basis: 'state-file', state, raw: status.value, source: status.position });
      continue;
    }
    const state = status ? specStatusState(status.value) : undefined;
    if (status && state) evidence.push({ basis: 'spec-status', state, raw: status.value, source: status.position });
    if (spec.phase) evidence.push({ basis: 'spec-status', state: phaseState(spec.phase.value), raw: `phase ${spec.phase.value}`, source: spec.phase.position });
  }

  // Spec Kit points at the feature it was last set to work on. The pointer stays behind when the work is
  // finished (nothing moves it until the next feature starts), so it says "under way" only where nothing
  // records the work finished, stopped or blocked.
  const current = feature.specs.find((spec) => spec.current !== undefined)?.current;
  if (current && evidence.every((e) => !aboutWork(e) || e.state === 'todo' || e.state === 'in-progress')) {
    evidence.push({ basis: 'pointer', state: 'in-progress', raw: current.file.endsWith('.json') ? 'feature_directory' : 'current plan', source: current });
  }

  // A current-focus pointer stays behind when the work it names is finished: where a record says so, it says nothing.
  const finished = evidence.some((e) => FINISHED.has(e.state) && e.from !== 'pointer' && aboutWork(e));
  const kept = finished ? evidence.filter((e) => !(e.from === 'pointer' && e.state === 'in-progress')) : evidence;
  // One that names it as next (`Phase 8 is next`, `Status: Ready to execute`) once a record says it is finished has not
  // moved on: it comes after the records, and is reported as out of date.
  // So does a record of when the work began (`[Started 2025-05-22]`): it says it began, not that it is still going.
  // And a title's `(CURRENT)`, a place the work stood when the line was written, as a current-focus line is.
  // So does a plan's "not started", written before the work began, beside a spec whose task list is all ticked: the
  // tools tick tasks as they build, and nobody went back to the plan.
  // Only where the plan names the spec outright (its folder or change id), not by a number two lists may share.
  const allTicked = total >= 3 && done === total && plansNameSpec(feature);
  const lagging = (e: StateEvidence): boolean =>
    (finished && ((e.from === 'pointer' && e.state === 'todo') || saysWhereWorkStood(e))) ||
    (allTicked && e.state === 'todo' && e.from === undefined && (e.basis === 'sequence' || e.basis === 'state-file' || e.basis === 'product'));
  // What the repository names as its source of truth comes first; then the most direct evidence. A box left
  // behind comes after the records that say the work is finished.
  const behind = leftBehindBox(kept);
  kept.sort((a, b) => rankOf(authority, a.source.file) - rankOf(authority, b.source.file) || Number(a === behind || lagging(a)) - Number(b === behind || lagging(b)) || BASIS_ORDER.indexOf(a.basis) - BASIS_ORDER.indexOf(b.basis) || Number(inherited(a)) - Number(inherited(b)));
  if (kept.length === 0) kept.push({ basis: 'default', state: 'todo', raw: '', source: feature.position });
  return kept;
}

/** Whether a plan entry of the feature writes one of its specs' names (`add-search`, `003-tags`) in its words. */
function plansNameSpec(feature: Feature): boolean {
  return feature.sequence.some(({ entry }) => {
    const words = [entry.label, ...(entry.aliases ?? [])].join(' ').toLowerCase();
    return feature.specs.some((spec) => spec.slug.length > 0 && words.includes(spec.slug.toLowerCase()));
  });
}

/** A word that says where the work stood, not how far it got: `(CURRENT)`, `← current`, `Now`. */
const PLACE_MARK = /^[\W_]*(?:current|currently|now)[\W_]*$/iu;

/** A state word that records when work began rather than where it stands: `Started`, `[Started 2025-05-22]`. */
const STARTED_EVENT = /^\W*(?:started|begun|commenced)\b/iu;

/** Under way only by a record of when it began or of where the work stood: `[Started 2025-05-22]`, `(CURRENT)`. */
function saysWhereWorkStood(evidence: StateEvidence): boolean {
  return evidence.state === 'in-progress' && (STARTED_EVENT.test(evidence.raw) || PLACE_MARK.test(evidence.raw));
}

/**
 * A state the unit takes from around it (its section's), from boxes none of which is ticked, or from its own open
 * box, which says only "not finished": any record that says more (`In Progress`, `Blocked`) comes first.
 */
function inherited(evidence: StateEvidence): boolean {
  return evidence.from === 'section' || (evidence.from === 'tasks' && evidence.state === 'todo') || openBox(evidence);
}

/**
 * Words in brackets in a story's title that leave it out of this spec (`[later cycle, not in this spec]`,
 * `(out of scope)`): only a bracketed note, so `Follow-up reminders` or `View future bookings` stay stories.
 */
const LEFT_OUT_NOTE = /out of scope|not in (?:this|scope)|excluded|deferred|follow-?up|later (?:cycle|release|phase)|future (?:cycle|release|phase)|제외|후속|범위 밖|対象外|除外|後続|范围外|不在本|后续|後續|fuera de alcance|diferid|fora do escopo|hors périmètre|zurückgestellt/iu;
const BRACKETED = /[[(（【]([^[\]()（）【】]{1,80})[\])）】]/gu;

function leftOutStory(title: string): boolean {
  for (const note of title.matchAll(BRACKETED)) if (LEFT_OUT_NOTE.test(note[1]!)) return true;
  return false;
}

/**
 * The user stories of a spec that its task list does not serve, where the list names stories (`- [x] T012 [US1] …`,
 * `## Phase 6: US4–US5`) and the stories left are the spec's last ones: Spec Kit often writes the tasks of the
 * first stories only, and the rest are still to be planned and built. A list that labels no task by story, or
 * labels one the spec does not number, says nothing of the stories.
 */
function storiesWithoutTasks(specs: readonly Spec[]): string[] {
  const untasked: string[] = [];
  for (const spec of specs) {
    const labelled = new Set(spec.tasks?.stories ?? []);
    // A story its title leaves out of this spec (`[follow-up cycle — not in this spec]`) is not owed tasks here.
    const stories = (spec.spec?.userStories ?? []).filter((story) => !leftOutStory(story.title)).map((story) => story.id).filter((id) => id !== undefined);
    // Labels the spec does not number (`US11` beside stories 1–10) say the two were numbered apart: no match can be made.
    if (labelled.size === 0 || [...labelled].some((label) => !stories.includes(label))) continue;
    // The stories left are the last ones, those the list was not yet written for.
    const last = Math.max(...[...labelled].map((label) => stories.indexOf(label)));
    for (const [index, story] of stories.entries()) if (!labelled.has(story) && index > last) untasked.push(story);
  }
  return untasked;
}

/**
 * An unticked or under-way box in a plan that was left behind: the unit's own checkboxes (or its spec's tasks) are all
 * ticked and another record (a progress table's `Complete`, a Status line, a track's `metadata.json`) says it is
 * finished. Nobody unticks a box, but ticking the summary box after the last plan is easily forgotten; two records
 * that agree outweigh it.
 */
/** What the documents record of the unit itself, in one of `states`: its own marks and rows, not its boxes or its section's. */
function records(evidence: readonly StateEvidence[], states: ReadonlySet<FeatureState>): StateEvidence[] {
  return evidence.filter((e) => states.has(e.state) && e.from === undefined && aboutWork(e) && e.basis !== 'tasks');
}

function leftBehindBox(evidence: readonly StateEvidence[]): StateEvidence | undefined {
  const box = evidence.find((e) => e.basis === 'sequence' && e.from === undefined && (openBox(e) || underWayBox(e)));
  if (box) {
    // Its own boxes, or its spec's task list, all ticked.
    const ticked = evidence.some((e) => (e.from === 'tasks' || e.basis === 'tasks') && e.state === 'done');
    return ticked && records(evidence, DONE).some((e) => e !== box) ? box : undefined;
  }
  // The other way round: a unit's own boxes, none of them ticked, under a unit that two records call finished or set
  // aside (its summary box, a progress row's `Complete` or `Skipped`). The boxes were never kept, as a roadmap's list
  // of plan files often is not, and the two records outweigh them; one record against them is a disagreement.
  const boxes = evidence.find((e) => e.basis === 'sequence' && e.from === 'tasks' && e.state === 'todo');
  return boxes && records(evidence, FINISHED).length >= 2 ? boxes : undefined;
}

/**
 * The state a cc-sdd phase gives: `implementation-completed` (or `…-done`, `implemented`, `completed`) done, any other `implementation…`
 * in progress, the phases that write documents (`initialized`, `requirements-generated`, `tasks-generated`) todo. A Conductor
 * track's status is a state word (`new`, `in_progress`, `completed`, `cancelled`).
 */
function phaseState(phase: string): FeatureState {
  if (/^(?:impl\w*[-_ ]?(?:complete|completed|done|finished)|implemented|completed?|done)$/i.test(phase)) return 'done';
  if (/^impl/i.test(phase)) return 'in-progress';
  return normaliseStateWord(phase) ?? 'todo';
}

/** Whether a piece of evidence speaks of the work: a Draft or Approved spec Status speaks of the document. */
function aboutWork(evidence: StateEvidence): boolean {
  return evidence.basis !== 'default' && !(evidence.basis === 'spec-status' && isDocumentStatus(evidence.raw));
}

function withOrigin(evidence: StateEvidence, from: StateEvidence['from']): StateEvidence {
  if (from) evidence.from = from;
  return evidence;
}

/**
 * `unknown` when the feature's task lists name tasks without recording any state and nothing else speaks of
 * the work (a Draft or Approved spec Status describes the document, not the work); `default` when nothing
 * records a state at all.
 */
function certaintyOf(feature: Feature, evidence: StateEvidence[]): StateCertainty {
  if (!evidence.some(aboutWork) && unrecordedLists(feature.specs).length > 0) return 'unknown';
  return evidence[0]!.basis === 'default' ? 'default' : 'recorded';
}

const FINISHED: ReadonlySet<FeatureState> = new Set(['done', 'cancelled']);
const DONE: ReadonlySet<FeatureState> = new Set(['done']);

/** The conflicts that report boxes never ticked under finished units, to be reported once per file. */
const UNKEPT_BOXES = new WeakSet<object>();

/** A claim that counts the parts done, `0/3 complete`, `2 of 5`: the number of parts is its second number. */
const COUNTED_CLAIM = /^\s*\d{1,4}\s*(?:\/|of)\s*(\d{1,4})(?!\d)/u;

/**
 * Two pieces of evidence of the same standing that disagree on whether the work is finished, when neither
 * outranks the other: a written claim that it is finished while most of its spec's tasks are open (`Status:
 * Complete` with most boxes open; the tools that write spec task lists tick them), or most of its own checkboxes (a few
 * left over is finished with leftovers; none ticked at all is a list never kept); a
 * written mark that it has not started while all its checkboxes are ticked (as many as a count it gives); all tasks ticked while the list's
 * own validation checklist is open. A Draft or Approved spec never disputes its ticks: those words describe
 * the document.
 */
function disputeOf(feature: Feature, evidence: StateEvidence[], progress: TaskFileProgress[], authority: PlanAuthority, unticking: ReadonlySet<string>): FeatureStateReport['dispute'] {
  if (evidence[0]!.basis === 'archive') return undefined;
  const rank = rankOf(authority, evidence[0]!.source.file);
  const peers = evidence.filter((e) => rankOf(authority, e.source.file) === rank);
  const claims = peers.filter((e) => e.from === undefined && e.basis !== 'tasks' && e.basis !== 'default');
  // Checks of finished work left open (`TaskFileProgress.checksOnly`) dispute no claim that it is finished: the work is
  // finished with its checks outstanding, which the conflicts still report.
  const open = progress.find((p) => p.done < p.total && p.checksOnly !== true && p.said?.state !== 'done');
  // A story's Status is where its work is recorded; a story none of whose boxes is ticked never kept them.
  const unkeptStory = open !== undefined && open.done === 0 && feature.specs.some((spec) => spec.kind === 'story' && spec.dir === open.file);
  const placed = [...feature.sequence, ...feature.stateEntries];
  const ownTasks = placed.map(({ entry }) => entry.tasks).filter((t) => t !== undefined);
  // A plan that ticks none of its boxes keeps its state in its marks (`#### 1.1 Setup (done)`): boxes left open there
  // dispute no mark.
  const keptTasks = placed.filter(({ file }) => !unticking.has(file)).map(({ entry }) => entry.tasks).filter((t) => t !== undefined);
  const behind = leftBehindBox(evidence);
  // A unit marked finished with a few boxes left is finished with leftovers; with most of them open, the two disagree,
  // unless two records call it finished (its summary box and a progress row's `Complete`): its boxes were not kept up,
  // which check reports, and the records say where the work stands.
  // Boxes none of which is ticked were never kept (`Phase 2 ✅ Complete` over three open boxes): the mark says where the
  // work stands.
  const openOwn = behind?.from === 'tasks' || records(evidence, FINISHED).length >= 2 ? undefined : keptTasks.find((t) => t.done > 0 && t.done * 2 < t.total);
  for (const claim of claims) {
    if (!FINISHED.has(claim.state)) continue;
    if (claim.basis === 'spec-status' && isDocumentStatus(claim.raw)) continue;
    // As with its own boxes: a spec's task list with most of its tasks done is finished with leftovers, which check
    // reports; with most of them open, the claim and the tasks disagree.
    if (open && !unkeptStory && rankOf(authority, open.file) === rank && open.done * 2 < open.total) {
      return { message: `${says(claim, progress)} but ${open.total - open.done} of ${open.total} tasks in ${open.file} are open`, source: open.position };
    }
    if (openOwn) return { message: `${says(claim, progress)} but ${openOwn.total - openOwn.done} of ${openOwn.total} of its own checkboxes are open`, source: openOwn.position };
  }
  for (const claim of claims) {
    if (claim.state !== 'todo' || claim.basis === 'spec-status' || claim === behind) continue;
    // `**Status**: 0/3 complete` counts three parts; one ticked box among its notes is not one of them.
    const counted = COUNTED_CLAIM.exec(claim.raw);
    const allDone = ownTasks.find((t) => t.total > 0 && t.done === t.total && (counted === null || Number(counted[1]) === t.total));
    if (allDone) return { message: `${says(claim, progress)} (${claim.raw}) but all ${allDone.total} of its checkboxes are ticked`, source: allDone.position };
  }
  // One plan that contradicts itself (`- [ ] Phase 2` above a progress row `| 2. Sync | Complete |`) tells nothing.
  const written = claims.filter((c) => c.basis === 'sequence' && c !== behind);
  const finishedClaim = written.find((c) => FINISHED.has(c.state));
  // A place or a start (`(CURRENT)`, `[Started …]`) says where the work stood, not that it is unfinished: no contradiction.
  const openClaim = finishedClaim && written.find((c) => !FINISHED.has(c.state) && c.state !== 'blocked' && c.source.file === finishedClaim.source.file && !saysWhereWorkStood(c));
  if (finishedClaim && openClaim) {
    const [first, second] = finishedClaim.source.line < openClaim.source.line ? [finishedClaim, openClaim] : [openClaim, finishedClaim];
    return { message: `${says(first, progress, true)} (${first.raw}) but ${says(second, progress, true)} (${second.raw})`, source: second.source };
  }
  // A record that calls the work finished, or still under way (`Ready for Review`), leaves nothing for the two to dispute.
  const recorded = evidence.some((e) => e.basis !== 'tasks' && e.from === undefined && (FINISHED.has(e.state) || (e.state === 'in-progress' && aboutWork(e))));
  if (progress.length > 0 && progress.every((p) => p.done === p.total) && !recorded) {
    for (const spec of feature.specs) {
      const checks = spec.tasks?.checks;
      if (!checks || checks.done === checks.total) continue;
      return {
        message: `every task in ${spec.tasks!.file} is ticked but ${checks.total - checks.done} of ${checks.total} items of its checklist are not`,
        source: checks.position,
      };
    }
  }
  return undefined;
}

/**
 * Plans whose units have many boxes of their own (ten or more) and not one of them ticked: they record progress by
 * their marks alone. A few boxes left open under a finished unit still dispute it.
 */
function untickingPlans(sequences: readonly Sequence[]): Set<string> {
  const files = new Set<string>();
  for (const sequence of sequences) {
    const boxes = sequence.entries.reduce((sum, entry) => sum + (entry.tasks?.total ?? 0), 0);
    const ticked = sequence.entries.some((entry) => (entry.tasks?.done ?? 0) > 0 || entry.state?.raw === '[x]' || entry.state?.raw === '[X]');
    if (boxes >= 10 && !ticked) files.add(sequence.file);
  }
  return files;
}

/** How a piece of evidence reads in a sentence: `status.md says done` (`status.md:12 says done`, `withLine`, when two lines of one file disagree). */
function says(evidence: StateEvidence, progress: TaskFileProgress[], withLine = false): string {
  const file = withLine ? `${evidence.source.file}:${evidence.source.line}` : evidence.source.file;
  switch (evidence.basis) {
    case 'state-file':
      return `${file} says ${evidence.state}`;
    case 'sequence':
      return `${file} marks it ${evidence.state}`;
    case 'product':
      return `${file} gives status ${evidence.state}`;
    case 'tasks': {
      const done = progress.reduce((n, p) => n + p.done, 0);
      const total = progress.reduce((n, p) => n + p.total, 0);
      return done === total ? `all ${total} tasks in ${taskFiles(progress)} are done` : `${done} of ${total} tasks in ${taskFiles(progress)} are done`;
    }
    case 'spec-status':
      return evidence.raw.startsWith('phase ') ? `${file} records ${evidence.raw}` : `${file} has Status: ${evidence.raw}`;
    case 'default':
      return 'nothing records a state';
    case 'archive':
      return `${file} is archived`;
    case 'pointer':
      return `${file} names it the feature being worked on`;
  }
}

function taskFiles(progress: TaskFileProgress[]): string {
  return andList(progress.map((p) => p.file));
}

function sameSource(a: SourcePosition, b: SourcePosition): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column;
}

/** An unticked checkbox, and nothing more, as a state. */
/** `[~]` or `[/]`: a box marked under way (a Conductor registry's started track), which is left behind as an open one is. */
function underWayBox(evidence: StateEvidence): boolean {
  return evidence.state === 'in-progress' && /^\[[~/]\]$/u.test(evidence.raw.trim());
}

function openBox(evidence: StateEvidence): boolean {
  return evidence.state === 'todo' && /^\[\s\]$/u.test(evidence.raw.trim());
}

/** `9/10 done`: at least half of a unit's own boxes are ticked. */
function mostlyTicked(raw: string): boolean {
  const count = /(?<!\d)(\d+)\s*\/\s*(\d+)/u.exec(raw);
  return count !== null && Number(count[1]) * 2 >= Number(count[2]);
}

/** The unit words a title starts with (`Fase 1: Creación de archivos`): they say what kind of unit, not which. */
const UNIT_WORDS = /^(?:phases?|fases?|stages?|etapas?|étapes?|steps?|pasos?|sprints?|milestones?|hitos?|etappen?|stufen?|phasen|этап|шаг)$/u;


/**
 * Whether two plan files may number units of their own: they sit in sibling folders, each a piece of work with its own
 * plan (`docs/maps/ROADMAP.md` and `docs/sync/ROADMAP.md` both have a Phase 5), or they title the unit so differently
 * (`Fase 1: Creación de archivos críticos` in a documentation plan, `FASE 1 - MVP` in the product plan) that no word is
 * shared.
 */
function titledApart(feature: Feature, a: string, b: string): boolean {
  const folder = (file: string): string => file.slice(0, Math.max(file.lastIndexOf('/'), 0));
  const [fa, fb] = [folder(a), folder(b)];
  if (fa !== fb && fa.includes('/') && fb.includes('/') && folder(fa) === folder(fb)) return true;
  const words = (file: string): Set<string> => {
    const all = new Set<string>();
    for (const { file: from, entry } of feature.sequence) {
      if (from !== file) continue;
      for (const word of titleWords(entry.label)) if (word.length > 3 && !/^\d/u.test(word) && !UNIT_WORDS.test(word)) all.add(word);
    }
    return all;
  };
  const first = words(a);
  const second = words(b);
  return first.size > 0 && second.size > 0 && ![...first].some((word) => second.has(word));
}

function conflictsWithin(
  winner: StateEvidence,
  evidence: StateEvidence[],
  progress: TaskFileProgress[],
  authority: PlanAuthority,
  maintained: (source: SourcePosition) => boolean,
  apart: (a: string, b: string) => boolean,
): FeatureStateReport['conflicts'] {
  const conflicts: FeatureStateReport['conflicts'] = [];
  const add = (message: string, source: SourcePosition): void => {
    // One place, one disagreement: a line read both as a state entry and as a sequence entry says one thing.
    if (!conflicts.some((c) => sameSource(c.source, source))) conflicts.push({ message, source });
  };

  // Boxes never ticked under a unit two records call finished were not kept: not a second state, but boxes to tick.
  const behind = leftBehindBox(evidence);
  const unkept = behind?.from === 'tasks' ? behind : undefined;
  if (unkept && FINISHED.has(winner.state)) {
    const total = /\/(\d+)/u.exec(unkept.raw)?.[1] ?? 'the';
    const where = `${unkept.source.file}:${unkept.source.line}`;
    const boxes = total === '1' ? `its checkbox at ${where} is not ticked` : `none of the ${total} checkboxes under it at ${where} is ticked`;
    const conflict = { message: `${says(winner, progress)} but ${boxes}`, source: unkept.source };
    UNKEPT_BOXES.add(conflict);
    conflicts.push(conflict);
  }
  if (EXPLICIT.has(winner.basis)) {
    const named = authority.authoritative.get(winner.source.file);
    const why = named ? `; ${winner.source.file} wins, as ${named.reason === 'imported' ? `${named.source.file} imports it` : `${named.source.file}:${named.source.line} names it the source of truth`}` : '';
    for (const other of evidence) {
      if (other === winner || other === unkept || !EXPLICIT.has(other.basis) || other.state === winner.state) continue;
      // A file whose summary marks a unit finished while the unit's own section keeps a few boxes open says it is
      // finished with leftovers (as `disputeOf` reads it), not two things at once.
      if (other.from === 'tasks' && other.source.file === winner.source.file && FINISHED.has(winner.state) && mostlyTicked(other.raw)) continue;
      // An open box says "not finished", which work under way or blocked is too: `- [ ] Phase 4` beside "Phase 4 in
      // progress" agrees, and so do its own boxes, none ticked yet.
      // A section's "planned" over it agrees too: a unit under way inside a milestone not begun as a whole.
      if ((openBox(other) || ((other.from === 'tasks' || other.from === 'section') && other.state === 'todo')) && (winner.state === 'in-progress' || winner.state === 'blocked')) continue;
      // And the other way round: a milestone under way holds units not begun, so its "In Progress" over a unit that a
      // record calls not started is the milestone's state, not a second one of the unit's.
      if (other.from === 'section' && other.state === 'in-progress' && winner.state === 'todo') continue;
      // `⏸️` beside `Deferred`: one reads as blocked, the other as not started, and both set the unit aside.
      if (isSetAsideWord(other.raw) && isSetAsideWord(winner.raw)) continue;
      // A group's state (`SHIPPED` over a milestone's phases) is for the units that write none: where the same file
      // writes the unit's own state as the winner's in another place too (its box beside its progress row), the group's
      // label was never the unit's. An item filed under a state section and again under another is two records.
      if (other.from === 'section' && evidence.some((e) => !sameSource(e.source, winner.source) && e.from === undefined && e.source.file === other.source.file && e.state === winner.state)) continue;
      const oneFile = other.source.file === winner.source.file;
      // Two plans that each title "Phase 1" their own way may each have a Phase 1: that they disagree cannot be told.
      if (!oneFile && apart(winner.source.file, other.source.file)) continue;
      add(named && !oneFile ? `${says(other, progress)} but ${says(winner, progress)}${why}` : `${says(winner, progress, oneFile)} but ${says(other, progress, oneFile)}`, other.source);
    }
  }

  // A plan's box left open or under way beside records that the work is finished: the box is what is stale.
  if (behind && behind !== unkept && FINISHED.has(winner.state)) add(`${says(winner, progress)} but ${says(behind, progress, true)} (${behind.raw})`, behind.source);
  // An archived change's open boxes are history: it was finished when it was moved, with or without them.
  if (winner.basis === 'archive') return conflicts;
  if (winner.state === 'done') {
    for (const p of progress) {
      // A list whose own Status says it is done keeps its boxes as they were written, not as a record.
      if (p.done === p.total || p.checksPassed === true || p.said?.state === 'done') continue;
      add(`${says(winner, progress)} but ${p.total - p.done} of ${p.total} tasks in ${p.file} are open`, p.position);
    }
    for (const other of evidence) {
      if (other.basis !== 'spec-status' || other.state === 'done' || other.state === 'cancelled') continue;
      // A word about the document (Approved) is not stale on finished work, and a Draft is stale
      // only where the repository keeps its specs' Status up to date.
      if (documentWordState(other.raw) !== undefined || !maintained(other.source)) continue;
      add(`${other.source.file} still says Status: ${other.raw} although ${says(winner, progress)}; the spec's Status is stale`, other.source);
    }
  } else {
    // Done written where the work is not: whichever source lost to the tasks, the claim is wrong.
    const open = progress.filter((p) => p.done < p.total);
    if (open.length > 0) {
      for (const other of evidence) {
        if (other === winner || other.state !== 'done' || other.basis === 'tasks' || conflicts.some((c) => sameSource(c.source, other.source))) continue;
        const left = open.reduce((n, p) => n + p.total - p.done, 0);
        const total = open.reduce((n, p) => n + p.total, 0);
        const claim = other.basis === 'spec-status' ? `${other.source.file} says Status: ${other.raw}` : says(other, progress);
        add(`${claim}, but ${left} of ${total} tasks in ${taskFiles(open)} are open`, other.source);
      }
    }
  }
  return conflicts;
}

/** The state of every feature, in feature order, with where it came from and what disagrees. */
export function featureStates(project: Pick<Project, 'features'> & Partial<Pick<Project, 'claude' | 'agents' | 'sequences' | 'states' | 'text'>>): FeatureStateReport[] {
  const authority = planAuthorityOf(project);
  const trees = maintainedSpecTrees(project.features);
  const unticking = untickingPlans(project.sequences ?? []);
  const reports = project.features.map((feature): FeatureStateReport => {
    const progress = progressOf(feature.specs);
    const evidence = collectEvidence(feature, progress, authority);
    const winner = evidence[0]!;
    const report: FeatureStateReport = {
      id: feature.id,
      title: feature.title,
      state: winner.state,
      basis: winner.basis,
      source: winner.source,
      evidence,
      conflicts: conflictsWithin(
        winner,
        evidence,
        progress,
        authority,
        (source) => {
          const spec = feature.specs.find((s) => s.spec?.status?.position === source);
          return spec !== undefined && trees.has(specTree(spec));
        },
        (a, b) => titledApart(feature, a, b),
      ),
      certainty: certaintyOf(feature, evidence),
    };
    const dispute = disputeOf(feature, evidence, progress, authority, unticking);
    if (dispute) {
      report.certainty = 'disputed';
      report.dispute = dispute;
    }
    if (winner.reason) report.reason = winner.reason;
    if (progress.length > 0) {
      const withOpen = progress.find((p) => p.done < p.total) ?? progress[0]!;
      report.tasks = {
        done: progress.reduce((n, p) => n + p.done, 0),
        total: progress.reduce((n, p) => n + p.total, 0),
        file: withOpen.file,
      };
    }
    return report;
  });

  // Boxes left unticked under finished units are one habit of a file: reported once, at its first unit.
  const seenFiles = new Map<string, { conflict: FeatureStateReport['conflicts'][number]; more: number }>();
  for (const report of reports) {
    report.conflicts = report.conflicts.filter((conflict) => {
      if (!UNKEPT_BOXES.has(conflict)) return true;
      const first = seenFiles.get(conflict.source.file);
      if (!first) {
        seenFiles.set(conflict.source.file, { conflict, more: 0 });
        return true;
      }
      first.more++;
      return false;
    });
  }
  for (const { conflict, more } of seenFiles.values()) {
    if (more > 0) conflict.message += ` (nor are those under ${more} more finished unit${more === 1 ? '' : 's'} of the file)`;
  }

  // A dependency's state is only known once every feature has one.
  const byId = new Map<string, FeatureStateReport>();
  for (const report of reports) if (!byId.has(report.id)) byId.set(report.id, report);
  project.features.forEach((feature, i) => {
    const report = reports[i]!;
    if (report.state !== 'done') return;
    for (const dep of feature.dependencies) {
      if (!dep.id) continue;
      const other = byId.get(dep.id);
      // A dependency set aside (`Phase 19 — skipped`) was dropped from the plan, not left unfinished under it; one
      // deferred on purpose (`Phase 17 … - DEFERRED -`) was put off, and the work after it went on without it.
      if (!other || other.state === 'done' || other.state === 'cancelled') continue;
      if (isSetAsideWord(other.evidence.find((e) => e.basis === other.basis)?.raw ?? '')) continue;
      report.conflicts.push({
        message:
          other.basis === 'default'
            ? `${feature.id} is done but depends on ${other.id} (${other.title}), which no file records as done`
            : `${feature.id} is done but depends on ${other.id} (${other.title}), which is ${other.state} according to ${other.source.file}:${other.source.line}`,
        source: dep.position,
      });
    }
  });
  return reports;
}

/** How far a task list is: its ticked and all tasks, and where its first open task is (the first task when all are ticked). */
/** Whether every open task of the list is a check, none of them marked under way. */
function onlyChecksOpen(list: TaskList): boolean {
  return list.tasks.every((task) => task.done || (!task.inProgress && isCheckTask(task.text)));
}

/** Whether every open task, all checks, has a ticked task after it (`TaskFileProgress.checksPassed`). */
function checksPassedOver(list: TaskList): boolean {
  const lastDone = list.tasks.findLastIndex((task) => task.done);
  return list.tasks.every((task, i) => task.done || i < lastDone);
}

function taskProgress(list: TaskList): { done: number; total: number; position?: SourcePosition } {
  const { tasks } = list;
  let done = 0;
  let open: number | undefined;
  for (let i = 0; i < tasks.length; i++) {
    if (tasks[i]!.done) done++;
    else open ??= i;
  }
  const first = tasks[open ?? 0];
  return first ? { done, total: tasks.length, position: first.position } : { done, total: tasks.length };
}
