import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverDocuments, type DirectoryListings } from '../src/load/discover.js';
import { ruleFiles } from '../src/lint/rule-files.js';

const root = mkdtempSync(path.join(os.tmpdir(), 'govern-inputs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(path.join(root, 'specs/001-a/contracts'), { recursive: true });
mkdirSync(path.join(root, 'src/models'), { recursive: true });
writeFileSync(path.join(root, 'specs/001-a/spec.md'), '# Spec\n');
writeFileSync(path.join(root, 'specs/001-a/contracts/api.yaml'), 'x: 1\n');
writeFileSync(path.join(root, 'src/models/user.ts'), 'export {};\n');
symlinkSync('models/user.ts', path.join(root, 'src/user-link.ts'));
symlinkSync('missing.ts', path.join(root, 'src/broken-link.ts'));
symlinkSync('models', path.join(root, 'src/models-link'));

async function walked(): Promise<DirectoryListings> {
  const listings: DirectoryListings = new Map();
  await discoverDocuments(root, {}, undefined, listings);
  return listings;
}

const probes = [
  'specs/001-a/spec.md',
  'specs/001-a/src',
  'specs/001-a/contracts',
  'specs/001-a/contracts/api.yaml',
  'specs/001-a/contracts/missing.yaml',
  'src/models/user.ts',
  'src/models/USER.ts',
  'src/user-link.ts',
  'src/broken-link.ts',
  'src/models-link',
  'src/models-link/user.ts',
  'src/models/',
  'src/./models/user.ts',
  'src/models/user.ts/',
  'nowhere/at/all.ts',
].map((p) => path.join(root, p).replace(/[\\/]$/, '') + (p.endsWith('/') ? path.sep : ''));

describe('context.files with the listings of the walk', () => {
  it('answers every kind and listing question as the file system does', async () => {
    const listings = await walked();
    expect(listings.has(path.join(root, 'specs/001-a'))).toBe(true);
    const plain = ruleFiles();
    const listed = ruleFiles(listings);
    for (const probe of probes) {
      for (const followLinks of [true, false]) expect([probe, followLinks, listed.kind(probe, { followLinks })]).toEqual([probe, followLinks, plain.kind(probe, { followLinks })]);
    }
    for (const dir of ['', 'src', 'src/models', 'specs/001-a', 'nowhere']) {
      const absolute = path.join(root, dir);
      expect(listed.readDir(absolute)).toEqual(plain.readDir(absolute));
    }
  });

  it('takes the answer from the listing, not from another look at the disk', async () => {
    const listings = await walked();
    const gone = path.join(root, 'specs/001-a/contracts/api.yaml');
    rmSync(gone);
    try {
      expect(ruleFiles().kind(gone)).toBe('none');
      expect(ruleFiles(listings).kind(gone)).toBe('file');
      expect(ruleFiles(listings).readDir(path.dirname(gone))).toEqual(['api.yaml']);
    } finally {
      writeFileSync(gone, 'x: 1\n');
    }
  });
});
