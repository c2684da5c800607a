import type { List, ListItem, Nodes, Paragraph, RootContent, Table } from 'mdast';
import type { Diagnostic, Located, SourcePosition, StateMark } from '../model/types.js';
import { diagnostic, positionOf } from '../model/positions.js';
import { FEATURE_ID, labelLine, labelOf, type PartKind } from './product-ids.js';
import { dependencyReferences, rawLines, sentences, splice, stripInline, type RawLine } from './product-text.js';
import { leadingStateWord, stateMarkIn } from '../text/state-words.js';
import { plainText } from '../text/plain-text.js';

/**
 * Reads the labelled parts of one feature's section: definition, acceptance criteria, boundary
 * conditions, dependencies and status, whether written as label lines, sub-headings or `Label:` bullets.
 */

export interface FeatureParts {
  definition?: Located<string>;
  /** `label` when a Definition/Description label said so; `first` when it is the section's first paragraph. */
  definitionSource?: 'label' | 'first' | 'name';
  acceptanceCriteria: Located<string>[];
  boundaryConditions: Located<string>[];
  dependencies: Located<string>[];
  status?: StateMark;
}

export interface PartsContext {
  file: string;
  source: string;
  diagnostics: Diagnostic[];
  /** The feature's id or title, for messages. */
  name: string;
}

/** Where the reader is: inside a labelled part, in a section it ignores, or in unlabelled text. */
type Current = PartKind | 'ignore' | undefined;

interface ReaderState {
  parts: FeatureParts;
  current: Current;
}

/** Nesting of blockquotes and lists the reader follows; deeper text is not part of a feature's parts. */
const MAX_DEPTH = 6;

/** `**Priority**:`, `**Valeur user** :`, `_Owner_:` — a label the parser does not know; its text is no part. */
const OTHER_LABEL = /^(?:(\*\*|__)[^*_\n]{1,60}?\1\s*[:：]|(\*\*|__)[^*_\n]{1,60}?[:：]\2)/;

export function emptyParts(): FeatureParts {
  return { acceptanceCriteria: [], boundaryConditions: [], dependencies: [] };
}

/** Reads a run of block nodes (a heading's section, or a list item's children) into `parts`. */
export function readParts(nodes: readonly RootContent[], context: PartsContext, parts: FeatureParts = emptyParts(), start: Current = undefined): FeatureParts {
  const state: ReaderState = { parts, current: start };
  readBlocks(nodes, context, state, 0);
  return parts;
}

function readBlocks(nodes: readonly RootContent[], context: PartsContext, state: ReaderState, depth: number): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'heading':
        state.current = labelOf(plainText(node)) ?? 'ignore';
        break;
      case 'paragraph':
        readParagraph(rawLines(context.source, node), node, context, state);
        break;
      case 'list':
        readList(node, context, state, depth);
        break;
      case 'blockquote':
        if (depth < MAX_DEPTH) readBlocks(node.children, context, state, depth + 1);
        break;
      case 'table':
        readKeyValueTable(node, context, state);
        break;
      default:
        break;
    }
  }
}

/**
 * A paragraph's lines, split where a label starts a line. Text before the first label belongs to the
 * part being read; a label with text after it holds that text (and the lines that continue it); a label
 * alone on its line opens a part that the following paragraphs and lists fill.
 */
function readParagraph(lines: RawLine[], node: Paragraph | undefined, context: PartsContext, state: ReaderState, leading?: PartKind): void {
  let run: { kind: Current; inline: boolean; labelled: boolean; pieces: RawLine[] } = {
    kind: leading ?? state.current,
    inline: leading !== undefined,
    labelled: leading !== undefined,
    pieces: [],
  };
  const flush = (): void => {
    const whole = node !== undefined && run.pieces.length === lines.length;
    if (run.pieces.length > 0 || run.labelled) applyRun(run.kind, run.inline, run.pieces, whole ? node : undefined, context, state);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const label = labelLine(line.text);
    if (label) {
      flush();
      const value = line.text.slice(label.valueIndex);
      const pieces = value.trim().length > 0 ? [{ text: value, line: line.line, column: line.column + label.valueIndex }] : [];
      run = { kind: label.kind, inline: pieces.length > 0, labelled: true, pieces };
      continue;
    }
    if (OTHER_LABEL.test(line.text)) {
      flush();
      run = { kind: 'ignore', inline: true, labelled: true, pieces: [] };
      continue;
    }
    run.pieces.push(line);
  }
  flush();
}

function applyRun(kind: Current, inline: boolean, pieces: RawLine[], node: Paragraph | undefined, context: PartsContext, state: ReaderState): void {
  const spliced = splice(pieces);
  const hasText = spliced.text.trim().length > 0;
  if (kind === 'ignore') {
    state.current = inline ? undefined : 'ignore';
    return;
  }
  if (kind === undefined) {
    // Unlabelled text before any label: the first paragraph is the definition.
    if (hasText && !state.parts.definition) {
      const value = node ? plainText(node) : stripInline(spliced.text);
      const at = spliced.positionAt(0);
      if (value.length > 0) {
        state.parts.definition = { value, position: { file: context.file, line: at.line, column: at.column } };
        state.parts.definitionSource = 'first';
      }
    }
    return;
  }
  if (hasText) addText(kind, spliced, context, state, 'paragraph');
  // A label with its value on the same line is complete; a bare label opens a part for what follows.
  state.current = inline ? undefined : kind;
}

function addText(
  kind: PartKind,
  spliced: ReturnType<typeof splice>,
  context: PartsContext,
  state: ReaderState,
  from: 'paragraph' | 'item',
  itemPosition?: SourcePosition,
  plain?: string,
): void {
  const { parts } = state;
  const at = (index: number): SourcePosition => {
    const p = spliced.positionAt(index);
    return { file: context.file, line: p.line, column: p.column };
  };
  switch (kind) {
    case 'definition': {
      const value = plain ?? stripInline(spliced.text);
      if (value.length === 0) return;
      if (parts.definition && parts.definitionSource === 'label') {
        parts.definition.value += (from === 'item' ? '\n' : '\n\n') + value;
      } else {
        parts.definition = { value, position: itemPosition ?? at(0) };
        parts.definitionSource = 'label';
      }
      return;
    }
    case 'acceptance':
    case 'boundary': {
      const list = kind === 'acceptance' ? parts.acceptanceCriteria : parts.boundaryConditions;
      if (from === 'item') {
        const value = plain !== undefined ? withoutTick(plain) : withoutTick(stripInline(spliced.text));
        if (value.length > 0) list.push({ value, position: itemPosition ?? at(0) });
      } else {
        for (const sentence of sentences(spliced, context.file)) list.push(sentence);
      }
      return;
    }
    case 'dependencies':
      for (const item of dependencyReferences(spliced, 0, FEATURE_ID, context.file)) parts.dependencies.push(item);
      return;
    case 'status':
      if (!parts.status) readStatus(spliced, context, parts);
      return;
  }
}

/** A criterion's words without its checkbox or tick: `[x] ✓ Calendar shows 7 days` → `Calendar shows 7 days`. */
function withoutTick(text: string): string {
  return text.replace(/^\s*\[[ xX~/-]\]\s*/, '').replace(/^[✓✔☑✅⬜❌✗✘☐]\uFE0F?\s*/u, '').trim();
}

function readStatus(spliced: ReturnType<typeof splice>, context: PartsContext, parts: FeatureParts): void {
  const text = spliced.text;
  const match = leadingStateWord(text, { loose: true }) ?? stateMarkIn(text);
  if (!match) {
    const words = stripInline(text);
    if (words.length > 0) {
      const at = spliced.positionAt(0);
      context.diagnostics.push(
        diagnostic(
          'govern/parse-product',
          'info',
          `The status of feature ${context.name} ("${words.slice(0, 60)}") is not a state govern knows; write Done, In progress, Blocked, Todo or Cancelled (or ✅ 🚧 ⛔ ⬜).`,
          { file: context.file, line: at.line, column: at.column },
        ),
      );
    }
    return;
  }
  const at = spliced.positionAt(match.index);
  const mark: StateMark = { state: match.state, raw: match.raw, position: { file: context.file, line: at.line, column: at.column } };
  const reason = cleanReason(match.rest);
  if (match.state === 'blocked' && reason.length > 0) mark.reason = reason;
  parts.status = mark;
}

/** A blocked state's reason, without the emoji variation selectors a mark may leave behind. */
export function cleanReason(rest: string): string {
  return stripInline(rest.replace(/[\uFE0E\uFE0F\u200D]/g, ''));
}

function readList(list: List, context: PartsContext, state: ReaderState, depth: number): void {
  for (const item of list.children) readItem(item, context, state, depth);
}

function readItem(item: ListItem, context: PartsContext, state: ReaderState, depth: number): void {
  const first = item.children[0];
  const lines = first?.type === 'paragraph' ? rawLines(context.source, first) : [];
  const label = lines[0] ? labelLine(lines[0].text.replace(/^\s*\[[ xX~/-]\]\s*/, (m) => ' '.repeat(m.length)).trimStart()) : undefined;
  if (label && first?.type === 'paragraph') {
    // `- **Acceptance criteria**:` with its criteria nested, or `- Depends on: F-001`.
    const saved = state.current;
    const inner: ReaderState = { parts: state.parts, current: undefined };
    const offset = lines[0]!.text.length - lines[0]!.text.replace(/^\s*\[[ xX~/-]\]\s*/, (m) => ' '.repeat(m.length)).trimStart().length;
    const value = lines[0]!.text.slice(offset + label.valueIndex);
    const rest: RawLine[] = [];
    if (value.trim().length > 0) rest.push({ text: value, line: lines[0]!.line, column: lines[0]!.column + offset + label.valueIndex });
    for (const item of lines.slice(1)) rest.push(item);
    if (rest.length > 0) applyLabelItemText(label.kind, rest, item, context, inner);
    inner.current = label.kind;
    if (depth < MAX_DEPTH) readBlocks(item.children.slice(1), context, inner, depth + 1);
    state.current = saved;
    return;
  }
  if (first?.type === 'paragraph' && OTHER_LABEL.test(lines[0]?.text ?? '')) return;
  const kind = state.current;
  const task = typeof item.checked === 'boolean' || /^\s*\[[ xX]\]/.test(lines[0]?.text ?? '');
  const target: Current = kind ?? (task ? 'acceptance' : undefined);
  if (target === undefined || target === 'ignore' || lines.length === 0) return;
  // The item's own words, code spans kept as written (`**a**` stays `**a**`).
  const plain = first?.type === 'paragraph' ? plainText(first) : undefined;
  addText(target, splice(lines), context, state, 'item', positionOf(item, context.file), plain);
}

function applyLabelItemText(kind: PartKind, pieces: RawLine[], item: ListItem, context: PartsContext, state: ReaderState): void {
  const spliced = splice(pieces);
  if (spliced.text.trim().length === 0) return;
  if (kind === 'acceptance' || kind === 'boundary') {
    addText(kind, spliced, context, state, 'paragraph');
    return;
  }
  addText(kind, spliced, context, state, 'paragraph', kind === 'definition' ? undefined : positionOf(item, context.file));
}

/** `| Field | Value |` tables whose first column holds labels: `| Status | Done |`, `| Depends on | F-001 |`. */
function readKeyValueTable(table: Table, context: PartsContext, state: ReaderState): void {
  for (const row of table.children) {
    const [key, value] = row.children;
    if (!key || !value) continue;
    const kind = labelOf(plainText(key));
    if (!kind) continue;
    const lines = rawLines(context.source, value as Nodes);
    if (lines.length === 0) continue;
    const trimmed = lines.map((line) => {
      const lead = line.text.length - line.text.replace(/^[\s|]+/, '').length;
      return { text: line.text.slice(lead).replace(/(?<![\s|])[\s|]+$/, ''), line: line.line, column: line.column + lead };
    });
    addText(kind, splice(trimmed), context, state, 'paragraph');
  }
}

/** Reads the text of a first paragraph after a list item's name as an inline definition, then any labels on later lines. */
export function readItemFirstParagraph(lines: RawLine[], context: PartsContext, parts: FeatureParts): PartKind | 'ignore' | undefined {
  const state: ReaderState = { parts, current: undefined };
  readParagraph(lines, undefined, context, state, 'definition');
  if (parts.definition && parts.definitionSource === 'label') parts.definitionSource = 'name';
  return state.current;
}
