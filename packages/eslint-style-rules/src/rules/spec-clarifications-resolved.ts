import { clip } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

const STARTED = new Set(['in-progress', 'done']);

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return clip(flat, 80);
}

export default createProjectRule<[], 'unresolved' | 'unresolvedEmpty'>('spec-clarifications-resolved', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A spec whose feature is in progress or done has no [NEEDS CLARIFICATION] markers left',
      recommended: true,
    },
    messages: {
      unresolved:
        '[NEEDS CLARIFICATION: {{question}}] is still open although feature {{feature}} is {{state}} ({{source}}); answer it in the spec (run /speckit.clarify or write the decision in place) so the code and the spec agree.',
      unresolvedEmpty:
        '[NEEDS CLARIFICATION] is still open although feature {{feature}} is {{state}} ({{source}}); answer it in the spec (run /speckit.clarify or write the decision in place) so the code and the spec agree.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        if (!project.specs.some((s) => (s.spec?.clarifications.length ?? 0) > 0)) return;
        const states = statesByFeature(project);
        for (const feature of project.features) {
          const report = states.get(feature);
          if (!report || !STARTED.has(report.state)) continue;
          for (const spec of feature.specs) {
            for (const clarification of spec.spec?.clarifications ?? []) {
              const question = shorten(clarification.value);
              context.report({
                messageId: question ? 'unresolved' : 'unresolvedEmpty',
                data: {
                  question,
                  feature: featureLabel(feature),
                  state: report.state,
                  source: `${report.source.file}:${report.source.line}`,
                },
                position: clarification.position,
              });
            }
          }
        }
      },
    };
  },
});
