#!/usr/bin/env node
// Bundles the built CLI (dist/main.js and the workspace packages it imports) into
// dist/govern.bundle.mjs plus lazily loaded chunks, so start-up reads a few files instead of hundreds
// of modules. bin.js uses the bundle when it is newer than the builds it was made from.
// Run after `tsc -b`: node packages/cli/scripts/bundle.mjs
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const cli = fileURLToPath(new URL('../', import.meta.url));
const core = path.join(cli, '../core');
const dist = path.join(cli, 'dist');

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
      if (code.includes('import.meta.url') && !args.path.endsWith('eslint-plugin.js')) {
        throw new Error(`${args.path} still reads a file relative to itself`);
      }
      return { contents: code, loader: 'js' };
    });
  },
};

await rm(path.join(dist, 'bundle-chunks'), { recursive: true, force: true });
await build({
  entryPoints: { 'govern.bundle': path.join(dist, 'main.js') },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'bundle-chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // CommonJS dependencies (ajv, cosmiconfig's loaders) call require().
  banner: { js: "import { createRequire as __governRequire } from 'node:module'; const require = __governRequire(import.meta.url);" },
  // cosmiconfig imports the TypeScript compiler only to load a .ts config; it stays outside.
  external: ['typescript'],
  plugins: [inline],
  logLevel: 'warning',
  legalComments: 'none',
});
console.log('wrote packages/cli/dist/govern.bundle.mjs');
