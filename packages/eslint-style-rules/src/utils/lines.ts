import type { Project } from '@govern/core';

/** A document's lines as CommonMark splits them (`\r\n`, `\r` and `\n` each end one), so they agree with the parser's positions. */
export function sourceLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/u);
}

/** Each file's lines, split once per run however many positions in it a rule looks at; none for a file without text. */
export function linesByFile(project: Pick<Project, 'text'>): (file: string) => readonly string[] {
  const split = new Map<string, readonly string[]>();
  return (file) => {
    let lines = split.get(file);
    if (!lines) {
      const text = project.text(file)?.text;
      split.set(file, (lines = text ? sourceLines(text) : []));
    }
    return lines;
  };
}
