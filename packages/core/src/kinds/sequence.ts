import { parseSequence } from '../parse/sequence.js';
import type { DocumentKindDefinition } from './types.js';

/** The order of work (`docs/DEVELOPMENT.md`, BACKLOG.md); every one is read, the first found leads. */
export const sequence: DocumentKindDefinition = {
  name: 'sequence',
  locations: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md'],
  readers: { sequence: parseSequence },
  assemble(files, project) {
    for (const file of project.ranked('sequence', files)) {
      const model = project.model(file, 'sequence');
      if (model) project.parts.sequences.push(model);
    }
  },
};
