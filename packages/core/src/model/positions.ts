import type { Node } from 'mdast';
import type { Diagnostic, DiagnosticSeverity, SourcePosition } from './types.js';

/** The position of an mdast node in `file`; a node without one (generated) points at the file's start. */
export function positionOf(node: Node | undefined, file: string): SourcePosition {
  const start = node?.position?.start;
  const end = node?.position?.end;
  if (!start) return { file, line: 1, column: 1 };
  const position: SourcePosition = { file, line: start.line, column: start.column };
  if (end) {
    position.endLine = end.line;
    position.endColumn = end.column;
  }
  return position;
}

export function diagnostic(
  ruleId: string,
  severity: DiagnosticSeverity,
  message: string,
  position: SourcePosition,
): Diagnostic {
  return { ruleId, severity, message, ...position };
}

/**
 * Runs a document reader so that an unforeseen input ends in a diagnostic at the file's start,
 * never an exception: parsers keep whatever they read before the failure.
 */
export function readWithoutThrowing(read: () => void, diagnostics: Diagnostic[], ruleId: string, file: string, what: string): void {
  try {
    read();
  } catch (error) {
    diagnostics.push(
      diagnostic(ruleId, 'warning', `${what} could not be read completely (${error instanceof Error ? error.message : 'unexpected content'}).`, {
        file,
        line: 1,
        column: 1,
      }),
    );
  }
}
