import { attemptsByFeature, featureReview, reviewCyclesStop, reviewLinks, reviewNames } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { statesByFeature } from '../utils/states.js';

export default createProjectRule<[], 'tooManyCycles'>('review-cycles', {
  meta: {
    type: 'problem',
    docs: {
      description: 'A feature whose reviews asked for changes three times in a row is escalated to a person instead of corrected again',
      recommended: true,
    },
    messages: {
      tooManyCycles:
        '{{feature}} has had {{count}} reviews in a row without approval ({{files}}); after three corrector cycles the plan or the spec is likely wrong — stop correcting and escalate to a person (record "Escalated to <name>: <why>" for {{feature}} in {{stateFile}}).',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        if (project.reviews.length === 0) return;
        const links = reviewLinks(project);
        if (links.byFeature.size === 0) return;
        const states = statesByFeature(project);
        const attempts = attemptsByFeature(project);
        for (const feature of project.features) {
          const review = featureReview(links.byFeature.get(feature.id));
          const state = states.get(feature)?.state ?? 'todo';
          const escalated = (attempts.get(feature.id) ?? []).some((a) => a.record.escalated);
          if (!reviewCyclesStop(project, feature, state, review, escalated)) continue;
          context.report({
            messageId: 'tooManyCycles',
            data: {
              feature: feature.id,
              count: review.withoutApproval,
              files: reviewNames(review.cycles.length > 0 ? review.cycles : [review.latest]),
              stateFile: feature.stateEntries[0]?.file ?? 'status.md',
            },
            position: review.latest.verdictSource,
          });
        }
      },
    };
  },
});
