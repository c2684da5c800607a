import type { HandoffField, HandoffFieldName } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';
import { FIELD_TITLES, fieldLines, handoffName, handoffSources, meaningful, type HandoffSource } from '../utils/handoff.js';

type MessageIds = 'missingField' | 'emptyField' | 'badStatus' | 'placeholder';

const ORDER: HandoffFieldName[] = ['goalStatus', 'evidence', 'diffScope', 'riskNote', 'nextOwner', 'nextActionDue'];

/** What each field should say, for messages. */
const HINTS: Readonly<Record<HandoffFieldName, string>> = {
  goalStatus: 'done, partial or blocked',
  evidence: 'lint/tests/build results with the commands that produced them (or why a check was omitted)',
  diffScope: 'the changed dirs and notable files',
  riskNote: 'the rollback path and the unresolved edge cases (or "none")',
  nextOwner: 'the person, role or lane that takes the next action',
  nextActionDue: 'a date or a trigger such as "after CI passes"',
};

/** `done`, `**Partial** — T007 left`, `⛔ blocked: waiting on keys`. */
const GOAL_STATUS = /^[\s\p{Extended_Pictographic}\uFE0F*_`[\]]*(?:done|partial|blocked)\b/iu;

function isEmpty(source: HandoffSource, field: HandoffField): boolean {
  if (field.value.trim() !== '' || field.items.length > 0) return false;
  return !fieldLines(source, field).some((line) => meaningful(line.text) !== '' || /^\s*(?:```|~~~)/u.test(line.text));
}

export default createDocumentRule<[], MessageIds>('handoff-fields', {
  meta: {
    type: 'problem',
    docs: {
      description:
        'A handoff has the five contract fields (goal status, evidence, diff scope, risk note, next owner) and a next action due, with no template text left in',
      recommended: true,
    },
    messages: {
      missingField: 'Handoff {{name}} has no "{{field}}" field; add "- {{field}}:" with {{hint}}.',
      emptyField: 'The "{{field}}" field of handoff {{name}} is empty; write {{hint}}.',
      badStatus: 'Goal status "{{value}}" of handoff {{name}} is not one of the contract\'s states; write done, partial or blocked.',
      placeholder: 'Handoff {{name}} still has the template placeholder "{{placeholder}}"; replace it with {{hint}}.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        const doc = context.document;
        const handoffs = context.models.state?.handoffs ?? [];
        for (const source of handoffSources(doc, handoffs)) {
          const { handoff } = source;
          const name = handoffName(handoff);
          const placeholderLines = new Set(handoff.placeholders.map((p) => p.position.line));
          for (const key of ORDER) {
            const field = handoff.fields[key];
            const data = { name, field: FIELD_TITLES[key], hint: HINTS[key] };
            if (!field) {
              context.report({ loc: { line: handoff.position.line, column: handoff.position.column }, messageId: 'missingField', data });
              continue;
            }
            // A field that holds template text is reported once, as a placeholder.
            if (placeholderLines.has(field.position.line)) continue;
            if (isEmpty(source, field)) {
              context.report({ loc: { line: field.position.line, column: field.position.column }, messageId: 'emptyField', data });
              continue;
            }
            if (key === 'goalStatus' && field.value.trim() !== '' && !GOAL_STATUS.test(field.value)) {
              context.report({ loc: { line: field.position.line, column: field.position.column }, messageId: 'badStatus', data: { name, value: field.value.trim() } });
            }
          }
          const fieldsByLine = [...Object.entries(handoff.fields), ...handoff.otherFields.map((f) => [f.label, f] as const)]
            .map(([key, field]) => ({ key, field: field as HandoffField }))
            .sort((a, b) => a.field.position.line - b.field.position.line);
          for (const placeholder of handoff.placeholders) {
            const owner = fieldsByLine.filter((f) => f.field.position.line <= placeholder.position.line).at(-1);
            const hint =
              placeholder.position.line === handoff.position.line
                ? 'the lane names'
                : owner && owner.key in HINTS
                  ? HINTS[owner.key as HandoffFieldName]
                  : 'the real value';
            const { line, column, endLine, endColumn } = placeholder.position;
            context.report({
              loc: { start: { line, column }, ...(endLine !== undefined && endColumn !== undefined ? { end: { line: endLine, column: endColumn } } : {}) },
              messageId: 'placeholder',
              data: { name, placeholder: placeholder.value, hint },
            });
          }
        }
      },
    };
  },
});
