import type { Heading, List, ListItem, Node, Paragraph, PhrasingContent, Root, RootContent, Strong } from 'mdast';
import type { Located, ScopeBlock, SourcePosition } from '../model/types.js';
import { positionOf } from '../model/positions.js';
import { toString } from 'mdast-util-to-string';
import { plainText } from '../text/plain-text.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * The `## Scope` block of a spec or dispatch prompt: what is In scope, what is Out of scope, and the Open questions.
 * Labels come as sub-headings (`### Out of scope`), bold labels (`**In scope:** ...`, then a list), or
 * `Label:` bullets (`- Out of scope: billing`, or a bullet with a nested list).
 */

type Part = 'inScope' | 'outOfScope' | 'openQuestions';

/** A label, an optional note in parentheses (`(v1)`, `(later phases)`), an optional colon, then the rest. */
const labelPattern = asciiFirst(String.raw`^[\s*_]*(in[\s-]?scope|out[\s-]of[\s-]scope|not[\s-]in[\s-]scope|non[\s-]?goals?|open[\s-]questions?)(?![\p{L}\p{N}])[\s*_]*(?:\([^()]*\))?[\s*_]*([:：])?[\s*_]*`, 'iu');

const scopeHeading = asciiFirst(String.raw`(?:^|[^\p{L}])scope(?![\p{L}])|范围|範圍|範囲|スコープ`, 'iu');

interface LabelMatch {
  part: Part;
  /** The text after the label, colon and decoration. */
  rest: string;
  /** Where `rest` starts in the text matched. */
  restIndex: number;
  colon: boolean;
}

function partOf(word: string): Part {
  const w = word.toLowerCase();
  if (w.startsWith('open')) return 'openQuestions';
  if (w.startsWith('in')) return 'inScope';
  return 'outOfScope';
}

export function matchLabel(text: string): LabelMatch | undefined {
  const match = labelPattern(text).exec(text);
  if (!match) return undefined;
  return { part: partOf(match[1]!), rest: text.slice(match[0].length).trim(), restIndex: match[0].length, colon: match[2] !== undefined };
}

class Collector {
  readonly block: Omit<ScopeBlock, 'position'> = {
    inScope: [],
    outOfScope: [],
    openQuestions: [],
    present: { inScope: false, outOfScope: false, openQuestions: false },
  };
  firstLabel: SourcePosition | undefined;

  constructor(readonly file: string) {}

  label(part: Part, position: SourcePosition): void {
    this.block.present[part] = true;
    this.firstLabel ??= position;
  }

  item(part: Part, value: string, position: SourcePosition): void {
    const text = value.trim();
    if (text !== '') this.block[part].push({ value: text, position } satisfies Located<string>);
  }
}

/** The text of a list item's own first paragraph: the item as a reader names it. */
function itemText(item: ListItem): { text: string; node: Node } {
  const first = item.children[0];
  if (first?.type === 'paragraph') return { text: plainText(first), node: first };
  // An item that opens with a nested list has no text of its own; reading the list would walk it to any depth.
  if (first === undefined || first.type === 'list') return { text: '', node: item };
  return { text: plainText(first), node: first };
}

/** A position `index` characters into the first line of `node`'s text, for inline values after a label. */
function shifted(node: Node, file: string, index: number): SourcePosition {
  const base = positionOf(node, file);
  return { file, line: base.line, column: base.column + index };
}

/**
 * Bold labels inside a paragraph: `**In scope:** a, b. **Out of scope:** c.` Returns the labels in order with
 * the text that follows each; `undefined` when the paragraph holds no bold label.
 */
function boldLabels(paragraph: Paragraph, file: string): Array<{ part: Part; rest: string; labelPos: SourcePosition; restPos: SourcePosition }> | undefined {
  const found: Array<{ part: Part; rest: string; labelPos: SourcePosition; restPos: SourcePosition }> = [];
  const children: PhrasingContent[] = paragraph.children;
  let current: (typeof found)[number] | undefined;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'strong') {
      const label = matchLabel(plainText(child as Strong));
      if (label && label.rest === '') {
        const next = children[i + 1];
        const lead = next?.type === 'text' ? (/^[\s:：]*/.exec(next.value)?.[0].length ?? 0) : 0;
        current = {
          part: label.part,
          rest: '',
          labelPos: positionOf(child, file),
          restPos: next ? shifted(next, file, lead) : positionOf(child, file),
        };
        found.push(current);
        continue;
      }
    }
    // Raw text, not `plainText`: the spaces between inline pieces are part of the value.
    if (current) current.rest += child.type === 'break' ? ' ' : toString(child);
  }
  if (found.length === 0) return undefined;
  for (const entry of found) entry.rest = entry.rest.replace(/^[\s:：]+/, '').replace(/\s+/g, ' ').trim();
  return found;
}

/** A paragraph that starts with a plain `Label:` (colon required: without it `In scope` is just prose). */
function plainLabel(paragraph: Paragraph): LabelMatch | undefined {
  const first = paragraph.children[0];
  if (first?.type !== 'text') return undefined;
  const label = matchLabel(first.value);
  return label?.colon ? label : undefined;
}

/** Handles one list: `Label:` bullets carry their own items; other bullets belong to `current`. */
function readList(list: List, current: Part | undefined, into: Collector, depth = 0): void {
  // Labels nest a level or two; a cap keeps pathological nesting from exhausting the stack.
  if (depth > 32) return;
  for (const item of list.children) {
    const first = item.children[0];
    let labelled = false;
    if (first?.type === 'paragraph') {
      const bold = first.children[0]?.type === 'strong' ? boldLabels(first, into.file) : undefined;
      const plain = bold ? undefined : plainLabel(first);
      if (bold) {
        labelled = true;
        for (const entry of bold) {
          into.label(entry.part, entry.labelPos);
          into.item(entry.part, entry.rest, entry.restPos);
        }
        const last = bold[bold.length - 1]!.part;
        for (const child of item.children.slice(1)) if (child.type === 'list') readList(child, last, into, depth + 1);
      } else if (plain) {
        labelled = true;
        into.label(plain.part, positionOf(first, into.file));
        const text = plainText(first);
        into.item(plain.part, text.replace(labelPattern(text), ''), shifted(first, into.file, plain.restIndex));
        for (const child of item.children.slice(1)) if (child.type === 'list') readList(child, plain.part, into, depth + 1);
      }
    }
    if (!labelled && current) {
      const { text, node } = itemText(item);
      into.item(current, text, positionOf(node, into.file));
    }
  }
}

/** Reads labels and items from a run of sibling blocks, in order. */
function readBlocks(nodes: readonly RootContent[], into: Collector): void {
  let current: Part | undefined;
  let fromHeading = false;
  let headingDepth = 0;
  for (const node of nodes) {
    if (node.type === 'heading') {
      const label = matchLabel(plainText(node));
      if (label) {
        into.label(label.part, positionOf(node, into.file));
        current = label.part;
        fromHeading = true;
        headingDepth = node.depth;
      } else if (!fromHeading || node.depth <= headingDepth) {
        current = undefined;
        fromHeading = false;
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const bold = boldLabels(node, into.file);
      if (bold && node.children[0]?.type === 'strong') {
        for (const entry of bold) {
          into.label(entry.part, entry.labelPos);
          into.item(entry.part, entry.rest, entry.restPos);
        }
        current = bold[bold.length - 1]!.part;
        fromHeading = false;
        continue;
      }
      const plain = plainLabel(node);
      if (plain) {
        into.label(plain.part, positionOf(node, into.file));
        const text = plainText(node);
        into.item(plain.part, text.replace(labelPattern(text), ''), shifted(node, into.file, plain.restIndex));
        current = plain.part;
        fromHeading = false;
        continue;
      }
      if (current && fromHeading) into.item(current, plainText(node), positionOf(node, into.file));
      else current = undefined;
      continue;
    }
    if (node.type === 'list') {
      readList(node, current, into);
      if (!fromHeading) current = undefined;
      continue;
    }
    if (node.type === 'thematicBreak') {
      current = undefined;
      fromHeading = false;
    }
  }
}

/**
 * The scope block: the section under the first heading that names scope (`## Scope`, `## Scope Boundaries`,
 * `### 1.3 Scope & Requirements`), or, when there is none, the labels wherever they are.
 * `undefined` when the document has neither.
 */
export function parseScopeBlock(tree: Root, file: string): ScopeBlock | undefined {
  const nodes = tree.children;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    if (node.type !== 'heading') continue;
    const title = plainText(node);
    if (!scopeHeading(title).test(title) || matchLabel(title)) continue;
    let end = i + 1;
    while (end < nodes.length) {
      const next = nodes[end]!;
      if (next.type === 'heading' && next.depth <= (node as Heading).depth) break;
      end++;
    }
    const into = new Collector(file);
    readBlocks(nodes.slice(i + 1, end), into);
    return { ...into.block, position: positionOf(node, file) };
  }
  const into = new Collector(file);
  readBlocks(nodes, into);
  if (!into.firstLabel) return undefined;
  return { ...into.block, position: into.firstLabel };
}
