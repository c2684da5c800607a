import { createProjectRule } from '../utils/create-rule.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

export default createProjectRule<[], 'conflict'>('status-consistent', {
  meta: {
    type: 'suggestion',
    docs: {
      description: "The files that record a feature's state agree with each other",
      recommended: true,
    },
    messages: {
      conflict: 'Feature {{feature}} is {{state}}, but the files disagree: {{conflict}}. Correct the out-of-date one so every file tells the same story.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        const states = statesByFeature(project);
        for (const feature of project.features) {
          const report = states.get(feature);
          if (!report) continue;
          for (const conflict of report.conflicts) {
            context.report({
              messageId: 'conflict',
              data: { feature: featureLabel(feature), state: report.state, conflict: conflict.message },
              position: conflict.source,
            });
          }
        }
      },
    };
  },
});
