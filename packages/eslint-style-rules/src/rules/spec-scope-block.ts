import { createDocumentRule } from '../utils/create-rule.js';

type MessageIds = 'missingBlock' | 'missingPart';

const PARTS = [
  ['inScope', 'In scope', 'what this change does'],
  ['outOfScope', 'Out of scope', 'what it deliberately leaves alone'],
  ['openQuestions', 'Open questions', 'what is still undecided, or "None"'],
] as const;

export default createDocumentRule<[], MessageIds>('spec-scope-block', {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'A spec (or an issue or pull request body checked as one) has a Scope block with In scope, Out of scope and Open questions',
      recommended: 'strict',
    },
    messages: {
      missingBlock:
        'This spec has no Scope block; add a "## Scope" section with "**In scope**", "**Out of scope**" and "**Open questions**" lists so implementer and reviewer judge the diff against the same boundary.',
      missingPart: 'The Scope block has no "{{label}}" part; add "**{{label}}**" with {{what}}.',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['spec'] },
  },
  create(context) {
    return {
      root() {
        const scope = context.models.spec?.scope;
        if (!scope) {
          context.report({ loc: { line: 1, column: 1 }, messageId: 'missingBlock' });
          return;
        }
        const at = { line: scope.position.line, column: scope.position.column };
        for (const [part, label, what] of PARTS) {
          if (!scope.present[part]) context.report({ loc: at, messageId: 'missingPart', data: { label, what } });
        }
      },
    };
  },
});
