import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { GovernError } from '../errors.js';
import { MAX_DOCUMENT_BYTES, readFileBounded, refusalReason } from './read.js';
import type { GovernConfig } from '../model/config-types.js';
import { clip, didYouMean } from '../text/messages.js';

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

export interface LoadConfigOptions {
  /**
   * `false` refuses a JavaScript config file (`govern.config.js`, `.governrc.mjs`, …): loading one runs
   * code from the repository, which CI checking a stranger's pull request must not do.
   */
  configJs?: boolean;
  /** How to load a JavaScript config file (see `ImportModule`). */
  importModule?: ImportModule;
}

/** Config files govern loads by running them. */
const JAVASCRIPT_CONFIG = /\.[cm]?js$/;

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
 * A config file's text, read like a document (load/read.ts): a regular file under the size limit, and,
 * for a file found in the root (`within`), not a link leading out of the repository. A FIFO, a device or
 * `/dev/zero` behind a link would otherwise hang the run or fill the memory.
 */
function readConfigText(absolute: string, where: string, within: string | undefined): string {
  const read = readFileBounded(absolute, within === undefined ? { maxBytes: MAX_DOCUMENT_BYTES } : { maxBytes: MAX_DOCUMENT_BYTES, within });
  if (!read.ok) throw new GovernError('config', `Cannot read config ${where}: ${refusalReason(read.refusal, 'a config file')}`);
  return read.bytes.toString('utf8');
}

/** The config a file's text holds, by cosmiconfig's loaders (JSON, YAML; a file without extension is YAML). */
async function parseConfigText(file: string, text: string): Promise<unknown> {
  if (text.trim() === '') return undefined;
  const loaded: typeof import('cosmiconfig') & { default?: typeof import('cosmiconfig') } = await import('cosmiconfig');
  // A bundle that keeps Node's CommonJS interop exposes the named export only on `default`.
  const loaders = loaded.defaultLoaders ?? loaded.default!.defaultLoaders;
  const extension = path.extname(file);
  // Only data formats: JavaScript configs are imported, never handed to a loader.
  const load = extension === '.json' ? loaders['.json'] : extension === '.yaml' || extension === '.yml' ? loaders['.yaml'] : loaders.noExt;
  return load(file, text);
}

/**
 * Finds and validates the config in `root`, in cosmiconfig's order of places (`CONFIG_FILES`). Every
 * file is read through load/read.ts; cosmiconfig only parses, and is loaded only when a config file exists.
 */
export async function loadConfig(root: string, explicitFile?: string, options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  let file: string | undefined;
  let text = '';
  if (explicitFile) {
    file = path.resolve(root, explicitFile);
    if (!existsSync(file)) throw new GovernError('config', `Config file not found: ${explicitFile}`);
    // A file named on the command line is the user's choice, wherever it is.
    text = readConfigText(file, explicitFile, undefined);
  } else {
    for (const name of CONFIG_FILES) {
      const candidate = path.join(root, name);
      if (!existsSync(candidate)) continue;
      // A JavaScript config is checked the same way, though `import` then reads it.
      const content = readConfigText(candidate, name, root);
      if (name === 'package.json') {
        // A package.json without a `govern` key (or that does not parse) is not a config.
        const data = parsedJson(content);
        if (typeof data !== 'object' || data === null || !('govern' in data)) continue;
      }
      file = candidate;
      text = content;
      break;
    }
  }
  if (file === undefined) return { config: {} };
  const where = path.relative(root, file) || file;
  const javascript = JAVASCRIPT_CONFIG.test(file);
  if (javascript && options.configJs === false) {
    throw new GovernError(
      'config',
      `Config ${where} is JavaScript, which would run code from the repository, and --no-config-js (or GOVERN_NO_CONFIG_JS=1) refuses it; use govern.config.json or .governrc.yaml`,
    );
  }
  let config: unknown;
  try {
    if (javascript) config = await loadModuleConfig(file, options.importModule);
    else if (path.basename(file) === 'package.json') config = ((await parseConfigText(file, text)) as { govern?: unknown } | undefined)?.govern;
    else config = await parseConfigText(file, text);
  } catch (error) {
    throw new GovernError('config', `Invalid config ${where}: ${configErrorReason(error)}`);
  }
  config ??= {};
  await validateConfig(config, where);
  return { config: config as GovernConfig, file };
}

/**
 * Whether `root` has a config file: one of `CONFIG_FILES` (package.json only with a `govern` key, read
 * like any config, so a FIFO or a huge file there is not read).
 */
export function hasConfigFile(root: string): boolean {
  return CONFIG_FILES.some((name) => {
    const file = path.join(root, name);
    if (!existsSync(file)) return false;
    if (name !== 'package.json') return true;
    const read = readFileBounded(file, { maxBytes: MAX_DOCUMENT_BYTES, within: root });
    const data = read.ok ? parsedJson(read.bytes.toString('utf8')) : undefined;
    return typeof data === 'object' && data !== null && 'govern' in data;
  });
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
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
    .filter((line) => line !== '' && !/^>?\s*(?:\d+\s*)?\|/.test(line) && !/^\w+ Error in .*:$/.test(line));
  const first = lines[0] ?? 'cannot be read';
  const parsing = first.indexOf(' while parsing ');
  const reason = parsing < 0 ? first : first.slice(0, parsing);
  return clip(reason, 200);
}

let validatorPromise: Promise<(data: unknown) => string | undefined> | undefined;

/** The first name in a config's `extends` that is not a preset, with the closest preset or the list of them. */
function unknownPreset(value: unknown, presets: readonly string[]): string | undefined {
  const names = typeof value === 'string' ? [value] : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : [];
  const name = names.find((n) => !presets.includes(n));
  return name === undefined ? undefined : `extends: unknown preset "${name}"${didYouMean(name, presets) || ` (presets: ${presets.join(', ')})`}`;
}

async function createConfigValidator(): Promise<(data: unknown) => string | undefined> {
  const [{ default: Ajv }, schemaText] = await Promise.all([
    import('ajv'),
    readFile(new URL('../../schema/config.schema.json', import.meta.url), 'utf8'),
  ]);
  const AjvClass = Ajv as unknown as typeof Ajv.default;
  const ajv = new AjvClass({ allErrors: false, strict: false, verbose: true });
  const schema = JSON.parse(schemaText) as { definitions: Record<string, { enum?: string[] }> };
  const presets = schema.definitions['preset']?.enum ?? [];
  // The schema lists the rule ids for editors; here a rule id is checked where rules are resolved,
  // which also covers configs that never pass through a file, and names the closest id.
  schema.definitions['rules'] = { type: 'object', additionalProperties: { $ref: '#/definitions/ruleSetting' } } as never;
  const validate = ajv.compile(schema);
  return (data) => {
    if (validate(data)) return undefined;
    const error = validate.errors?.[0];
    if (!error) return 'does not match the config schema';
    if (error.instancePath.startsWith('/extends')) {
      return unknownPreset((data as { extends?: unknown }).extends, presets) ?? `extends must be a preset's name or a list of them (presets: ${presets.join(', ')})`;
    }
    const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'config';
    if (error.keyword === 'additionalProperties') {
      const name = String(error.params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return `${where}: unknown property "${name}"${didYouMean(name, known)}`;
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
