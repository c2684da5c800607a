import { parseSequence } from '../parse/sequence.js';
import { GSD_PROJECT, README, TRACKS_REGISTRY } from '../text/document-names.js';
import { currentMilestone, hasOpenEntry, isGsdMilestoneRoadmap, isGsdSlicePlan } from './gsd-milestones.js';
import { NAMED_PLAN_LOCATION, planNamed } from './plan-names.js';
import type { Sequence } from '../model/types.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * The order of work: `docs/DEVELOPMENT.md`, BACKLOG.md, and any plan, roadmap, backlog or to-do list found
 * by its name (ROADMAP.md, TODO.md, `.claude/TASKS.md`, `specs/OVERVIEW.md`), Conductor's `conductor/tracks.md`, and the
 * README's roadmap section (the weakest plan: what it lists counts only where no other plan lists work); every one is
 * read, ranked in query/order.ts. Of GSD's milestone roadmaps the project takes one, with what its slices' plans say
 * (see kinds/gsd-milestones.ts).
 */
export const sequence: DocumentKindDefinition = {
  name: 'sequence',
  locations: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md', TRACKS_REGISTRY, README, NAMED_PLAN_LOCATION, '.gsd/milestones/*/*.md', '.gsd/milestones/*/slices/*/*.md'],
  accepts: (file, location) =>
    location === NAMED_PLAN_LOCATION ? planNamed(file, ['plan', 'pool']) : location.startsWith('.gsd/') ? isGsdMilestoneRoadmap(file) || isGsdSlicePlan(file) : true,
  readers: { sequence: parseSequence },
  assemble(files, project) {
    const milestones: Sequence[] = [];
    const slicePlans: Sequence[] = [];
    for (const file of project.ranked('sequence', files)) {
      const model = project.model(file, 'sequence');
      if (!model) continue;
      if (isGsdMilestoneRoadmap(file)) milestones.push(model);
      else if (isGsdSlicePlan(file)) slicePlans.push(model);
      else project.parts.sequences.push(model);
    }
    const current = currentMilestone(milestones, slicePlans);
    if (!current) return;
    project.parts.sequences.push(current);
    // The milestone under way orders the work; `.gsd/PROJECT.md`'s list of milestones says only which comes after it.
    if (hasOpenEntry(current)) project.parts.sequences = project.parts.sequences.filter((plan) => plan.file.toLowerCase() !== GSD_PROJECT);
  },
};
