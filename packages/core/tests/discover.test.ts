import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Glob } from 'glob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimatch } from 'minimatch';
import type { GovernConfig } from '../src/model/config-types.js';
import { loadConfig } from '../src/load/config.js';
import { DEFAULT_DOCUMENT_GLOBS, DOCUMENT_KINDS, acceptedAt } from '../src/kinds/index.js';
import { ALWAYS_IGNORED, discoverDocuments, type DiscoveredFile } from '../src/load/discover.js';
import type { DocumentKind } from '../src/model/types.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/', import.meta.url));

/**
 * What discovery found with glob before it had its own walker: the behaviour to keep. govern's own
 * locations match without regard to case, and a file one of them finds must be `acceptedAt` it.
 */
async function discoverWithGlob(root: string, config: GovernConfig, kinds: readonly DocumentKind[] = DOCUMENT_KINDS): Promise<DiscoveredFile[]> {
  const ignore = [...ALWAYS_IGNORED, ...(config.ignore ?? [])];
  const byFile = new Map<string, DocumentKind[]>();
  const add = (file: string, kind: DocumentKind): void => {
    const list = byFile.get(file) ?? [];
    if (!list.includes(kind)) list.push(kind);
    byFile.set(file, list);
  };
  for (const kind of kinds) {
    const configured = config.documents?.[kind];
    if (configured) {
      const walker = new Glob([...configured], { cwd: root, dot: true, nodir: true, ignore, posix: true, follow: false });
      for (const file of await walker.walk()) add(file, kind);
      continue;
    }
    for (const pattern of DEFAULT_DOCUMENT_GLOBS[kind]) {
      const walker = new Glob(pattern, { cwd: root, dot: true, nodir: true, ignore, posix: true, follow: false, nocase: true });
      for (const file of await walker.walk()) if (acceptedAt(kind, file, pattern)) add(file, kind);
    }
  }
  return [...byFile.entries()]
    .map(([file, fileKinds]) => ({ file, kinds: fileKinds.sort((a, b) => DOCUMENT_KINDS.indexOf(a) - DOCUMENT_KINDS.indexOf(b)) }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function directories(dir: string): string[] {
  const out = [dir];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...directories(path.join(dir, entry.name)));
  }
  return out;
}

async function configOf(dir: string): Promise<GovernConfig> {
  try {
    return (await loadConfig(dir)).config;
  } catch {
    return {};
  }
}

describe('discoverDocuments', () => {
  const folders = directories(fixtures).map((dir) => path.relative(fixtures, dir) || '.');

  it('walks every fixture folder', () => {
    expect(folders.length).toBeGreaterThan(100);
  });

  it.each(folders)('finds what glob finds in fixtures/%s', async (folder) => {
    const root = path.join(fixtures, folder);
    const config = await configOf(root);
    expect(await discoverDocuments(root, config)).toEqual(await discoverWithGlob(root, config));
  });

  it('finds a CLAUDE.md symlink as a file of its own', async () => {
    const found = await discoverDocuments(path.join(fixtures, 'claude-symlink'), {});
    expect(found.filter((d) => d.file.endsWith('.md') && !d.file.includes('/'))).toEqual([
      { file: 'AGENTS.md', kinds: ['agents'] },
      { file: 'CLAUDE.md', kinds: ['claude'] },
    ]);
  });

  describe('on a tree with ignored folders and symbolic links', () => {
    let root: string;
    const write = (file: string, text = '# x\n') => {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    };

    beforeAll(() => {
      root = mkdtempSync(path.join(tmpdir(), 'govern-discover-'));
      write('AGENTS.md');
      write('CLAUDE.md');
      write('BACKLOG.md');
      write('docs/PRODUCT.md');
      write('docs/DEVELOPMENT.md');
      write('packages/api/AGENTS.md');
      write('packages/api/deep/er/CLAUDE.md');
      write('.hidden/AGENTS.md');
      write('node_modules/pkg/AGENTS.md');
      write('packages/api/node_modules/x/AGENTS.md');
      write('dist/AGENTS.md');
      write('.git/AGENTS.md');
      write('samples/case/AGENTS.md');
      // Tests' sample files: never the project's own documents.
      write('internal/render/testdata/expected/CLAUDE.md');
      write('tests/fixtures/repo/AGENTS.md');
      write('src/__fixtures__/ROADMAP.md');
      write('src/__snapshots__/AGENTS.md');
      write('specs/001-login/spec.md');
      write('specs/001-login/plan.md');
      write('specs/001-login/tasks.md');
      write('specs/002-draft/spec.md');
      write('specs/nested/deeper/spec.md');
      write('.agent/specs/idea.md');
      write('.agent/reviews/r1.json', '{}');
      write('.agent/status.md');
      write('notes/extra.md');
      write('notes/sub/more.md');
      write('notes/skip.draft.md');
      // Files named like ignored folders: a `…/**` or `…/` pattern ignores such a file too.
      write('notes/node_modules');
      write('misc/sub');
      write('misc/keep');
      // A symlinked file is a document; `**` does not enter a symlinked directory, a named segment does.
      symlinkSync('AGENTS.md', path.join(root, 'packages/api/CLAUDE.md'));
      mkdirSync(path.join(root, 'elsewhere/inner'), { recursive: true });
      writeFileSync(path.join(root, 'elsewhere/AGENTS.md'), '# x\n');
      writeFileSync(path.join(root, 'elsewhere/spec.md'), '# x\n');
      writeFileSync(path.join(root, 'elsewhere/inner/spec.md'), '# x\n');
      symlinkSync('../elsewhere', path.join(root, 'linked'));
      symlinkSync('../elsewhere', path.join(root, 'specs/003-linked'));
      // Loops: a directory linking to its parent, and links that point at each other.
      symlinkSync('..', path.join(root, 'packages/api/up'));
      symlinkSync('loop-b', path.join(root, 'loop-a'));
      symlinkSync('loop-a', path.join(root, 'loop-b'));
      symlinkSync('loop-b', path.join(root, 'specs/004-loop'));
      // A broken link with a document's name is still a document (reading it reports the problem).
      symlinkSync('missing.md', path.join(root, 'notes/sub/AGENTS.md'));
    });

    afterAll(() => rmSync(root, { recursive: true, force: true }));

    const configs: Array<[string, GovernConfig]> = [
      ['the defaults', {}],
      ['an ignore list', { ignore: ['samples/**', 'specs/002-draft/**', '**/deep/**', 'BACKLOG.md'] }],
      [
        'document overrides',
        {
          documents: {
            spec: ['specs/**/spec.md', './notes/{extra,sub/more}.md'],
            agents: ['**/AGENTS.md', 'linked/**/*.md'],
            review: ['.agent/reviews/*.{json,md}'],
            sequence: ['notes/*.md', 'notes/[!s]*.md', 'not/there/*.md'],
            plan: ['notes/**', 'specs/*/*/**/*.md'],
          },
          ignore: ['**/*.draft.md', 'notes/sub/', '{dist,out}/**'],
        },
      ],
      [
        'every file a document',
        { documents: { agents: ['**/*', '**/node_modules'] }, ignore: ['misc/sub/', 'packages/*/deep/**', '**/er', 'specs/0[0-2]*/**'] },
      ],
    ];

    it.each(configs)('finds what glob finds with %s', async (_, config) => {
      expect(await discoverDocuments(root, config)).toEqual(await discoverWithGlob(root, config));
    });

    it('finds what glob finds for a subset of kinds', async () => {
      const kinds: DocumentKind[] = ['spec', 'agents'];
      expect(await discoverDocuments(root, {}, kinds)).toEqual(await discoverWithGlob(root, {}, kinds));
    });

    it('finds the documents a reader expects, each once with all its kinds', async () => {
      const found = await discoverDocuments(root, {});
      const files = found.map((d) => d.file);
      expect(found.find((d) => d.file === 'BACKLOG.md')?.kinds).toEqual(['sequence', 'state']);
      expect(files).toContain('packages/api/CLAUDE.md');
      expect(files).toContain('.hidden/AGENTS.md');
      expect(files).toContain('notes/sub/AGENTS.md');
      expect(files).toContain('specs/003-linked/spec.md');
      expect(files).not.toContain('linked/AGENTS.md');
      expect(files).not.toContain('packages/api/up/AGENTS.md');
      expect(files.filter((f) => /node_modules|dist|\.git\/|testdata|fixtures|__snapshots__/.test(f))).toEqual([]);
      expect(files).toContain('samples/case/AGENTS.md');
      expect(new Set(files).size).toBe(files.length);
      expect(files).toEqual([...files].sort());
    });

    it('ignores a file named like an ignored folder', async () => {
      const files = (await discoverDocuments(root, configs[3]![1])).map((d) => d.file);
      expect(files).toContain('misc/keep');
      expect(files).toContain('notes/extra.md');
      expect(files).not.toContain('notes/node_modules');
      expect(files).not.toContain('misc/sub');
      expect(files.filter((f) => f.startsWith('specs/00'))).toEqual([]);
      // As with glob's `nodir`, a link is not a directory, whatever it points at.
      expect(files).toEqual(expect.arrayContaining(['linked', 'loop-a', 'packages/api/up']));
    });

    it('prunes ignored directories and skips ignored files', async () => {
      const files = (await discoverDocuments(root, configs[1]![1])).map((d) => d.file);
      expect(files).not.toContain('samples/case/AGENTS.md');
      expect(files).not.toContain('specs/002-draft/spec.md');
      expect(files).not.toContain('packages/api/deep/er/CLAUDE.md');
      expect(files).not.toContain('BACKLOG.md');
      expect(files).toContain('specs/001-login/spec.md');
    });
  });
});

describe('brace expansion (minimatch)', () => {
  const expandBraces = (glob: string) => minimatch.braceExpand(glob);
  it('expands alternatives, including ones that hold a slash', () => {
    expect(expandBraces('docs/{a,b/c}.md')).toEqual(['docs/a.md', 'docs/b/c.md']);
    expect(expandBraces('{x,y}/{1,2}')).toEqual(['x/1', 'x/2', 'y/1', 'y/2']);
    expect(expandBraces('a{b,{c,d}}')).toEqual(['ab', 'ac', 'ad']);
  });

  it('keeps an unclosed brace as a literal character', () => {
    expect(expandBraces('a{b')).toEqual(['a{b']);
    expect(expandBraces('a{b{x,y}')).toEqual(['a{bx', 'a{by']);
  });
});
