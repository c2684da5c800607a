import type { Heading, ListItem } from 'mdast';
import type { CapabilitySpec, MarkdownDocument, RequirementBlock } from '../model/types.js';
import { positionOf } from '../model/positions.js';
import { plainText } from '../text/plain-text.js';
import type { DocumentKindDefinition } from './types.js';

/** `## MODIFIED Requirements`: the delta section a requirement block sits in. */
const DELTA_SECTION = /^(ADDED|MODIFIED|REMOVED|RENAMED)\s+requirements?\b/i;
/** `### Requirement: Record a hike`. */
const REQUIREMENT = /^requirement\s*[:：]\s*(\S.*)$/iu;
/** A RENAMED item's old name: `FROM: ### Requirement: Old name`. */
const RENAMED_FROM = /^from\s*[:：]\s*(?:#+\s*)?requirement\s*[:：]\s*(\S.*)$/iu;

function collapse(name: string): string {
  return name.replace(/\s+/g, ' ').trim();
}

/** The requirement blocks of a capability spec, with the delta section each sits in. */
export function readRequirementBlocks(doc: MarkdownDocument): RequirementBlock[] {
  const blocks: RequirementBlock[] = [];
  let operation: RequirementBlock['operation'];
  for (const node of doc.tree.children) {
    if (node.type === 'heading') {
      const heading = node as Heading;
      const text = plainText(heading).trim();
      if (heading.depth <= 2) {
        operation = (DELTA_SECTION.exec(text)?.[1]?.toUpperCase() as RequirementBlock['operation']) ?? undefined;
        continue;
      }
      const requirement = REQUIREMENT.exec(text);
      if (requirement && operation !== 'RENAMED') {
        const block: RequirementBlock = { name: collapse(requirement[1]!), position: positionOf(heading, doc.file) };
        if (operation) block.operation = operation;
        blocks.push(block);
      }
      continue;
    }
    if (operation === 'RENAMED' && node.type === 'list') {
      for (const item of node.children as ListItem[]) {
        const from = RENAMED_FROM.exec(plainText(item).replace(/\s+/g, ' ').trim().split(/\s(?=to\s*[:：])/i)[0] ?? '');
        if (from) blocks.push({ name: collapse(from[1]!.replace(/`/g, '')), operation: 'RENAMED', position: positionOf(item, doc.file) });
      }
    }
  }
  return blocks;
}

/** `openspec/specs/<capability>/spec.md` or `openspec/changes/<id>/specs/<capability>/spec.md`. */
function placeOf(file: string): { capability: string; change?: string } | undefined {
  const parts = file.split('/');
  const root = parts.indexOf('openspec');
  if (root < 0 || parts[parts.length - 1]!.toLowerCase() !== 'spec.md') return undefined;
  if (parts[root + 1] === 'specs') return { capability: parts.slice(root + 2, -1).join('/') };
  if (parts[root + 1] === 'changes' && parts[root + 3] === 'specs') return { change: parts[root + 2]!, capability: parts.slice(root + 4, -1).join('/') };
  return undefined;
}

/**
 * OpenSpec's capability specs: current truth and each active change's delta. Not features: what their
 * requirement blocks name is what two changes may both modify (changes-overlap) and what a change's
 * MODIFIED or REMOVED block must find (requirement-refs-resolve). Archived deltas are history, not read.
 */
export const capability: DocumentKindDefinition = {
  name: 'capability',
  locations: ['openspec/specs/**/spec.md', 'openspec/changes/*/specs/**/spec.md'],
  assemble(files, project) {
    for (const file of files) {
      const place = placeOf(file);
      const document = place ? project.tree(file) : undefined;
      if (!place || !document) continue;
      const spec: CapabilitySpec = { file, capability: place.capability, requirements: readRequirementBlocks(document) };
      if (place.change !== undefined) spec.change = place.change;
      project.parts.capabilities.push(spec);
    }
  },
};
