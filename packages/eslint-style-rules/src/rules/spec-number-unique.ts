import type { Spec } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';

/** `003` and `3` are the same number: Spec Kit pads to three digits, people do not always. */
function numberKey(number: string): string {
  return number.replace(/^0+(?=\d)/, '');
}

/** The folder the spec folders sit in (`specs`, `packages/api/specs`): numbers need only be unique within one. */
function parentOf(spec: Spec): string {
  const dir = spec.dir.replace(/\\/g, '/').replace(/(?<!\/)\/+$/, '');
  const slash = dir.lastIndexOf('/');
  return slash < 0 ? '' : dir.slice(0, slash);
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
        'Spec folder {{folder}} has number {{number}}, which {{first}} already uses; renumber {{folder}} to the next free number ({{free}}) so references by number stay unambiguous.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      project() {
        const specs = context.project.specs
          .filter((s): s is Spec & { number: string } => s.kind === 'speckit' && s.number !== undefined && /^\d+$/.test(s.number))
          .slice()
          .sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
        const groups = new Map<string, Array<Spec & { number: string }>>();
        for (const spec of specs) {
          const parent = parentOf(spec);
          const list = groups.get(parent) ?? [];
          list.push(spec);
          groups.set(parent, list);
        }
        for (const list of groups.values()) {
          const used = new Set(list.map((s) => Number.parseInt(s.number, 10)));
          const width = list.reduce((n, s) => Math.max(n, s.number.length), 0);
          let next = [...used].reduce((n, number) => Math.max(n, number), Number.NEGATIVE_INFINITY) + 1;
          const first = new Map<string, Spec>();
          for (const spec of list) {
            const key = numberKey(spec.number);
            const earlier = first.get(key);
            if (!earlier) {
              first.set(key, spec);
              continue;
            }
            while (used.has(next)) next++;
            const free = String(next).padStart(width, '0');
            used.add(next);
            context.report({
              messageId: 'duplicate',
              data: { folder: spec.dir, number: spec.number, first: earlier.dir, free },
              position: spec.position,
            });
          }
        }
      },
    };
  },
});
