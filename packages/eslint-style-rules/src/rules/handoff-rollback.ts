import { createDocumentRule } from '../utils/create-rule.js';
import { fieldText, handoffName, handoffSources, hasContent, onlyPlaceholders } from '../utils/handoff.js';
import { EDGE_LABEL, EDGE_WORDS, ROLLBACK_LABEL, ROLLBACK_WORDS } from '../utils/handoff-words.js';

type MessageIds = 'noRollback' | 'noEdgeCases';

/** Fields some teams write beside the risk note: `Rollback: …`, `Edge cases: none`. */
const RISK_LABEL = /^(?:rollback|rollback path|rollback plan|roll back|revert plan|edge cases|unresolved edge cases|known issues|caveats|limitations)$/iu;

export default createDocumentRule<[], MessageIds>('handoff-rollback', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A handoff risk note gives a rollback path and the unresolved edge cases (or says there are none)',
      recommended: true,
    },
    messages: {
      noRollback:
        'The risk note of handoff {{name}} has no rollback path; add "rollback path: <how to undo it>" (revert commit, feature flag, "nothing merged") before the work moves on.',
      noEdgeCases:
        'The risk note of handoff {{name}} does not list unresolved edge cases; add "unresolved edge cases: <list>", or "unresolved edge cases: none" when there are none.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        const doc = context.document;
        for (const source of handoffSources(doc, context.models.state?.handoffs ?? [])) {
          const { handoff } = source;
          const risk = handoff.fields.riskNote;
          // A missing or empty risk note, or one that is still template text, is handoff-fields' to report.
          if (!risk) continue;
          const own = fieldText(source, risk);
          if (!hasContent(own) || onlyPlaceholders(own)) continue;
          const text = [
            // The label may itself say it: `Rollback: revert #31` is read as the risk note.
            `${risk.label}: ${own}`,
            ...handoff.otherFields.filter((f) => RISK_LABEL.test(f.label)).map((f) => `${f.label}: ${fieldText(source, f)}`),
          ].join('\n');
          const name = handoffName(handoff);
          const loc = { line: risk.position.line, column: risk.position.column };
          // A label with only a placeholder after it is present; the placeholder is handoff-fields' report.
          // `rollback path:` with nothing after it says nothing.
          // Only lines with a colon are labels: text without one skips compiling the pattern.
          const said =
            text.includes(':') || text.includes('：')
              ? text.replace(/^[ \t]*(?:[-*+][ \t]+)?[*_]*[\p{L}/-](?:[\p{L} /-]{0,38}[\p{L}/-])?(?:[ \t]*[*_]+)?[ \t]*[:：][ \t]*(?:[*_]+[ \t]*)?$/gmu, '')
              : text;
          if (!ROLLBACK_LABEL.test(text) && !ROLLBACK_WORDS.test(said)) context.report({ loc, messageId: 'noRollback', data: { name } });
          if (!EDGE_LABEL.test(text) && !EDGE_WORDS.test(said)) context.report({ loc, messageId: 'noEdgeCases', data: { name } });
        }
      },
    };
  },
});
