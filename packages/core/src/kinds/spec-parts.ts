import type { DocumentModels } from '../model/project.js';
import type { Located } from '../model/types.js';
import { parseSpecDocument } from '../parse/spec.js';
import { classifySpecPath, type SpecPart } from '../parse/spec-paths.js';
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
    const where = classifySpecPath(file);
    // An execution plan is one file: the plan, and its Progress boxes as its tasks; so is a story, with its Tasks.
    if (where?.kind === 'execplan' || where?.kind === 'story') return ['spec', 'tasks'];
    const role = where?.role;
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
  const record = jsonObject(text);
  if (!record) return undefined;
  const implementation = record['implementation'];
  const completed = typeof implementation === 'object' && implementation !== null && (implementation as Record<string, unknown>)['completed'] === true;
  const phase = typeof record['phase'] === 'string' ? record['phase'].trim() : '';
  if (phase === '' && !completed) return undefined;
  return { value: completed && !/complet|done/i.test(phase) ? 'implementation-completed' : phase, position: { file, line: lineOf(text, '"phase"'), column: 1 } };
}

/** The status a Conductor track's `metadata.json` records (`"status": "in_progress"`), where its line is. */
function trackStatus(file: string, text: string | undefined): Located<string> | undefined {
  return textField(file, text, 'status');
}

/** A JSON object's non-empty text field `key`, trimmed, where its line is; a file that is not JSON, or lacks it, gives none. */
function textField(file: string, text: string | undefined, key: string): Located<string> | undefined {
  if (text === undefined) return undefined;
  const value = jsonObject(text)?.[key];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  return { value: value.trim(), position: { file, line: lineOf(text, `"${key}"`), column: 1 } };
}

/** Spec Kit's record of the feature being worked on, which its scripts write when a feature is created. */
export const SPEC_POINTER = '.specify/feature.json';

/**
 * The folder `.specify/feature.json` names (`{"feature_directory": "specs/004-tags"}`), where its line is;
 * a file that is not JSON, or names no folder, gives none.
 */
function specPointer(file: string, text: string | undefined): Located<string> | undefined {
  return textField(file, text, 'feature_directory');
}

/** The object a JSON text holds, or undefined for anything else (not JSON, an array, a number). */
function jsonObject(text: string): Record<string, unknown> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : undefined;
}

/** The line `key` is first written on, 1 when it is not found. */
function lineOf(text: string, key: string): number {
  const at = text.indexOf(key);
  return at < 0 ? 1 : text.slice(0, at).split(/\r\n|\r|\n/).length;
}

/** Where BMAD records the status of every story of the sprint, beside the story files. */
export const SPRINT_STATUS_LOCATIONS: readonly string[] = [
  '_bmad-output/implementation-artifacts/sprint-status.yaml', 'docs/sprint-artifacts/sprint-status.yaml', 'docs/sprint-status.yaml',
];

/** `  1-2-password-reset: review  # a comment`: one story's line under `development_status:`. */
const SPRINT_LINE = /^[ \t]+["']?([\w.-]{1,120})["']?[ \t]*:[ \t]*["']?([\w-]{1,40})["']?[ \t]*(?:#.*)?$/u;

/**
 * The status BMAD's `sprint-status.yaml` records for each story under `development_status:` (`1-2-password-reset: review`),
 * as a part of the story of that name in the same folder, whether its file was written yet or not. Epics and
 * retrospectives (`epic-1: done`) name no story and are left out. Read line by line: the file is a flat mapping.
 */
function sprintStatusParts(file: string, text: string | undefined): SpecPart[] {
  if (text === undefined) return [];
  const folder = file.slice(0, file.lastIndexOf('/') + 1);
  const parts: SpecPart[] = [];
  let inside = false;
  text.split(/\r\n|\r|\n/u).forEach((line, index) => {
    if (/^\S/u.test(line)) {
      inside = /^development_status[ \t]*:/u.test(line);
      return;
    }
    const entry = inside ? SPRINT_LINE.exec(line) : null;
    const where = entry ? classifySpecPath(`${folder}${entry[1]!}.md`) : undefined;
    if (!entry || where?.kind !== 'story') return;
    parts.push({ file, where: { ...where, role: 'other' }, phase: { value: entry[2]!, position: { file, line: index + 1, column: 1 } } });
  });
  return parts;
}

export function assembleSpecParts(files: readonly string[], project: ProjectAssembly): void {
  for (const file of files) {
    if (SPRINT_STATUS_LOCATIONS.some((location) => file.toLowerCase() === location)) {
      project.parts.specParts.push(...sprintStatusParts(file, project.text(file)));
      continue;
    }
    if (file.toLowerCase() === SPEC_POINTER) {
      const current = specPointer(file, project.text(file));
      if (current) project.parts.specParts.push({ file, current });
      continue;
    }
    const where = classifySpecPath(file);
    if (!where) continue;
    if (where.role === 'plan' || where.role === 'other') {
      const phase =
        where.kind === 'kiro' && /(?:^|\/)spec\.json$/i.test(file)
          ? specJsonPhase(file, project.text(file))
          : where.kind === 'conductor' && /(?:^|\/)metadata\.json$/i.test(file)
            ? trackStatus(file, project.text(file))
            : undefined;
      project.parts.specParts.push(phase ? { file, where, phase } : { file, where });
      continue;
    }
    if (where.kind === 'execplan' || where.kind === 'story') {
      const plan = project.model(file, 'spec');
      const progress = project.model(file, 'tasks');
      if (plan) project.parts.specParts.push({ file, where, spec: plan });
      if (progress) project.parts.specParts.push({ file, where: { ...where, role: 'tasks' }, tasks: progress });
      // A plan under `active/` is the work it drives now: the folder points at it, as Spec Kit's pointer does.
      if (where.kind === 'execplan' && where.archived === undefined) project.parts.specParts.push({ file, current: { value: file, position: { file, line: 1, column: 1 } } });
      continue;
    }
    const model: DocumentModels[typeof where.role] = project.model(file, where.role);
    if (!model) continue;
    project.parts.specParts.push(where.role === 'spec' ? { file, where, spec: model as NonNullable<DocumentModels['spec']> } : { file, where, tasks: model as NonNullable<DocumentModels['tasks']> });
  }
}
