import { isTameGlob, matchesGlob, type Handoff, type MarkdownDocument, type SourcePosition } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { fieldLines, handoffName, handoffSources } from '../utils/handoff.js';

type MessageIds = 'outsideScope' | 'unchanged' | 'outsideScopeStaged';

interface ScopeEntry {
  path: string;
  position: SourcePosition;
  /** `src/auth/` or a path with no extension: everything under it counts. */
  dir: boolean;
  glob: boolean;
}

/** Words with a slash or a dot that are not paths. */
const NOT_PATHS = new Set(['n/a', 'and/or', 'w/', 'w/o', 'i.e', 'e.g', 'etc', 'vs', 'a/b', 'yes/no', 'on/off', 'read/write', 'pass/fail', 'input/output']);
const LIST_LABEL = /^\s*(?:[-*+]\s+)?[*_]*\p{L}(?:[\p{L} ]{0,38}\p{L})?(?:[ ]*[*_]+)?\s*[:：]\s*/u;
const MAX_LISTED = 10;

function candidates(text: string): Array<{ token: string; index: number }> {
  const out: Array<{ token: string; index: number }> = [];
  for (const match of text.matchAll(/[^\s,;()`"'<>[\]]+/gu)) {
    let token = match[0].replace(/(?<![.:])[.:]+$/u, '');
    if (token.includes('://') || /^[#@]/u.test(token) || NOT_PATHS.has(token.toLowerCase())) continue;
    const pathLike = token.includes('/') || /[*?{]/u.test(token) || /^[\w@+-][\w.@+-]*\.[A-Za-z][\w]{0,9}$/u.test(token);
    if (!pathLike || !/[\p{L}\p{N}]/u.test(token)) continue;
    // `→` and `->` are prose, `—` a separator.
    if (/^(?:->|=>|—|–)$/u.test(token)) continue;
    token = token.replace(/^\.\//u, '').replace(/^\//u, '');
    out.push({ token, index: match.index });
  }
  return out;
}

function scopeEntries(doc: MarkdownDocument, handoff: Handoff): ScopeEntry[] {
  const field = handoff.fields.diffScope;
  if (!field) return [];
  const source = handoffSources(doc, [handoff])[0]!;
  const entries: ScopeEntry[] = [];
  for (const line of fieldLines(source, field)) {
    const label = LIST_LABEL.exec(line.text);
    const offset = label ? label[0].length : 0;
    for (const { token, index } of candidates(line.text.slice(offset))) {
      const column = line.column + offset + index;
      // A glob with more wildcards than can be matched in bounded time is read as a plain path.
      const glob = /[*?{[]/u.test(token) && isTameGlob(token);
      const dir = !glob && (token.endsWith('/') || !/\.[A-Za-z][\w]{0,9}$/u.test(token.split('/').at(-1) ?? ''));
      entries.push({ path: token.replace(/(?<!\/)\/+$/u, ''), position: { file: doc.file, line: line.line, column }, dir, glob });
    }
  }
  return entries;
}

function covers(entry: ScopeEntry, file: string): boolean {
  if (entry.glob) return matchesGlob(file, entry.path) || matchesGlob(file, `${entry.path}/**`);
  return file === entry.path || file.startsWith(`${entry.path}/`);
}

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
