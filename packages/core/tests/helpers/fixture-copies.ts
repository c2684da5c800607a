import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';

const fixtures = path.resolve(import.meta.dirname, '../../../../fixtures');

/**
 * Copies of fixtures that a test may change, each in its own temporary folder, removed after each
 * test of the file that calls this (at its top level).
 */
export function fixtureCopies(prefix: string): (name: string) => Promise<string> {
  const made: string[] = [];
  afterEach(async () => {
    for (const dir of made.splice(0)) await rm(dir, { recursive: true, force: true });
  });
  return async (name) => {
    const root = await mkdtemp(path.join(os.tmpdir(), prefix));
    made.push(root);
    await cp(path.join(fixtures, name), root, { recursive: true });
    return root;
  };
}
