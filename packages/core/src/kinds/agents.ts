import { parseAgents } from '../parse/agents.js';
import { speckitCurrentPlan } from '../parse/speckit-context.js';
import { TEMPLATE_FOLDER } from '../text/document-names.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * Shared agent context (AGENTS.md). Read with the project rather than apart: CLAUDE.md's imports reach
 * into it, so project rules read its tree, and a document is parsed once. Spec Kit's block in it names the
 * spec being worked on.
 */
export const agents: DocumentKindDefinition = {
  name: 'agents',
  locations: ['AGENTS.md', '**/AGENTS.md'],
  accepts: (file) => !TEMPLATE_FOLDER.test(file),
  assemble(files, project) {
    for (const file of files) {
      const document = project.tree(file);
      if (!document) continue;
      project.parts.agents.push(project.collect(parseAgents(document)));
      const current = speckitCurrentPlan(document);
      if (current) project.parts.specParts.push({ file, current });
    }
  },
};
