import { clip } from '@govern/core';
import { createDocumentRule } from '../utils/create-rule.js';
import { documentOf, handoffsOf } from '../utils/document.js';
import { fieldText, handoffName, handoffSources, meaningful, onlyPlaceholders, valueLocation } from '../utils/handoff.js';
import { hasDateOrTrigger, vagueOwner } from '../utils/handoff-words.js';

type MessageIds = 'vagueOwner' | 'noDue';

function quote(text: string): string {
  const line = meaningful(text);
  return clip(line, 60);
}

export default createDocumentRule<[], MessageIds>('handoff-owner', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A handoff names who takes the next action and when: a named next owner, and a date or trigger for the next action',
      recommended: true,
    },
    messages: {
      vagueOwner:
        'Next owner "{{owner}}" of handoff {{name}} names nobody, so the work stalls; name the person, role or lane that takes the next action (e.g. "@dana", "verify lane").',
      noDue:
        'Next action due "{{due}}" of handoff {{name}} has no date or trigger; write when it happens, e.g. "2025-06-03 17:00", "Friday" or "after CI passes".',
    },
    schema: [],
    govern: { scope: 'document', kinds: ['state'] },
  },
  create(context) {
    return {
      root() {
        const doc = documentOf(context);
        for (const source of handoffSources(doc, handoffsOf(doc))) {
          const { handoff } = source;
          const name = handoffName(handoff);
          // Missing and empty fields, and template text, are handoff-fields' to report.
          const owner = handoff.fields.nextOwner;
          if (owner) {
            const text = fieldText(source, owner);
            const finished = /^[\s*_]*done\b/iu.test(handoff.fields.goalStatus?.value ?? '');
            // A finished handoff may say that nobody has anything left to do.
            const nobodyNeeded = finished && /^(?:none|n\/?a|nobody|no one)\b/iu.test(meaningful(text));
            if (meaningful(text) !== '' && !onlyPlaceholders(text) && !nobodyNeeded && vagueOwner(meaningful(text))) {
              context.report({ loc: valueLocation(source, owner), messageId: 'vagueOwner', data: { name, owner: quote(text) } });
            }
          }
          const due = handoff.fields.nextActionDue;
          if (due) {
            const text = fieldText(source, due);
            if (meaningful(text) !== '' && !onlyPlaceholders(text) && !hasDateOrTrigger(meaningful(text))) {
              context.report({ loc: valueLocation(source, due), messageId: 'noDue', data: { name, due: quote(text) } });
            }
          }
        }
      },
    };
  },
});
