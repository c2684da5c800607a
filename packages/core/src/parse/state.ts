import type { Heading, List, ListItem, Node, Paragraph, PhrasingContent, Table } from 'mdast';
import type { AttemptRecord, Diagnostic, ParseResult, SourcePosition, StateEntry, StateFile, StateMark } from '../model/types.js';
import { diagnostic, readWithoutThrowing } from '../model/positions.js';
import { clip, docsUrl } from '../text/messages.js';
import type { MarkdownDocument } from './markdown.js';
import { SourceText } from './state-source.js';
import { leadingStateWord, stateMarkIn, type StateWordMatch } from '../text/state-words.js';
import {
  cleanName,
  entryState,
  extractReference,
  sharedTopics,
  firstLine,
  flattenBlocks,
  foldTitle,
  hasFeatureMark,
  isEmptyMarker,
  labelLine,
  listItemParts,
  mapColumns,
  rowCells,
  findId,
  findSpecRef,
  itemTextBounded,
} from './entry-text.js';
import { findHandoffBlocks, type HandoffBlock } from './handoff.js';
import { NOT_SEQUENCE_TITLE, SEQUENCE_TITLE } from './sequence.js';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';

const RULE = 'govern/parse-state';

/** Words before a section's state that do not change it: `Recently completed`, `Currently in progress`. */
const SECTION_PREFIX = /^(?:recently|currently|now|still|already|being|items?|features?|tasks?|work)\s+/iu;
const STATUS_LABEL = /^(?:status|state|progress|状态|狀態|ステータス)$/iu;
/** Labels that hold a result or a role, not a feature: `Result: passed`, `Owner: @lee`, `Build: done`. */
const NOT_FEATURE_LABEL =
  /^(?:result|outcome|verdict|goal status|goal|evidence|lint|tests?|build|ci|checks?|review|reviewer|owner|next owner|due|next action|note|notes|updated|last updated|date|phase|milestone|priority|attempts?|failures)$/iu;
const FAILURES_LABEL = /^(?:failures|failed attempts|consecutive failures)$/iu;

/** `attempt 3/3`, `Attempts: 2`, `Attempt #2`, `3 failed attempts`. */
const ATTEMPT_COUNT = /\battempts?\s*(?:(?:#|no\.?)\s*)?(?:[:=]\s*)?(\d{1,3})(?:\s*(?:\/|of|out of)\s*(\d{1,3}))?(?!\d)/iu;
const attemptCountBefore = asciiFirst(String.raw`(?<![\p{N}])(\d{1,3})\s+(?:failed\s+|consecutive\s+|unsuccessful\s+)?attempts?\b`, 'iu');
const letter = asciiFirst(String.raw`\p{L}`, 'u');
const letterOrDigit = asciiFirst(String.raw`[\p{L}\p{N}]`, 'u');
const FAILED = /\b(?:fail(?:ed|s|ure|ing)?|errored|error|broken|red|rejected|timed? ?out|crash(?:ed)?)\b|❌|✗|✘/iu;
const PASSED = /\b(?:pass(?:ed|es)?|succeeded|success(?:ful)?|green|ok|fixed|merged|done|resolved)\b|✅|✔/iu;
const ESCALATED = /escalat|needs? (?:a )?human|human (?:review|input|decision) (?:needed|required)|handed (?:back )?to (?:a )?human|stop(?:ped)? and ask/iu;
const NOT_ESCALATED = /\b(?:not|no|never|without)\s+(?:yet\s+)?escalat/iu;

interface Frame {
  depth: number;
  title: string;
  /** The state a section title names (`## In Progress`). */
  state?: StateWordMatch;
  /** The feature or task a heading names, for `Status:` and attempt lines under it. */
  reference?: string;
  /** Whether lists in this section name features (`## Tasks`, `## Roadmap`). */
  listsAreEntries: boolean;
  heading: Heading;
  /** An entry made from the heading itself, replaced by a `Status:` line in its section. */
  entryIndex?: number;
  escalated: boolean;
}

interface AttemptDraft {
  reference: string;
  attempts: number;
  failures: number;
  escalated: boolean;
  position: SourcePosition;
  explicitFailures?: number;
}

/**
 * Reads a state file (status.md, BACKLOG.md, .agent/status.md): per-feature states from state sections,
 * `Status:` lines, tables, checkboxes and marks; handoff blocks; and attempt records for the 3-attempt
 * circuit breaker. Handoff blocks are read only as handoffs. See docs/formats/state.md.
 */
export function parseState(doc: MarkdownDocument): ParseResult<StateFile> {
  const reader = new StateReader(doc);
  readWithoutThrowing(() => reader.read(), reader.diagnostics, RULE, doc.file, 'The state file');
  return {
    value: {
      file: doc.file,
      entries: reader.entries,
      handoffs: reader.handoffs.map((block) => block.handoff),
      attempts: reader.attemptRecords(),
    },
    diagnostics: reader.diagnostics,
  };
}

class StateReader {
  readonly entries: StateEntry[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly handoffs: HandoffBlock[];
  private readonly src: SourceText;
  private readonly topics: ReadonlySet<string>;
  private readonly stack: Frame[] = [];
  private readonly attempts = new Map<string, AttemptDraft>();

  constructor(private readonly doc: MarkdownDocument) {
    this.topics = sharedTopics(doc.tree);
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

  attemptRecords(): AttemptRecord[] {
    return [...this.attempts.values()].map((draft) => ({
      reference: draft.reference,
      attempts: draft.attempts,
      failures: Math.min(draft.explicitFailures ?? draft.failures, Math.max(draft.attempts, draft.explicitFailures ?? 0)),
      escalated: draft.escalated,
      position: draft.position,
    }));
  }

  private sectionState(): StateWordMatch | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (frame.state) return frame.state;
      // A heading that names a feature starts its own scope: states above it do not reach into it.
      if (frame.reference) return undefined;
    }
    return undefined;
  }

  private referenceFrame(): Frame | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (frame.reference) return frame;
      if (frame.state) return undefined;
    }
    return undefined;
  }

  private listsAreEntries(): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const frame = this.stack[i]!;
      if (NOT_SEQUENCE_TITLE.test(foldTitle(frame.title))) return false;
      // The document title only speaks for the text right under it.
      if (frame.listsAreEntries && (frame.depth > 1 || i === this.stack.length - 1)) return true;
    }
    return false;
  }

  private heading(node: Heading): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.depth >= node.depth) this.close(this.stack.pop()!);
    const title = plainText(node);
    const frame: Frame = { depth: node.depth, title, listsAreEntries: false, heading: node, escalated: false };
    const bare = title.replace(/^[\p{Extended_Pictographic}\uFE0E\uFE0F\u200D\s]+/u, '').replace(SECTION_PREFIX, '');
    const state = leadingStateWord(bare, { loose: true });
    const parentState = this.sectionState();
    if (state && node.depth > 1) {
      frame.state = { ...state, raw: state.raw };
      // `### In Progress: Phase 2 — Time tracking` names what is in progress after the colon.
      const after = /^[^:：]{0,30}[:：]\s*(\S.*|\s)$/u.exec(bare);
      if (after && letter(after[1]!).test(after[1]!) && !/^\d+\s*\/\s*\d+/u.test(after[1]!)) {
        const reference = extractReference(after[1]!);
        if (reference) {
          frame.reference = reference.reference;
          frame.entryIndex = this.push(reference.reference, this.markAt(node, state, state.raw));
        }
      }
    } else if (node.depth > 1 || hasFeatureMark(title)) {
      const own = entryState(title);
      const named = hasFeatureMark(title) || own !== undefined || parentState !== undefined;
      if (named) {
        const reference = extractReference(title, node.children);
        if (reference) {
          frame.reference = reference.reference;
          const mark = own ? this.markAt(node, own, own.raw) : parentState ? this.sectionMark(node, parentState) : undefined;
          if (mark) frame.entryIndex = this.push(reference.reference, mark);
        }
      } else {
        // Any heading can carry a `Status:` line for what it names (`## Search` then `**Status**: blocked`).
        frame.reference = cleanName(title);
      }
      if (SEQUENCE_TITLE.test(foldTitle(title)) || /\b(?:tasks|todos?|work items|checklist)\b/iu.test(title)) frame.listsAreEntries = true;
    } else {
      frame.listsAreEntries = SEQUENCE_TITLE.test(foldTitle(title));
    }
    this.attemptLine(node, title, frame);
    if (ESCALATED.test(title) && !NOT_ESCALATED.test(title)) frame.escalated = true;
    this.stack.push(frame);
  }

  /** Escalation written anywhere in a task's section counts for the attempts of the task the heading names. */
  private close(frame: Frame): void {
    if (!frame.escalated || !frame.reference) return;
    const draft = this.attempts.get(frame.reference);
    if (draft) draft.escalated = true;
  }

  private push(reference: string, mark: StateMark): number {
    this.entries.push({ reference, mark });
    return this.entries.length - 1;
  }

  private markAt(node: Node | undefined, match: StateWordMatch, needle: string): StateMark {
    const mark: StateMark = { state: match.state, raw: match.raw, position: this.src.locate(node, needle) };
    if (match.state === 'blocked' && match.rest) mark.reason = match.rest;
    return mark;
  }

  /** A state that comes from the section title: the words are the title's, the place is the entry's. */
  private sectionMark(node: Node, state: StateWordMatch): StateMark {
    return { state: state.state, raw: state.raw, position: this.src.position(node) };
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
    const state = this.sectionState();
    for (const item of list.children) this.item(item, state);
  }

  private item(item: ListItem, sectionState: StateWordMatch | undefined): void {
    const parts = listItemParts(item);
    const text = firstLine(parts.text);
    const line = item.position?.start.line;
    const raw = line !== undefined ? this.src.line(line) : '';
    const label = labelLine(raw);
    if (label && STATUS_LABEL.test(label.label)) {
      this.statusLine(label, line!);
      return;
    }
    if (label && FAILURES_LABEL.test(label.label)) {
      this.failuresLine(label.value);
      return;
    }
    // `Attempt 2 (2025-06-01): failed` is an attempt record, not a feature called "Attempt 2" in state failed.
    if (label && line !== undefined && !/^attempts?\b/iu.test(label.label) && this.labelledState(label, line)) return;
    const itemText = itemTextBounded(item);
    this.noteEscalation(itemText);
    const attempt = this.attemptLine(item, text, undefined, itemText);
    if (attempt) {
      this.nestedAttempts(parts.nested, attempt);
      return;
    }
    if (!text || isEmptyMarker(text)) return;
    const own = entryState(text, item.checked);
    const leadingMark = stateMarkIn(text.slice(0, 4)) !== undefined;
    let mark: StateMark | undefined;
    if (own && (own.raw !== '[ ]' || !sectionState)) {
      mark = this.markAt(item, own, own.raw.startsWith('[') ? '[' : own.raw);
    } else if (sectionState) {
      mark = this.sectionMark(item, sectionState);
    }
    if (!mark) return;
    if (!sectionState && !hasFeatureMark(text) && !leadingMark && !(this.listsAreEntries() && (item.checked === true || item.checked === false))) return;
    const reference = extractReference(text, parts.paragraph?.children as PhrasingContent[] | undefined, { topics: this.topics });
    if (!reference) return;
    this.push(reference.reference, mark);
    // Attempt lines nested under an item count for that item (`- T012 Add model` / `  - attempt 2 — failed`).
    this.nestedAttempts(parts.nested, reference.reference);
  }

  private nestedAttempts(lists: List[], reference: string): void {
    const queue = [...lists];
    let guard = 0;
    while (queue.length > 0 && guard++ < 1000) {
      const list = queue.shift()!;
      for (const item of list.children) {
        const parts = listItemParts(item);
        const text = firstLine(parts.text);
        this.attemptLine(item, text, undefined, itemTextBounded(item), reference);
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
      if (label && STATUS_LABEL.test(label.label)) {
        this.statusLine(label, line);
        continue;
      }
      if (label && FAILURES_LABEL.test(label.label)) {
        this.failuresLine(label.value);
        continue;
      }
      if (label && this.labelledState(label, line)) continue;
      const text = raw.replace(/[*_`]/gu, '').trim();
      this.noteEscalation(text);
      if (this.attemptLine(node, text, undefined, text, undefined, line)) continue;
      // `✅ F-001 Tags` lines: a state mark first, then what it marks.
      const lead = leadingStateWord(text);
      if (lead && stateMarkIn(text.slice(0, 4)) && lead.index <= 2) {
        const reference = extractReference(text.slice(lead.index + lead.length));
        if (reference) {
          const column = raw.indexOf(lead.raw);
          this.push(reference.reference, {
            state: lead.state,
            raw: lead.raw,
            position: { file: this.doc.file, line, column: column < 0 ? 1 : column + 1 },
          });
        }
      }
    }
  }

  /**
   * `- tags: done`, `- F-002: blocked — waiting on keys` (the label names the feature, the value is a state),
   * and `- Blocked: F-005` (the other way round).
   */
  private labelledState(label: NonNullable<ReturnType<typeof labelLine>>, line: number): boolean {
    if (NOT_FEATURE_LABEL.test(label.label)) return false;
    const word = leadingStateWord(label.value);
    if (word && word.index <= 2) {
      const reference = findId(label.label, { anywhere: true }) ?? findSpecRef(label.label) ?? cleanName(label.label);
      if (!reference) return false;
      const mark: StateMark = {
        state: word.state,
        raw: word.raw,
        position: { file: this.doc.file, line, column: label.valueIndex + word.index + 1 },
      };
      if (word.state === 'blocked' && word.rest) mark.reason = word.rest;
      this.push(reference, mark);
      return true;
    }
    const named = leadingStateWord(label.label);
    if (named && named.rest === '' && label.value) {
      const reference = extractReference(label.value);
      if (!reference) return false;
      this.push(reference.reference, {
        state: named.state,
        raw: named.raw,
        position: { file: this.doc.file, line, column: label.labelIndex + named.index + 1 },
      });
      return true;
    }
    return false;
  }

  /** `Status: blocked — waiting on API keys` for the feature the enclosing heading names. */
  private statusLine(label: NonNullable<ReturnType<typeof labelLine>>, line: number): void {
    const frame = this.referenceFrame();
    const word = leadingStateWord(label.value);
    const position: SourcePosition = { file: this.doc.file, line, column: label.valueIndex + (word?.index ?? 0) + 1 };
    if (!frame?.reference) return;
    if (!word) {
      if (label.value && !isEmptyMarker(label.value) && !/^[<[]/u.test(label.value)) {
        this.diagnostics.push(
          diagnostic(
            RULE,
            'info',
            `Status "${clip(label.value, 40)}" of ${frame.reference} is not a state govern knows; write done, in progress, blocked, todo or cancelled (see ${docsUrl('formats/state.md')}).`,
            position,
          ),
        );
      }
      return;
    }
    const mark: StateMark = { state: word.state, raw: word.raw, position };
    if (word.state === 'blocked' && word.rest) mark.reason = word.rest;
    if (frame.entryIndex !== undefined) this.entries[frame.entryIndex] = { reference: frame.reference, mark };
    else frame.entryIndex = this.push(frame.reference, mark);
  }

  private failuresLine(value: string): void {
    const frame = this.referenceFrame();
    const count = /\d{1,3}/u.exec(value);
    if (!frame?.reference || !count) return;
    const draft = this.attempts.get(frame.reference);
    if (draft) draft.explicitFailures = Number(count[0]);
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
  ): string | undefined {
    // Both patterns need the word: text without it skips compiling them.
    if (!/attempt/iu.test(text)) return undefined;
    const match = ATTEMPT_COUNT.exec(text) ?? attemptCountBefore(text).exec(text);
    if (!match) return undefined;
    const count = Number(match[1]);
    if (!Number.isFinite(count) || count < 1) return undefined;
    const prefix = cleanName(text.slice(0, match.index).replace(/(?<![\s:：—–-])[\s:：—–-]+$/u, ''));
    let reference: string | undefined;
    if (prefix && letterOrDigit(prefix).test(prefix)) {
      reference = findId(prefix, { anywhere: true }) ?? findSpecRef(prefix) ?? extractReference(prefix)?.reference;
    }
    reference ??= parentReference ?? this.referenceFrame()?.reference;
    if (!reference) {
      if (!headingFrame) {
        const at = line !== undefined ? { file: this.doc.file, line, column: 1 } : this.src.position(node);
        this.diagnostics.push(
          diagnostic(RULE, 'info', 'An attempt count names no task or feature; put it under a heading or after the id it counts (e.g. "T012: attempt 2/3 failed").', at),
        );
      }
      return undefined;
    }
    const after = text.slice(match.index + match[0].length);
    const failIndex = after.search(FAILED);
    const passIndex = after.search(PASSED);
    const before = text.slice(0, match.index);
    const failed = (failIndex >= 0 && (passIndex < 0 || failIndex < passIndex)) || (failIndex < 0 && passIndex < 0 && FAILED.test(before));
    const passed = !failed && passIndex >= 0;
    // A retry means the attempt before it failed; the last one counts as failed only when it says so.
    const failures = failed ? count : passed ? count - 1 : count - 1;
    const position = line !== undefined ? this.lineMatch(line, match[0]) : this.src.locate(node, match[0]);
    const scope = blockText ?? text;
    const escalated = ESCALATED.test(scope) && !NOT_ESCALATED.test(scope);
    const existing = this.attempts.get(reference);
    if (existing) {
      if (count >= existing.attempts) {
        existing.attempts = count;
        existing.position = position;
      }
      existing.failures = Math.max(existing.failures, failures);
      existing.escalated ||= escalated;
    } else {
      this.attempts.set(reference, { reference, attempts: count, failures, escalated, position });
    }
    return reference;
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
    const sectionState = this.sectionState();
    for (let r = 1; r < table.children.length; r++) {
      const row = table.children[r]!;
      const cells = rowCells(table, r);
      let column = idColumn;
      if (columns.id !== undefined && isEmptyMarker(cells[columns.id] ?? '') && columns.name !== undefined) column = columns.name;
      const cell = cells[column] ?? '';
      if (!cell || isEmptyMarker(cell)) continue;
      const reference =
        column === columns.id
          ? findId(cell, { anywhere: true }) ?? findSpecRef(cell) ?? cleanName(cell)
          : extractReference(cell, row.children[column]?.children)?.reference;
      if (!reference) continue;
      if (columns.attempts !== undefined) this.attemptRow(table, r, columns, reference);
      if (columns.status !== undefined) {
        const statusCell = cells[columns.status] ?? '';
        const word = leadingStateWord(statusCell);
        if (word) this.push(reference, this.markAt(row.children[columns.status], word, word.raw));
        else if (statusCell && !isEmptyMarker(statusCell) && columns.attempts === undefined) {
          this.diagnostics.push(
            diagnostic(
              RULE,
              'info',
              `Status "${clip(statusCell, 40)}" of ${reference} is not a state govern knows; write done, in progress, blocked, todo or cancelled (see ${docsUrl('formats/state.md')}).`,
              this.src.position(row.children[columns.status]),
            ),
          );
        }
      } else if (sectionState && columns.attempts === undefined) {
        this.push(reference, this.sectionMark(row, sectionState));
      }
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
    this.attempts.set(reference, { reference, attempts, failures, escalated: escalated || (existing?.escalated ?? false), position });
  }
}
