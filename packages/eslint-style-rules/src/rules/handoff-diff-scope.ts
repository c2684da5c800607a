import { createProjectRule } from '../utils/create-rule.js';
import { covers, scopeEntries } from '../utils/diff-scope.js';
import { handoffName } from '../utils/handoff.js';

type MessageIds = 'outsideScope' | 'unchanged' | 'outsideScopeStaged';

const MAX_LISTED = 10;

export default createProjectRule<[], MessageIds>('handoff-diff-scope', {
  meta: {
    type: 'problem',
    docs: {
      description: "With a diff base or staged files, the diff scope of a handoff written in that change matches the files git says changed",
      recommended: true,
    },
    messages: {
      outsideScope:
        '{{count}} changed since {{base}} outside the diff scope of handoff {{name}}: {{files}}; add them to "changed dirs" / "notable files", or split them into their own lane.',
      unchanged:
        'Diff scope of handoff {{name}} names "{{path}}", but nothing there changed since {{base}}; remove it from the scope, or check that {{base}} is the base of this work.',
      outsideScopeStaged:
        '{{count}} staged with handoff {{name}} but outside its diff scope: {{files}}; add them to "changed dirs" / "notable files", or commit them separately.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      async project() {
        const base = context.diffBase;
        // Inside a commit hook (or `--staged`), the change is what is staged; otherwise there is no diff to compare with.
        const staged = base === undefined && context.commitHook === true;
        if (base === undefined && !staged) return;
        const { project } = context;
        const withScope = project.states.filter((s) => s.handoffs.at(-1)?.fields.diffScope !== undefined);
        if (withScope.length === 0) return;
        const changed = staged ? await context.git.stagedFiles() : await context.git.changedFiles(base!);
        const changedSet = new Set(changed);
        // Writing the handoff and ticking tasks is bookkeeping of every lane, not part of its diff.
        const bookkeeping = new Set(project.documents.filter((d) => d.kinds.includes('state') || d.kinds.includes('tasks')).map((d) => d.file));
        for (const state of withScope) {
          // A handoff this change does not write vouches for earlier work: it is not compared with this diff.
          if (!changedSet.has(state.file)) continue;
          const doc = project.tree(state.file);
          const handoff = state.handoffs.at(-1)!;
          if (!doc) continue;
          const entries = scopeEntries(doc, handoff);
          // A scope in words only ("the search page") gives nothing to compare.
          if (entries.length === 0) continue;
          const name = handoffName(handoff);
          const outside = changed.filter((file) => !bookkeeping.has(file) && !entries.some((entry) => covers(entry, file)));
          if (outside.length > 0) {
            const listed = outside.slice(0, MAX_LISTED).join(', ');
            const more = outside.length > MAX_LISTED ? ` and ${outside.length - MAX_LISTED} more` : '';
            const count = outside.length === 1 ? '1 file' : `${outside.length} files`;
            context.report({
              position: handoff.fields.diffScope!.position,
              ...(staged
                ? { messageId: 'outsideScopeStaged' as const, data: { count, name, files: `${listed}${more}` } }
                : { messageId: 'outsideScope' as const, data: { count, base: base!, name, files: `${listed}${more}` } }),
            });
          }
          // A commit carries part of a lane's work: scope it does not touch is not a finding there.
          if (staged) continue;
          for (const entry of entries) {
            if (changed.some((file) => covers(entry, file))) continue;
            context.report({ position: entry.position, messageId: 'unchanged', data: { name, path: entry.path, base: base! } });
          }
        }
      },
    };
  },
});
