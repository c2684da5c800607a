import { parseSequence } from '../parse/sequence.js';
import { GSD_PROJECT, isGsdMilestoneRoadmap, README, TRACKS_REGISTRY } from '../text/document-names.js';
import { NAMED_PLAN_LOCATION, planNamed } from './plan-names.js';
import type { Sequence } from '../model/types.js';
import type { DocumentKindDefinition } from './types.js';

/** Whether a plan has an entry not finished. */
const open = (plan: Sequence): boolean => plan.entries.some((entry) => entry.state?.state !== 'done' && entry.state?.state !== 'cancelled');

/**
 * The order of work: `docs/DEVELOPMENT.md`, BACKLOG.md, and any plan, roadmap, backlog or to-do list found
 * by its name (ROADMAP.md, TODO.md, `.claude/TASKS.md`, `specs/OVERVIEW.md`), Conductor's `conductor/tracks.md`, and the
 * README's roadmap section (the weakest plan: what it lists counts only where no other plan lists work); every one is
 * read, ranked in query/order.ts. Of GSD's milestone roadmaps (`.gsd/milestones/M002/M002-ROADMAP.md`), whose slices
 * are numbered again in each, the project takes one: the first with a slice open, else the last.
 */
export const sequence: DocumentKindDefinition = {
  name: 'sequence',
  locations: ['docs/DEVELOPMENT.md', 'DEVELOPMENT.md', 'BACKLOG.md', 'docs/BACKLOG.md', TRACKS_REGISTRY, README, NAMED_PLAN_LOCATION, '.gsd/milestones/*/*.md'],
  accepts: (file, location) =>
    location === NAMED_PLAN_LOCATION ? planNamed(file, ['plan', 'pool']) : location.startsWith('.gsd/') ? isGsdMilestoneRoadmap(file) : true,
  readers: { sequence: parseSequence },
  assemble(files, project) {
    const milestones: Sequence[] = [];
    for (const file of project.ranked('sequence', files)) {
      const model = project.model(file, 'sequence');
      if (!model) continue;
      if (isGsdMilestoneRoadmap(file)) milestones.push(model);
      else project.parts.sequences.push(model);
    }
    milestones.sort((a, b) => a.file.localeCompare(b.file, 'en', { numeric: true }));
    const current = milestones.find(open) ?? milestones[milestones.length - 1];
    if (!current) return;
    project.parts.sequences.push(current);
    // The milestone under way orders the work; `.gsd/PROJECT.md`'s list of milestones says only which comes after it.
    if (open(current)) project.parts.sequences = project.parts.sequences.filter((plan) => plan.file.toLowerCase() !== GSD_PROJECT);
  },
};
