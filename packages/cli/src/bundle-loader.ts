import { readFileSync, statSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

export { V8_FLAGS, tuneV8 } from './process.js';

/** What the bundle exports: main.ts's exports. */
export type BundleExports = Pick<typeof import('./main.js'), 'main' | 'startAnalysisWorker'>;

/** The bundle's exports, and whether V8 took the code cache made for it (it refuses one made under other flags). */
export interface LoadedBundle extends BundleExports {
  codeCache: 'taken' | 'rejected' | 'none';
}

function modified(file: string): number | undefined {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

/** The folder of the built CLI: dist/. */
export const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * A bundle is stale when a later `tsc -b` rebuilt any package it holds. That is only knowable in a
 * source checkout (`../src` beside dist/); an installed package ships the bundle its tarball was packed
 * with, made from that same dist/ (the cli's prepack script), and file times there say nothing.
 */
function fresh(bundle: number): boolean {
  if (modified(path.join(here, '../src')) === undefined) return true;
  const builds = ['.tsbuildinfo', '../../core/dist/.tsbuildinfo', '../../eslint-style-rules/dist/.tsbuildinfo'];
  return builds.every((p) => {
    const time = modified(path.join(here, p));
    return time === undefined || time <= bundle;
  });
}

/**
 * Start-up is mostly loading and compiling code, so the single-file bundle (scripts/bundle.mjs) is used
 * when there is a fresh one (GOVERN_NO_BUNDLE=1 skips it). It runs as CommonJS through vm.Script to
 * take the V8 code cache made at build time; a missing, foreign or rejected cache only costs the
 * compile it would have saved.
 */
export function loadBundle(): LoadedBundle | undefined {
  if (process.env.GOVERN_NO_BUNDLE) return undefined;
  const file = path.join(here, 'govern.bundle.cjs');
  const time = modified(file);
  if (time === undefined || !fresh(time)) return undefined;
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const id = /^\/\* govern-bundle (\w+) \*\//.exec(source)?.[1];
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(path.join(here, 'govern.bundle.cache'));
    if (id !== undefined && cache.toString('latin1', 0, id.length) === id) cachedData = cache.subarray(id.length);
  } catch {
    // No cache: compile as usual.
  }
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  // import() inside the script has no loader once the code cache is used (Node 20), so the one place
  // that needs it, loading a JavaScript config file, asks this module's import() instead.
  (globalThis as Record<symbol, unknown>)[Symbol.for('govern.importModule')] = (specifier: string) => import(specifier);
  const module = { exports: {} as Partial<BundleExports> };
  (script.runInThisContext() as (...args: unknown[]) => void).call(module.exports, module.exports, createRequire(file), module, file, here);
  const { main, startAnalysisWorker } = module.exports;
  if (!main || !startAnalysisWorker) return undefined;
  return { main, startAnalysisWorker, codeCache: !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'taken' };
}

