import { execFile } from 'node:child_process';
import { GovernError } from '../errors.js';
import type { GitAccess } from './types.js';

function git(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Git, run only when a rule asks: most checks never need it. */
export function createGitAccess(root: string): GitAccess {
  const changed = new Map<string, Promise<string[]>>();
  return {
    changedFiles(base) {
      let pending = changed.get(base);
      if (!pending) {
        pending = (async () => {
          // Against the working tree, so a pre-commit hook sees what is about to be committed.
          const diff = await git(root, ['diff', '--name-only', '--relative', '-z', base, '--']);
          if (diff.code !== 0) {
            throw new GovernError('io', `git diff against "${base}" failed: ${diff.stderr.trim().split('\n')[0] || `exit ${diff.code}`}`);
          }
          const untracked = await git(root, ['ls-files', '--others', '--exclude-standard', '-z']);
          const files = new Set([...diff.stdout.split('\0'), ...(untracked.code === 0 ? untracked.stdout.split('\0') : [])]);
          files.delete('');
          return [...files].sort();
        })();
        changed.set(base, pending);
      }
      return pending;
    },
    async showFile(ref, file) {
      const shown = await git(root, ['show', `${ref}:./${file}`]);
      return shown.code === 0 ? shown.stdout : undefined;
    },
  };
}
