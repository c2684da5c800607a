import type { Node, Parent } from 'mdast';

/**
 * Helpers for reading a document's source text next to its mdast tree.
 * Line breaks follow CommonMark (`\r\n`, `\r` and `\n` all end a line), so the lines computed here
 * agree with the positions remark puts on nodes, even on files with mixed line endings.
 */

export { lineStarts, locate, splitLines } from '../text/lines.js';

/** Visits every node, parents before children, without recursion: documents may nest thousands of levels deep. */
export function eachNode(root: Node, visit: (node: Node, parent: Parent | undefined) => boolean | void): void {
  const stack: Array<{ node: Node; parent: Parent | undefined }> = [{ node: root, parent: undefined }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if (visit(node, parent) === true) continue;
    const children = (node as Parent).children;
    if (Array.isArray(children)) {
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as Node, parent: node as Parent });
    }
  }
}

/**
 * `text` with the source of every node of the given types replaced by spaces, line breaks kept,
 * so offsets, lines and columns of what remains are unchanged.
 */
export function maskNodes(text: string, root: Node, types: ReadonlySet<string>): string {
  const ranges: Array<[number, number]> = [];
  eachNode(root, (node) => {
    if (!types.has(node.type)) return false;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined && end > start) ranges.push([start, end]);
    return true;
  });
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let cursor = 0;
  for (const [start, end] of ranges) {
    if (end <= cursor) continue;
    const from = Math.max(start, cursor);
    out += text.slice(cursor, from);
    out += text.slice(from, end).replace(/[^\r\n]/g, ' ');
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** Node types whose text is code or markup rather than prose. */
export const CODE_AND_COMMENTS: ReadonlySet<string> = new Set(['code', 'inlineCode', 'html', 'yaml']);
