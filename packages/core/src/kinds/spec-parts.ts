import type { DocumentModels } from '../model/project.js';
import type { Located } from '../model/types.js';
import { parseSpecDocument } from '../parse/spec.js';
import { classifySpecPath } from '../parse/spec-paths.js';
import { parseTasks } from '../parse/tasks.js';
import type { DocumentKindDefinition, ModelName, ProjectAssembly } from './types.js';

/**
 * What the three kinds of a spec's files (spec, plan, tasks) share: a file's role in its spec comes
 * from its path (`specs/003-tags/tasks.md` is a task list whatever glob found it), and each file
 * becomes a part of its spec, assembled into `Spec`s once every part is in.
 */
export const specPartReaders: DocumentKindDefinition['readers'] = { spec: parseSpecDocument, tasks: parseTasks };

/**
 * The model a spec file gives: by its role when its path has one (`spec.md`, `tasks.md`), else the one
 * its kind reads (`own`; a plan has none), so that the kind's document rules still see it.
 */
export function specPartModels(own: ModelName | undefined): (file: string) => readonly ModelName[] {
  return (file) => {
    const role = classifySpecPath(file)?.role;
    if (role === 'spec' || role === 'tasks') return [role];
    return own ? [own] : [];
  };
}

/**
 * The phase a cc-sdd `spec.json` records (`"phase": "implementation-completed"`), where its line is; a
 * file that is not JSON, or has no phase, gives none.
 */
function specJsonPhase(file: string, text: string | undefined): Located<string> | undefined {
  if (text === undefined) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const record = data as Record<string, unknown>;
  const implementation = record['implementation'];
  const completed = typeof implementation === 'object' && implementation !== null && (implementation as Record<string, unknown>)['completed'] === true;
  const phase = typeof record['phase'] === 'string' ? record['phase'].trim() : '';
  if (phase === '' && !completed) return undefined;
  const at = text.indexOf('"phase"');
  const line = at < 0 ? 1 : text.slice(0, at).split(/\r\n|\r|\n/).length;
  return { value: completed && !/complet|done/i.test(phase) ? 'implementation-completed' : phase, position: { file, line, column: 1 } };
}

export function assembleSpecParts(files: readonly string[], project: ProjectAssembly): void {
  for (const file of files) {
    const where = classifySpecPath(file);
    if (!where) continue;
    if (where.role === 'plan' || where.role === 'other') {
      const phase = where.kind === 'kiro' && /(?:^|\/)spec\.json$/i.test(file) ? specJsonPhase(file, project.text(file)) : undefined;
      project.parts.specParts.push(phase ? { file, where, phase } : { file, where });
      continue;
    }
    const model: DocumentModels[typeof where.role] = project.model(file, where.role);
    if (!model) continue;
    project.parts.specParts.push(where.role === 'spec' ? { file, where, spec: model as NonNullable<DocumentModels['spec']> } : { file, where, tasks: model as NonNullable<DocumentModels['tasks']> });
  }
}
