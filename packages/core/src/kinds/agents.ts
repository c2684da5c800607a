import { parseAgents } from '../parse/agents.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * Shared agent context (AGENTS.md). Read with the project rather than apart: CLAUDE.md's imports reach
 * into it, so project rules read its tree, and a document is parsed once.
 */
export const agents: DocumentKindDefinition = {
  name: 'agents',
  locations: ['AGENTS.md', '**/AGENTS.md'],
  assemble(files, project) {
    for (const file of files) {
      const document = project.tree(file);
      if (document) project.parts.agents.push(project.collect(parseAgents(document)));
    }
  },
};
