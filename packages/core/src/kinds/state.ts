import { parseState } from '../parse/state.js';
import type { DocumentKindDefinition } from './types.js';

/** Where work stands (status.md, BACKLOG.md), handoff blocks and attempt records included; every one is read. */
export const state: DocumentKindDefinition = {
  name: 'state',
  locations: ['status.md', 'docs/status.md', '.agent/status.md', 'BACKLOG.md', 'docs/BACKLOG.md'],
  readers: { state: parseState },
  assemble(files, project) {
    for (const file of project.ranked('state', files)) {
      const model = project.model(file, 'state');
      if (model) project.parts.states.push(model);
    }
  },
};
