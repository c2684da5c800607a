import { extractReviewJson, type Project, type ReviewOutput, type SourcePosition } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';

type MessageIds = 'approvedWithBlocking' | 'unknownVerdict';

/** Verdict words, compared without case and with `-` or spaces read as `_` (`Changes requested`). */
const APPROVE = new Set(['approved', 'approve']);
const KNOWN = new Set([...APPROVE, 'changes_requested', 'request_changes', 'rejected', 'reject', 'comment', 'commented']);

function normaliseVerdict(verdict: string): string {
  return verdict.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Where the `"verdict"` value is: in the JSON file, or in the Markdown review's JSON block. */
function verdictPosition(project: Project, review: ReviewOutput): SourcePosition {
  const fallback: SourcePosition = { file: review.file, line: 1, column: 1 };
  let text = project.text(review.file)?.text;
  let firstLine = 1;
  if (text !== undefined && !review.file.toLowerCase().endsWith('.json')) {
    const doc = project.tree(review.file);
    const block = doc ? extractReviewJson(doc) : undefined;
    if (!block) return fallback;
    text = block.text;
    firstLine = block.line;
  }
  if (text === undefined) return fallback;
  const match = /"verdict"\s*:\s*/.exec(text);
  if (!match) return fallback;
  const offset = match.index + match[0].length;
  const before = text.slice(0, offset);
  // CR, LF and CRLF each end a line.
  const line = before.split(/\r\n|\r|\n/).length;
  const column = offset - (Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r')) + 1) + 1;
  const value = /^"(?:[^"\\\n]|\\.)*"/.exec(text.slice(offset))?.[0];
  const position: SourcePosition = { file: review.file, line: firstLine + line - 1, column };
  if (value) {
    position.endLine = position.line;
    position.endColumn = column + value.length;
  }
  return position;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default createProjectRule<[], MessageIds>('review-output-valid', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A reviewer\'s JSON verdict is a known word, and an approval carries no blocking items or scope violations',
      recommended: true,
    },
    messages: {
      approvedWithBlocking:
        'Review verdict "{{verdict}}" comes with {{items}}; a change with blockers must not merge. Set the verdict to "changes_requested", or resolve the items and remove them.',
      unknownVerdict:
        'Review verdict "{{verdict}}" is not one the workflow knows; write "approved", "changes_requested" or "rejected", since the orchestrator merges only on "approved".',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        for (const review of project.reviews) {
          // Invalid JSON and schema errors are reported by the parser (govern/parse-review); without a verdict there is nothing to judge.
          if (review.verdict === undefined || review.verdict.trim() === '') continue;
          // A prose review's `VERDICT: PASS` is the Markdown format's vocabulary, not the JSON contract's.
          if (review.format === 'markdown') continue;
          const verdict = normaliseVerdict(review.verdict);
          if (!KNOWN.has(verdict)) {
            context.report({ position: verdictPosition(project, review), messageId: 'unknownVerdict', data: { verdict: review.verdict } });
            continue;
          }
          if (!APPROVE.has(verdict)) continue;
          const parts: string[] = [];
          if (review.blocking.length > 0) parts.push(count(review.blocking.length, 'blocking item', 'blocking items'));
          if (review.scopeViolations.length > 0) parts.push(count(review.scopeViolations.length, 'scope violation', 'scope violations'));
          if (parts.length === 0) continue;
          context.report({
            position: verdictPosition(project, review),
            messageId: 'approvedWithBlocking',
            data: { verdict: review.verdict, items: parts.join(' and ') },
          });
        }
      },
    };
  },
});
