import { existsSync, lstatSync, mkdirSync, readlinkSync, realpathSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GovernError } from '../errors.js';
import { hasConfigFile } from '../load/config.js';
import { isInside } from '../load/repo-path.js';
import { planInit, type InitPlan } from './templates.js';

/**
 * What stands in the way of creating `file` under `root`, in words, or undefined: a name taken by a
 * dangling link or something that is not a file, a folder on the way that is a file, or a linked folder
 * that leads out of the repository.
 */
function initTargetProblem(root: string, file: string): string | undefined {
  const segments = file.split('/');
  let dir = root;
  for (let i = 0; i < segments.length - 1; i++) {
    dir = path.join(dir, segments[i]!);
    const shown = segments.slice(0, i + 1).join('/');
    const info = lstatSync(dir, { throwIfNoEntry: false });
    // A folder that is not there yet is made; nothing below it can be in the way.
    if (!info) return undefined;
    if (info.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(dir);
      } catch {
        return `${shown} is a symbolic link to a missing folder (${readlinkSync(dir)})`;
      }
      if (!statSync(real).isDirectory()) return `${shown} is not a folder`;
      if (!isInside(realpathSync(root), real)) return `${shown} is a symbolic link to ${real}, outside the repository`;
    } else if (!info.isDirectory()) return `${shown} is not a folder`;
  }
  const target = path.join(root, file);
  const info = lstatSync(target, { throwIfNoEntry: false });
  if (!info) return undefined;
  if (info.isSymbolicLink()) return `${file} is a symbolic link to a missing file (${readlinkSync(target)}); remove it or point it at a file`;
  return `${file} exists and is not a file`;
}

/**
 * `planInit` for a repository on disk: whatever has a template's name is kept, except a link to nothing,
 * which `writeInitPlan` then refuses (writing through it would create a file wherever it points).
 */
export function planInitIn(root: string): InitPlan {
  return planInit((file) => existsSync(path.join(root, file)), { hasConfig: hasConfigFile(root) });
}

/** Throws a one-line GovernError for the first file of the plan that could not be written. */
export function checkInitPlan(root: string, plan: InitPlan): void {
  for (const file of plan.write) {
    const problem = initTargetProblem(root, file.path);
    if (problem) throw new GovernError('io', `Cannot write ${file.path}: ${problem}. Nothing was written.`);
  }
}

/**
 * Writes the plan's files, all or none: every target is checked before the first is written, and a
 * write that fails anyway (a full disk, a file created meanwhile) removes what this call wrote before
 * the one-line GovernError. Never writes through a link or over an existing name.
 */
export function writeInitPlan(root: string, plan: InitPlan): void {
  checkInitPlan(root, plan);
  const written: string[] = [];
  const made: string[] = [];
  try {
    for (const file of plan.write) {
      const target = path.join(root, file.path);
      const first = mkdirSync(path.dirname(target), { recursive: true });
      if (first !== undefined) made.push(first);
      // `wx` fails rather than overwrite a file created since the check.
      writeFileSync(target, file.content, { flag: 'wx' });
      written.push(target);
    }
  } catch (error) {
    for (const target of written.reverse()) unlinkSync(target);
    // Folders this call made hold nothing but what it wrote.
    for (const dir of made.reverse()) rmSync(dir, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new GovernError('io', `Cannot write the starter files (${code}). Nothing was written.`);
  }
}
