import { breakerState } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';

type MessageIds = 'tripped' | 'notConverging';

export default createDocumentRule<[], MessageIds>('circuit-breaker', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A task with three failed attempts, or two failed in a row with the same cause, is escalated to a human instead of retried',
      recommended: true,
    },
    messages: {
      tripped:
        '{{task}} has failed {{failures}} attempts with no escalation recorded; stop retrying and escalate to a human (write "Escalated to <name>: <why>" under {{task}}) — after three failures the spec is likely wrong, not the implementation.',
      notConverging:
        '{{task}} failed twice in a row with the same cause ("{{cause}}", lines {{first}} and {{second}}); the approach is not converging — stop and escalate to a human (write "Escalated to <name>: <why>" under {{task}}) instead of a third attempt.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        for (const record of context.models.state?.attempts ?? []) {
          const state = breakerState(record);
          if (!state) continue;
          // One report per record: three failures say it all, whatever their causes.
          if (state === 'tripped') {
            const { line, column, endLine, endColumn } = record.position;
            context.report({
              loc: { start: { line, column }, ...(endLine !== undefined && endColumn !== undefined ? { end: { line: endLine, column: endColumn } } : {}) },
              messageId: 'tripped',
              data: { task: record.reference, failures: record.failures, ...(record.repeatedCause ? { cause: record.repeatedCause.cause } : {}) },
            });
            continue;
          }
          const repeated = record.repeatedCause!;
          const [first, second] = repeated.positions;
          context.report({
            loc: { start: { line: second.line, column: second.column }, ...(second.endLine !== undefined && second.endColumn !== undefined ? { end: { line: second.endLine, column: second.endColumn } } : {}) },
            messageId: 'notConverging',
            data: { task: record.reference, cause: repeated.cause, first: first.line, second: second.line },
          });
        }
      },
    };
  },
});
