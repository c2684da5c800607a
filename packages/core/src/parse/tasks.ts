import type { Heading, ListItem, Node, Paragraph, Parent, Table } from 'mdast';
import type { Diagnostic, Located, ParseResult, SourcePosition, Task, TaskList } from '../model/types.js';
import { diagnostic, positionOf } from '../model/positions.js';
import type { MarkdownDocument } from './markdown.js';
import { labeledLines } from './labeled-lines.js';
import { addUnique, pathsInCode, pathsInPhrasing, pathsInText } from './named-paths.js';
import { lineStarts, locate } from './source-text.js';
import { repeatedIdDiagnostics } from './task-id-repeats.js';
import { isSetAsideWord, leadingStateWord, normaliseStateWord } from '../text/state-words.js';
import { plainText, splitAround } from '../text/plain-text.js';
import { labelsChecklist, sectionRole } from '../text/section-words.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * A task list: Spec Kit's `tasks.md` and the other shapes task lists take in practice — checkbox lines,
 * bold-id lines, tables with a status column, and one heading per task. See docs/formats/specs.md.
 */

const RULE = 'govern/parse-tasks';

/**
 * A task id at the start of a task's text: `T012`, `T-12`, `T08-1`, `T02.2`, `T001-template`, `T801-A1a`, `T805-B3-1`, `T802-STOP`,
 * `IB-001`, `S003-T001`,
 * numbered outlines `1.2`, `2.2.a` (a lettered part of 2.2) and `3.` (OpenSpec, Kiro). A plain `3` is not an id: it is how sentences start.
 */
const ID_AT_START =
  /^(T-?\d+(?:[.-]\d+)*(?:-?[A-Za-z](?![A-Za-z])|-[a-z][a-z0-9]{1,20}(?![A-Za-z0-9-])|-(?!T\d)(?:[A-Z]{1,4}\d{1,3}[a-z]?(?:-\d{1,3})?|[A-Z]{2,12})(?![A-Za-z0-9]))?|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-[A-Z]?\d+(?:\.\d+)*|\d+(?:\.\d+)+(?:\.[a-z](?![A-Za-z0-9]))?|\d+(?=\.(?:\s|$)))(?=$|[\s:：.,;)\]—–\-*_~|])/;
/**
 * Ids of requirements, use cases and criteria (`SC-001`, `FR-004`, `NFR-2`, `US-3`, `UC-21`, `AC-1`): a bold line
 * that starts with one states a requirement, not a task, and boxes that start with one check it.
 */
const REQUIREMENT_ID = /^(?:SC|FR|NFR|US|UC|AC|REQ|BR|UR|QR|NF|CR|SR)-/;
/** A title that calls its list tasks: `Tasks Checklist`, `Task checklist`, `Aufgaben`, `任务清单`. */
const NAMES_TASKS = /(?<![\p{L}\p{N}])(?:tasks?|to-?dos?|aufgaben|tareas|tâches|tarefas)(?![\p{L}\p{N}])|任务|タスク/iu;
/** `## Next (v2 — design first)`, `## Later: v3`: a section of a task list kept for a later version of the feature. */
function laterVersion(title: string): boolean {
  return /^(?:next|later|future|upcoming)(?![\p{L}\p{N}])/iu.test(title) && /(?<![\p{L}\p{N}])v[2-9](?![\p{L}\p{N}])/iu.test(title);
}

/**
 * A heading whose tag or whose name after the phase's label sets its tasks aside: `Phase 2 Enhancements (Future)`,
 * `Database Integration (Optional)`, `第五阶段：可选功能` (phase five: optional features).
 */
function setAsideTitle(title: string): boolean {
  if (setAsideTag(title)) return true;
  const colon = title.search(/[:：]/u);
  return colon > 0 && phaseHeading(title).test(title.slice(0, colon)) && sectionRole(title.slice(colon + 1)) === 'deferred';
}

/** A task heading's title that says it holds details of the task, not the task: `Details — ADR`, `Notes`. */
const DETAILS_TITLE = /^(?:details?|notes?|implementation notes|detalles|détails|detalhes|einzelheiten|подробности|詳細|详情|상세)(?![\p{L}\p{N}])/iu;
/** Task headings: `### T005: Title`, `### T005 — Title ✅`, `### Task 3: Title`, `### Task 1.2 - Title`. */
const headingTId = asciiFirst(String.raw`^(T-?\d+(?:[.-]\d+)*(?:-?[A-Za-z](?![A-Za-z]))?)(?![\p{L}\p{N}])[\s:：.\-–—)]*`, 'u');
const headingTaskN = asciiFirst(String.raw`^task\s+#?(\d+(?:\.\d+)*)(?![\p{L}\p{N}])[\s:：.\-–—)]*`, 'iu');
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * A task heading's id and title: what follows the id and its separators, when it holds no line break (as
 * `(.*)$` would take it). Tested apart from the expressions: a `(.*)$` that fails on a break is tried again
 * from every shorter id and separator run (`Task 1.1.1…`), which is quadratic on a long heading.
 */
function headingTask(text: string): { id: string; title: string } | undefined {
  const match = headingTId(text).exec(text) ?? headingTaskN(text).exec(text);
  if (!match) return undefined;
  const title = text.slice(match[0].length);
  return LINE_BREAK.test(title) ? undefined : { id: match[1]!, title };
}

/**
 * What joins two ids in a reference to several tasks: `T001–T013`, `T014-T017`, `T020, T021 and T022`,
 * `T003/T004`, `T010 to T012`. Read right after a leading id.
 */
const ID_JOINER = /^\s*(?:[-–—−~,/&+]|\.{2,3}|(?:to|and|or|through|bis|und|y|et|e|a|至|和|～|〜)(?=\s|T))\s*/i;

/**
 * Whether text that starts with a task id names several tasks (`T001–T013 — MVP`, `T020, T021 and T022
 * are parallel`): a summary or a plan line that refers to tasks, not a task of its own.
 */
function refersToSeveralTasks(text: string): boolean {
  const first = ID_AT_START.exec(text);
  if (!first) return false;
  const joiner = ID_JOINER.exec(text.slice(first[0].length));
  if (!joiner) return false;
  const second = ID_AT_START.exec(text.slice(first[0].length + joiner[0].length));
  // Ids of one family (`T001–T013`), so that `**T004** - 2.5 hours` stays a task with an estimate.
  return second !== null && idPrefix(second[1]!) === idPrefix(first[1]!);
}

/** The letters an id starts with (`T` of `T012`, `IB-` of `IB-001`, nothing for `1.2`). */
function idPrefix(id: string): string {
  let end = 0;
  while (end < id.length && !(id.charCodeAt(end) >= 48 && id.charCodeAt(end) <= 57)) end++;
  return id.slice(0, end);
}

/**
 * A checkbox written as text: when GFM did not read it (`[~]`, `[!]`), or a Kiro optional task (`[ ]*`, `[x]*`),
 * which GFM does not take for a task item.
 */
const LITERAL_BOX = /^\[([ xX~!/-])\](\*)?(?:\s+|$)/;
/** Words after a task's id that send the reader to where it is written: `(see group 8)`, `→ see below`, `(siehe 4.2)`. */
const REFERS_ELSEWHERE = /^[(（]?\s?(?:see|cf\.|siehe|voir|ver|veja|vedi|→)\s/iu;
/** A box written after the task's id and a colon: `**T018**: [x] Create the timer context`. */
const BOX_AFTER_ID = /^([A-Z]{1,4}-?\d{1,5}[a-z]?)\s?[:：]\s?\[([ xX])\](?:\s+|$)/u;
/** A task id in outline numbering (`1.2`, `3.1.4`): its parent is the id without the last part. */
const OUTLINE_ID = /^\d+(?:\.\d+)+(?:\.[a-z])?$/;
/** What a task says it serves: `_Requirements: 1.2, 3.1_`, `需求: 1.1`, `要件: 2.3`, `**Validates: Requirements 1.3**`. */
const REQUIREMENTS_LABEL = /^(?:validates\s*[:：]\s*)?(?:requirements?|需求|要件|요구사항)(?:\s*[:：]\s*|\s+(?=\d))/iu;
/** Kiro task lists, where `[-]` marks a task under way (elsewhere it strikes work out). */
const KIRO_FILE = /(?:^|\/)\.kiro\//;
const DONE_MARK = /[✅✔☑]\uFE0F?/u;
const DONE_MARKS = new Set(['✅', '✔', '☑', '✓']);
const SPACE = /\s/;

/**
 * Where a trailing run of done marks (`✅`, `✔️ ✔️`), with the spaces around them, starts; -1 when the
 * text does not end in one. What `/\s*(?:[✅✔☑✓]\uFE0F?\s*)+$/u` finds, read from the end: the expression
 * tries each mark of a long run as a start and scans on to the end from each.
 */
function trailingDone(text: string): number {
  let at = text.length;
  let start = -1;
  for (;;) {
    while (at > 0 && SPACE.test(text[at - 1]!)) at--;
    if (at > 1 && text[at - 1] === '\uFE0F' && DONE_MARKS.has(text[at - 2]!)) at -= 2;
    else if (at > 0 && DONE_MARKS.has(text[at - 1]!)) at--;
    else break;
    start = at;
  }
  return start < 0 ? -1 : at;
}
const PARALLEL = /\[P\]/;
const STORY = /\[(US-?\d+)\]/i;
/** Headings that name a phase of work rather than a topic. */
const phaseHeading = asciiFirst(String.raw`^(?:phase|stage|milestone|sprint|wave|step|fase|etapa|iteration)(?![\p{L}])|フェーズ|阶段|階段|단계`, 'iu');
const STORY_IN_HEADING = /\buser\s+story\s+(\d+)\b|\b(US)-?(\d+)\b/i;

type Source = 'checkbox' | 'line' | 'table' | 'heading';

/** A task's words, lower case and without HTML comments (`<!-- id: 39 -->`), for telling a short restatement of a task from a task of its own. */
function taskWords(text: string): Set<string> {
  let bare = text;
  for (let start = bare.indexOf('<!--'); start >= 0; start = bare.indexOf('<!--', start)) {
    const end = bare.indexOf('-->', start + 4);
    bare = `${bare.slice(0, start)} ${end < 0 ? '' : bare.slice(end + 3)}`;
  }
  return new Set(
    bare
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 1),
  );
}

/**
 * Boxes sharing an id where one is a shorter restatement of another in the same state (`- [x] T007 GRN saga tests`
 * in a story's summary, `- [x] T007 Verify the GRN saga tests for compliance` in its phase): one task written twice,
 * so the longer one stands and the others are dropped into `dropped`. Boxes that say the same words (a block
 * pasted twice) or that disagree are left as they are, for the repeat to be reported.
 */
function restatedOnce(boxes: Candidate[], dropped: Set<Candidate>): Candidate[] {
  if (boxes.length < 2 || boxes.some((c) => c.task.done !== boxes[0]!.task.done)) return boxes;
  const words = boxes.map((c) => taskWords(c.task.text));
  let longest = 0;
  for (let i = 1; i < boxes.length; i++) if (words[i]!.size > words[longest]!.size) longest = i;
  const full = words[longest]!;
  const restates = (i: number): boolean => i !== longest && words[i]!.size >= 2 && words[i]!.size < full.size && [...words[i]!].every((word) => full.has(word));
  if (!boxes.every((_, i) => i === longest || restates(i))) return boxes;
  for (let i = 0; i < boxes.length; i++) if (i !== longest) dropped.add(boxes[i]!);
  return [boxes[longest]!];
}

/**
 * Boxes that point back at tasks written above them rather than add tasks: a box whose id is a range of tasks
 * (`- [ ] T116-T118: Validate performance`), and a section whose every box with an id repeats an earlier id in
 * words of its own that share at least half of theirs with it (`### Data safety` under `## Risk mitigation`:
 * `- [ ] T015: Verify the migration` for `- [x] T015 Verify the migration by reading the schema`), new ids beside
 * them or not. A block pasted twice says the same words, and ids numbered again from T001 say other words: both stay repeats.
 */
function markCrossReferences(candidates: readonly Candidate[]): void {
  const earlier = new Map<string, Set<string>[]>();
  const sections = new Map<number, Array<{ box: Candidate; points: boolean } | undefined>>();
  for (const box of candidates) {
    const id = box.task.id;
    if (id === undefined || box.source !== 'checkbox') continue;
    const before = earlier.get(id);
    const words = taskWords(box.task.text);
    let entry: { box: Candidate; points: boolean } | undefined;
    if (before) {
      const same = before.some((other) => other.size === words.size && [...words].every((word) => other.has(word)));
      const shared = (other: Set<string>): number => [...words].filter((word) => other.has(word)).length;
      const points = box.range === true || (!same && words.size >= 2 && before.some((other) => shared(other) * 2 >= words.size));
      if (box.range && points) box.reference = true;
      entry = { box, points };
      before.push(words);
    } else earlier.set(id, [words]);
    const key = box.under ?? 0;
    const section = sections.get(key);
    if (section) section.push(entry);
    else sections.set(key, [entry]);
  }
  // Boxes with new ids may stand beside the ones that point back (a list of what the next spec takes over): they stay
  // tasks, and the section still points back when every box that repeats an id does.
  for (const section of sections.values()) {
    const repeats = section.filter((entry) => entry !== undefined);
    if (repeats.length < 2 || !repeats.every((entry) => entry.points)) continue;
    for (const entry of repeats) entry.box.reference = true;
  }
}

interface Candidate {
  task: Task;
  source: Source;
  /** The task this one is a sub-task of: the checkbox it is nested under, or `1` for a flat `1.2`. */
  parent?: Candidate;
  /** Written as optional (`- [ ]*`), or holding only optional sub-tasks and no detail of its own. */
  optional?: boolean;
  /** Has required sub-tasks: their summary, done when they are. */
  summary?: boolean;
  /** Has lines of its own under it (detail bullets, requirement references). */
  detail?: boolean;
  /** The checkbox it is nested under, sub-task or not. */
  enclosing?: Candidate;
  /** Heading tasks: the state their heading or Status line gives. */
  explicitDone?: boolean;
  /** Heading tasks: the checkboxes in their section without an id of their own. */
  checklist?: boolean[];
  /**
   * A table row whose task cell is an id and nothing else (`| 6.1 | Map token | Ready |` in a table of what
   * tasks depend on), or a box whose words after the id send the reader to it (`- [x] 8.1 (see group 8) — …`):
   * it points at a task written elsewhere, and its status cell may be about something else.
   */
  reference?: boolean;
  /** Its id is a range (`- [ ] T116-T118: Validate performance`): it speaks of tasks written elsewhere. */
  range?: boolean;
  /** The line of the nearest heading above it (0 above the first): the boxes of one section share it. */
  under?: number;
}

interface HeadingContext {
  depth: number;
  text: string;
  line: number;
}

/** Splits a task's text into its id, markers and description. */
/** A task's words read apart: its id, its text without id and tags, and what the tags say. */
interface TaskText {
  id?: string;
  /** The id is the first of a range (`T116-T118`, `T116–T118`). */
  range?: boolean;
  text: string;
  parallel: boolean;
  story?: string;
  doneMark: boolean;
}

function readTaskText(raw: string, idGiven = false): TaskText {
  let text = raw.replace(/\s+/g, ' ').trim();
  let id: string | undefined;
  const idMatch = idGiven ? null : ID_AT_START.exec(text);
  let range = false;
  if (idMatch) {
    id = idMatch[1]!;
    text = text.slice(idMatch[0].length);
    const rangeEnd = /^\s?[-–—]\s?T?-?\d+(?![\p{L}\p{N}])/u.exec(text);
    if (rangeEnd) {
      range = true;
      text = text.slice(rangeEnd[0].length);
    }
    text = text.replace(/^[\s:：.)\-–—]+/, '');
  }
  let parallel = false;
  let story: string | undefined;
  // Spec Kit's markers follow the id: `T012 [P] [US1] Create ...`.
  for (;;) {
    const marker = /^\[([^\]\s]{1,12})\]\s*/.exec(text);
    if (!marker) break;
    const word = marker[1]!;
    if (word === 'P') parallel = true;
    else if (/^US-?\d+$/i.test(word)) story = word.toUpperCase();
    else break;
    text = text.slice(marker[0].length);
  }
  if (!parallel && PARALLEL.test(text)) {
    parallel = true;
    text = splitAround(text, /\[P\]/g).join(' ');
  }
  if (story === undefined) {
    const inText = STORY.exec(text);
    if (inText) story = inText[1]!.toUpperCase();
  }
  // Marks trail within a few characters; reading only the tail keeps a line of thousands of marks linear.
  const cut = Math.max(0, text.length - 64);
  const tail = text.slice(cut);
  const done = trailingDone(tail);
  const doneMark = done >= 0 || DONE_MARK.test(text.slice(0, 3));
  text = (text.slice(0, cut) + (done >= 0 ? tail.slice(0, done) : tail)).replace(/^[✅✔☑]\uFE0F?\s*/u, '').replace(/^[\s:：\-–—]+/, '').trim();
  const result: TaskText = { text, parallel, doneMark };
  if (id !== undefined) result.id = id;
  if (range) result.range = true;
  if (story !== undefined) result.story = story;
  return result;
}

/** The phase a task sits in: the nearest enclosing phase heading, else its top-level section (below the title). */
function phaseOf(headings: readonly HeadingContext[]): string | undefined {
  for (let i = headings.length - 1; i >= 0; i--) {
    if (phaseHeading(headings[i]!.text).test(headings[i]!.text)) return headings[i]!.text;
  }
  return headings.find((h) => h.depth >= 2)?.text;
}

/** A story named by the enclosing headings (`## Phase 3: User Story 1 (P1)`), for tasks without a `[US1]` marker. */
function storyOf(headings: readonly HeadingContext[]): string | undefined {
  for (let i = headings.length - 1; i >= 0; i--) {
    const match = STORY_IN_HEADING.exec(headings[i]!.text);
    if (match) return `US${match[1] ?? match[3]}`;
  }
  return undefined;
}

/** Story numbers a heading names, ranges spelled out: `US4–US5` → 4, 5; `User Stories 1-3` → 1, 2, 3. */
const STORY_MENTION = /\b(?:user\s+stor(?:y|ies)\s+|US-?)(\d{1,3})(?:\s?[-–~]\s?(?:US-?)?(\d{1,3}))?/giu;

function storiesNamed(text: string, into: Set<string>): void {
  for (const match of text.matchAll(STORY_MENTION)) {
    const from = Number(match[1]);
    const to = match[2] !== undefined ? Number(match[2]) : from;
    for (let n = from; n <= Math.min(to, from + 50); n++) into.add(`US${n}`);
  }
}

/** Paths in one source line of Markdown: code spans read as names, the rest as prose. */
function pathsInSourceLine(line: string): string[] {
  const found: string[] = [];
  const rest = line.replace(/`([^`]+)`/g, (_whole, code: string) => {
    for (const item of pathsInCode(code)) found.push(item);
    return ' ';
  });
  for (const item of pathsInText(rest.replace(/\*\*|__/g, ' '))) found.push(item);
  return found;
}

function stripInline(line: string): string {
  return line.replace(/\*\*|__|`/g, '').replace(/\[([^\][]*)\]\([^()]*\)/g, '$1');
}

const HEADER_ID = /^(?:id|#|task\s*id|no\.?|key|ref)$/i;
const HEADER_TASK = /^(?:tasks?|descriptions?|titles?|names?|summary|items?|work\s+items?|deliverables?|what)$/i;
/** A cell that holds a count, not a task: `13`, `**24**`, `11/13`. */
const COUNT_CELL = /^(?:\d{1,6}(?: ?\/ ?\d{1,6})?)?$/;
const HEADER_STATUS = /^(?:status|state|done|complete|completed|progress|✓|✔|✅|\[x\])$|status/i;

/**
 * Whether a line that starts with a bold id names other work rather than starting a task: a requirement or
 * criterion (`SC-001`), or several tasks (`T001–T013`, `T020, T021 and T022`).
 */
function namesOtherWork(text: string): boolean {
  const id = ID_AT_START.exec(text);
  if (!id) return true;
  return REQUIREMENT_ID.test(id[1]!) || refersToSeveralTasks(text);
}

/**
 * Whether a list item's words are struck through from their start, or from just after its id and tags:
 * `~~T004 Old idea~~ — folded into T003`, `T044 ~~Run the walkthrough on a device~~ — no device here`.
 */
function struckThrough(paragraph: Paragraph | undefined): boolean {
  let lead = true;
  for (const child of paragraph?.children ?? []) {
    if (child.type === 'text' && (child.value.trim() === '' || (lead && TASK_ID_ONLY.test(child.value)))) {
      lead = false;
      continue;
    }
    return child.type === 'delete';
  }
  return false;
}

/** A task's id and tags alone, before its words: `T044 `, `T012 [P] [US1] `. */
const TASK_ID_ONLY = /^\s*[A-Z]{1,4}-?\d{1,5}(?:\s+\[[^\]\n]{1,20}\]){0,4}\s+$/u;

/** The note Spec Kit's templates put under their self-checks: `*GATE: Checked by main() before returning*`. */
const GATE_NOTE = /^GATE\s*[:：]/u;

/** A bracketed group that opens a task's words (after its id and tags): `(Deferred)`, `[Optional]`, `（可选）`. */
const LEADING_GROUP = /^[([（]([^()[\]（）]{1,60})[)\]）]/u;

const TRAILING_GROUP = /[([（]([^()[\]（）]{1,60})[)\]）][\s.]*$/u;

/** The first words of the groups a task's words open or end with: `deferred` for `Export to PDF (deferred to post-MVP)`. */
function tagWords(text: string): string[] {
  return [LEADING_GROUP.exec(text), TRAILING_GROUP.exec(text)].flatMap((group) => {
    const first = group ? group[1]!.trim().split(/[\s,;:：、—–]/u)[0]! : '';
    return first === '' ? [] : [first];
  });
}

/**
 * Whether a task's words open or end with a tag that sets it aside, a group whose first word is a deferral word:
 * `(Deferred) Export to PDF`, `Export to PDF (deferred to post-MVP)`.
 */
function setAsideTag(text: string): boolean {
  return tagWords(text).some((word) => sectionRole(word) === 'deferred');
}

/**
 * Whether a task's words open or end with a tag that drops it, a group whose first word is a verdict:
 * `Seed the demo data (Skipped per instruction - done in a later feature)`, `(Obsolete) Cache the index`, or whose
 * last part after a dash is one (`(protected file - skipped)`). The imperative `(skip if offline)` is an instruction,
 * not a verdict.
 */
function droppedTag(text: string): boolean {
  const first = tagWords(text).some((word) => {
    const verdict = leadingStateWord(word);
    return verdict?.state === 'cancelled' && verdict.index === 0 && verdict.raw.toLowerCase() !== 'skip';
  });
  if (first) return true;
  // `[OUT OF SCOPE] Refactor the utilities`: a group that is a verdict of several words and nothing more.
  const lead = LEADING_GROUP.exec(text)?.[1]?.trim();
  const whole = lead === undefined ? undefined : leadingStateWord(lead);
  if (whole?.state === 'cancelled' && whole.index === 0 && whole.rest === '' && whole.raw.includes(' ')) return true;
  // `(protected file - skipped)`: the reason first, the verdict alone after a dash.
  const group = TRAILING_GROUP.exec(text)?.[1]?.trim();
  const last = group?.split(/\s[-–—]\s/u).at(-1)?.trim();
  if (!last || last === group) return false;
  const verdict = leadingStateWord(last);
  return verdict?.state === 'cancelled' && verdict.index === 0 && verdict.rest === '' && verdict.raw.toLowerCase() !== 'skip';
}

/**
 * Whether a task's words open with a word that drops it, written as a verdict: in capitals (`SUPERSEDED — done in
 * T012`) or set off by a dash or colon (`Skipped: covered by T010`). `Skip empty rows` is a task like any other.
 */
function droppedLead(text: string): boolean {
  const words = text.replace(/^(?:\s*\[[^\]]{0,20}\])+\s*/u, '');
  const lead = leadingStateWord(words);
  if (lead?.state !== 'cancelled' || lead.raw.startsWith('[')) return false;
  const word = words.slice(lead.index, lead.index + lead.length);
  return (/\p{Lu}{2}/u.test(word) && word === word.toUpperCase()) || /^\s*[—–:：-]/u.test(words.slice(lead.index + lead.length));
}

/** Whether a paragraph opens with a word that sets work aside, as its own sentence or label: `Deferred.`, `On hold:`. */
function deferredLead(text: string): boolean {
  const lead = /^[*_]*([^\s.:：。!*_][^.:：。!]{0,29})[.:：。!]/u.exec(text.trimStart());
  return lead !== null && sectionRole(lead[1]!.trim()) === 'deferred';
}

/** Notes titles that explain the list's own marks or form: `## Legend`, `## Task format`, `## 凡例`. */
const LEGEND_TITLE = /legend|format|notation|凡例|图例|圖例|범례|légende|leyenda|legenda|легенда|lejant/iu;

/**
 * A guide to carrying the list out, after it (`## Execution guide`, `## タスク実行ガイド`): its order, its targets and
 * the boxes of its advice (`- [ ] Align the table to cache lines`) explain the work, they are not more of it.
 */
const GUIDE_TITLE = /(?<![\p{L}\p{N}])(?:guide|guidance|leitfaden|guía|guia)(?![\p{L}\p{N}])|ガイド|指南|가이드/iu;

/**
 * Spec Kit's `## Parallel Example` (`## Parallel Execution Examples`): which tasks can run side by side, written as
 * boxes that repeat tasks of the list (`- [x] T006 [P] … while T007 proceeds`); they are examples, not tasks.
 */
const EXAMPLES_TITLE = /(?<![\p{L}\p{N}])parallel(?: execution)? examples?(?![\p{L}\p{N}])|并行示例|並行示例|並列実行例|병렬 실행 예/iu;

/** A legend line, not a task: `- [ ] = not started`, `- [~] : waiting for a decision`, `- [x] → done`. */
const LEGEND_TEXT = /^(?:=|:|→|->|—|–|-\s)/u;

/** Parses a task list. Synchronous and total: any text gives a `TaskList`, with diagnostics for what was unclear. */
export function parseTasks(doc: MarkdownDocument): ParseResult<TaskList> {
  const file = doc.file;
  const kiro = KIRO_FILE.test(file);
  /** A checkbox nested under another is its sub-task in a Kiro list, or when its outline id extends the other's (`1.2` under `1`). */
  const subTaskOf = (child: Candidate, parent: Candidate): boolean =>
    kiro || (child.task.id !== undefined && parent.task.id !== undefined && OUTLINE_ID.test(child.task.id) && child.task.id.startsWith(`${parent.task.id}.`));
  const diagnostics: Diagnostic[] = [];
  const starts = lineStarts(doc.text);
  const candidates: Candidate[] = [];
  const headings: HeadingContext[] = [];
  let section: { candidate: Candidate; depth: number } | undefined;
  /** The depth of the heading that opened a checklist section (acceptance, validation, …), while inside it. */
  let checkDepth: number | undefined;
  /** The user stories the list's headings name (`## Phase 6: US4–US5`). */
  const headingStories = new Set<string>();
  /** The depth of the heading over a part set aside (`## Deferred`, `## Out of scope`): its boxes are not open work. */
  let deferDepth: number | undefined;
  /** How many tasks were read when the last heading came: none since means the section has not listed one yet. */
  let tasksAtHeading = 0;
  /** The depth of a heading over the list's legend (`## Task format`, `## Legend`): its boxes without an id show the form, they are not work. */
  let legendDepth: number | undefined;
  let examplesDepth: number | undefined;
  /**
   * The checklist section is Spec Kit's self-check for writing the task list (`*GATE: Checked by main()
   * before returning*` under it): its boxes are about how the list was made, neither work nor the feature's conditions.
   */
  let gateSection = false;
  /** Checkboxes that are conditions, not work: in checklist sections or after an `Acceptance:` label. */
  const checks: Array<{ done: boolean; position: SourcePosition }> = [];
  /** Paragraphs already read as a task's own line. */
  const consumed = new Set<Node>();
  /** Lists that follow a checklist label paragraph. */
  const checkLists = new Set<Node>();

  /** `id` when the form gives it apart from the text (a table's ID column, a `### Task 3:` heading). */
  const make = (raw: string, position: SourcePosition, source: Source, done: boolean, paths: string[], id?: string): Candidate =>
    fromText(id === undefined ? readTaskText(raw) : { ...readTaskText(raw, true), id }, position, source, done, paths);
  const fromText = (read: TaskText, position: SourcePosition, source: Source, done: boolean, paths: string[]): Candidate => {
    const task: Task = read.id !== undefined ? { id: read.id, text: read.text, done: false, parallel: false, paths: [], position } : { text: read.text, done: false, parallel: false, paths: [], position };
    task.done = done || read.doneMark;
    task.parallel = read.parallel;
    const story = read.story ?? storyOf(headings);
    if (story !== undefined) task.story = story;
    const phase = phaseOf(headings);
    if (phase !== undefined) task.phase = phase;
    addUnique(task.paths, paths);
    const candidate: Candidate = { task, source };
    if (read.range) candidate.range = true;
    const under = headings[headings.length - 1]?.line;
    if (under !== undefined) candidate.under = under;
    candidates.push(candidate);
    return candidate;
  };

  const closeSection = (): void => {
    if (!section) return;
    const { candidate } = section;
    const list = candidate.checklist ?? [];
    candidate.task.done = candidate.explicitDone ?? (list.length > 0 && list.every(Boolean));
    section = undefined;
  };

  const readHeading = (heading: Heading): void => {
    tasksAtHeading = candidates.length;
    if (section && heading.depth <= section.depth) closeSection();
    if (checkDepth !== undefined && heading.depth <= checkDepth) {
      checkDepth = undefined;
      gateSection = false;
    }
    if (deferDepth !== undefined && heading.depth <= deferDepth) deferDepth = undefined;
    if (legendDepth !== undefined && heading.depth <= legendDepth) legendDepth = undefined;
    if (examplesDepth !== undefined && heading.depth <= examplesDepth) examplesDepth = undefined;
    const text = plainText(heading);
    storiesNamed(text, headingStories);
    // `### T026 Details — ADR`: notes on a task written above, whose lines (`- Status: Proposed` of the ADR it
    // asks for) are not the task's state.
    const match = headingTask(text);
    const details = match !== undefined && DETAILS_TITLE.test(match.title);
    if (!match || section || details) {
      while (headings.length > 0 && headings[headings.length - 1]!.depth >= heading.depth) headings.pop();
      headings.push({ depth: heading.depth, text, line: heading.position?.start.line ?? 0 });
      // `## Validation Checklist` holds conditions; `## Phase 5: Polish & Validation` holds tasks.
      // `# Tasks Checklist: Sign-in`: a title that names its boxes as tasks is the task list's, whatever else it calls them.
      if (!section && checkDepth === undefined && sectionRole(text) === 'check' && !phaseHeading(text).test(text) && !(heading.depth === 1 && NAMES_TASKS.test(text))) checkDepth = heading.depth;
      if (deferDepth === undefined && (sectionRole(text) === 'deferred' || laterVersion(text) || setAsideTitle(text))) deferDepth = heading.depth;
      if (legendDepth === undefined && ((sectionRole(text) === 'notes' && LEGEND_TITLE.test(text)) || GUIDE_TITLE.test(text))) legendDepth = heading.depth;
      if (examplesDepth === undefined && EXAMPLES_TITLE.test(text)) examplesDepth = heading.depth;
      return;
    }
    const boxed = /\[[xX]\]/.test(text) || DONE_MARK.test(text);
    const title = splitAround(match.title, /\[[ xX]\]/g).join(' ');
    const candidate = make(title, positionOf(heading, file), 'heading', false, pathsInPhrasing(heading.children), match.id);
    if (boxed) candidate.explicitDone = true;
    candidate.checklist = [];
    section = { candidate, depth: heading.depth };
  };

  const readSectionStatus = (paragraph: Paragraph, candidate: Candidate): void => {
    if (candidate.explicitDone !== undefined) return;
    const line = labeledLines(doc.text, starts, paragraph, 'status|state', file)[0];
    if (!line || line.value === '') return;
    const state = normaliseStateWord(line.value);
    candidate.explicitDone = state === 'done';
    // `**Status:** Deferred — keep the module as it is`, `Cancelled`: set aside, as a task written as optional is; no work left open.
    if (state === 'cancelled' || isSetAsideWord(line.value)) candidate.optional = true;
    if (state === undefined) {
      diagnostics.push(
        diagnostic(RULE, 'info', `Status "${line.value}" of task ${candidate.task.id ?? candidate.task.text} is not a state govern knows; it is read as not done.`, line.valuePosition),
      );
    }
  };

  /** Lines that start with a bold id (`**T004** Implement ... ✅`), outside lists. */
  const readBoldLines = (paragraph: Paragraph): boolean => {
    const first = paragraph.children[0];
    if (first?.type !== 'strong' || !ID_AT_START.test(plainText(first))) return false;
    const start = paragraph.position?.start.offset;
    const end = paragraph.position?.end.offset;
    if (start === undefined || end === undefined) return false;
    const source = doc.text.slice(start, end);
    const breaks = /\r\n|\r|\n/g;
    let lineStart = 0;
    let current: { raw: string; paths: string[]; offset: number } | undefined;
    const flush = (): void => {
      if (!current) return;
      make(current.raw, { file, ...locate(starts, current.offset) }, 'line', false, current.paths);
      current = undefined;
    };
    for (;;) {
      const brk = breaks.exec(source);
      const line = source.slice(lineStart, brk ? brk.index : source.length);
      const bold = /^\s*(?:\*\*|__)/.test(line) ? boldSpan(line) : undefined;
      if (bold !== undefined && ID_AT_START.test(bold) && !namesOtherWork(stripInline(line).trim())) {
        flush();
        current = { raw: stripInline(line), paths: pathsInSourceLine(line), offset: start + lineStart + (line.length - line.trimStart().length) };
      } else if (bold !== undefined && ID_AT_START.test(bold)) {
        flush();
      } else if (current) {
        current.raw += ` ${stripInline(line)}`;
        for (const item of pathsInSourceLine(line)) current.paths.push(item);
      }
      if (!brk) break;
      lineStart = brk.index + brk[0].length;
    }
    flush();
    return true;
  };

  const readTable = (table: Table): void => {
    const [header, ...rows] = table.children;
    // A table under a check section (`## Acceptance checklist`) judges the tasks; it does not record their state.
    if (!header || checkDepth !== undefined) return;
    const names = header.children.map((cell) => plainText(cell).toLowerCase());
    const idCol = names.findIndex((n) => HEADER_ID.test(n));
    const taskCol = names.findIndex((n) => HEADER_TASK.test(n));
    const statusCol = names.findIndex((n) => HEADER_STATUS.test(n));
    if (statusCol < 0 || (idCol < 0 && taskCol < 0)) return;
    if (verdicts(rows.map((row) => plainText(row.children[statusCol] ?? row)))) return;
    // A summary that counts the tasks (`| Phase | Tasks | Completed |` over `| 1a — Skeleton | 13 | 13 |`) tallies the
    // tasks above; its rows are none.
    const counts = (col: number): boolean => col >= 0 && rows.every((row) => COUNT_CELL.test(plainText(row.children[col] ?? row).trim()));
    if (counts(statusCol) || (idCol < 0 && counts(taskCol))) return;
    for (const row of rows) {
      const cells = row.children.map((cell) => plainText(cell));
      if (cells.every((c) => c === '')) continue;
      const idText = idCol >= 0 ? (cells[idCol] ?? '') : '';
      const taskText = taskCol >= 0 ? (cells[taskCol] ?? '') : '';
      const status = cells[statusCol] ?? '';
      const paths: string[] = [];
      row.children.forEach((cell, i) => {
        if (i !== idCol && i !== statusCol) addUnique(paths, pathsInPhrasing(cell.children));
      });
      const idFromCell = ID_AT_START.exec(idText)?.[1] ?? (/^\S{1,24}$/.test(idText) ? idText : undefined);
      const done = normaliseStateWord(status) === 'done';
      const candidate = make(taskText, positionOf(row, file), 'table', done, paths, idFromCell);
      if (idCol < 0 && candidate.task.id !== undefined && candidate.task.text === '') candidate.reference = true;
    }
  };

  const readListItem = (item: ListItem, owner: Candidate | undefined, inCheckList: boolean): Candidate | undefined => {
    const first = item.children[0];
    const paragraph = first?.type === 'paragraph' ? first : undefined;
    let text = paragraph ? plainText(paragraph) : '';
    let checked: boolean | undefined = typeof item.checked === 'boolean' ? item.checked : undefined;
    let cancelled = false;
    let started = false;
    let optional = false;
    if (checked === undefined) {
      const literal = LITERAL_BOX.exec(text);
      if (literal) {
        checked = literal[1] === 'x' || literal[1] === 'X';
        started = literal[1] === '-' && kiro;
        cancelled = literal[1] === '-' && !kiro;
        optional = literal[2] !== undefined;
        text = text.slice(literal[0].length);
      } else {
        const afterId = BOX_AFTER_ID.exec(text);
        if (afterId) {
          checked = afterId[2] !== ' ';
          text = `${afterId[1]} ${text.slice(afterId[0].length)}`;
        }
      }
    }
    const paths = paragraph ? pathsInPhrasing(paragraph.children) : [];
    if (checked !== undefined) {
      if (paragraph) consumed.add(paragraph);
      // Struck through or `[-]`: dropped work, neither done nor open.
      // Under a legend, a box without an id shows the form (`- [ ] N.M Sub-task — …`); one with an id is work again.
      if (cancelled || struckThrough(paragraph) || LEGEND_TEXT.test(text) || (legendDepth !== undefined && !ID_AT_START.test(text)) || examplesDepth !== undefined) return owner;
      // `### T029 — Fixture` over `- [x] T029 Create the fixture`: the box is the heading task's own, and states it.
      if (section && section.candidate.task.id !== undefined && ID_AT_START.exec(text)?.[1] === section.candidate.task.id) {
        section.candidate.explicitDone ??= checked;
        addUnique(section.candidate.task.paths, paths);
        return section.candidate;
      }
      // Inside a heading task, a checkbox without an id is a step of that task, not a task of its own.
      if (section && !ID_AT_START.test(text)) {
        section.candidate.checklist?.push(checked);
        addUnique(section.candidate.task.paths, paths);
        return section.candidate;
      }
      // In a checklist section, a box without a task id is a condition to check, not work.
      if ((inCheckList || checkDepth !== undefined) && !ID_AT_START.test(text)) {
        if (!inCheckList && gateSection) return owner;
        checks.push({ done: checked, position: positionOf(item, file) });
        return owner;
      }
      if (text === '' && !paragraph) {
        diagnostics.push(diagnostic(RULE, 'info', 'A checkbox item has no text; it was skipped.', positionOf(item, file)));
        return owner;
      }
      const read = readTaskText(text);
      // `- [~] T001 SUPERSEDED — …`, `- [ ] T022 … (Skipped per instruction)`: dropped like a `[-]` box, whatever
      // its box says. A ticked box whose words say skipped is a contradiction for the rules to report, not dropped work.
      if (droppedLead(read.text) || (checked !== true && droppedTag(read.text))) return owner;
      const made = fromText(read, positionOf(item, file), 'checkbox', checked, paths);
      if (made.task.id !== undefined && REFERS_ELSEWHERE.test(made.task.text)) made.reference = true;
      if (started) made.task.inProgress = true;
      // Under `## Deferred`, or led by `**Future work, not this change.**`: set aside, like a task written as optional.
      const lead = leadingBold(paragraph);
      // Or tagged so after its id: `- [ ] T031 [P] (Deferred) …`, `(Optional, on request)`.
      if (optional || deferDepth !== undefined || (lead !== undefined && sectionRole(lead) === 'deferred') || setAsideTag(made.task.text)) made.optional = true;
      if (owner?.source === 'checkbox' && subTaskOf(made, owner)) made.parent = owner;
      if (owner?.source === 'checkbox') made.enclosing = owner;
      return made;
    }
    if (owner?.source === 'checkbox' && paragraph) {
      owner.detail = true;
      readRequirementRefs(owner, text, positionOf(item, file));
    }
    const lead = paragraph?.children[0];
    if (paragraph && lead?.type === 'strong' && ID_AT_START.test(plainText(lead)) && !namesOtherWork(text) && !struckThrough(paragraph)) {
      consumed.add(paragraph);
      return make(text, positionOf(item, file), 'line', false, paths);
    }
    return owner;
  };

  const stack: Array<{ node: Node; owner: Candidate | undefined; inCheckList: boolean }> = [{ node: doc.tree, owner: undefined, inCheckList: false }];
  while (stack.length > 0) {
    const { node, owner, inCheckList } = stack.pop()!;
    let childOwner = owner;
    let childInCheckList = inCheckList || checkLists.has(node);
    switch (node.type) {
      case 'thematicBreak':
        // A legend ends with the rule drawn under it, as with the next heading.
        legendDepth = undefined;
        continue;
      case 'code':
      case 'html':
      case 'yaml':
      case 'definition':
        continue;
      case 'heading':
        readHeading(node as Heading);
        continue;
      case 'table':
        readTable(node as Table);
        continue;
      case 'paragraph': {
        const paragraph = node as Paragraph;
        if (consumed.has(paragraph)) continue;
        const target = owner ?? section?.candidate;
        if (target) {
          addUnique(target.task.paths, pathsInPhrasing(paragraph.children));
          if (target.source === 'heading') readSectionStatus(paragraph, target);
        } else if (checkDepth !== undefined && GATE_NOTE.test(plainText(paragraph))) {
          gateSection = true;
        } else {
          // `Deferred. This change does not start until …` opening the list, before any task: the whole list is set aside.
          // Opening a section (`> **DEFERRED**: a future enhancement.` under `### User Story 9`), the section is.
          if (deferDepth === undefined && candidates.length === tasksAtHeading && deferredLead(plainText(paragraph))) {
            deferDepth = headings.every((h) => h.depth === 1) ? 0 : headings[headings.length - 1]!.depth;
          }
          readBoldLines(paragraph);
        }
        continue;
      }
      case 'listItem':
        childOwner = readListItem(node as ListItem, owner, childInCheckList);
        break;
      default:
        break;
    }
    const children = (node as Parent).children;
    if (Array.isArray(children)) {
      // `**Acceptance**:` followed by a list: the list holds conditions (a heading task keeps them as its steps).
      if (!section) {
        for (let i = 0; i + 1 < children.length; i++) {
          const child = children[i]!;
          if (child.type !== 'paragraph' || children[i + 1]!.type !== 'list') continue;
          if (labelsChecklist(child)) checkLists.add(children[i + 1]!);
        }
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, owner: childOwner, inCheckList: childInCheckList });
    }
    childInCheckList = false;
  }
  closeSection();

  const list: TaskList = { file, tasks: [] };
  const setAside = subTasks(candidates);
  // Kiro's `- [-] 2. Error boundary` over its sub-tasks: the summary is not counted, so the first of its required
  // sub-tasks still open carries its mark of work under way.
  const handedOn = new Set<Candidate>();
  for (const c of candidates) {
    const parent = c.parent;
    if (!parent || parent.task.inProgress !== true || setAside.get(parent.task) !== 'summary' || handedOn.has(parent)) continue;
    if (setAside.has(c.task) || c.task.done) continue;
    c.task.inProgress = true;
    handedOn.add(parent);
  }
  const steps = unkeptSteps(candidates);
  list.tasks = dedupe(candidates, diagnostics, list).filter((task) => {
    if (steps.has(task)) return false;
    const kept = setAside.get(task);
    if (kept === 'optional') {
      list.optional ??= { done: 0, total: 0 };
      list.optional.total++;
      if (task.done) list.optional.done++;
    } else if (kept === 'summary') {
      list.summaries = (list.summaries ?? 0) + 1;
    }
    return kept === undefined;
  });
  if (checks.length > 0) {
    const open = checks.find((c) => !c.done) ?? checks[0]!;
    list.checks = { done: checks.filter((c) => c.done).length, total: checks.length, position: open.position };
  }
  const stories = new Set(headingStories);
  for (const task of list.tasks) if (task.story !== undefined) stories.add(task.story);
  if (stories.size > 0) list.stories = [...stories].sort((a, b) => Number(a.slice(2)) - Number(b.slice(2)));
  const status = listStatus(doc, starts);
  if (status) list.status = status;
  return { value: list, diagnostics };
}

/** The list's own Status line: in a paragraph under its title, before any section, list or table (`**Status**: Done`). */
function listStatus(doc: MarkdownDocument, starts: readonly number[]): Located<string> | undefined {
  for (const node of doc.tree.children) {
    if ((node.type === 'heading' && node.depth > 1) || node.type === 'list' || node.type === 'table') return undefined;
    if (node.type !== 'paragraph') continue;
    const line = labeledLines(doc.text, starts, node, 'status|state|estado|statut|stato|状态|狀態|ステータス|상태', doc.file)[0];
    if (line && line.value !== '') return { value: line.value, position: line.valuePosition };
  }
  return undefined;
}

/**
 * Reads a task's requirement references from one of its detail lines (`_Requirements: 1.2, 3.1_`), as
 * written: numbers, ranges (`1.1-1.3`) or names; `none` and the like are kept too and skipped by whoever checks them.
 */
function readRequirementRefs(candidate: Candidate, text: string, position: SourcePosition): void {
  const line = text.trim();
  const label = REQUIREMENTS_LABEL.exec(line);
  if (!label) return;
  const refs = line
    .slice(label[0].length)
    .split(/[,、，;；]/u)
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
  if (refs.length === 0) return;
  const list = (candidate.task.requirementRefs ??= []);
  for (const ref of refs) list.push({ value: ref, position });
}

/** The bold words a task's text opens with, after its id if it has one (`T-14 **Future work.** …`). */
function leadingBold(paragraph: Paragraph | undefined): string | undefined {
  const children = paragraph?.children ?? [];
  const at = children.findIndex((child) => child.type === 'strong');
  if (at < 0 || at > 1) return undefined;
  const before = at === 0 ? '' : plainText(children[0]!);
  return before === '' || ID_AT_START.test(before) ? plainText(children[at]!) : undefined;
}

/**
 * The boxes nested under a ticked box none of which is ticked (`- [x] Task: Add the flags abc1234` over `- [ ] Update
 * cli.py`): the steps the task was planned in, never kept, which its tick closed. They are no open work. Sub-tasks by
 * their outline id (`1.2` under `1`) and Kiro's are left to `subTasks`.
 */
function unkeptSteps(candidates: readonly Candidate[]): Set<Task> {
  const byOwner = new Map<Candidate, Candidate[]>();
  for (const c of candidates) {
    if (!c.enclosing || c.parent) continue;
    const kids = byOwner.get(c.enclosing) ?? [];
    kids.push(c);
    byOwner.set(c.enclosing, kids);
  }
  const steps = new Set<Task>();
  for (const [owner, kids] of byOwner) if (owner.task.done && kids.every((kid) => !kid.task.done)) for (const kid of kids) steps.add(kid.task);
  return steps;
}

/**
 * Which tasks are not counted as work of their own: optional ones (`- [ ]*`, or holding only optional
 * sub-tasks and no detail of their own) and summaries (holding a required sub-task, done when those are).
 * Sub-tasks are nested checkboxes (see `subTaskOf`) or, in a flat list, `1.2` after `1.`.
 */
function subTasks(candidates: readonly Candidate[]): Map<Task, 'optional' | 'summary'> {
  const lastById = new Map<string, Candidate>();
  for (const c of candidates) {
    // A heading task (`## Task 1. Setup`) is the parent of the boxes numbered under it (`- [x] 1.1 …`) as a box is.
    if (c.source !== 'checkbox' && c.source !== 'heading') continue;
    const id = c.task.id;
    if (c.source === 'checkbox' && c.parent === undefined && id !== undefined && OUTLINE_ID.test(id)) {
      const parent = lastById.get(id.slice(0, id.lastIndexOf('.')));
      if (parent) c.parent = parent;
    }
    if (id !== undefined) lastById.set(id, c);
  }
  const requiredKids = new Map<Candidate, number>();
  const anyKids = new Set<Candidate>();
  // Sub-tasks come after their parent: from the end, each task's own sub-tasks are settled before it.
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    if (anyKids.has(c)) {
      if ((requiredKids.get(c) ?? 0) > 0) c.summary = true;
      else if (!c.detail) c.optional = true;
    }
    if (c.parent) {
      anyKids.add(c.parent);
      if (!c.optional) requiredKids.set(c.parent, (requiredKids.get(c.parent) ?? 0) + 1);
    }
  }
  const set = new Map<Task, 'optional' | 'summary'>();
  for (const c of candidates) {
    if (c.summary) set.set(c.task, 'summary');
    else if (c.optional) set.set(c.task, 'optional');
  }
  return set;
}

/** The text of a line's leading bold span (`**T001–T013** — MVP` → `T001–T013`), or undefined. */
function boldSpan(line: string): string | undefined {
  const trimmed = line.trimStart();
  const marker = trimmed.slice(0, 2);
  if (marker !== '**' && marker !== '__') return undefined;
  const end = trimmed.indexOf(marker, 2);
  return stripInline(end < 0 ? trimmed.slice(2) : trimmed.slice(2, end)).trim();
}

/**
 * The tasks whose state the list records. Bold-id lines and task headings write a state only by a mark, a
 * Status line or a checklist. When no task of that form in the file writes one, the list does not record
 * their state: they are not open, not done. When some do, the others are open (the usual `**T004** … ✅`
 * list, where the mark is added when done).
 */
function recordedForms(candidates: readonly Candidate[]): Set<Candidate> {
  const recorded = new Set(candidates.filter(statesItsState));
  for (const source of ['line', 'heading'] as const) {
    const group = candidates.filter((c) => c.source === source);
    if (group.some((c) => recorded.has(c))) for (const c of group) recorded.add(c);
  }
  return recorded;
}

/** A mark (any emoji) and the words after it: `✅ Granular`, `⚠️ Cohesive unit`. */
const MARKED_WORDS = /^[\s*_]*\p{Extended_Pictographic}[\uFE0E\uFE0F\u200D]*[\s*_]*(\p{L}.*)$/u;

/**
 * Whether a table's status cells all give a verdict rather than a state: a mark before words that are no state
 * (`✅ Granular`, `⚠️ Cohesive unit`, `✅ Match`), as the checks of a task list's review do. Progress is written in
 * state words or marks alone (`✅ Done`, `🚧`), and a date after the mark (`✅ 2026-03-02`) is when it was done.
 */
function verdicts(cells: readonly string[]): boolean {
  if (cells.length < 2) return false;
  return cells.every((cell) => {
    const words = MARKED_WORDS.exec(cell.trim())?.[1];
    return words !== undefined && normaliseStateWord(words) === undefined && leadingStateWord(words) === undefined;
  });
}

/**
 * Whether a form of a task says its state: a checkbox or a status cell always does; a task heading only
 * with a Status line, a done mark or a checklist under it; a bold-id line only with a done mark. A task
 * heading over a code example, or a bold line that names a task, says nothing about whether it is done.
 */
function statesItsState(candidate: Candidate): boolean {
  switch (candidate.source) {
    case 'checkbox':
    case 'table':
      return true;
    case 'heading':
      return candidate.explicitDone !== undefined || (candidate.checklist?.length ?? 0) > 0;
    case 'line':
      return candidate.task.done;
  }
}

/**
 * One task per id. A task list often repeats ids — a summary table over detailed headings, a bold-id line
 * that refers back — so checkbox lines win over other forms, and otherwise the first form that states its
 * state. Ids repeated among checkbox lines, and forms that state their state and disagree on it, are reported.
 * Tasks whose state the list does not record (see `recordedForms`) are counted in `unrecorded`.
 */
function dedupe(candidates: readonly Candidate[], diagnostics: Diagnostic[], list: TaskList): Task[] {
  markCrossReferences(candidates);
  const recorded = recordedForms(candidates);
  const byId = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.task.id === undefined) continue;
    const group = byId.get(c.task.id);
    if (group) group.push(c);
    else byId.set(c.task.id, [c]);
  }
  const dropped = new Set<Candidate>();
  /** Ids used by several checkbox tasks: reported together, one warning per repeated run. */
  const repeated: Task[][] = [];
  for (const [id, all] of byId) {
    if (all.length < 2) continue;
    // `- [ ] UC-21: rejects an empty title`, `- [x] FR-004: …`: checks of one requirement or use case, several of
    // them by design; each box is a task of its own, and the id they share names what they check.
    if (REQUIREMENT_ID.test(id)) continue;
    // Rows that only point at a task give way to the task as written.
    const written = all.filter((c) => !c.reference);
    const group = written.length > 0 ? written : all;
    for (const c of all) if (!group.includes(c)) dropped.add(c);
    if (group.length < 2) continue;
    const boxes = restatedOnce(group.filter((c) => c.source === 'checkbox'), dropped);
    const kept = boxes.length > 0 ? boxes : [group.find(statesItsState) ?? group.find((c) => recorded.has(c)) ?? group[0]!];
    for (const c of group) if (!kept.includes(c)) dropped.add(c);
    const other = statesItsState(kept[0]!) ? group.find((c) => statesItsState(c) && c.task.done !== kept[0]!.task.done) : undefined;
    if (kept.length > 1) {
      repeated.push(kept.map((c) => c.task));
    } else if (other) {
      diagnostics.push(
        diagnostic(
          RULE,
          'warning',
          `Task ${id} is marked ${kept[0]!.task.done ? 'done' : 'not done'} on line ${kept[0]!.task.position.line} but ${other.task.done ? 'done' : 'not done'} on line ${other.task.position.line}; line ${kept[0]!.task.position.line} is used. Keep one of them.`,
          other.task.position,
        ),
      );
    }
  }
  for (const d of repeatedIdDiagnostics(RULE, repeated, candidates.map((c) => c.task))) diagnostics.push(d);
  const tasks: Task[] = [];
  let unrecorded = 0;
  for (const c of candidates) {
    if (dropped.has(c)) continue;
    if (recorded.has(c)) tasks.push(c.task);
    else unrecorded++;
  }
  if (unrecorded > 0) list.unrecorded = unrecorded;
  return tasks;
}
