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
  const plus = plusAsWord(folded);
  return plus.replace(notWord(plus), '-').replace(/^-+|(?<!-)-+$/g, '');
}

/** `Sprint D+` is the unit after `Sprint D`, not the same one: a plus after a name is the word `plus`; `C++` keeps none. */
export function plusAsWord(text: string): string {
  return text.includes('+') ? text.replace(/(?<=[\p{L}\p{N}])\+(?![\p{L}\p{N}+])/gu, ' plus') : text;
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
