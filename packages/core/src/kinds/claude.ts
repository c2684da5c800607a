import { lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { parseClaudeImports } from '../parse/claude-imports.js';
import { speckitCurrentPlan } from '../parse/speckit-context.js';
import { TEMPLATE_FOLDER } from '../text/document-names.js';
import type { DocumentKindDefinition } from './types.js';

/**
 * Claude Code's memory files (CLAUDE.md), read with the project: their imports are resolved against the
 * repository and the user's home, and whether one is a link to AGENTS.md is the file system's to say. Spec
 * Kit's block in one names the spec being worked on.
 */
export const claude: DocumentKindDefinition = {
  name: 'claude',
  locations: ['CLAUDE.md', '.claude/CLAUDE.md', '**/CLAUDE.md'],
  accepts: (file) => !TEMPLATE_FOLDER.test(file),
  assemble(files, project) {
    for (const file of files) {
      const document = project.tree(file);
      if (!document) continue;
      const parsed = project.collect(parseClaudeImports(document, { root: project.root, home: project.home }));
      const target = symlinkTarget(project.root, file);
      if (target !== undefined) parsed.symlinkTarget = target;
      project.parts.claude.push(parsed);
      const current = speckitCurrentPlan(document);
      if (current) project.parts.specParts.push({ file, current });
    }
  },
};

/** Where a CLAUDE.md that is a symbolic link points: repository-relative inside the root, else absolute. */
function symlinkTarget(root: string, file: string): string | undefined {
  const absolute = path.join(root, file);
  try {
    const info = lstatSync(absolute);
    if (!info.isSymbolicLink()) return undefined;
    const target = path.resolve(path.dirname(absolute), readlinkSync(absolute));
    const relative = path.relative(root, target);
    return relative.startsWith('..') || path.isAbsolute(relative) ? target : relative.split(path.sep).join('/');
  } catch {
    return undefined;
  }
}
