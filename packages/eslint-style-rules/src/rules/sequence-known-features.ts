import { createFeatureIndex, isReadme, isSpecIndexReadme, resolveReference, sequenceKind, type SequenceEntry } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { featureLabel, statesByFeature } from '../utils/states.js';

type Options = [{ requireAll?: boolean }?];
type MessageIds = 'unknown' | 'ambiguous' | 'missing';

/** `none`, `n/a`, `—`: a placeholder where an entry was expected names nothing, and nothing is wrong with it. */
function namesNothing(reference: string): boolean {
  const text = reference.replace(/[*_`~]/g, '').trim().toLowerCase();
  return text === '' || /^[-–—]+$/.test(text) || ['none', 'n/a', 'na', 'nothing', 'tbd'].includes(text);
}

export default createProjectRule<Options, MessageIds>('sequence-known-features', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Every DEVELOPMENT.md or BACKLOG.md entry names a known feature',
      recommended: true,
    },
    messages: {
      unknown:
        '{{file}} lists "{{reference}}", but no feature{{where}} matches it; use the feature\'s id or its title{{where}}, or add the feature there first.',
      ambiguous: '{{file}} lists "{{reference}}", which could name {{candidates}}; write the id of the feature meant.',
      missing:
        'Feature {{feature}} is not in {{sequence}}; add it where it belongs in the order, so the next session knows when to build it.',
    },
    schema: [
      {
        type: 'object',
        properties: { requireAll: { type: 'boolean', default: false } },
        additionalProperties: false,
      },
    ],
    govern: { scope: 'project' },
  },
  create(context) {
    const requireAll = context.options[0]?.requireAll === true;
    return {
      project() {
        const { project } = context;
        // A README's roadmap names work in its own words; it is no plan to hold to PRODUCT.md's ids. A spec folder's
        // README places the specs it names, and the rest of what it lists (how to write a spec) is no work.
        const sequences = project.sequences.filter((s) => s.entries.length > 0 && !isReadme(s.file) && !isSpecIndexReadme(s.file));
        if (sequences.length === 0) return;

        const attached = new Set<SequenceEntry>();
        for (const feature of project.features) {
          for (const { entry, rows } of feature.sequence) {
            attached.add(entry);
            // A board's rows that are the feature's tasks (their milestone column names it) name it too.
            for (const row of rows ?? []) attached.add(row);
          }
        }
        // Built only for an entry the model could not attach, which a healthy sequence does not have.
        let index: ReturnType<typeof createFeatureIndex> | undefined;
        const productFile = project.product && project.product.features.length > 0 ? project.product.file : undefined;
        const where = productFile ? ` in ${productFile}` : '';

        for (const sequence of sequences) {
          for (const entry of sequence.entries) {
            if (attached.has(entry) || namesNothing(entry.reference)) continue;
            const resolved = resolveReference(entry.reference, (index ??= createFeatureIndex(project.features)));
            // Named plainly enough (two plans' `Phase 7`, which the model kept apart by their titles): not unknown.
            if (resolved && 'id' in resolved) continue;
            if (resolved && 'ambiguous' in resolved) {
              const names = resolved.ambiguous;
              const candidates = names.length === 2 ? `${names[0]} or ${names[1]}` : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
              context.report({ messageId: 'ambiguous', data: { file: sequence.file, reference: entry.reference, candidates }, position: entry.position });
            } else {
              context.report({ messageId: 'unknown', data: { file: sequence.file, reference: entry.reference, where }, position: entry.position });
            }
          }
        }

        if (!requireAll) return;
        const development = sequences.filter((s) => sequenceKind(s.file) === 'development');
        const named = (development.length > 0 ? development : sequences).map((s) => s.file);
        const sequenceName = named.length === 1 ? named[0]! : `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}`;
        // A finished or dropped feature has no place left in the order; backlogs move done items out on purpose.
        const states = statesByFeature(project);
        for (const feature of project.features) {
          if (feature.sequence.length > 0) continue;
          const state = states.get(feature)?.state;
          if (state === 'done' || state === 'cancelled') continue;
          context.report({ messageId: 'missing', data: { feature: featureLabel(feature), sequence: sequenceName }, position: feature.position });
        }
      },
    };
  },
});
