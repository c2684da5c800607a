import type { ClaudeImport } from '@govern/core';
import { createProjectRule } from '../utils/create-rule.js';
import { entryKind, isFile, loadImportGraph, MAX_IMPORT_HOPS, targetOf } from '../utils/claude-imports.js';

type MessageIds = 'missing' | 'directory' | 'outside' | 'cycle' | 'tooDeep';

export default createProjectRule<[], MessageIds>('claude-imports-resolve', {
  meta: {
    type: 'problem',
    docs: {
      description: 'Every @import in CLAUDE.md (and in the files it imports) names an existing file in the repository, without cycles, within four hops',
      recommended: true,
    },
    messages: {
      missing: 'Import "@{{path}}" names {{target}}, which does not exist, so Claude Code loads nothing; fix the path or remove the import.',
      directory: 'Import "@{{path}}" names the directory {{target}}, and Claude Code imports files only; name the file to load (for example {{target}}/README.md).',
      outside:
        'Import "@{{path}}" points outside the repository, so nobody else who clones it gets that file; move the file into the repository, or use "@~/..." for personal instructions.',
      cycle: 'Import "@{{path}}" closes an import cycle ({{cycle}}); remove one of these imports so each file is imported once.',
      tooDeep:
        'Import "@{{path}}" loads {{target}} {{hops}} imports away from {{start}}, and Claude Code stops after {{max}}; import it from a file closer to {{start}}.',
    },
    schema: [],
    govern: { scope: 'project' },
  },
  create(context) {
    return {
      async project() {
        const { project } = context;
        // A CLAUDE.md that is a link to AGENTS.md is that file; its text is not a second set of imports to check.
        const starts = project.claude.filter((c) => c.symlinkTarget === undefined).map((c) => c.file);
        if (starts.length === 0) return;
        const graph = await loadImportGraph(project, starts, context.files);
        const reported = new Set<string>();
        const report = (item: ClaudeImport, messageId: MessageIds, data: Record<string, unknown>) => {
          const key = `${item.position.file}:${item.position.line}:${item.position.column}:${messageId}`;
          if (reported.has(key)) return;
          reported.add(key);
          context.report({ position: { ...item.position }, messageId, data: { path: item.path, ...data } });
        };

        const kinds = new Map<string, ReturnType<typeof entryKind>>();
        const checkedFiles = new Set<string>();
        for (const start of starts) {
          const walk = graph.follow(start);

          // Every file Claude Code would load from this CLAUDE.md: its imports must resolve.
          for (const file of walk.reached.keys()) {
            if (checkedFiles.has(file)) continue;
            checkedFiles.add(file);
            for (const item of graph.imports.get(file) ?? []) {
              // Home imports are each person's own files; whether they exist differs per machine.
              if (item.fromHome) continue;
              if (item.resolved === undefined) {
                report(item, 'outside', {});
                continue;
              }
              let kind = kinds.get(item.resolved);
              if (!kind) kinds.set(item.resolved, (kind = entryKind(context.files, project.root, item.resolved)));
              if (kind === 'directory') report(item, 'directory', { target: item.resolved });
              else if (kind === 'none') report(item, 'missing', { target: item.resolved });
            }
          }

          for (const cycle of walk.cycles) {
            const from = cycle[cycle.length - 2];
            const to = cycle[cycle.length - 1];
            const closing = from === undefined ? undefined : graph.imports.get(from)?.find((i) => targetOf(i) === to);
            if (closing) report(closing, 'cycle', { cycle: cycle.join(' -> ') });
          }

          for (const far of walk.tooDeep) {
            // Missing or foreign targets are reported as such; only a real file left unloaded is "too deep".
            if (far.file.startsWith('/') || /^[A-Za-z]:\//.test(far.file) || !isFile(context.files, project.root, far.file)) continue;
            // The import that reaches one hop too far sits in a file at the limit.
            for (const [file, hops] of walk.reached) {
              if (hops !== far.hops - 1) continue;
              const item = graph.imports.get(file)?.find((i) => targetOf(i) === far.file);
              if (!item) continue;
              report(item, 'tooDeep', { target: far.file, hops: far.hops, start, max: MAX_IMPORT_HOPS });
              break;
            }
          }
        }
      },
    };
  },
});
