import type { Heading, List, ListItem, Node, Paragraph, PhrasingContent, Table } from 'mdast';
import type { Diagnostic, Located, ParseResult, Sequence, SequenceEntry, StateMark } from '../model/types.js';
import { diagnostic, readWithoutThrowing } from '../model/positions.js';
import { clip, docsUrl } from '../text/messages.js';
import type { MarkdownDocument } from './markdown.js';
import { SourceText } from './state-source.js';
import { leadingStateWord } from '../text/state-words.js';
import {
  cleanName,
  entryState,
  extractReference,
  sharedTopics,
  findDependencies,
  findId,
  findSpecRef,
  firstLine,
  flattenBlocks,
  foldTitle,
  hasFeatureMark,
  isEmptyMarker,
  labelLine,
  listItemParts,
  mapColumns,
  rowCells,
  splitDependencies,
  stripLead,
} from './entry-text.js';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';

const RULE = 'govern/parse-sequence';

/** Headings that group entries into a phase: `Phase 1: Foundation`, `Milestone 2`, `Wave 1`, `P0`, `High priority`. */
const PHASE_TITLE =
  /^(?:\d{1,3}[.)]\s*)?(?:(?:phase|milestone|wave|stage|sprint|iteration|release|epic|increment|horizon|quarter|part|tier)\s*(?:#?v?\d+|[ivx]+\b|one\b|two\b|three\b|four\b|five\b|[a-z]\b)|(?:phase|milestone|wave|stage|sprint|epic|release|iteration)\s*[:—–-]|(?:post[- ])?mvp\b|v\d+(?:\.\d+)*\b|q[1-4]\b|p\d\b|priority\s*\d|(?:high|medium|low|critical|top|urgent)\s+priority\b|(?:must|should|could|won't)\s+have\b|(?:now|next|later|soon|someday)$|阶段|階段|里程碑|フェーズ|第.{1,3}(?:阶段|階段|期))/u;

/** Section titles that announce a sequence: the lists, tables and feature headings beneath are its entries. */
export const SEQUENCE_TITLE =
  /\b(?:sequence|order|roadmap|backlog|features|feature (?:list|plan|queue|order|sequence|roadmap|backlog|set)|phases|milestones|(?:development|implementation|delivery|release|feature|build) plan|next up|up next|what'?s next|coming next|waves|epics|queue|priorities|iterations|sprints|work items|deliverables)\b|路线图|路線圖|开发顺序|開發順序|功能列表|ロードマップ|バックログ/u;

/** Section titles that are about something else even inside a sequence section. */
export const NOT_SEQUENCE_TITLE =
  /^(?:\d{1,3}[.)]\s*)?(?:notes?|decisions?|decision log|references?|summary|overview|context|background|rationale|open questions|questions|risks?|assumptions|glossary|links|changelog|history|definition of done|acceptance criteria|prerequisites|requirements|setup|installation|install|getting started|how to use|usage|conventions|workflow|guidelines|state files|configuration|troubleshooting|contributing|license|legend|status legend|key)\b/u;

const priorityPattern = asciiFirst(String.raw`(?<![\p{L}\p{N}])(P\d)(?![\p{L}\p{N}])|priority\s*[:#]?\s*(\d|high|medium|low|critical)|(high|medium|low|critical|urgent)\s+priority`, 'iu');
/** What every match of PRIORITY contains, under the same flags: titles without it skip compiling it. */
const PRIORITY_WORD = /p\d|priority/iu;

/** A priority written on the entry itself: `[P0] F-012`, `F-015 Nutrition facts (P0)`, `P1: Search`. */
const PRIORITY_TAG = /[([](P\d)[)\]]|^(P\d)\s*[:—–-]/u;

const DEPENDENCY_LABEL = /^(?:depends on|depends|dependencies|dependency|requires|required|after|blocked by|prerequisites?|needs|依赖|依賴)$/iu;
const STATUS_LABEL = /^(?:status|state|progress|状态|狀態|ステータス)$/iu;
const PRIORITY_LABEL = /^(?:priority|prio)$/iu;

interface Frame {
  depth: number;
  title: string;
  sequence: boolean;
  stop: boolean;
  phase?: string;
  priority?: string;
  entry?: Draft;
  /** Drafts when the section opened, to tell an empty sequence section. */
  startCount: number;
  heading: Heading;
}

interface Draft {
  reference: string;
  label: string;
  state?: StateMark;
  phase?: string;
  priority?: string;
  dependencies: Located<string>[];
  position: SequenceEntry['position'];
}

interface Context {
  inSequence: boolean;
  phase?: string;
  priority?: string;
  entry?: Draft;
}

/**
 * Reads the feature sequence of a DEVELOPMENT.md or BACKLOG.md: ordered entries from lists, checklists,
 * tables, phase headings and per-feature headings. A setup guide has no sequence and gets no diagnostic.
 * See docs/formats/sequence.md for what is recognised and how sequence lists are told from setup steps.
 */
export function parseSequence(doc: MarkdownDocument): ParseResult<Sequence> {
  const reader = new SequenceReader(doc);
  readWithoutThrowing(() => reader.read(), reader.diagnostics, RULE, doc.file, 'The sequence');
  const entries: SequenceEntry[] = reader.drafts.map((draft, index) => {
    const entry: SequenceEntry = {
      index,
      reference: draft.reference,
      label: draft.label,
      dependencies: draft.dependencies,
      position: draft.position,
    };
    if (draft.state) entry.state = draft.state;
    if (draft.phase) entry.phase = draft.phase;
    if (draft.priority) entry.priority = draft.priority;
    return entry;
  });
  return { value: { file: doc.file, entries }, diagnostics: reader.diagnostics };
}

class SequenceReader {
  readonly drafts: Draft[] = [];
  readonly diagnostics: Diagnostic[] = [];
  private readonly src: SourceText;
  private readonly topics: ReadonlySet<string>;
  private readonly stack: Frame[] = [];

  constructor(private readonly doc: MarkdownDocument) {
    this.topics = sharedTopics(doc.tree);
    this.src = new SourceText(doc);
  }

  read(): void {
    for (const block of flattenBlocks(this.doc.tree.children)) {
      if (block.type === 'heading') this.heading(block);
      else if (block.type === 'list') this.list(block, this.context(), false);
      else if (block.type === 'table') this.table(block, this.context());
      else if (block.type === 'paragraph') this.paragraph(block, this.context());
    }
    while (this.stack.length > 0) this.close(this.stack.pop()!);
  }

  private context(): Context {
    const context: Context = { inSequence: false };
    for (let i = 0; i < this.stack.length; i++) {
      const frame = this.stack[i]!;
      const top = i === this.stack.length - 1;
      if (frame.stop) {
        context.inSequence = false;
        delete context.phase;
        delete context.priority;
        continue;
      }
      // The document title only makes the text right under it a sequence, not every later section.
      if ((frame.sequence || frame.phase) && (frame.depth > 1 || top)) context.inSequence = true;
      if (frame.phase) context.phase = frame.phase;
      if (frame.priority) context.priority = frame.priority;
      if (frame.entry) context.entry = frame.entry;
    }
    return context;
  }

  private heading(node: Heading): void {
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.depth >= node.depth) this.close(this.stack.pop()!);
    const context = this.context();
    const title = plainText(node);
    const folded = foldTitle(title);
    const frame: Frame = { depth: node.depth, title, sequence: false, stop: false, startCount: this.drafts.length, heading: node };
    if (context.entry) {
      // A heading inside a feature's own section is part of that feature (`#### Acceptance`).
      this.stack.push(frame);
      return;
    }
    const priority = PRIORITY_WORD.test(title) ? priorityPattern(title).exec(title) : null;
    if (PHASE_TITLE.test(folded)) {
      frame.phase = cleanName(title);
      if (priority) frame.priority = priority[1] ?? priority[2] ?? priority[3] ?? '';
    } else if (SEQUENCE_TITLE.test(folded)) {
      frame.sequence = true;
    } else if (NOT_SEQUENCE_TITLE.test(folded)) {
      frame.stop = context.inSequence;
    } else if (context.inSequence && node.depth > 1) {
      if (this.isFeatureHeading(title)) frame.entry = this.headingEntry(node, title, context);
      else frame.phase = cleanName(title);
    }
    this.stack.push(frame);
  }

  private isFeatureHeading(title: string): boolean {
    return (
      /^\d{1,3}[.)]?\s/u.test(title) ||
      /^(?:feature|feat|step|item|story)\s*#?\d/iu.test(title) ||
      hasFeatureMark(title) ||
      entryState(title) !== undefined
    );
  }

  private headingEntry(node: Heading, title: string, context: Context): Draft | undefined {
    const reference = extractReference(title, node.children);
    if (!reference) return undefined;
    const draft: Draft = { reference: reference.reference, label: title, dependencies: [], position: this.src.position(node) };
    this.applyContext(draft, context);
    const state = entryState(title);
    if (state) draft.state = this.mark(node, state.raw, state.state);
    this.inlineDependencies(draft, title, node);
    this.drafts.push(draft);
    return draft;
  }

  private close(frame: Frame): void {
    if (frame.sequence && /\bsequence\b/u.test(foldTitle(frame.title)) && this.drafts.length === frame.startCount) {
      this.diagnostics.push(
        diagnostic(
          RULE,
          'info',
          `Section "${frame.title}" has no list, table or feature headings to read as a sequence; write one entry per line, e.g. "1. F-001 Tags".`,
          this.src.position(frame.heading),
        ),
      );
    }
  }

  private applyContext(draft: Draft, context: Context): void {
    if (context.phase) draft.phase = context.phase;
    if (context.priority) draft.priority = context.priority;
  }

  private list(list: List, context: Context, forced: boolean): void {
    if (context.entry) {
      this.entryBody(list, context.entry);
      return;
    }
    const items = list.children;
    if (!forced && !context.inSequence) {
      // Outside a sequence section a list is a sequence only when most items start by naming a feature.
      let marked = 0;
      for (const item of items) if (hasFeatureMark(firstLine(listItemParts(item).text))) marked++;
      if (marked === 0 || marked * 2 < items.length) return;
    }
    for (const item of items) this.item(item, context);
  }

  private item(item: ListItem, context: Context): void {
    const parts = listItemParts(item);
    const text = firstLine(parts.text);
    if (isEmptyMarker(text) && item.checked !== true && item.checked !== false) return;
    // `- **Phase 1**` with features nested under it: the item is a phase, its children the entries.
    if (parts.nested.length > 0 && PHASE_TITLE.test(foldTitle(stripLead(text))) && !hasFeatureMark(text)) {
      const phase = cleanName(text);
      for (const nested of parts.nested) this.list(nested, { ...context, phase, inSequence: true }, true);
      return;
    }
    const reference = extractReference(text, parts.paragraph?.children as PhrasingContent[] | undefined, { topics: this.topics });
    if (!reference) return;
    const draft: Draft = {
      reference: reference.reference,
      label: cleanLabel(text),
      dependencies: [],
      position: this.src.position(item),
    };
    this.applyContext(draft, context);
    const tag = PRIORITY_TAG.exec(text);
    if (tag) draft.priority = tag[1] ?? tag[2] ?? draft.priority ?? '';
    const state = entryState(text, item.checked);
    if (state) {
      draft.state = this.mark(item, state.raw, state.state, state.raw.startsWith('[') ? '[' : undefined);
      if (state.state === 'blocked' && state.rest) draft.state.reason = state.rest;
    }
    this.inlineDependencies(draft, text, parts.paragraph ?? item);
    if (parts.paragraph) this.labelLines(parts.paragraph, draft, true);
    for (const nested of parts.nested) this.entryBody(nested, draft);
    this.drafts.push(draft);
  }

  private inlineDependencies(draft: Draft, text: string, node: Node): void {
    const found = findDependencies(text);
    if (!found) return;
    for (const dependency of found.dependencies) {
      draft.dependencies.push({ value: dependency.value, position: this.src.locate(node, dependency.value) });
    }
  }

  /** Nested items and paragraphs under an entry: `Status:` and `Depends on:` lines. */
  private entryBody(list: List, draft: Draft): void {
    const queue: List[] = [list];
    let guard = 0;
    while (queue.length > 0 && guard++ < 2000) {
      const current = queue.shift()!;
      for (const item of current.children) {
        const parts = listItemParts(item);
        if (parts.paragraph) this.labelLines(parts.paragraph, draft, false);
        for (const item of parts.nested) queue.push(item);
      }
    }
  }

  private paragraph(node: Paragraph, context: Context): void {
    if (context.entry) this.labelLines(node, context.entry, false);
  }

  /** `Status: done`, `**Dependencies**: F-001, F-002`, `Priority: P1` lines of a node, read as written. */
  private labelLines(node: Node, draft: Draft, skipFirst: boolean): void {
    const start = node.position?.start.line;
    const end = node.position?.end.line;
    if (start === undefined || end === undefined) return;
    for (let line = start + (skipFirst ? 1 : 0); line <= end && line < start + 200; line++) {
      const raw = this.src.line(line);
      const found = labelLine(raw);
      if (!found) continue;
      if (STATUS_LABEL.test(found.label)) {
        const word = leadingStateWord(found.value);
        if (word) {
          draft.state = {
            state: word.state,
            raw: word.raw,
            position: { file: this.doc.file, line, column: found.valueIndex + word.index + 1 },
          };
          if (word.state === 'blocked' && word.rest) draft.state.reason = word.rest;
        } else if (found.value && !/^[<[]/u.test(found.value)) {
          this.unknownState(found.value, draft.reference, { file: this.doc.file, line, column: found.valueIndex + 1 });
        }
      } else if (DEPENDENCY_LABEL.test(found.label)) {
        for (const dependency of splitDependencies(found.value, 0)) {
          draft.dependencies.push({
            value: dependency.value,
            position: { file: this.doc.file, line, column: found.valueIndex + dependency.index + 1 },
          });
        }
      } else if (PRIORITY_LABEL.test(found.label) && found.value) {
        draft.priority = cleanName(found.value);
      }
    }
  }

  private table(table: Table, context: Context): void {
    if (context.entry || table.children.length < 2) return;
    const columns = mapColumns(rowCells(table, 0));
    if (columns.id === undefined && columns.name === undefined) return;
    if (columns.status === undefined && columns.order === undefined && !context.inSequence) return;
    for (let r = 1; r < table.children.length; r++) {
      const row = table.children[r]!;
      const cells = rowCells(table, r);
      // An empty id cell (`—`) falls back to the name column.
      const idCell = columns.id !== undefined ? cells[columns.id] ?? '' : '';
      const useId = columns.id !== undefined && idCell !== '' && !isEmptyMarker(idCell);
      const column = useId ? columns.id! : columns.name;
      if (column === undefined) continue;
      const refCell = cells[column] ?? '';
      if (!refCell || isEmptyMarker(refCell)) continue;
      const reference = useId
        ? findId(refCell, { anywhere: true }) ?? findSpecRef(refCell) ?? cleanName(refCell)
        : extractReference(refCell, row.children[column]?.children)?.reference;
      if (!reference) continue;
      const labelParts = [columns.id, columns.name]
        .filter((c): c is number => c !== undefined)
        .sort((a, b) => a - b)
        .map((c) => cells[c] ?? '')
        .filter((cell) => !isEmptyMarker(cell));
      const draft: Draft = {
        reference,
        label: [...new Set(labelParts.filter(Boolean))].join(' — ') || refCell,
        dependencies: [],
        position: this.src.position(row),
      };
      this.applyContext(draft, context);
      if (columns.phase !== undefined && cells[columns.phase]) draft.phase = cleanName(cells[columns.phase]!);
      if (columns.priority !== undefined && cells[columns.priority]) draft.priority = cleanName(cells[columns.priority]!);
      if (columns.status !== undefined) {
        const cell = cells[columns.status] ?? '';
        const cellNode = row.children[columns.status];
        const word = leadingStateWord(cell);
        if (word) {
          draft.state = this.mark(cellNode, word.raw, word.state);
          if (word.state === 'blocked' && word.rest) draft.state.reason = word.rest;
        } else if (cell && !isEmptyMarker(cell)) {
          this.unknownState(cell, reference, this.src.position(cellNode));
        }
      } else {
        const state = entryState(refCell);
        if (state) draft.state = this.mark(row.children[column], state.raw, state.state);
      }
      if (columns.dependencies !== undefined) {
        const cellNode = row.children[columns.dependencies];
        for (const dependency of splitDependencies(cells[columns.dependencies] ?? '', 0)) {
          draft.dependencies.push({ value: dependency.value, position: this.src.locate(cellNode, dependency.value) });
        }
      } else {
        this.inlineDependencies(draft, refCell, row.children[column] ?? row);
      }
      this.drafts.push(draft);
    }
  }

  private mark(node: Node | undefined, raw: string, state: StateMark['state'], needle?: string): StateMark {
    return { state, raw, position: this.src.locate(node, needle ?? raw) };
  }

  private unknownState(value: string, reference: string, position: SequenceEntry['position']): void {
    this.diagnostics.push(
      diagnostic(
        RULE,
        'info',
        `Status "${clip(value, 40)}" of ${reference} is not a state govern knows; write done, in progress, blocked, todo or cancelled (see ${docsUrl('formats/state.md')}).`,
        position,
      ),
    );
  }
}

/** The entry's words for display: checkbox text and surrounding markup off. */
function cleanLabel(text: string): string {
  const label = text.replace(/^\s*\[[ xX/~-]\]\s*/u, '').replace(/\s+/gu, ' ').trim();
  return clip(label, 300);
}
