import { recordsApproval, specsAwaitingApproval, statusValuePosition } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { statesByFeature } from '../utils/states.js';

export default createProjectRule<[], 'awaitingApproval'>('spec-approved', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A feature is not implemented while its spec still waits for approval, where the repository records approval',
      recommended: true,
    },
    messages: {
      awaitingApproval:
        '{{spec}} says "{{status}}", so the spec is not approved yet, but {{feature}} is already in progress ({{stateSource}}); get the spec approved and record it (e.g. "Status: Approved"), or move {{feature}} back to todo until it is.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        if (project.specs.length === 0) return;
        const records = recordsApproval(project.specs);
        const states = statesByFeature(project);
        for (const feature of project.features) {
          const state = states.get(feature);
          if (state?.state !== 'in-progress') continue;
          for (const { spec, status } of specsAwaitingApproval(feature, records)) {
            context.report({
              messageId: 'awaitingApproval',
              data: {
                spec: spec.spec?.file ?? spec.dir,
                status: status.value,
                feature: feature.id,
                stateSource: `${state.source.file}:${state.source.line}`,
              },
              position: statusValuePosition(project, status),
            });
          }
        }
      },
    };
  },
});
