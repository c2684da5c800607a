import type { Html } from 'mdast';
import type { MarkdownDocument } from './markdown.js';
import type { Located } from '../model/types.js';
import { findSpecRef } from './entry-text.js';
import { splitLines } from './source-text.js';

const BLOCK_START = /^<!--\s*SPECKIT\s+START\s*-->/i;
const BLOCK_END = /<!--\s*SPECKIT\s+END\s*-->/i;
/** A block left open (its end comment deleted) is read no further than this many lines. */
const MAX_BLOCK_LINES = 60;
/** What may stand before a path in prose: the path starts after the last of these. */
const BEFORE_PATH = new Set([' ', '\t', '`', "'", '"', '(', '[', '<', ':', '*']);

/**
 * Spec Kit's managed block in an agent's context file (CLAUDE.md, AGENTS.md). Its agent-context script
 * writes, between `<!-- SPECKIT START -->` and `<!-- SPECKIT END -->`, where the plan of the feature being
 * worked on is (`read the current plan at specs/008-agenda/plan.md`, `Active feature: 016-drills`), and moves
 * it when a plan is made for the next feature: the same pointer as `.specify/feature.json`. Returns the
 * first spec folder the block names, as written (`specs/008-agenda`), and its line; none for a block that
 * names no folder, or a file without the block. Only the HTML comment starts a block: a mention of it in
 * prose or code is not one.
 */
export function speckitCurrentPlan(doc: MarkdownDocument): Located<string> | undefined {
  const start = doc.tree.children.find((node): node is Html => node.type === 'html' && BLOCK_START.test(node.value.trimStart()));
  const first = start?.position?.end.line;
  if (first === undefined) return undefined;
  const lines = splitLines(doc.text);
  const last = Math.min(lines.length, first + MAX_BLOCK_LINES);
  for (let index = first; index < last; index++) {
    const line = lines[index]!;
    if (BLOCK_END.test(line)) return undefined;
    const folder = findSpecRef(line);
    if (folder === undefined) continue;
    const end = line.indexOf(folder) + folder.length;
    let from = end - folder.length;
    while (from > 0 && !BEFORE_PATH.has(line[from - 1]!)) from--;
    return { value: line.slice(from, end), position: { file: doc.file, line: index + 1, column: from + 1 } };
  }
  return undefined;
}
