import type { Node } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { asciiFirst } from './ascii.js';

/** The plain text of a node, whitespace collapsed. */
export function plainText(node: Node | Node[] | undefined): string {
  if (!node) return '';
  return toString(node).replace(/\s+/g, ' ').trim();
}

/** Lowercase, accents and punctuation removed, words joined by `-`: `Tags & Labels` → `tags-labels`. CJK is kept. */
export function slugify(text: string): string {
  const folded = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    // Recompose what accent stripping left apart, so kana with voicing marks (ド) stay one letter.
    .normalize('NFC')
    .toLowerCase();
  return folded.replace(notWord(folded), '-').replace(/^-+|-+$/g, '');
}

const notWord = asciiFirst(String.raw`[^\p{L}\p{N}\p{M}]+`, 'gu');

/**
 * A name and the note in brackets written after it: `Stage 5 (in production)` → `Stage 5` and `in production`;
 * `Stage 5 (live` (a list split at a comma inside the note) → `Stage 5`, `live`, not closed. Undefined when the
 * text does not end in such a note. Read by scanning, with no pattern that could backtrack.
 */
export function bracketNote(text: string): { name: string; note: string; closed: boolean } | undefined {
  const open = text.lastIndexOf('(');
  if (open <= 0 || !/\s/u.test(text[open - 1]!)) return undefined;
  const rest = text.slice(open + 1);
  const closed = rest.endsWith(')');
  const note = closed ? rest.slice(0, -1) : rest;
  if (note.includes(')')) return undefined;
  const name = text.slice(0, open).trimEnd();
  return name === '' ? undefined : { name, note, closed };
}
