import type { Heading, List, ListItem, Node, Paragraph, Table } from 'mdast';
import type { AttemptOutcome, AttemptRecord, Diagnostic, ParseResult, SourcePosition, StateEntry, StateFile } from '../model/types.js';
import { diagnostic, readWithoutThrowing } from '../model/positions.js';
import type { MarkdownDocument } from './markdown.js';
import { SourceText } from './state-source.js';
import { leadingStateWord } from '../text/state-words.js';
import { cleanName, extractReference, firstLine, flattenBlocks, foldTitle, hasFeatureMark, labelLine, listItemParts, mapColumns, rowCells, findId, findSpecRef, itemTextBounded } from './entry-text.js';
import { plainText } from '../text/plain-text.js';
import { findHandoffBlocks, type HandoffBlock } from './handoff.js';
import { readUnits } from './structure.js';
import { asciiFirst } from '../text/ascii.js';

const RULE = 'govern/parse-state';

const FAILURES_LABEL = /^(?:failures|failed attempts|consecutive failures)$/iu;

/** `attempt 3/3`, `Attempts: 2`, `Attempt #2`, `3 failed attempts`. */
const ATTEMPT_COUNT = /\battempts?\s*(?:(?:#|no\.?)\s*)?(?:[:=]\s*)?(\d{1,3})(?:\s*(?:\/|of|out of)\s*(\d{1,3}))?(?!\d)/iu;
// The number is a count, not the end of an id: `3 failed attempts`, never `the T-076 attempt`.
const attemptCountBefore = asciiFirst(String.raw`(?<![\p{L}\p{N}_#.\-])(\d{1,3})\s+(?:failed\s+|consecutive\s+|unsuccessful\s+)?attempts?\b`, 'iu');
const letter = asciiFirst(String.raw`\p{L}`, 'u');
const letterOrDigit = asciiFirst(String.raw`[\p{L}\p{N}]`, 'u');
const FAILED = /\b(?:fail(?:ed|s|ure|ing)?|errored|error|broken|red|rejected|timed? ?out|crash(?:ed)?|did(?:n't| not) (?:work|fix it|help)|no change)\b|❌|✗|✘/iu;
const PASSED = /\b(?:pass(?:ed|es)?|succeeded|success(?:ful)?|green|ok|fixed|merged|done|resolved|worked)\b|✅|✔/iu;
/** `Same error.`, `same as attempt 1`, `no change`: a failure whose cause is the previous attempt's. */
const SAME_AS_BEFORE = /\b(?:same (?:error|failure|cause|problem|issue|result)|same as (?:before|(?:the )?(?:last|previous) (?:one|attempt)|attempt\s?#?\d{1,3})|no change)\b/iu;
/** `2nd attempt`, `third attempt`: one attempt, numbered in words. */
const ORDINAL_ATTEMPT = /\b(?:(first|second|third|fourth|fifth|sixth)|(\d{1,2})(?:st|nd|rd|th))\s+(?:attempt|try)\b/iu;
const ORDINAL_WORDS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
/** `failed twice`, `failed 3 times`: a count of failures on one line. */
const FAILED_TIMES = /\bfail(?:ed|s)?\s+(?:(twice)|(three|four|five) times|(\d{1,3})\s?(?:times|x)\b)/iu;
const TIMES_WORDS: Record<string, number> = { twice: 2, three: 3, four: 4, five: 5 };
/** `Result: failed — out of memory` under an attempt: the attempt's outcome. */
const RESULT_LINE = /^\s*(?:result|outcome)\s?[:：]\s?/iu;
const ESCALATED = /escalat|needs? (?:a )?human|human (?:review|input|decision) (?:needed|required)|handed (?:back )?to (?:a )?human|stop(?:ped)? and ask/iu;
const NOT_ESCALATED = /\b(?:not|no|never|without)\s+(?:yet\s+)?escalat/iu;

interface Frame {
  depth: number;
  /** The feature or task a heading names, for the attempt lines under it. */
  reference?: string;
  /** A heading that names a state (`## Done`): attempt lines under it name their task themselves. */
  state: boolean;
  escalated: boolean;
  /** An attempt heading (`### Attempt 2: chunked reader`): its `Result:` line is the attempt's outcome. */
  attempt?: boolean;
  /** The heading, for records of the task it names. */
  holder?: Holder;
}

/** The heading, list item or table row that holds a task's attempts, and its words. */
interface Holder {
  position: SourcePosition;
  text: string;
}

interface AttemptDraft {
  reference: string;
  attempts: number;
  failures: number;
  escalated: boolean;
  position: SourcePosition;
  holder: Holder;
  explicitFailures?: number;
  /** Written-out attempts by number. */
  outcomes: Map<number, AttemptOutcome>;
  /** What the line with the highest count said of it, for counts that write out no attempt. */
  lastResult?: 'failed' | 'passed';
}

/** A line's count: an attempt's number (`Attempt 2`), or how many there were (`Attempts: 3`, `failed twice`). */
interface CountMatch {
  index: number;
  text: string;
  count: number;
  /** The line is one attempt (its number is `count`), not a tally. */
  single: boolean;
  /** `failed N times`: every one of them failed. */
  allFailed: boolean;
}

/**
 * Reads a state file (status.md, progress.md, BACKLOG.md, .agent/status.md): which state each unit of work
 * is in, through the structural reading the sequence parser shares (parse/structure.ts); handoff blocks;
 * and attempt records for the 3-attempt circuit breaker. Handoff blocks are read only as handoffs.
 * See docs/formats/state.md.
 */
export function parseState(doc: MarkdownDocument): ParseResult<StateFile> {
  const reader = new AttemptReader(doc);
  const entries: StateEntry[] = [];
  const diagnostics = reader.diagnostics;
  readWithoutThrowing(
    () => {
      const skip = reader.handoffs.map((block) => [block.startLine, block.endLine] as const);
      const reading = readUnits(doc, { mode: 'state', rule: RULE, skip });
      for (const d of reading.diagnostics) diagnostics.push(d);
      for (const unit of reading.units) {
        const entry: StateEntry = { reference: unit.reference, mark: unit.state! };
        if (unit.stateFrom) entry.stateFrom = unit.stateFrom;
        if (unit.tasks) entry.tasks = unit.tasks;
        if (unit.ranked) entry.ranked = true;
        if (unit.label !== unit.reference) entry.label = unit.label;
        if (unit.links) entry.links = unit.links;
        entries.push(entry);
      }
    },
    diagnostics,
    RULE,
    doc.file,
    'The state file',
  );
  readWithoutThrowing(() => reader.read(), diagnostics, RULE, doc.file, 'The state file');
  const names = new Set(reader.attemptNames());
  return {
    value: {
      file: doc.file,
      // Attempt lines are attempt records, never states.
      entries: entries.filter((e) => !names.has(e.mark.position.line)),
      handoffs: reader.handoffs.map((block) => block.handoff),
      attempts: reader.attemptRecords(),
    },
    diagnostics,
  };
}

/** Reads attempt counts and escalations, by the task each names or the heading it sits under. */
class AttemptReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly handoffs: HandoffBlock[];
  private readonly src: SourceText;
  private readonly stack: Frame[] = [];
  private readonly attempts = new Map<string, AttemptDraft>();
  /** Lines read as attempt records. */
  private readonly attemptLines = new Set<number>();
  /** The attempt last written out, whose `Result:` line may follow. */
  private pending: AttemptOutcome | undefined;

  constructor(private readonly doc: MarkdownDocument) {
    this.src = new SourceText(doc);
    this.handoffs = findHandoffBlocks(doc);
  }

  read(): void {
    // Blocks and handoff blocks (which do not overlap) both come in document order: one cursor walks the
    // handoffs alongside, so thousands of handoffs cost one pass, not a scan of them all per block.
    let next = 0;
    const inHandoff = (node: Node): boolean => {
      const line = node.position?.start.line;
      if (line === undefined) return false;
      while (next < this.handoffs.length && this.handoffs[next]!.endLine < line) next++;
      const block = this.handoffs[next];
      return block !== undefined && line >= block.startLine;
    };
    for (const block of flattenBlocks(this.doc.tree.children)) {
      if (inHandoff(block)) continue;
      if (block.type === 'heading') this.heading(block);
      else if (block.type === 'list') this.list(block);
      else if (block.type === 'table') this.table(block);
      else if (block.type === 'paragraph') this.paragraph(block);
    }
    while (this.stack.length > 0) this.close(this.stack.pop()!);
  }

  attemptNames(): number[] {
    return [...this.attemptLines];
  }

  attemptRecords(): AttemptRecord[] {
    return [...this.attempts.values()].map((draft) => {
      const outcomes = [...draft.outcomes.values()].sort((a, b) => a.number - b.number);
      const failedByNumber = Math.max(0, ...outcomes.filter((o) => o.result === 'failed').map((o) => o.number));
      const failures = Math.max(draft.failures, failedByNumber);
      const latest = outcomes[outcomes.length - 1];
      const record: AttemptRecord = {
        reference: draft.reference,
        attempts: draft.attempts,
        failures: Math.min(draft.explicitFailures ?? failures, Math.max(draft.attempts, draft.explicitFailures ?? 0)),
        escalated: draft.escalated,
        position: draft.position,
        recordedAt: draft.holder.position,
        recordedUnder: draft.holder.text,
        outcomes,
        resolved: latest ? latest.result === 'passed' && latest.number >= draft.attempts : draft.lastResult === 'passed',
      };
      const repeated = repeatedCause(outcomes);
      if (repeated) record.repeatedCause = repeated;
      return record;
    });
  }

  private referenceFrame(): Frame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (frame.reference) return frame;
      if (frame.state) return undefined;
    }
    return undefined;
  }

  private heading(node: Heading): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.depth >= node.depth) this.close(this.stack.pop()!);
    const title = plainText(node);
    const frame: Frame = { depth: node.depth, state: false, escalated: false, holder: { position: this.lineStart(this.src.position(node)), text: title } };
    const bare = title.replace(/^[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D\s]+/u, '');
    if (node.depth > 1 && leadingStateWord(bare, { loose: true }) && !hasFeatureMark(bare)) frame.state = true;
    else if (node.depth > 1 || hasFeatureMark(title)) frame.reference = extractReference(title, node.children)?.reference ?? cleanName(title);
    this.pending = undefined;
    if (this.attemptLine(node, title, frame) && this.pending) {
      // `### Attempt 2: …` belongs to the task heading above it; its section holds the attempt's result.
      delete frame.reference;
      frame.attempt = true;
    }
    if (ESCALATED.test(title) && !NOT_ESCALATED.test(title)) frame.escalated = true;
    this.stack.push(frame);
  }

  /** Escalation written anywhere in a task's section counts for the attempts of the task the heading names. */
  private close(frame: Frame): void {
    if (frame.attempt) this.pending = undefined;
    if (!frame.escalated || !frame.reference) return;
    const draft = this.attempts.get(frame.reference);
    if (draft) draft.escalated = true;
  }

  private noteEscalation(text: string): void {
    if (!ESCALATED.test(text) || NOT_ESCALATED.test(text)) return;
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      frame.escalated = true;
      if (frame.reference || frame.state) break;
    }
  }

  private list(list: List): void {
    for (const item of list.children) this.item(item);
  }

  private item(item: ListItem): void {
    const parts = listItemParts(item);
    const text = firstLine(parts.text);
    const line = item.position?.start.line;
    const raw = line !== undefined ? this.src.line(line) : '';
    const label = labelLine(raw);
    if (label && FAILURES_LABEL.test(label.label)) {
      this.failuresLine(label.value);
      return;
    }
    const itemText = itemTextBounded(item);
    this.noteEscalation(itemText);
    if (this.resultLine(text)) return;
    const attempt = this.attemptLine(item, text, undefined, itemText);
    if (attempt) {
      if (line !== undefined) this.attemptLines.add(line);
      this.nestedAttempts(parts.nested, attempt, this.attempts.get(attempt)?.holder);
      return;
    }
    // Attempt lines nested under an item count for that item (`- T012 Add model` / `  - attempt 2 — failed`).
    const reference = parts.nested.length > 0 ? extractReference(text)?.reference : undefined;
    if (reference) this.nestedAttempts(parts.nested, reference, { position: this.lineStart(this.src.position(item)), text });
  }

  private nestedAttempts(lists: List[], reference: string, holder: Holder | undefined): void {
    const queue = [...lists];
    let guard = 0;
    while (queue.length > 0 && guard++ < 1000) {
      const list = queue.shift()!;
      for (const item of list.children) {
        const parts = listItemParts(item);
        const text = firstLine(parts.text);
        if (!this.resultLine(text)) this.attemptLine(item, text, undefined, itemTextBounded(item), reference, undefined, holder);
        for (const item of parts.nested) queue.push(item);
      }
    }
  }

  private paragraph(node: Paragraph): void {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    for (let line = start; line <= end && line < start + 500; line++) {
      const raw = this.src.line(line);
      const label = labelLine(raw);
      if (label && FAILURES_LABEL.test(label.label)) {
        this.failuresLine(label.value);
        continue;
      }
      const text = raw.replace(/[*_`]/gu, '').trim();
      this.noteEscalation(text);
      if (this.resultLine(text)) continue;
      if (this.attemptLine(node, text, undefined, text, undefined, line)) this.attemptLines.add(line);
    }
  }

  private failuresLine(value: string): void {
    const frame = this.referenceFrame();
    const count = /\d{1,3}/u.exec(value);
    if (!frame?.reference || !count) return;
    const draft = this.attempts.get(frame.reference);
    if (draft) draft.explicitFailures = Number(count[0]);
  }

  /** `Result: failed — out of memory` after an attempt that did not say how it went: that attempt's outcome. */
  private resultLine(text: string): boolean {
    const pending = this.pending;
    if (!pending) return false;
    const label = RESULT_LINE.exec(text);
    if (!label) return false;
    const said = readOutcome(text.slice(label[0].length), '');
    if (pending.result === 'unknown') pending.result = said.result;
    if (pending.cause === undefined && said.cause !== undefined) pending.cause = said.cause;
    if (said.sameAsPrevious) pending.sameAsPrevious = true;
    this.pending = undefined;
    return true;
  }

  /**
   * Reads an attempt count from one line. The reference is what the line names before the count,
   * else the list item it is nested in, else the enclosing heading. Returns the reference when it counted.
   */
  private attemptLine(
    node: Node,
    text: string,
    headingFrame: Frame | undefined,
    blockText?: string,
    parentReference?: string,
    line?: number,
    parentHolder?: Holder,
  ): string | undefined {
    const match = countMatch(text);
    if (!match) return undefined;
    const { count } = match;
    const prefix = cleanName(text.slice(0, match.index).replace(/(?<![\s:：—–-])[\s:：—–-]+$/u, ''));
    let reference: string | undefined;
    if (prefix && letterOrDigit(prefix).test(prefix)) {
      reference = findId(prefix, { anywhere: true }) ?? findSpecRef(prefix) ?? (match.allFailed ? undefined : extractReference(prefix)?.reference);
    }
    // `failed twice` counts only after the id it is about: in prose it is a story, not a record.
    if (match.allFailed && !reference) return undefined;
    const lineAt = (): SourcePosition => (line !== undefined ? { file: this.doc.file, line, column: 1 } : this.lineStart(this.src.position(node)));
    let holder: Holder | undefined = reference ? { position: lineAt(), text } : undefined;
    if (!reference && parentReference) {
      reference = parentReference;
      holder = parentHolder;
    }
    if (!reference) {
      const frame = this.referenceFrame();
      reference = frame?.reference;
      holder = frame?.holder;
    }
    if (!reference) {
      if (!headingFrame) {
        const at = line !== undefined ? { file: this.doc.file, line, column: 1 } : this.src.position(node);
        this.diagnostics.push(
          diagnostic(RULE, 'info', 'An attempt count names no task or feature; put it under a heading or after the id it counts (e.g. "T012: attempt 2/3 failed").', at),
        );
      }
      return undefined;
    }
    const rest = text.slice(match.index + match.text.length);
    const said = match.allFailed ? { result: 'failed' as const } : readOutcome(rest, text.slice(0, match.index));
    const failed = said.result === 'failed';
    // `T012 failed 3 times, fixed by pinning the version`: the failures are history.
    const passed = said.result === 'passed' || (match.allFailed && PASSED.test(rest));
    // A retry means the attempt before it failed; the last one counts as failed only when it says so.
    const failures = failed ? count : count - 1;
    const position = line !== undefined ? this.lineMatch(line, match.text) : this.src.locate(node, match.text);
    const scope = blockText ?? text;
    const escalated = ESCALATED.test(scope) && !NOT_ESCALATED.test(scope);
    let draft = this.attempts.get(reference);
    if (draft) {
      if (count >= draft.attempts) {
        draft.attempts = count;
        draft.position = position;
        draft.lastResult = passed ? 'passed' : failed ? 'failed' : undefined;
      }
      draft.failures = Math.max(draft.failures, failures);
      draft.escalated ||= escalated;
    } else {
      draft = { reference, attempts: count, failures, escalated, position, holder: holder ?? { position: lineAt(), text }, outcomes: new Map() };
      if (failed || passed) draft.lastResult = passed ? 'passed' : 'failed';
      this.attempts.set(reference, draft);
    }
    if (match.single) {
      const outcome: AttemptOutcome = { number: count, result: said.result, position };
      if (said.cause !== undefined) outcome.cause = said.cause;
      if (said.sameAsPrevious) outcome.sameAsPrevious = true;
      draft.outcomes.set(count, outcome);
      this.pending = outcome;
    }
    return reference;
  }

  private lineStart(position: SourcePosition): SourcePosition {
    return { file: position.file, line: position.line, column: 1 };
  }

  private lineMatch(line: number, needle: string): SourcePosition {
    const raw = this.src.line(line);
    const at = raw.toLowerCase().indexOf(needle.toLowerCase());
    return { file: this.doc.file, line, column: at < 0 ? 1 : at + 1 };
  }

  private table(table: Table): void {
    if (table.children.length < 2) return;
    const columns = mapColumns(rowCells(table, 0));
    const idColumn = columns.id ?? columns.name;
    if (idColumn === undefined) return;
    const statusColumn = columns.status ?? columns.result;
    if (columns.attempts === undefined && statusColumn === undefined) return;
    for (let r = 1; r < table.children.length; r++) {
      const row = table.children[r]!;
      const cells = rowCells(table, r);
      const cell = cells[idColumn] ?? '';
      if (!cell) continue;
      if (columns.attempts === undefined) {
        // `| T012 | … | Attempt 2/3 — failed: … |`: a task table whose Status cell is the latest attempt.
        const status = cells[statusColumn!] ?? '';
        if (!/^\W{0,4}attempt/iu.test(status)) continue;
        const reference = findId(cell, { anywhere: true });
        const node = row.children[statusColumn!];
        if (reference && node) {
          const holder = { position: this.lineStart(this.src.position(row)), text: cell };
          this.attemptLine(node, status.replace(/^\W+/u, ''), undefined, cells.join(' '), reference, undefined, holder);
        }
        continue;
      }
      const reference = idColumn === columns.id ? (findId(cell, { anywhere: true }) ?? findSpecRef(cell) ?? cleanName(cell)) : extractReference(cell, row.children[idColumn]?.children)?.reference;
      if (reference) this.attemptRow(table, r, columns, reference);
    }
  }

  /** `| T012 | 3 | failed |`: attempts from the count column, failures and escalation from the rest of the row. */
  private attemptRow(table: Table, r: number, columns: ReturnType<typeof mapColumns>, reference: string): void {
    const row = table.children[r]!;
    const cells = rowCells(table, r);
    const countText = cells[columns.attempts!] ?? '';
    const count = /\d{1,3}/u.exec(countText);
    if (!count) return;
    const header = foldTitle(rowCells(table, 0)[columns.attempts!] ?? '');
    const attempts = Number(count[0]) + (header.startsWith('retr') ? 1 : 0);
    const outcome = [columns.result, columns.status].filter((c): c is number => c !== undefined).map((c) => cells[c] ?? '').join(' ');
    const failedOutcome = FAILED.test(outcome) && !(PASSED.test(outcome) && outcome.search(PASSED) < outcome.search(FAILED));
    let failures = failedOutcome ? attempts : Math.max(attempts - 1, 0);
    if (columns.failures !== undefined) {
      const explicit = /\d{1,3}/u.exec(cells[columns.failures] ?? '');
      if (explicit) failures = Number(explicit[0]);
    }
    const escalatedCell = columns.escalated !== undefined ? cells[columns.escalated] ?? '' : '';
    const rowText = cells.join(' ');
    const escalated =
      (columns.escalated !== undefined && /^(?:yes|y|true|✅|✔|escalated)/iu.test(escalatedCell.trim())) ||
      (ESCALATED.test(rowText.replace(escalatedCell, '')) && !NOT_ESCALATED.test(rowText));
    const existing = this.attempts.get(reference);
    const position = this.src.position(row.children[columns.attempts!] ?? row);
    if (existing && existing.attempts > attempts) return;
    const passedOutcome = !failedOutcome && PASSED.test(outcome);
    const holder = existing?.holder ?? { position: this.lineStart(this.src.position(row)), text: cells[columns.id ?? columns.name ?? 0] ?? reference };
    const draft: AttemptDraft = { reference, attempts, failures, escalated: escalated || (existing?.escalated ?? false), position, holder, outcomes: existing?.outcomes ?? new Map() };
    if (failedOutcome || passedOutcome) draft.lastResult = failedOutcome ? 'failed' : 'passed';
    this.attempts.set(reference, draft);
  }
}

/** The count a line gives, if any: `Attempt 2`, `attempt 2/3`, `Attempts: 3`, `3 failed attempts`, `2nd attempt`, `failed twice`. */
function countMatch(text: string): CountMatch | undefined {
  // Every pattern needs one of these words: text without them skips running them.
  const hasAttempt = /attempt|\btry\b/iu.test(text);
  if (hasAttempt) {
    const numbered = ATTEMPT_COUNT.exec(text);
    if (numbered) {
      const count = Number(numbered[1]);
      if (!(count >= 1)) return undefined;
      // `Attempt 2`, `attempt 2/3`: one attempt; `Attempts: 3`: a tally.
      const single = !/^attempts/iu.test(numbered[0]);
      return { index: numbered.index, text: numbered[0], count, single, allFailed: false };
    }
    const before = attemptCountBefore(text).exec(text);
    if (before) {
      const count = Number(before[1]);
      return count >= 1 ? { index: before.index, text: before[0], count, single: false, allFailed: false } : undefined;
    }
    const ordinal = ORDINAL_ATTEMPT.exec(text);
    if (ordinal) {
      const count = ordinal[1] ? ORDINAL_WORDS.indexOf(ordinal[1].toLowerCase()) + 1 : Number(ordinal[2]);
      if (count >= 1) return { index: ordinal.index, text: ordinal[0], count, single: true, allFailed: false };
    }
  }
  if (!/fail/iu.test(text)) return undefined;
  const times = FAILED_TIMES.exec(text);
  if (!times) return undefined;
  const word = times[1] ?? times[2];
  const count = word ? TIMES_WORDS[word.toLowerCase()]! : Number(times[3]);
  return count >= 1 ? { index: times.index, text: times[0], count, single: false, allFailed: true } : undefined;
}

interface SaidOutcome {
  result: AttemptOutcome['result'];
  cause?: string;
  sameAsPrevious?: boolean;
}

/**
 * How an attempt went, from the words after its number (and, when those say nothing, the words before):
 * the first outcome word decides, and what follows a failure is its cause (`failed: unique index missing`,
 * `failed (type errors)`). `Same error.` is a failure with the previous attempt's cause.
 */
function readOutcome(after: string, before: string): SaidOutcome {
  const failIndex = after.search(FAILED);
  const passIndex = after.search(PASSED);
  const same = SAME_AS_BEFORE.test(after);
  if (failIndex >= 0 && (passIndex < 0 || failIndex < passIndex)) {
    const word = FAILED.exec(after.slice(failIndex))![0];
    const said: SaidOutcome = { result: 'failed' };
    if (same) said.sameAsPrevious = true;
    else {
      const cause = causeText(after.slice(failIndex + word.length));
      if (cause) said.cause = cause;
    }
    return said;
  }
  if (same) return { result: 'failed', sameAsPrevious: true };
  if (passIndex >= 0) return { result: 'passed' };
  if (FAILED.test(before)) return { result: 'failed' };
  return { result: 'unknown' };
}

/** The cause written after an outcome word, without the separator or brackets around it. */
function causeText(rest: string): string | undefined {
  let text = rest.trim().replace(/^(?:[:：—–,;.]|-(?=\s))\s*/u, '');
  if (text.startsWith('(')) {
    const close = text.indexOf(')');
    text = close > 0 ? text.slice(1, close) : text.slice(1);
  }
  text = text.trim();
  return text.length > 0 && text.length <= 200 ? text : undefined;
}

/** A cause as compared: case, markup, quotes, spacing, a leading `again`/`still` and trailing punctuation do not matter. */
export function normaliseCause(cause: string): string {
  let text = cause
    .toLowerCase()
    .replace(/[*_`"'“”‘’]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^(?:again|still)\s/u, '');
  // Trailing punctuation, dropped by hand: a `[.;]+$` pattern is quadratic on a long run of dots.
  let end = text.length;
  while (end > 0 && '.;,:!'.includes(text[end - 1]!)) end--;
  text = text.slice(0, end);
  return text.trim();
}

/**
 * Two failures in a row with the same cause (seed 002's "not converging"): the two latest written-out
 * attempts, numbered one after the other, both failed, and their causes are equal once normalised, or the
 * later says it is the same. Only equality counts: govern does not guess that two wordings mean one cause.
 */
function repeatedCause(outcomes: AttemptOutcome[]): AttemptRecord['repeatedCause'] {
  if (outcomes.length < 2) return undefined;
  const last = outcomes[outcomes.length - 1]!;
  const before = outcomes[outcomes.length - 2]!;
  if (last.result !== 'failed' || before.result !== 'failed' || last.number !== before.number + 1) return undefined;
  const cause = causeOf(outcomes, outcomes.length - 2);
  if (cause === undefined) return undefined;
  const lastCause = last.sameAsPrevious ? cause : last.cause;
  if (lastCause === undefined || normaliseCause(lastCause) !== normaliseCause(cause)) return undefined;
  return { cause, positions: [before.position, last.position] };
}

/** An attempt's cause, following `Same error.` back to the attempt that wrote it out. */
function causeOf(outcomes: AttemptOutcome[], index: number): string | undefined {
  for (let i = index; i >= 0; i--) {
    const outcome = outcomes[i]!;
    if (outcome.cause !== undefined && !outcome.sameAsPrevious) return outcome.cause;
    if (!outcome.sameAsPrevious) return undefined;
  }
  return undefined;
}
