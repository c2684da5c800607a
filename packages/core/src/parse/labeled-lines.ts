import type { Node } from 'mdast';
import type { SourcePosition } from '../model/types.js';
import { locate } from './source-text.js';

/**
 * `Label: value` lines inside one block, read from the source rather than the tree: Spec Kit's header
 * (`**Feature Branch**: ...` / `**Created**: ...` / `**Status**: Draft`) is one paragraph over several lines,
 * so the tree holds it as a single run of text.
 */

export interface LabeledLine {
  label: string;
  value: string;
  /** Where the label starts. */
  position: SourcePosition;
  /** Where the value starts. */
  valuePosition: SourcePosition;
}

/** `**Status**: x`, `**Status:** x`, `Status: x`, `- Status: x`, `> **Status**: x`. */
function lineRegex(labels: string): RegExp {
  return new RegExp(
    `^([ \\t]*(?:>[ \\t]*)*(?:[-*+][ \\t]+)?)(?:\\*\\*|__)?(${labels})(?:[ \\t]*(?:\\*\\*|__))?[ \\t]*[:：](?:[ \\t]*(?:\\*\\*|__))?[ \\t]*([^ \\t\\n\\r\\u2028\\u2029].*|)$`,
    'i',
  );
}

const cache = new Map<string, RegExp>();

/** Markup that wraps a whole value (`**Draft**`, `` `Draft` ``) and hard-break backslashes. */
export function cleanValue(value: string): string {
  let v = value.replace(/\\$/, '').trim();
  for (let i = 0; i < 3; i++) {
    const wrapped = /^(\*\*|__|\*|_|`)(.+)\1$/.exec(v);
    if (!wrapped) break;
    v = wrapped[2]!.trim();
  }
  return v;
}

/**
 * Every line of `node`'s source that starts with one of `labels` (a regex alternation, e.g. `status|state`)
 * followed by a colon. `text` is the document's text and `starts` its line starts.
 */
export function labeledLines(text: string, starts: readonly number[], node: Node, labels: string, file: string): LabeledLine[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [];
  let regex = cache.get(labels);
  if (!regex) {
    regex = lineRegex(labels);
    cache.set(labels, regex);
  }
  const found: LabeledLine[] = [];
  const source = text.slice(start, end);
  const lineBreak = /\r\n|\r|\n/g;
  let lineStart = 0;
  for (;;) {
    const brk = lineBreak.exec(source);
    const lineEnd = brk ? brk.index : source.length;
    const line = source.slice(lineStart, lineEnd);
    const match = regex.exec(line);
    if (match) {
      const labelOffset = start + lineStart + match[1]!.length + (line.slice(match[1]!.length).match(/^(?:\*\*|__)?/)?.[0].length ?? 0);
      const rawValue = match[3] ?? '';
      const valueOffset = start + lineStart + line.length - rawValue.length + (rawValue.length - rawValue.trimStart().length);
      found.push({
        label: match[2]!,
        value: cleanValue(rawValue),
        position: { file, ...locate(starts, labelOffset) },
        valuePosition: { file, ...locate(starts, valueOffset) },
      });
    }
    if (!brk) break;
    lineStart = brk.index + brk[0].length;
  }
  return found;
}
