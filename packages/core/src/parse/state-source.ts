import type { Node } from 'mdast';
import type { SourcePosition } from '../model/types.js';
import type { MarkdownDocument } from './markdown.js';
import { lineStarts } from './source-text.js';

/**
 * Offsets to positions over a document's raw text. Plain text taken from mdast loses markup
 * (`**T012**`), so exact columns are found by looking the words up in the source of their node.
 */
export class SourceText {
  readonly text: string;
  readonly file: string;
  private lineStarts: number[] | undefined;

  constructor(doc: MarkdownDocument) {
    this.text = doc.text;
    this.file = doc.file;
  }

  private starts(): number[] {
    // CR, LF and CRLF each end a line, as they do for remark's positions.
    this.lineStarts ??= lineStarts(this.text);
    return this.lineStarts;
  }

  /** 1-based line and column of a character offset. */
  at(offset: number): { line: number; column: number } {
    const starts = this.starts();
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }

  /** The text of a 1-based line, without its line ending. */
  line(line: number): string {
    const starts = this.starts();
    const start = starts[line - 1];
    if (start === undefined) return '';
    const next = starts[line];
    // `next - 1` is the last character of the line break: `\n` (after a `\r` in CRLF) or a lone `\r`.
    let end = next === undefined ? this.text.length : next - 1;
    if (next !== undefined && this.text.charCodeAt(end) === 10 && end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }

  get lineCount(): number {
    return this.starts().length;
  }

  /** Offset where a 1-based line starts. */
  lineStart(line: number): number {
    return this.starts()[line - 1] ?? this.text.length;
  }

  position(node: Node | undefined): SourcePosition {
    const start = node?.position?.start;
    if (!start) return { file: this.file, line: 1, column: 1 };
    const position: SourcePosition = { file: this.file, line: start.line, column: start.column };
    const end = node?.position?.end;
    if (end) {
      position.endLine = end.line;
      position.endColumn = end.column;
    }
    return position;
  }

  /** The position of a span given by offsets. */
  span(start: number, end: number): SourcePosition {
    const a = this.at(start);
    const b = this.at(end);
    return { file: this.file, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  /**
   * Where `needle` is written inside `node` (searching from `fromOffset` when given), or the node's own
   * position when the words cannot be found as written (escapes, entities, soft breaks).
   */
  locate(node: Node | undefined, needle: string, fromOffset?: number): SourcePosition {
    const start = node?.position?.start.offset;
    const end = node?.position?.end.offset;
    if (start === undefined || end === undefined || needle.length === 0) return this.position(node);
    const from = Math.max(start, fromOffset ?? start);
    const at = this.text.slice(from, end).indexOf(needle);
    if (at < 0) {
      const lower = this.text.slice(from, end).toLowerCase().indexOf(needle.toLowerCase());
      if (lower < 0) return this.position(node);
      return this.span(from + lower, from + lower + needle.length);
    }
    return this.span(from + at, from + at + needle.length);
  }
}
