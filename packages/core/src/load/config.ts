import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GovernError } from '../errors.js';
import type { GovernConfig } from '../model/config-types.js';

/** The places a config is looked for in the repository root, in cosmiconfig's order. */
export const CONFIG_FILES = [
  'package.json',
  '.governrc',
  '.governrc.json',
  '.governrc.yaml',
  '.governrc.yml',
  '.governrc.js',
  '.governrc.cjs',
  '.governrc.mjs',
  'govern.config.js',
  'govern.config.cjs',
  'govern.config.mjs',
  'govern.config.json',
  'govern.config.yaml',
  'govern.config.yml',
] as const;

export interface LoadedConfig {
  config: GovernConfig;
  file?: string;
}

function packageJsonHasGovern(file: string): boolean {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return typeof data === 'object' && data !== null && 'govern' in data;
  } catch {
    return false;
  }
}

/**
 * How a JavaScript config file is loaded: `import()` by default. Code that runs govern from a CommonJS
 * bundle through `vm.Script` passes its own, since `import()` inside such a script has no loader to call
 * (Node 20 drops it when the script comes from a code cache).
 */
export type ImportModule = (specifier: string) => Promise<unknown>;

/** A JavaScript config file's default export, as cosmiconfig's own loader reads it. */
async function loadModuleConfig(filepath: string, importModule: ImportModule | undefined): Promise<unknown> {
  const href = pathToFileURL(filepath).href;
  const loaded = (await (importModule ? importModule(href) : import(href))) as { default?: unknown };
  return loaded.default;
}

/**
 * Finds and validates the config in `root`. cosmiconfig (and ajv) are loaded only when a
 * config file exists: most runs in a repository without one should not pay for them.
 */
export async function loadConfig(root: string, explicitFile?: string, importModule?: ImportModule): Promise<LoadedConfig> {
  const candidates = explicitFile
    ? [path.resolve(root, explicitFile)]
    : CONFIG_FILES.map((name) => path.join(root, name)).filter((file) =>
        path.basename(file) === 'package.json' ? existsSync(file) && packageJsonHasGovern(file) : existsSync(file),
      );
  if (explicitFile && !existsSync(candidates[0]!)) {
    throw new GovernError('config', `Config file not found: ${explicitFile}`);
  }
  if (candidates.length === 0) return { config: {} };

  const loaded: typeof import('cosmiconfig') & { default?: typeof import('cosmiconfig') } = await import('cosmiconfig');
  // A bundle that keeps Node's CommonJS interop exposes the named export only on `default`.
  const cosmiconfig = loaded.cosmiconfig ?? loaded.default!.cosmiconfig;
  const explorer = cosmiconfig('govern', {
    searchPlaces: [...CONFIG_FILES],
    searchStrategy: 'none',
    loaders: Object.fromEntries(['.js', '.cjs', '.mjs'].map((extension) => [extension, (file: string) => loadModuleConfig(file, importModule)])),
  });
  let result: { config: unknown; filepath: string } | null;
  try {
    result = explicitFile ? await explorer.load(candidates[0]!) : await explorer.search(root);
  } catch (error) {
    const where = path.relative(root, candidates[0]!) || candidates[0]!;
    throw new GovernError('config', `Invalid config ${where}: ${configErrorReason(error)}`);
  }
  if (!result) return { config: {} };
  const relative = path.relative(root, result.filepath) || result.filepath;
  const config = result.config ?? {};
  await validateConfig(config, relative);
  return { config: config as GovernConfig, file: result.filepath };
}

/**
 * One line from a config loader's error. cosmiconfig's first line only names the file
 * ("JSON Error in /abs/path:"), then a code frame, then the reason; the reason is what helps.
 */
export function configErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message
    .split('\n')
    .map((line) => line.trim())
    // Code frame lines ("> 1 | { bad", "|   ^") and the "… Error in <file>:" header say nothing new.
    .filter((line) => line !== '' && !/^(?:>\s*)?\d*\s*\|/.test(line) && !/^\w+ Error in .*:$/.test(line));
  const reason = (lines[0] ?? 'cannot be read').replace(/ while parsing .*$/, '');
  return reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
}

let validatorPromise: Promise<(data: unknown) => string | undefined> | undefined;

async function createConfigValidator(): Promise<(data: unknown) => string | undefined> {
  const [{ default: Ajv }, schemaText] = await Promise.all([
    import('ajv'),
    readFile(new URL('../../schema/config.schema.json', import.meta.url), 'utf8'),
  ]);
  const AjvClass = Ajv as unknown as typeof Ajv.default;
  const ajv = new AjvClass({ allErrors: false, strict: false });
  const validate = ajv.compile(JSON.parse(schemaText) as object);
  return (data) => {
    if (validate(data)) return undefined;
    const error = validate.errors?.[0];
    if (!error) return 'does not match the config schema';
    const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'config';
    if (error.keyword === 'additionalProperties') {
      return `${where}: unknown property "${String(error.params.additionalProperty)}"`;
    }
    if (error.keyword === 'enum') {
      return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    }
    return `${where} ${error.message ?? 'is invalid'}`;
  };
}

/** Throws a one-line GovernError naming the file and the first thing wrong. */
export async function validateConfig(config: unknown, file: string): Promise<void> {
  validatorPromise ??= createConfigValidator();
  const problem = (await validatorPromise)(config);
  if (problem) throw new GovernError('config', `Invalid config ${file}: ${problem}`);
}
