import { parseSequence } from '../parse/sequence.js';
import { README, TRACKS_REGISTRY } from '../text/document-names.js';
import { NAMED_PLAN_LOCATION, planNamed } from './plan-names.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * The order of work: `docs/DEVELOPMENT.md`, BACKLOG.md, and any plan, roadmap, backlog or to-do list found
 * by its name (ROADMAP.md, TODO.md, `.claude/TASKS.md`, `specs/OVERVIEW.md`), Conductor's `conductor/tracks.md`, and the
 * README's roadmap section (the weakest plan: what it lists counts only where no other plan lists work); every one is
 * read, ranked in query/order.ts.
 */
export const sequence: DocumentKindDefinition = {
  name: 'sequence',
  locations: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md', TRACKS_REGISTRY, README, NAMED_PLAN_LOCATION],
  accepts: (file, location) => location !== NAMED_PLAN_LOCATION || planNamed(file, ['plan', 'pool']),
  readers: { sequence: parseSequence },
  assemble(files, project) {
    for (const file of project.ranked('sequence', files)) {
      const model = project.model(file, 'sequence');
      if (model) project.parts.sequences.push(model);
    }
  },
};
