import type { Handoff, HandoffField, HandoffFieldName, MarkdownDocument } from '@govern/core';
import type { Nodes, RootContent } from 'mdast';
import { sourceLines } from './lines.js';

/** The contract's field names as people write them, for messages. */
export const FIELD_TITLES: Readonly<Record<HandoffFieldName, string>> = {
  goalStatus: 'Goal status',
  evidence: 'Evidence',
  diffScope: 'Diff scope',
  riskNote: 'Risk note',
  nextOwner: 'Next owner',
  nextActionDue: 'Next action due',
};

export function handoffName(handoff: Handoff): string {
  return `${handoff.from} -> ${handoff.to}`;
}

/** One source line of a field: its 1-based number and text (for the label line, only what follows the label). */
export interface FieldLine {
  line: number;
  /** 1-based column where `text` starts. */
  column: number;
  text: string;
}

/** A handoff with the source lines it covers, so rules can read what the parser keeps only as plain text. */
export interface HandoffSource {
  handoff: Handoff;
  /** Last line of the block (1-based, inclusive). */
  endLine: number;
  lines: string[];
}

/**
 * Where each handoff block ends: the parser does not expose it, so it is found the way the parser
 * bounds a block (the next handoff, a heading of the same or a higher level, a thematic break after a
 * paragraph head).
 */
export function handoffSources(doc: MarkdownDocument, handoffs: Handoff[]): HandoffSource[] {
  const lines = sourceLines(doc.text);
  const blocks = topBlocks(doc.tree.children);
  // The blocks' first lines, in document order: each handoff looks at the blocks of its own lines only,
  // found by binary search, so thousands of handoffs cost one pass over the blocks, not one each.
  const starts = blocks.map((b) => b.position?.start.line ?? 0);
  const heads = handoffs.map((h) => h.position.line);
  return handoffs.map((handoff, index) => {
    const start = handoff.position.line;
    let end = index + 1 < heads.length ? heads[index + 1]! - 1 : lines.length;
    const first = firstAtOrAfter(starts, start);
    const head = starts[first] === start ? blocks[first] : undefined;
    const depth = head?.type === 'heading' ? head.depth : undefined;
    for (let i = firstAtOrAfter(starts, start + 1); i < blocks.length && starts[i]! <= end; i++) {
      const block = blocks[i]!;
      const closes =
        block.type === 'heading' ? depth === undefined || block.depth <= depth : depth === undefined && block.type === 'thematicBreak';
      if (closes) {
        end = starts[i]! - 1;
        break;
      }
    }
    while (end > start && (lines[end - 1] ?? '').trim() === '') end--;
    return { handoff, endLine: end, lines };
  });
}

/** The first index of the ascending `starts` whose value is at least `line` (`starts.length` when none). */
function firstAtOrAfter(starts: readonly number[], line: number): number {
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]! < line) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Block nodes in document order, lists and block quotes included with their contents left in place. */
function topBlocks(children: RootContent[]): RootContent[] {
  const out: RootContent[] = [];
  // A stack of what is left, next on top: no shifting of a long queue, no spreading of a long list.
  const stack: RootContent[] = [];
  for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    if (node.type === 'blockquote') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

function allFields(handoff: Handoff): HandoffField[] {
  const list: HandoffField[] = [];
  for (const field of Object.values(handoff.fields)) if (field) list.push(field);
  for (const item of handoff.otherFields) list.push(item);
  return list.sort((a, b) => a.position.line - b.position.line);
}

/**
 * The raw lines a field covers: its own line from the value on, then every line up to the next
 * field of the block (nested items, wrapped lines, fenced output).
 */
export function fieldLines(source: HandoffSource, field: HandoffField): FieldLine[] {
  const fields = allFields(source.handoff);
  const next = fields.find((f) => f.position.line > field.position.line);
  const last = next ? next.position.line - 1 : source.endLine;
  const out: FieldLine[] = [];
  const first = source.lines[field.position.line - 1] ?? '';
  const colon = first.slice(field.position.column - 1).search(/[:：]/u);
  if (colon >= 0) {
    let start = field.position.column - 1 + colon + 1;
    // `**Evidence:**` closes its bold after the colon.
    while (start < first.length && /[*_\s]/u.test(first[start]!)) start++;
    out.push({ line: field.position.line, column: start + 1, text: first.slice(start) });
  }
  for (let line = field.position.line + 1; line <= last; line++) out.push({ line, column: 1, text: source.lines[line - 1] ?? '' });
  return out;
}

/** A field's whole text, one line per source line. */
export function fieldText(source: HandoffSource, field: HandoffField): string {
  return fieldLines(source, field)
    .map((l) => l.text)
    .join('\n');
}

const ANGLE_PLACEHOLDER = /<[^<>\n]{1,80}>/gu;

/** Text with template placeholders, Markdown emphasis and list bullets taken out. */
export function meaningful(text: string): string {
  return text
    .replace(ANGLE_PLACEHOLDER, ' ')
    .replace(/^[^\S\n\r\u2028\u2029]*(?:[-*+]|\d{1,3}[.)])\s+(?:\[[ xX]\]\s+)?/gmu, '')
    .replace(/[*_~]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Whether a field's text is only template text: placeholders (`<list>`) or the status menu. */
export function onlyPlaceholders(text: string): boolean {
  if (/^\s*\w+(?:\s*\|\s*\w+){1,5}\s*$/u.test(text.replace(/[*_`]/gu, ''))) return true;
  const stripped = text.replace(/`[^`\n]*`/gu, 'code');
  return ANGLE_PLACEHOLDER.test(stripped) && !/[\p{L}\p{N}]/u.test(meaningful(stripped).replace(/^[\p{L} ]{1,30}[:：]/u, ''));
}

/** Whether the text has words in it, after labels, placeholders and markup are removed. */
export function hasContent(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(meaningful(text));
}

/** Column (1-based) of `needle` on a source line, or `fallback`. */
export function columnOf(lines: string[], line: number, needle: string, fallback: number): number {
  if (!needle) return fallback;
  const at = (lines[line - 1] ?? '').indexOf(needle);
  return at < 0 ? fallback : at + 1;
}

/** Where a field's value starts, for reports about the value rather than the label. */
export function valueLocation(source: HandoffSource, field: HandoffField): { line: number; column: number } {
  const first = fieldLines(source, field)[0];
  if (first && first.text.trim() !== '') {
    const lead = first.text.length - first.text.trimStart().length;
    return { line: first.line, column: first.column + lead };
  }
  return { line: field.position.line, column: field.position.column };
}
