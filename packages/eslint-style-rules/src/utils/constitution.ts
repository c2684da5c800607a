import type { InlineCode } from 'mdast';
import type { Constitution, Located, MarkdownDocument } from '@govern/core';

type Field = 'version' | 'ratified' | 'lastAmended';

const INLINE_LABELS: Record<Field, RegExp> = {
  version: /(?:^|[\s|*_>-])(?:constitution[\s_-]+)?version[*_\s]*[:：][*_\s]*$/i,
  ratified: /(?:^|[\s|*_>-])(?:ratified(?:[\s_-]+(?:on|date))?|ratification(?:[\s_-]+date)?|adopted)[*_\s]*[:：][*_\s]*$/i,
  lastAmended: /(?:^|[\s|*_>-])(?:last[\s_-]+amended(?:[\s_-]+date)?|amended(?:[\s_-]+date)?|last[\s_-]+updated)[*_\s]*[:：][*_\s]*$/i,
};

/**
 * Values written as inline code (`**Version**: \`1.2.0\``) are masked with the rest of the code by the
 * parser; a version line written that way is still a version line, so the rule reads those back: the
 * fields the constitution's model lacks, from the inline code spans `codes` (in document order).
 */
export function inlineCodeFields(doc: MarkdownDocument, constitution: Constitution, codes: readonly InlineCode[] = inlineCodesOf(doc)): Partial<Record<Field, Located<string>>> {
  const found: Partial<Record<Field, Located<string>>> = {};
  const pending = (['version', 'ratified', 'lastAmended'] as Field[]).filter((f) => constitution[f] === undefined);
  if (pending.length === 0) return found;
  for (const code of codes) {
    const offset = code.position?.start.offset;
    if (offset === undefined || !code.position) continue;
    // CR, LF and CRLF each end a line.
    const lineStart = Math.max(doc.text.lastIndexOf('\n', offset - 1), doc.text.lastIndexOf('\r', offset - 1)) + 1;
    const before = doc.text.slice(lineStart, offset);
    for (const field of pending) {
      if (found[field] || !INLINE_LABELS[field].test(before)) continue;
      found[field] = {
        value: code.value.trim(),
        position: { file: doc.file, line: code.position.start.line, column: code.position.start.column + 1 },
      };
    }
  }
  return found;
}

/** The inline code spans of a document, in document order (what a document rule's `inlineCode` visitor sees). */
function inlineCodesOf(doc: MarkdownDocument): InlineCode[] {
  const codes: InlineCode[] = [];
  const stack: Array<{ type: string; children?: unknown[] }> = [doc.tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'inlineCode') codes.push(node as unknown as InlineCode);
    if (Array.isArray(node.children)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as { type: string });
  }
  return codes;
}
