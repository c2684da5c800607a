#!/usr/bin/env node
// Bundles the built CLI (the tsc output in dist/ and the packages it imports) into one CommonJS file.
//
// - `node packages/cli/scripts/bundle.mjs` (part of `pnpm build`): dist/govern.bundle.cjs, which
//   packages/cli/dist/bin.js loads (see loadBundle in src/bin.ts), plus a V8 code cache made by a
//   training run (dist/govern.bundle.cache). Start-up is dominated by module loading and compiling:
//   one CommonJS file is compiled lazily (function by function, as it runs) where ES modules are
//   compiled whole, and the code cache skips even that for the functions the training run used.
// - `node packages/cli/scripts/bundle.mjs --committed [--out <dir>]` (`pnpm build:committed`): the
//   committed build in bundle/ at the repository root, which the root package's `govern` bin, the
//   pre-commit hook and the GitHub Action run with nothing else installed: bundle/govern.cjs (from
//   src/standalone.ts) and bundle/action.cjs. It has no code cache (one is only taken by the V8 that
//   made it) and is the same bytes on every run from the same sources: a test compares it with a
//   fresh build.
// Run after `tsc -b`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { V8_FLAGS } from '../dist/process.js';

const cli = fileURLToPath(new URL('../', import.meta.url));
const core = path.join(cli, '../core');
const dist = path.join(cli, 'dist');
const repo = path.join(cli, '../..');

const args = process.argv.slice(2);
const committed = args.includes('--committed');
const outAt = args.indexOf('--out');
const committedDir = outAt >= 0 ? path.resolve(args[outAt + 1] ?? '') : path.join(repo, 'bundle');

/** Started as a program (`node bundle/govern.cjs`, the bin) or as a worker thread, the build runs; required (bundle/action.cjs), it only exports. */
const STANDALONE_FOOTER = 'if (require.main === module) module.exports.runStandalone("cli", __filename);';
const ACTION_ENTRY = `// The GitHub Action's entry (action.yml): govern check with the Action's inputs. Written by packages/cli/scripts/bundle.mjs.
"use strict";
require("./govern.cjs").runStandalone("action", require.resolve("./govern.cjs"));
`;

/**
 * One bundle per entry, written to `dir`; each exports what `entry` exports. `train` lists the `main`
 * runs (in one child process with the V8 flags bin.js sets, as users run it) after which its code
 * cache is taken; an entry without it gets no cache. A worker script would be one more entry here.
 */
const entries = committed
  ? [{ name: 'govern', entry: path.join(dist, 'standalone.js'), dir: committedDir, shebang: true, footer: STANDALONE_FOOTER }]
  : [
      {
        name: 'govern.bundle',
        entry: path.join(dist, 'main.js'),
        dir: dist,
        // More fixtures make a larger cache that loads slower than it saves (measured on bench/out/10), and
        // runs with --cache added nothing measurable to a cached run.
        train: [{ cwd: path.join(repo, 'fixtures/example'), argv: ['check'] }],
      },
    ];

/** Files read next to the modules at run time are inlined: the bundle lives elsewhere than they do. */
const inline = {
  name: 'inline-package-files',
  setup(b) {
    b.onLoad({ filter: /[\\/](load[\\/]config|parse[\\/]review|output[\\/]version)\.js$/ }, (args) => {
      let code = readFileSync(args.path, 'utf8');
      code = code.replace(/readFile\(new URL\('\.\.\/\.\.\/schema\/([\w.-]+\.json)', import\.meta\.url\), 'utf8'\)/g, (_m, name) =>
        `Promise.resolve(${JSON.stringify(readFileSync(path.join(core, 'schema', name), 'utf8'))})`,
      );
      code = code.replace(/readFileSync\(new URL\('\.\.\/\.\.\/package\.json', import\.meta\.url\), 'utf8'\)/g, () =>
        JSON.stringify(readFileSync(path.join(cli, 'package.json'), 'utf8')),
      );
      if (code.includes('import.meta.url')) throw new Error(`${args.path} still reads a file relative to itself`);
      return { contents: code, loader: 'js' };
    });
    // CommonJS has no import.meta (esbuild would leave it empty): refuse rather than ship a bundle that
    // fails only when that code runs. Top-level await is refused by esbuild itself for this format.
    b.onLoad({ filter: /\.js$/ }, (args) => {
      if (!args.path.startsWith(path.join(cli, '..'))) return undefined;
      if (readFileSync(args.path, 'utf8').includes('import.meta.url')) throw new Error(`${args.path} still reads a file relative to itself`);
      return undefined;
    });
  },
};

/**
 * Node built-ins that cost milliseconds to load but that a plain `check` never calls (hashes for
 * --cache and --fix, git for --changed, threads for large trees, promise-based file access for --fix
 * and config files). A module imports them at its top, so the bundle would load them at start-up;
 * instead it gets an object whose getters load the module on first use.
 */
const LAZY_BUILTINS = ['crypto', 'child_process', 'worker_threads', 'fs/promises'];
const require = createRequire(import.meta.url);
function lazyBuiltins(code) {
  const helper = `var __governLazy = (id, names) => { let m; const o = {}; for (const n of names) Object.defineProperty(o, n, { enumerable: true, get: () => (m ??= require(id))[n] }); return o; };\n`;
  let used = false;
  const out = code.replace(/\brequire\("(?:node:)?([a-z_/]+)"\)/g, (call, name) => {
    if (!LAZY_BUILTINS.includes(name)) return call;
    used = true;
    return `__governLazy(${JSON.stringify(`node:${name}`)}, ${JSON.stringify(Object.keys(require(`node:${name}`)))})`;
  });
  if (!used) return out;
  // After the directive, which only counts as the first statement: the modules are strict code.
  const directive = /^"use strict";\n?/.exec(out)?.[0] ?? '';
  return directive + helper + out.slice(directive.length);
}

/** Written beside and renamed over, so a CLI starting meanwhile reads the old file or the new one. */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, data);
  renameSync(temporary, file);
}

/** The child of the training run: loads the bundle as bin.js does, runs it, saves the code cache. */
const TRAINER = `
const { readFileSync, writeFileSync } = require('node:fs');
const { Module, createRequire } = require('node:module');
const vm = require('node:vm');
const [file, cacheFile, runsJson, v8Flags] = process.argv.slice(1);
// The flags bin.js sets before loading the bundle: a code cache is only taken under the flags it was made with.
require('node:v8').setFlagsFromString(v8Flags);
const source = readFileSync(file, 'utf8');
const script = new vm.Script(Module.wrap(source), { filename: file });
globalThis[Symbol.for('govern.importModule')] = (specifier) => import(specifier);
const module = { exports: {} };
script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, require('node:path').dirname(file));
(async () => {
  for (const { cwd, argv } of JSON.parse(runsJson)) {
    const code = await module.exports.main({ argv, cwd, stdout() {}, stderr() {}, env: {}, isTTY: false });
    if (code !== 0 && code !== 1) throw new Error('training run exited ' + code + ' in ' + cwd);
  }
  writeFileSync(cacheFile, script.createCachedData());
})();
`;

if (!committed) {
  // Outputs of the earlier ES-module bundle, which bin.js no longer reads.
  rmSync(path.join(dist, 'bundle-chunks'), { recursive: true, force: true });
  rmSync(path.join(dist, 'govern.bundle.mjs'), { force: true });
}

for (const { name, entry, dir, shebang, footer, train } of entries) {
  const result = await build({
    entryPoints: [entry],
    // Module names in the output are relative to this folder: the same from any checkout.
    absWorkingDir: repo,
    write: false,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // cosmiconfig requires the TypeScript compiler only to load a .ts config; it stays outside.
    external: ['typescript'],
    plugins: [inline],
    logLevel: 'warning',
    legalComments: 'none',
    charset: 'ascii',
    minifyWhitespace: !process.env.GOVERN_BUNDLE_READABLE,
    minifySyntax: !process.env.GOVERN_BUNDLE_READABLE,
  });
  // esbuild escapes non-ASCII in strings but not in regular expression literals. One such character
  // makes the whole 2 MB source a two-byte string, slower to read and to hash for the code cache; an
  // escape means the same code unit in a pattern with or without the u flag (a surrogate pair of
  // escapes is one code point under u).
  const code = lazyBuiltins(result.outputFiles[0].text).replace(/[^\0-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  // bin.js takes the cache only when its first bytes carry this id, so a cache never meets another build's code.
  const id = createHash('sha256').update(code).digest('hex').slice(0, 32);
  const source = `${shebang ? '#!/usr/bin/env node\n' : ''}/* govern-bundle ${id} */\n${code}${footer ? `${footer}\n` : ''}`;
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.cjs`);
  const cacheFile = path.join(dir, `${name}.cache`);
  writeAtomically(file, source);
  rmSync(cacheFile, { force: true });
  const runs = (train ?? []).filter((run) => existsSync(run.cwd));
  if (runs.length > 0) {
    const raw = path.join(dir, `${name}.cache.${process.pid}.raw`);
    const run = spawnSync(process.execPath, ['-e', TRAINER, file, raw, JSON.stringify(runs), V8_FLAGS], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    if (run.status === 0 && existsSync(raw)) {
      writeAtomically(cacheFile, Buffer.concat([Buffer.from(id, 'latin1'), readFileSync(raw)]));
    } else {
      console.warn(`bundle: no code cache for ${name} (training run failed: ${(run.stderr || '').trim().split('\n')[0]})`);
    }
    rmSync(raw, { force: true });
  }
  if (shebang) chmodSync(file, 0o755);
  console.log(`wrote ${path.relative(process.cwd(), file) || file} (${(source.length / 1024).toFixed(0)} KB)`);
}
if (committed) {
  writeAtomically(path.join(committedDir, 'action.cjs'), ACTION_ENTRY);
  console.log(`wrote ${path.relative(process.cwd(), path.join(committedDir, 'action.cjs'))}`);
}
