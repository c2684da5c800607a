import type { InlineCode } from 'mdast';
import type { Constitution, MarkdownDocument } from '@govern/core';

type Field = 'version' | 'ratified' | 'lastAmended';

const INLINE_LABELS: Record<Field, RegExp> = {
  version: /(?:^|[\s|*_>-])(?:constitution[\s_-]+)?version[*_\s]*[:：][*_\s]*$/i,
  ratified: /(?:^|[\s|*_>-])(?:ratified(?:[\s_-]+(?:on|date))?|ratification(?:[\s_-]+date)?|adopted)[*_\s]*[:：][*_\s]*$/i,
  lastAmended: /(?:^|[\s|*_>-])(?:last[\s_-]+amended(?:[\s_-]+date)?|amended(?:[\s_-]+date)?|last[\s_-]+updated)[*_\s]*[:：][*_\s]*$/i,
};

/**
 * Values written as inline code (`**Version**: \`1.2.0\``) are masked with the rest of the code by the
 * parser; a version line written that way is still a version line, so the rule reads those back.
 */
export function inlineCodeFields(doc: MarkdownDocument, constitution: Constitution): void {
  const pending = (['version', 'ratified', 'lastAmended'] as Field[]).filter((f) => constitution[f] === undefined);
  if (pending.length === 0) return;
  const stack: Array<{ type: string; children?: unknown[] }> = [doc.tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'code' || node.type === 'html') continue;
    if (node.type === 'inlineCode') {
      const code = node as unknown as InlineCode;
      const offset = code.position?.start.offset;
      if (offset === undefined || !code.position) continue;
      // CR, LF and CRLF each end a line.
      const lineStart = Math.max(doc.text.lastIndexOf('\n', offset - 1), doc.text.lastIndexOf('\r', offset - 1)) + 1;
      const before = doc.text.slice(lineStart, offset);
      for (const field of pending) {
        if (constitution[field] || !INLINE_LABELS[field].test(before)) continue;
        constitution[field] = {
          value: code.value.trim(),
          position: { file: doc.file, line: code.position.start.line, column: code.position.start.column + 1 },
        };
      }
      continue;
    }
    if (Array.isArray(node.children)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as { type: string });
  }
}

