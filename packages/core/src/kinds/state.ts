import { parseState } from '../parse/state.js';
import { NAMED_PLAN_LOCATION, planNamed } from './plan-names.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * Where work stands (status.md, BACKLOG.md, and status or progress files found by their name: STATUS.md,
 * progress.md, PROJECT_STATUS.md), handoff blocks and attempt records included; every one is read.
 */
export const state: DocumentKindDefinition = {
  name: 'state',
  locations: ['status.md', 'docs/status.md', '.agent/status.md', 'BACKLOG.md', 'docs/BACKLOG.md', NAMED_PLAN_LOCATION],
  accepts: (file, location) => location !== NAMED_PLAN_LOCATION || planNamed(file, ['state']),
  readers: { state: parseState },
  assemble(files, project) {
    for (const file of project.ranked('state', files)) {
      const model = project.model(file, 'state');
      if (model) project.parts.states.push(model);
    }
  },
};
