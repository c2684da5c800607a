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
  return folded.replace(notWord(folded), '-').replace(/^-+|(?<!-)-+$/g, '');
}

const WHITESPACE = /\s/;

/**
 * `text.split(/\s*SEP\s*\/)` in linear time: `separator` (global, matching no whitespace at its ends) is
 * searched alone and the whitespace on each side of it dropped, which a regular expression with `\s*`
 * around the separator does by trying every position of a long run of spaces.
 */
export function splitAround(text: string, separator: RegExp): string[] {
  const pieces: string[] = [];
  let start = 0;
  separator.lastIndex = 0;
  for (let match = separator.exec(text); match !== null; match = separator.exec(text)) {
    let end = match.index;
    while (end > start && WHITESPACE.test(text[end - 1]!)) end--;
    pieces.push(text.slice(start, end));
    start = match.index + match[0].length;
    while (start < text.length && WHITESPACE.test(text[start]!)) start++;
    separator.lastIndex = start;
  }
  pieces.push(text.slice(start));
  return pieces;
}

const notWord = asciiFirst(String.raw`[^\p{L}\p{N}\p{M}]+`, 'gu');
