import type { DocumentModels } from '../model/project.js';
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

export function assembleSpecParts(files: readonly string[], project: ProjectAssembly): void {
  for (const file of files) {
    const where = classifySpecPath(file);
    if (!where) continue;
    if (where.role === 'plan' || where.role === 'other') {
      project.parts.specParts.push({ file, where });
      continue;
    }
    const model: DocumentModels[typeof where.role] = project.model(file, where.role);
    if (!model) continue;
    project.parts.specParts.push(where.role === 'spec' ? { file, where, spec: model as NonNullable<DocumentModels['spec']> } : { file, where, tasks: model as NonNullable<DocumentModels['tasks']> });
  }
}
