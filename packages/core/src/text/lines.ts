/**
 * Lines of a text as CommonMark reads them (`\r\n`, `\r` and `\n` all end a line), so the lines
 * computed here agree with the positions remark puts on nodes, even on files with mixed line endings.
 */

/** The offset at which each line starts; index 0 is line 1. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      starts.push(i + 1);
    } else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** Line and column (both 1-based) of `offset`, by binary search over `starts`. */
export function locate(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

/** The lines of `text` without their line endings, split the way CommonMark splits them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
