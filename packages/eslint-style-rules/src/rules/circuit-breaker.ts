import { breakerTripped } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';

type MessageIds = 'tripped';

export default createDocumentRule<[], MessageIds>('circuit-breaker', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A task with three or more failed attempts is escalated to a human instead of retried',
      recommended: true,
    },
    messages: {
      tripped:
        '{{task}} has failed {{failures}} attempts with no escalation recorded; stop retrying and escalate to a human (write "Escalated to <name>: <why>" under {{task}}) — after three failures the spec is likely wrong, not the implementation.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        for (const record of context.models.state?.attempts ?? []) {
          if (!breakerTripped(record)) continue;
          const { line, column, endLine, endColumn } = record.position;
          context.report({
            loc: { start: { line, column }, ...(endLine !== undefined && endColumn !== undefined ? { end: { line: endLine, column: endColumn } } : {}) },
            messageId: 'tripped',
            data: { task: record.reference, failures: record.failures },
          });
        }
      },
    };
  },
});
