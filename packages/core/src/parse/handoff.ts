import type { Heading, List, ListItem, Node, Paragraph, RootContent } from 'mdast';
import type { Handoff, HandoffField, HandoffFieldName, Located, ParseResult } from '../model/types.js';
import type { MarkdownDocument } from './markdown.js';
import { SourceText } from './state-source.js';
import { firstLine, flattenBlocks, labelLine, listItemParts } from './entry-text.js';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * Handoff blocks (`### Handoff: builder -> verifier` and the five-field contract under it) in any Markdown:
 * status.md, a PR body, an issue comment. See docs/formats/state.md#handoffs.
 */

/** `Handoff: a -> b`, `Hand-off — a → b`, `Handover: a to b`. The lanes are what surrounds the arrow. */
const HANDOFF_HEAD = /^\s*(?:hand[- ]?off|handover)\b\s*(?:[:：—–-]\s*)?(.{1,120}?)\s*(?:->|→|=>|⟶|➡️?|➔|—>|\sto\s)\s*(.{1,120}?)\s*[:.]?\s*$/iu;

/**
 * HANDOFF_HEAD, compiled only for text that has the word it starts with, on the text with each run of
 * whitespace made one space (a head is one line; the lanes are cleaned that way anyway): the expression
 * tries every split of a long run of spaces between its lazy lanes and the spaces around them.
 */
function matchHead(text: string): RegExpExecArray | null {
  return /hand/iu.test(text) ? HANDOFF_HEAD.exec(text.replace(/\s+/gu, ' ')) : null;
}

const FIELD_LABELS: ReadonlyArray<readonly [HandoffFieldName, RegExp]> = [
  ['goalStatus', /^(?:goal status|goal|status|goal state|state|outcome)$/iu],
  ['evidence', /^(?:evidence|verification|checks|proof|test evidence|verification evidence)$/iu],
  ['diffScope', /^(?:diff scope|scope|diff|changes|changed files|files changed|change scope)$/iu],
  ['riskNote', /^(?:risk note|risk notes|risks?|risk and rollback|rollback)$/iu],
  ['nextOwner', /^(?:next owner|owner|assignee|next lane|assigned to|handed to)$/iu],
  ['nextActionDue', /^(?:next action due|next action|due|deadline|next check[- ]?in|timebox|due by|next action due by)$/iu],
];

/** Tags that are HTML in a PR body, not template placeholders. */
const HTML_TAGS = new Set([
  'br', 'br/', 'details', 'summary', 'sub', 'sup', 'img', 'a', 'b', 'i', 'u', 'em', 'strong', 'code', 'kbd', 'p', 'div',
  'span', 'hr', 'pre', 'table', 'tr', 'td', 'th', 'ul', 'ol', 'li', 'small', 'mark', 's', 'del', 'ins', 'picture',
  'source', 'video', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'center', 'dl', 'dt', 'dd',
]);

/** Placeholders written in angle brackets: `<list>`, `<pass/fail + command>`, `<person/role/lane>`. */
const ANGLE = /<([^<>\n]{1,80})>/gu;
/** The template's choice list left as the value: `done | partial | blocked`. */
const choices = asciiFirst(String.raw`^\s*[\p{L} -]{1,20}(?:\s*\|\s*[\p{L} -]{1,20}){1,5}\s*$`, 'u');

export interface HandoffBlock {
  handoff: Handoff;
  /** First and last source line of the block, for parsers that must not read it as anything else. */
  startLine: number;
  endLine: number;
}

/** Every handoff block in a document with its value. */
export function parseHandoffs(doc: MarkdownDocument): ParseResult<Handoff[]> {
  return { value: findHandoffBlocks(doc).map((block) => block.handoff), diagnostics: [] };
}

/** The handoff blocks with their line ranges. */
export function findHandoffBlocks(doc: MarkdownDocument): HandoffBlock[] {
  const src = new SourceText(doc);
  const blocks = flattenBlocks(doc.tree.children);
  const found: HandoffBlock[] = [];
  /** The headings above the current block, by depth: the nearest one may name the feature. */
  const enclosing: Heading[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    const head = handoffHead(block);
    if (!head) {
      if (block.type === 'heading') {
        while (enclosing.length > 0 && enclosing[enclosing.length - 1]!.depth >= block.depth) enclosing.pop();
        enclosing.push(block);
      }
      continue;
    }
    if (head.depth !== undefined) while (enclosing.length > 0 && enclosing[enclosing.length - 1]!.depth >= head.depth) enclosing.pop();
    const parent = enclosing[enclosing.length - 1];
    if (!head.feature && parent) head.feature = { value: plainText(parent).trim(), position: src.position(parent) };
    let end = i + 1;
    while (end < blocks.length) {
      const node = blocks[end]!;
      if (handoffHead(node)) break;
      if (node.type === 'heading' && (head.depth === undefined || node.depth <= head.depth)) break;
      if (head.depth === undefined && node.type === 'thematicBreak') break;
      end++;
    }
    found.push(readBlock(src, head, blocks.slice(i + 1, end), blocks[i]!));
    i = end - 1;
  }
  return found;
}

interface Head {
  from: string;
  to: string;
  node: Heading | Paragraph;
  /** Heading depth; undefined for a paragraph head, which ends at the next heading. */
  depth?: number;
  /** A feature reference in the head, or the enclosing heading's text. */
  feature?: Located<string>;
}

/** A reference to a feature or task: one word holding a digit (`F-001`, `002-tags`, `T012`). */
const REFERENCE_WORD = /^[\p{L}\p{N}][\p{L}\p{N}._/-]{0,60}$/u;

/**
 * The receiving lane and a feature reference written after it: `verify (F-001)`, `verify — F-001`. Only a
 * one-word reference with a digit counts, so `verify (@kim)` keeps its words.
 */
function laneAndFeature(to: string): { to: string; feature?: string } {
  let inner: string | undefined;
  let lane = to;
  if (to.endsWith(')')) {
    const open = to.lastIndexOf('(');
    if (open > 0) {
      inner = to.slice(open + 1, -1).trim();
      lane = to.slice(0, open).trim();
    }
  } else {
    const dash = Math.max(to.lastIndexOf(' — '), to.lastIndexOf(' – '));
    if (dash > 0) {
      inner = to.slice(dash + 3).trim();
      lane = to.slice(0, dash).trim();
    }
  }
  if (inner === undefined || lane === '' || !REFERENCE_WORD.test(inner) || !/\d/u.test(inner)) return { to };
  return { to: lane, feature: inner };
}

function handoffHead(node: RootContent): Head | undefined {
  if (node.type === 'heading') {
    const match = matchHead(plainText(node));
    if (!match) return undefined;
    return withFeature({ from: cleanLane(match[1]!), to: cleanLane(match[2]!), node, depth: node.depth });
  }
  if (node.type === 'paragraph') {
    const first = node.children[0];
    // A paragraph head is a bold line (`**Handoff: a -> b**`) or a line of its own (`Handoff: a -> b`).
    const text = first && (first.type === 'strong' || first.type === 'emphasis') ? plainText(first) : firstLine(plainTextLines(node));
    const match = matchHead(text);
    if (!match) return undefined;
    return withFeature({ from: cleanLane(match[1]!), to: cleanLane(match[2]!), node });
  }
  return undefined;
}

function withFeature(head: Head): Head {
  const { to, feature } = laneAndFeature(head.to);
  if (feature === undefined) return head;
  const position = head.node.position?.start;
  head.to = to;
  head.feature = { value: feature, position: { file: '', line: position?.line ?? 1, column: position?.column ?? 1 } };
  return head;
}

/** Plain text keeping line breaks, so the first line can be told from the rest. */
function plainTextLines(node: Paragraph): string {
  let out = '';
  for (const child of node.children) {
    if (child.type === 'break') out += '\n';
    else if (child.type === 'text') out += child.value;
    else out += plainText(child);
  }
  return out;
}

function cleanLane(lane: string): string {
  return lane.replace(/[*_`]/gu, '').replace(/\s+/gu, ' ').trim();
}

/** Fields that name the feature a handoff is for. */
const FEATURE_FIELD = /^(?:feature|spec|task|feature id)$/iu;

function fieldName(label: string): HandoffFieldName | undefined {
  const folded = label.replace(/[*_`]/gu, '').replace(/\s+/gu, ' ').trim();
  for (const [name, pattern] of FIELD_LABELS) if (pattern.test(folded)) return name;
  return undefined;
}

function readBlock(src: SourceText, head: Head, body: RootContent[], headNode: RootContent): HandoffBlock {
  const handoff: Handoff = {
    from: head.from,
    to: head.to,
    position: src.position(head.node),
    fields: {},
    otherFields: [],
    placeholders: [],
  };
  const scanLines = new Set<number>();
  const addLines = (node: Node): void => {
    const a = node.position?.start.line;
    const b = node.position?.end.line;
    if (a === undefined || b === undefined) return;
    for (let line = a; line <= b && line < a + 500; line++) scanLines.add(line);
  };
  addLines(headNode);
  let pending: HandoffField | undefined;

  const addField = (field: HandoffField): void => {
    const name = fieldName(field.label);
    if (name && !handoff.fields[name]) handoff.fields[name] = field;
    else handoff.otherFields.push(field);
    pending = field;
  };

  const fromLine = (line: number): HandoffField | undefined => {
    const found = labelLine(src.line(line));
    if (!found) return undefined;
    return {
      label: found.label.replace(/[*_`]/gu, '').trim(),
      value: found.value,
      items: [],
      position: { file: src.file, line, column: found.labelIndex + 1 },
    };
  };

  const collectItems = (lists: List[], field: HandoffField): void => {
    const queue = [...lists];
    let guard = 0;
    while (queue.length > 0 && guard++ < 1000) {
      const list = queue.shift()!;
      for (const item of list.children) {
        const parts = listItemParts(item);
        const text = firstLine(parts.text);
        if (text) field.items.push({ value: text, position: src.position(item) });
        for (const item of parts.nested) queue.push(item);
      }
    }
  };

  const headLine = head.node.position?.start.line;
  if (head.node.type === 'paragraph' && headLine !== undefined) {
    // Fields written as lines of the head's own paragraph (`**Handoff: a -> b**  \nGoal status: done`).
    const last = head.node.position?.end.line ?? headLine;
    for (let line = headLine + 1; line <= last; line++) {
      const field = fromLine(line);
      if (field) addField(field);
    }
  }

  for (const node of body) {
    if (node.type === 'list') {
      addLines(node);
      for (const item of node.children) readItem(item);
    } else if (node.type === 'paragraph') {
      addLines(node);
      const a = node.position?.start.line ?? 0;
      const b = node.position?.end.line ?? a;
      let any = false;
      for (let line = a; line <= b && line < a + 200; line++) {
        const field = fromLine(line);
        if (field) {
          addField(field);
          any = true;
        }
      }
      if (!any) pending = undefined;
    } else if (node.type === 'heading') {
      addLines(node);
      const field: HandoffField = { label: plainText(node), value: '', items: [], position: src.position(node) };
      addField(field);
    }
  }

  function readItem(item: ListItem): void {
    const parts = listItemParts(item);
    const line = item.position?.start.line;
    const field = line !== undefined ? fromLine(line) : undefined;
    if (field) {
      addField(field);
      collectItems(parts.nested, field);
      return;
    }
    // A plain item after a bare label (`**Evidence:**` then a list) belongs to that label.
    const text = firstLine(parts.text);
    if (pending && text) {
      pending.items.push({ value: text, position: src.position(item) });
      collectItems(parts.nested, pending);
    }
  }

  handoff.placeholders = placeholders(src, [...scanLines].sort((a, b) => a - b), handoff);
  const declared = handoff.otherFields.find((f) => FEATURE_FIELD.test(f.label) && f.value.trim() !== '');
  if (declared) handoff.feature = { value: declared.value.replace(/[*_`]/gu, '').trim(), position: declared.position };
  else if (head.feature) handoff.feature = { value: head.feature.value, position: { ...head.feature.position, file: src.file } };
  const endLine = body.reduce((n, node) => Math.max(n, node.position?.end.line ?? 0), headLine ?? 1);
  return { handoff, startLine: headLine ?? 1, endLine };
}

function placeholders(src: SourceText, lines: number[], handoff: Handoff): Located<string>[] {
  const out: Located<string>[] = [];
  for (const line of lines) {
    // Inline code is a command, where `<file>` is an argument rather than template text.
    const raw = src.line(line).replace(/`[^`\n]*`/gu, (code) => ' '.repeat(code.length));
    ANGLE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = ANGLE.exec(raw)) !== null) {
      const inner = match[1]!.trim();
      const tag = inner.replace(/^\//u, '').split(/[\s>]/u)[0]!.toLowerCase();
      if (HTML_TAGS.has(tag) || inner.startsWith('!--') || /:\/\/|^mailto:|@/u.test(inner) || inner.length === 0) continue;
      out.push({ value: match[0], position: { file: src.file, line, column: match.index + 1, endLine: line, endColumn: match.index + match[0].length + 1 } });
    }
  }
  for (const field of [...Object.values(handoff.fields), ...handoff.otherFields]) {
    if (!field || !field.value.includes('|') || !choices(field.value).test(field.value)) continue;
    const options = field.value.split('|').map((option) => option.trim().toLowerCase());
    // `done | partial | blocked` is the template's menu, not an answer; a table row would not be in a value.
    if (options.filter((option) => /^(?:done|partial|blocked|pass|fail|yes|no|todo|in progress)$/u.test(option)).length < 2) continue;
    const raw = src.line(field.position.line);
    const at = raw.indexOf(field.value);
    out.push({
      value: field.value,
      position: { file: src.file, line: field.position.line, column: at < 0 ? field.position.column : at + 1 },
    });
  }
  return out.sort((a, b) => a.position.line - b.position.line || a.position.column - b.position.column);
}
