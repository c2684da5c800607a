import { specTree, type Spec } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';

/** `003` and `3` are the same number: Spec Kit pads to three digits, people do not always. */
function numberKey(number: string): string {
  return number.replace(/^0+(?=\d)/, '');
}

/** At most this many folders are named in a message; the rest are counted. */
const NAMED = 10;

function folderName(spec: Spec): string {
  const dir = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  return dir.slice(dir.lastIndexOf('/') + 1);
}

function listed(names: readonly string[]): string {
  return names.length <= NAMED ? names.join(', ') : `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`;
}

export default createProjectRule<[], 'duplicate'>('spec-number-unique', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Spec folders have distinct numbers',
      recommended: true,
    },
    messages: {
      duplicate:
        'Spec number {{number}} is used by {{count}} folders in {{parent}} ({{folders}}); keep it for one and renumber the others ({{free}} {{verb}} free) so references by number stay unambiguous.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        // Backlog.md gives every task an id of its own; a sub-task shares its parent's number (`task-3`, `task-3.1`).
        const specs = context.project.specs
          .filter((s): s is Spec & { number: string } => s.kind !== 'agent' && s.kind !== 'backlog' && s.archived === undefined && s.number !== undefined && /^\d+$/.test(s.number))
          .slice()
          .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
        const trees = new Map<string, Array<Spec & { number: string }>>();
        for (const spec of specs) {
          // Numbers need only be unique within one spec tree.
          const parent = specTree(spec);
          const list = trees.get(parent) ?? [];
          list.push(spec);
          trees.set(parent, list);
        }
        for (const [parent, list] of trees) {
          const used = new Set(list.map((s) => Number.parseInt(s.number, 10)));
          const width = list.reduce((n, s) => Math.max(n, s.number.length), 0);
          let next = [...used].reduce((n, number) => Math.max(n, number), Number.NEGATIVE_INFINITY) + 1;
          // One cause, one report: every folder of a number, in name order.
          const byNumber = new Map<string, Array<Spec & { number: string }>>();
          for (const spec of list) {
            const key = numberKey(spec.number);
            const group = byNumber.get(key);
            if (group) group.push(spec);
            else byNumber.set(key, [spec]);
          }
          for (const group of byNumber.values()) {
            if (group.length < 2) continue;
            const free: string[] = [];
            for (let i = 1; i < group.length; i++) {
              while (used.has(next)) next++;
              free.push(String(next).padStart(width, '0'));
              used.add(next);
            }
            const [first, second, ...rest] = group;
            context.report({
              messageId: 'duplicate',
              data: {
                number: first!.number,
                count: group.length,
                parent: parent === '' ? 'the repository root' : `${parent}/`,
                folders: listed(group.map(folderName)),
                free: listed(free),
                verb: free.length === 1 ? 'is' : 'are',
              },
              // At the first folder that repeats the number; the others are the same problem.
              position: second!.position,
              related: [first!.position, ...rest.map((s) => s.position)],
            });
          }
        }
      },
    };
  },
});
