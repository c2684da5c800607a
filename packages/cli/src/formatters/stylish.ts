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
    // Two passes over the messages, widths then lines, rather than a row of strings kept for each: a
    // file can hold hundreds of thousands of problems, and a loop, not `Math.max(...rows)`, has room for them.
    const where = (m: (typeof result.messages)[number]) => `${m.line}:${m.column}`;
    const level = (m: (typeof result.messages)[number]) => (m.fatal || m.severity === 2 ? 'error' : 'warning');
    const text = (m: (typeof result.messages)[number]) => m.message.replace(/([^ ])\.$/u, '$1');
    const widths = [0, 0, 0];
    for (const m of result.messages) {
      widths[0] = Math.max(widths[0]!, where(m).length);
      widths[1] = Math.max(widths[1]!, level(m).length);
      widths[2] = Math.max(widths[2]!, text(m).length);
    }
    out.push('', c.underline(relativePath(cwd, result.filePath, path.sep)));
    for (const m of result.messages) {
      const levelText = level(m) === 'error' ? c.red(level(m).padEnd(widths[1]!)) : c.yellow(level(m).padEnd(widths[1]!));
      out.push(`  ${c.dim(where(m).padEnd(widths[0]!))}  ${levelText}  ${text(m).padEnd(widths[2]!)}  ${c.dim(m.ruleId ?? '')}`.trimEnd());
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
