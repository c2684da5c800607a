import type { Node } from 'mdast';
import type { SourcePosition } from '../model/types.js';
import { asciiFirst } from '../text/ascii.js';

/**
 * Raw-source helpers for PRODUCT.md: labels such as `**Acceptance criteria:**` are easiest to recognise
 * in the text as written, line by line, and positions must point at the exact line inside a paragraph.
 */

const letterOrDigit = asciiFirst(String.raw`[\p{L}\p{N}]`, 'u');

/** One source line of a node, with where it starts. */
export interface RawLine {
  text: string;
  line: number;
  column: number;
}

/** A text assembled from pieces of several lines, able to map an index back to a line and column. */
export interface Spliced {
  text: string;
  positionAt(index: number): { line: number; column: number };
}

/** The source lines a node spans; continuation lines lose their blockquote markers and indentation. */
export function rawLines(source: string, node: Node): RawLine[] {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end || start.offset === undefined || end.offset === undefined) return [];
  const slice = source.slice(start.offset, end.offset);
  const parts = slice.split(/\r\n|\r|\n/);
  const lines: RawLine[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i === 0) {
      lines.push({ text: part, line: start.line, column: start.column });
      continue;
    }
    const indent = /^[ \t]*(?:>[ \t]?)*[ \t]*/.exec(part)?.[0].length ?? 0;
    lines.push({ text: part.slice(indent), line: start.line + i, column: indent + 1 });
  }
  return lines;
}

/** Joins line pieces with single spaces, remembering where each character came from. */
export function splice(pieces: RawLine[]): Spliced {
  let text = '';
  const starts: Array<{ at: number; piece: RawLine }> = [];
  for (const piece of pieces) {
    if (piece.text.trim() === '') continue;
    if (text.length > 0) text += ' ';
    starts.push({ at: text.length, piece });
    text += piece.text;
  }
  return {
    text,
    positionAt(index: number) {
      let chosen = starts[0];
      for (const entry of starts) {
        if (entry.at <= index) chosen = entry;
        else break;
      }
      if (!chosen) return { line: 1, column: 1 };
      return { line: chosen.piece.line, column: chosen.piece.column + Math.max(0, index - chosen.at) };
    },
  };
}

/** Inline Markdown reduced to its words: emphasis, code ticks, links, images, HTML tags and hard breaks removed. */
export function stripInline(text: string): string {
  return text
    .replace(/!\[([^\][\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/\[([^\][\n]*)\]\([^()\n]*\)/g, '$1')
    .replace(/\[([^\][\n]*)\]\[[^\][\n]*\]/g, '$1')
    .replace(/<[^<>\n]{1,200}>/g, ' ')
    .replace(/\*\*|__|~~/g, '')
    .replace(/(^|[\s(])[*_](?=\S)/g, '$1')
    .replace(/(\S)[*_](?=$|[\s).,:;!?])/g, '$1')
    .replace(/`/g, '')
    .replace(/\\$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where a sentence ends: `.`, `!`, `?` or their CJK forms, before whitespace or the end. */
const SENTENCE_END = /[.!?](?=\s|$)|[。！？]/g;

/** Splits a spliced text into sentences, each with the place it starts. Abbreviations may split; that is accepted. */
export function sentences(spliced: Spliced, file: string, from = 0): Array<{ value: string; position: SourcePosition }> {
  const out: Array<{ value: string; position: SourcePosition }> = [];
  const text = spliced.text;
  let start = from;
  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const value = stripInline(raw);
    if (value.length > 0 && letterOrDigit(value).test(value)) {
      const at = spliced.positionAt(start + lead);
      out.push({ value, position: { file, line: at.line, column: at.column } });
    }
  };
  SENTENCE_END.lastIndex = from;
  let match: RegExpExecArray | null;
  while ((match = SENTENCE_END.exec(text)) !== null) {
    const end = match.index + match[0].length;
    push(end);
    start = end;
  }
  if (start < text.length) push(text.length);
  return out;
}

/** Words that mean "no dependencies". */
const NONE = /^(?:none|no|nothing|n\/?a|-+|—|–|\/|aucune?s?|ninguna?|keine?|无|無|なし|tbd|—\s*none)\.?$/i;

/**
 * References in a dependency value, as written: explicit ids when there are any (`F-001, F-002`,
 * `F-1 (entry point), F-2 (operands)`), else names split on commas, semicolons, `and`, `&`, `+`.
 */
export function dependencyReferences(spliced: Spliced, from: number, idPattern: RegExp, file: string): Array<{ value: string; position: SourcePosition }> {
  const text = spliced.text;
  const value = text.slice(from);
  const out: Array<{ value: string; position: SourcePosition }> = [];
  const at = (index: number): SourcePosition => {
    const p = spliced.positionAt(index);
    return { file, line: p.line, column: p.column };
  };
  if (NONE.test(stripInline(value))) return out;
  // Text after a dash explains the references (`F-1, F-2 — F-3 builds on both`); it names none itself.
  const head = value.split(/\s[—–]\s|\s-\s/)[0] ?? value;
  const ids = globalCopy(idPattern);
  let match: RegExpExecArray | null;
  for (const scope of [head, value]) {
    ids.lastIndex = 0;
    while ((match = ids.exec(scope)) !== null) out.push({ value: match[0], position: at(from + match.index) });
    if (out.length > 0) return out;
  }
  // No ids: names, with parenthesised remarks dropped.
  const pieces = /[^,;&+]+/g;
  while ((match = pieces.exec(head)) !== null) {
    for (const part of splitOnAnd(match[0], match.index)) {
      const cleaned = stripInline(part.text.replace(/\([^()]*\)/g, ' ')).replace(/^[\s.:]+|(?<![\s.:])[\s.:]+$/g, '');
      if (cleaned.length === 0 || NONE.test(cleaned)) continue;
      const lead = part.text.length - part.text.trimStart().length;
      out.push({ value: cleaned, position: at(from + part.index + lead) });
    }
  }
  return out;
}

const GLOBAL_COPIES = new Map<RegExp, RegExp>();

/** A global copy of a pattern, compiled once: dependency values are read thousands of times in large files. */
function globalCopy(pattern: RegExp): RegExp {
  let copy = GLOBAL_COPIES.get(pattern);
  if (!copy) {
    copy = new RegExp(pattern.source, 'gu');
    GLOBAL_COPIES.set(pattern, copy);
  }
  return copy;
}

function splitOnAnd(text: string, offset: number): Array<{ text: string; index: number }> {
  const parts: Array<{ text: string; index: number }> = [];
  const and = /\s(?:and|und|et|y|和|与)\s/gi;
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = and.exec(text)) !== null) {
    parts.push({ text: text.slice(last, match.index), index: offset + last });
    last = match.index + match[0].length;
  }
  parts.push({ text: text.slice(last), index: offset + last });
  return parts;
}
