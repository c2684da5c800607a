import { execFile } from 'node:child_process';
import { GovernError } from '../errors.js';
import type { GitStatus } from '../model/types.js';
import type { GitAccess } from './types.js';

function git(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd: root, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 127) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * Throws a one-line GovernError unless `ref` names a commit in the repository at `root`. A value
 * starting with `-` is refused before git sees it: git would read it as an option (`--output=<file>`
 * writes a file). `what` names where the ref came from (`--diff-base`).
 */
export async function assertGitRef(root: string, ref: string, what: string): Promise<void> {
  if (ref.startsWith('-')) throw new GovernError('usage', `${what} needs a git ref, not "${ref}": a value starting with "-" would be read by git as an option`);
  if (ref === '') throw new GovernError('usage', `${what} needs a git ref, not an empty value`);
  const found = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (found.code === 0) return;
  const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
  if (inside.code !== 0) throw new GovernError('io', `${what} "${ref}" needs git, and ${root} is not in a git repository${inside.code === 127 ? ' (or git is not installed)' : ''}`);
  throw new GovernError('usage', `${what} "${ref}" is not a commit in this repository (no branch, tag or commit of that name)`);
}

/** The tree of a repository with nothing in it, which every git knows. */
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Git, run only when a rule asks: most checks never need it. */
export function createGitAccess(root: string): GitAccess {
  const changed = new Map<string, Promise<string[]>>();
  let status: Promise<GitStatus> | undefined;
  let staged: Promise<string[]> | undefined;
  const access: GitAccess = {
    status() {
      status ??= (async (): Promise<GitStatus> => {
        const inside = await git(root, ['rev-parse', '--is-inside-work-tree']);
        if (inside.code === 127) return 'git-missing';
        if (inside.code !== 0 || inside.stdout.trim() !== 'true') return 'not-a-repository';
        const head = await git(root, ['rev-parse', '--quiet', '--verify', 'HEAD^{commit}']);
        return head.code === 0 ? 'ok' : 'no-commit';
      })();
      return status;
    },
    changedFiles(base) {
      let pending = changed.get(base);
      if (!pending) {
        pending = (async () => {
          await assertGitRef(root, base, 'The git ref');
          // Against the working tree, so a pre-commit hook sees what is about to be committed.
          const diff = await git(root, ['diff', '--name-only', '--relative', '-z', '--end-of-options', base, '--']);
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
    stagedFiles() {
      staged ??= (async () => {
        // Without a commit yet, everything in the index is new: compared with git's empty tree.
        const base = (await access.status()) === 'no-commit' ? EMPTY_TREE : 'HEAD';
        const diff = await git(root, ['diff', '--cached', '--name-only', '--relative', '-z', base, '--']);
        if (diff.code !== 0) throw new GovernError('io', `git diff --cached failed: ${diff.stderr.trim().split('\n')[0] || `exit ${diff.code}`}`);
        return diff.stdout.split('\0').filter(Boolean).sort();
      })();
      return staged;
    },
    async blameLine(file, line) {
      const blamed = await git(root, ['blame', '--porcelain', '-L', `${line},${line}`, '--', file]);
      // A file git does not track yet was written now.
      if (blamed.code !== 0) return /no such path/iu.test(blamed.stderr) ? 'uncommitted' : undefined;
      const commit = /^([0-9a-f]{40,64}) /u.exec(blamed.stdout)?.[1];
      if (!commit) return undefined;
      return /^0+$/u.test(commit) ? 'uncommitted' : { commit };
    },
    async lastCommit(paths, upTo) {
      if (paths.length === 0 || upTo.startsWith('-')) return undefined;
      const found = await git(root, ['log', '-1', '--format=%H%x00%cI', '--name-only', '--end-of-options', upTo, '--', ...paths]);
      if (found.code !== 0) return undefined;
      const [head, ...names] = found.stdout.split('\n').filter(Boolean);
      const [commit, date] = (head ?? '').split('\0');
      return commit && date ? { commit, date, files: names } : undefined;
    },
    async showFile(ref, file) {
      if (ref.startsWith('-')) return undefined;
      const shown = await git(root, ['show', '--end-of-options', `${ref}:./${file}`]);
      return shown.code === 0 ? shown.stdout : undefined;
    },
  };
  return access;
}
