import path from 'node:path';
import type { Formatter } from './types.js';
import { relativePath } from './paths.js';

// GitHub's workflow command escaping: https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** GitHub Actions annotations: `::error file=…,line=…,col=…,title=rule::message`, paths relative to the repository root. */
export const github: Formatter = (results, { cwd }) => {
  const lines: string[] = [];
  for (const result of results) {
    const file = relativePath(cwd, result.filePath, path.sep);
    for (const m of result.messages) {
      const properties = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) properties.push(`endLine=${m.endLine}`);
      if (m.endColumn !== undefined) properties.push(`endColumn=${m.endColumn}`);
      properties.push(`title=${escapeProperty(m.ruleId ?? 'govern')}`);
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${properties.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
