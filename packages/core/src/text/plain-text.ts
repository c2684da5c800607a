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
