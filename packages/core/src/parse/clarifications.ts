import type { Code, ListItem, Node, Parent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { Located, SourcePosition } from '../model/types.js';
import type { MarkdownDocument } from './markdown.js';
import { locate } from './source-text.js';

/**
 * Which `[NEEDS CLARIFICATION …]` markers of a spec are open questions in the spec's own words.
 *
 * Spec Kit's template writes the marker into its own instructions (`Use [NEEDS CLARIFICATION:
 * specific question] for any assumption`), into the review checklist (`- [ ] No [NEEDS
 * CLARIFICATION] markers remain`) and into two example requirements; authors strike out or defer
 * requirements that still hold one. None of those is a question anybody still has to answer. See
 * docs/rules/spec-clarifications-resolved.md for the whole list.
 */

export interface Clarifications {
  /** The open questions, each at its marker's `[`. */
  open: Located<string>[];
  /** A ticked checklist item saying no marker remains (`- [x] No [NEEDS CLARIFICATION] markers remain`). */
  claimedNoneAt?: SourcePosition;
}

const MARKER = /\[NEEDS CLARIFICATION/gi;
/** The longest question read; a marker left unclosed for longer is not one. */
const MAX_QUESTION = 2000;

/**
 * Question texts that are the template's, not an author's: its instruction (`specific question`)
 * and its two example requirements, compared after lower-casing and collapsing white space.
 */
const TEMPLATE_QUESTIONS: ReadonlySet<string> = new Set([
  '',
  'question',
  'specific question',
  'your question',
  '...',
  '…',
  'auth method not specified - email/password, sso, oauth?',
  'retention period not specified',
]);

/** Fence info strings that still hold prose: Spec Kit's Execution Flow block has none. */
const PROSE_FENCES: ReadonlySet<string> = new Set(['', 'text', 'txt', 'plain', 'plaintext']);

/** Words around a marker that say its requirement was put off, in the languages specs are written in. */
const DEFERRAL_PHRASES: readonly string[] = [
  'deferred',
  'defer to',
  'postponed',
  'out of scope',
  'not in scope',
  "won't do",
  'wont do',
  'later phase',
  'future phase',
  'next phase',
  'zurückgestellt',
  'verschoben',
  'adiado',
  'aplazado',
  'diferido',
  'reporté',
  'différé',
  '延后',
  '延後',
  '延期',
  '後回し',
  '보류',
  'отложено',
  'отложен',
];

/** What encloses a marker, as far as deciding whether it is a question goes. */
interface Context {
  /** Inside a heading, struck-through text, code, a comment, front matter or a link definition. */
  ignored: boolean;
  /** Inside a fenced block without a programming language: one line of it is the marker's sentence. */
  fence: boolean;
  /** The nearest task-list item (`- [ ]`, `- [x]`) around the marker. */
  taskItem?: ListItem;
  /** The nearest block whose text is the marker's sentence (paragraph, table cell, fence). */
  block?: Node;
}

const IGNORED: ReadonlySet<string> = new Set(['heading', 'delete', 'inlineCode', 'html', 'yaml', 'definition']);

function offsets(node: Node): [number, number] | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  return start === undefined || end === undefined ? undefined : [start, end];
}

/** Index of the first of the sorted `at` that is `>= from`. */
function firstFrom(at: readonly number[], from: number): number {
  let low = 0;
  let high = at.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (at[mid]! < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Lower case, white space collapsed, a trailing `?` kept (the template's example ends in one). */
function normalised(question: string): string {
  return question.replace(/\s+/g, ' ').trim().toLowerCase();
}

function deferred(sentence: string): boolean {
  const folded = sentence.toLowerCase();
  return DEFERRAL_PHRASES.some((phrase) => folded.includes(phrase));
}

/** "Marker" in the languages specs are written in: `无 [NEEDS CLARIFICATION] 标记` ("no … markers"). */
const MARKER_WORDS: readonly string[] = ['marker', 'marcador', 'marqueur', 'markierung', 'маркер', 'метк', '标记', '標記', '标识', 'マーカー', 'マーク', '마커', '표시'];

/**
 * Whether a bare marker is named rather than used: followed by a colon (`If any [NEEDS
 * CLARIFICATION]: warn`) or by the word "marker(s)" (`No [NEEDS CLARIFICATION] markers remain`).
 */
function mentioned(text: string, from: number): boolean {
  let i = from;
  while (text[i] === ' ' || text[i] === '\t' || text[i] === '*' || text[i] === '_' || text[i] === '"' || text[i] === '”' || text[i] === '」') i++;
  if (text[i] === ':' || text[i] === '：') return true;
  const after = text.slice(i, i + 10).toLowerCase();
  return MARKER_WORDS.some((word) => after.startsWith(word));
}

/** The line around `offset`, for a marker in a fenced block. */
function lineAround(text: string, offset: number): [number, number] {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  return [start, end];
}

/** Finds the markers of a spec and keeps the open questions. Linear in the text and the tree. */
export function findClarifications(doc: MarkdownDocument, starts: readonly number[]): Clarifications {
  const found: Clarifications = { open: [] };
  const text = doc.text;
  const at: number[] = [];
  MARKER.lastIndex = 0;
  for (let match = MARKER.exec(text); match; match = MARKER.exec(text)) at.push(match.index);
  if (at.length === 0) return found;

  // Once a spec records a clarification session (`## Clarifications` over `- Q: … → A: …`), the markers in its
  // Execution Flow block are the log of the run that raised the questions; the session answered them.
  const clarified = recordsClarifications(doc);
  const contexts = new Map<number, Context>();
  // Only the branches that hold a marker are walked; siblings are skipped by a binary search.
  const stack: Array<{ node: Node; context: Context }> = [{ node: doc.tree, context: { ignored: false, fence: false } }];
  while (stack.length > 0) {
    const { node, context: outer } = stack.pop()!;
    const range = offsets(node);
    if (!range) continue;
    const first = firstFrom(at, range[0]);
    if (first >= at.length || at[first]! >= range[1]) continue;
    const context: Context = { ...outer };
    if (IGNORED.has(node.type)) context.ignored = true;
    if (node.type === 'code') {
      const lang = ((node as Code).lang ?? '').toLowerCase();
      if (PROSE_FENCES.has(lang)) context.fence = true;
      else context.ignored = true;
    }
    if (node.type === 'listItem' && typeof (node as ListItem).checked === 'boolean') context.taskItem = node as ListItem;
    if (node.type === 'paragraph' || node.type === 'tableCell' || node.type === 'code') context.block = node;
    const children = (node as Parent).children;
    if (Array.isArray(children) && children.length > 0) {
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, context });
      // A marker between children (in a list item's own markup) keeps the context it had here.
    }
    for (let i = first; i < at.length && at[i]! < range[1]; i++) contexts.set(at[i]!, context);
  }

  for (const offset of at) {
    const context = contexts.get(offset);
    if (!context || context.ignored || (context.fence && clarified)) continue;
    const close = readMarker(text, offset);
    if (!close) continue;
    if (context.taskItem) {
      // A checklist item speaks about the spec's markers; it is never one itself.
      if (context.taskItem.checked === true && close.question === undefined) found.claimedNoneAt ??= { file: doc.file, ...locate(starts, offsetOf(context.taskItem)) };
      continue;
    }
    if (close.question === undefined) {
      if (mentioned(text, close.end)) continue;
    } else if (TEMPLATE_QUESTIONS.has(normalised(close.question))) continue;
    const sentence = context.fence ? lineAround(text, offset) : context.block ? offsets(context.block) : undefined;
    if (sentence && deferred(text.slice(sentence[0], offset) + text.slice(close.end, sentence[1]))) continue;
    const { line, column } = locate(starts, offset);
    found.open.push({
      value: (close.question ?? '').replace(/\s+/g, ' ').trim(),
      position: { file: doc.file, line, column },
    });
  }
  return found;
}

/** `## Clarifications` in the languages specs are written in. */
const CLARIFICATIONS_TITLE = /^(?:clarifications?|clarificações|esclarecimentos|aclaraciones|clarificaciones|klärungen|précisions|уточнения|澄清|澄清事项|澄清事項|明確化|명확화)(?!\p{L})/iu;

/** Whether the spec has a Clarifications section whose first lines answer a question (`Q: … → A: …`). */
function recordsClarifications(doc: MarkdownDocument): boolean {
  const blocks = doc.tree.children;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.type !== 'heading' || block.depth > 2 || !CLARIFICATIONS_TITLE.test(toString(block).trim())) continue;
    for (let j = i + 1; j < blocks.length && j < i + 8; j++) {
      const next = blocks[j]!;
      if (next.type === 'heading' && next.depth <= block.depth) break;
      if (toString(next).split(/\r\n|\r|\n/u).some(answersQuestion)) return true;
    }
  }
  return false;
}

/** `Q: How long are drafts kept? → A: 30 days`: one question of a session and its answer. */
function answersQuestion(line: string): boolean {
  return /^\s*Q\s*[:：]/u.test(line) && /(?:→|->)\s*A\s*[:：]/u.test(line);
}

function offsetOf(node: Node): number {
  return node.position?.start.offset ?? 0;
}

/** The marker at `offset`: its question (undefined for a bare `[NEEDS CLARIFICATION]`) and the offset after its `]`. */
function readMarker(text: string, offset: number): { question?: string; end: number } | undefined {
  let i = offset + '[NEEDS CLARIFICATION'.length;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === ']') return { end: i + 1 };
  if (text[i] !== ':' && text[i] !== '：') return undefined;
  // Bounded, so that a file of unclosed markers is not read to its end once per marker.
  const limit = Math.min(text.length, i + 1 + MAX_QUESTION);
  for (let close = i + 1; close < limit; close++) {
    if (text[close] === ']') return { question: text.slice(i + 1, close), end: close + 1 };
  }
  return undefined;
}
