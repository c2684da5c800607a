import path from 'node:path';
import type { Formatter } from './types.js';
import { relativePath } from './paths.js';

const plural = (word: string, count: number) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** ESLint's `stylish`: a block per file, aligned columns, a summary with what `--fix` would fix. */
export const stylish: Formatter = (results, { cwd, colors: c }) => {
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  const out: string[] = [];
  for (const result of results) {
    if (result.messages.length === 0) continue;
    errors += result.errorCount;
    warnings += result.warningCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    const rows = result.messages.map((m) => [
      `${m.line}:${m.column}`,
      m.fatal || m.severity === 2 ? 'error' : 'warning',
      m.message.replace(/([^ ])\.$/u, '$1'),
      m.ruleId ?? '',
    ]);
    // A loop, not `Math.max(...rows)`: a file can have more problems than a call has room for arguments.
    const widths = [0, 1, 2].map((i) => rows.reduce((width, r) => Math.max(width, r[i]!.length), 0));
    out.push('', c.underline(relativePath(cwd, result.filePath, path.sep)));
    for (const [where, level, message, rule] of rows) {
      const levelText = level === 'error' ? c.red(level!.padEnd(widths[1]!)) : c.yellow(level!.padEnd(widths[1]!));
      out.push(`  ${c.dim(where!.padEnd(widths[0]!))}  ${levelText}  ${message!.padEnd(widths[2]!)}  ${c.dim(rule!)}`.trimEnd());
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const paint = errors > 0 ? c.red : c.yellow;
  out.push('', paint(c.bold(`✖ ${plural('problem', total)} (${plural('error', errors)}, ${plural('warning', warnings)})`)));
  if (fixableErrors + fixableWarnings > 0) {
    out.push(paint(c.bold(`  ${plural('error', fixableErrors)} and ${plural('warning', fixableWarnings)} potentially fixable with the \`--fix\` option.`)));
  }
  return `${out.join('\n')}\n\n`;
};
