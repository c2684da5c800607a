import type { SourcePosition } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { openChanges, requirementKey } from '../utils/open-changes.js';

interface Touch {
  change: string;
  operation: string;
  position: SourcePosition;
}

export default createProjectRule<[], 'overlap'>('changes-overlap', {
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Two open OpenSpec changes do not both modify the same requirement',
      recommended: true,
    },
    messages: {
      overlap:
        'Requirement "{{requirement}}" of {{capability}} is {{operation}} here and also by {{others}}; whichever is archived second overwrites the first one\'s version. Fold the two into one change, or make one depend on the other and write its delta against the first.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const { project } = context;
        const open = openChanges(project);
        if (open.size < 2) return;
        // A change that depends on another is written against it: stacking, not a clash.
        const waitsFor = new Map<string, Set<string>>();
        for (const feature of project.features) {
          const change = feature.specs.find((s) => open.has(s.slug) && s.kind === 'openspec');
          if (change) waitsFor.set(change.slug, new Set(feature.dependencies.map((d) => d.id).filter((id): id is string => id !== undefined)));
        }
        const stacked = (a: string, b: string): boolean => waitsFor.get(a)?.has(b) === true || waitsFor.get(b)?.has(a) === true;
        const touches = new Map<string, Touch[]>();
        for (const [change, { deltas }] of open) {
          for (const delta of deltas) {
            for (const block of delta.requirements) {
              if (block.operation !== 'MODIFIED' && block.operation !== 'REMOVED' && block.operation !== 'RENAMED') continue;
              const key = `${delta.capability}\u0000${requirementKey(block.name)}`;
              const list = touches.get(key) ?? [];
              if (!list.some((t) => t.change === change)) list.push({ change, operation: block.operation, position: block.position });
              touches.set(key, list);
            }
          }
        }
        for (const [key, list] of touches) {
          if (list.length < 2) continue;
          // One report, at the change whose id sorts last, naming the others.
          list.sort((a, b) => (a.change < b.change ? -1 : a.change > b.change ? 1 : 0));
          const last = list[list.length - 1]!;
          const others = list.slice(0, -1).filter((t) => !stacked(t.change, last.change));
          if (others.length === 0) continue;
          const [capability, requirement] = key.split('\u0000');
          context.report({
            messageId: 'overlap',
            data: {
              requirement: requirement!,
              capability: capability!,
              operation: last.operation.toLowerCase(),
              others: others.map((t) => `${t.change} (${t.position.file}:${t.position.line})`).join(', '),
            },
            position: last.position,
            related: others.map((t) => t.position),
          });
        }
      },
    };
  },
});
