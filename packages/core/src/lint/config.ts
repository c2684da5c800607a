import { GovernError } from '../errors.js';
import { didYouMean } from '../messages.js';
import type { GovernConfig, RuleLevel, RuleSetting } from '../load/config-types.js';
import { matchesAny } from './glob.js';
import type { JSONSchema, LintPresets, RuleModule } from './types.js';

/** A rule as it applies to one file: on (1 warn, 2 error) with its options. */
export interface ResolvedRule {
  severity: 1 | 2;
  options: unknown[];
}

export interface RuleConfig {
  /** The enabled rules for a repository-relative file, by rule id. */
  forFile(file: string): Map<string, ResolvedRule>;
  /** The enabled rules before any override: what project rules run with. */
  base: Map<string, ResolvedRule>;
  /** Rules enabled by some override but not in the base: project rules that still need to run. */
  overrideOnly: Map<string, ResolvedRule>;
}

const PRESETS = ['govern:recommended', 'govern:strict'] as const;

type Entry = { severity: 0 | 1 | 2; options: unknown[] };

function levelOf(level: RuleLevel | undefined): 0 | 1 | 2 | undefined {
  switch (level) {
    case 'off':
    case 0:
      return 0;
    case 'warn':
    case 1:
      return 1;
    case 'error':
    case 2:
      return 2;
    default:
      return undefined;
  }
}

/** Accepts `id` and the ESLint-plugin spelling `govern/id`. */
export function canonicalRuleId(id: string, rules: Record<string, RuleModule>): string | undefined {
  if (Object.hasOwn(rules, id)) return id;
  if (id.startsWith('govern/') && Object.hasOwn(rules, id.slice(7))) return id.slice(7);
  return undefined;
}

/** The rule ids as `rawId` spells them, plain or as the ESLint plugin does (`govern/<id>`). */
function ruleSpellings(rawId: string, rules: Record<string, RuleModule>): string[] {
  const ids = Object.keys(rules);
  return rawId.startsWith('govern/') ? ids.map((id) => `govern/${id}`) : ids;
}

/**
 * Resolves rule settings as ESLint does: presets from `extends` (default `govern:recommended`;
 * `extends: []` starts from nothing), then `rules`, then each matching override in order. A setting
 * that gives only a level keeps the options set before it. Throws a one-line GovernError on an
 * unknown rule or options the rule's schema refuses.
 */
export async function resolveRuleConfig(
  config: GovernConfig,
  rules: Record<string, RuleModule>,
  presets: LintPresets,
  source = 'config',
): Promise<RuleConfig> {
  const rawExtends: unknown = config.extends;
  const extendsList: string[] =
    rawExtends === undefined ? ['govern:recommended'] : typeof rawExtends === 'string' ? [rawExtends] : (config.extends ?? []);

  const layers: Array<{ where: string; settings: Record<string, RuleSetting> }> = [];
  for (const name of extendsList) {
    if (!(PRESETS as readonly string[]).includes(name)) {
      throw new GovernError('config', `Unknown preset "${name}" in extends of ${source}${didYouMean(name, PRESETS) || ` (presets: ${PRESETS.join(', ')})`}`);
    }
    // strict includes everything recommended turns on.
    if (name === 'govern:strict') layers.push({ where: 'govern:recommended', settings: presets.recommended });
    layers.push({ where: name, settings: name === 'govern:strict' ? presets.strict : presets.recommended });
  }
  if (config.rules) layers.push({ where: `rules of ${source}`, settings: config.rules });
  const overrides = (config.overrides ?? []).map((override, index) => ({
    files: typeof override.files === 'string' ? [override.files] : override.files,
    where: `overrides[${index}] of ${source}`,
    settings: override.rules ?? {},
  }));

  const allSettings = [...layers, ...overrides];
  const parsed = new Map<Record<string, RuleSetting>, Map<string, { level: 0 | 1 | 2; options?: unknown[] }>>();
  const needsValidation: Array<{ id: string; options: unknown[]; where: string }> = [];
  for (const { where, settings } of allSettings) {
    const entries = new Map<string, { level: 0 | 1 | 2; options?: unknown[] }>();
    for (const [rawId, setting] of Object.entries(settings)) {
      const id = canonicalRuleId(rawId, rules);
      if (!id) throw new GovernError('config', `Unknown rule "${rawId}" in ${where}${didYouMean(rawId, ruleSpellings(rawId, rules))}`);
      const [level, ...options] = Array.isArray(setting) ? setting : [setting];
      const severity = levelOf(level);
      if (severity === undefined) {
        throw new GovernError('config', `Rule "${rawId}" in ${where}: level must be "off", "warn" or "error" (or 0, 1, 2), not ${JSON.stringify(level)}`);
      }
      if (Array.isArray(setting)) {
        entries.set(id, { level: severity, options });
        if (options.length > 0) needsValidation.push({ id, options, where });
      } else entries.set(id, { level: severity });
    }
    parsed.set(settings, entries);
  }
  if (needsValidation.length > 0) await validateOptions(needsValidation, rules);

  const apply = (into: Map<string, Entry>, settings: Record<string, RuleSetting>) => {
    for (const [id, { level, options }] of parsed.get(settings)!) {
      into.set(id, { severity: level, options: options ?? into.get(id)?.options ?? [] });
    }
  };
  const baseEntries = new Map<string, Entry>();
  for (const layer of layers) apply(baseEntries, layer.settings);
  const enabled = (entries: Map<string, Entry>) => {
    const out = new Map<string, ResolvedRule>();
    for (const [id, { severity, options }] of entries) if (severity !== 0) out.set(id, { severity, options });
    return out;
  };
  const base = enabled(baseEntries);

  const cache = new Map<string, Map<string, ResolvedRule>>();
  const forFile = (file: string): Map<string, ResolvedRule> => {
    // Asked once per document and per problem: without overrides there is nothing to match.
    if (overrides.length === 0) return base;
    const matching = overrides.map((o, index) => (matchesAny(file, o.files) ? index : -1)).filter((i) => i >= 0);
    const key = matching.join(',');
    let resolved = cache.get(key);
    if (!resolved) {
      if (matching.length === 0) resolved = base;
      else {
        const entries = new Map(baseEntries);
        for (const index of matching) apply(entries, overrides[index]!.settings);
        resolved = enabled(entries);
      }
      cache.set(key, resolved);
    }
    return resolved;
  };

  const overrideOnly = new Map<string, ResolvedRule>();
  for (const override of overrides) {
    for (const [id, { level, options }] of parsed.get(override.settings)!) {
      if (level !== 0 && !base.has(id) && !overrideOnly.has(id)) {
        overrideOnly.set(id, { severity: level, options: options ?? baseEntries.get(id)?.options ?? [] });
      }
    }
  }
  return { forFile, base, overrideOnly };
}

type Validator = (schema: JSONSchema) => (data: unknown) => string | undefined;
let validatorPromise: Promise<Validator> | undefined;

/** ajv costs more to load than most runs take: only configs that pass options pay for it. */
async function loadValidator(): Promise<Validator> {
  const { default: Ajv } = await import('ajv');
  const AjvClass = Ajv as unknown as typeof Ajv.default;
  // ESLint's settings: defaults filled in, unknown keywords and formats tolerated.
  const ajv = new AjvClass({ useDefaults: true, strict: false, validateSchema: false, allErrors: false });
  return (schema) => {
    const validate = ajv.compile(schema);
    return (data) => {
      if (validate(data)) return undefined;
      const error = validate.errors?.[0];
      if (!error) return 'options are invalid';
      const where = error.instancePath ? `options${error.instancePath.replace(/\/(\d+)/g, '[$1]').replace(/\//g, '.')}` : 'options';
      if (error.keyword === 'additionalProperties') return `${where} has unknown property "${String(error.params.additionalProperty)}"`;
      if (error.keyword === 'enum') {
        return `${where} must be one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      }
      return `${where} ${error.message ?? 'is invalid'}`;
    };
  };
}

/** ESLint's reading of `meta.schema`: an array lists one schema per option, at most that many options. */
export function optionsSchema(schema: JSONSchema | JSONSchema[]): JSONSchema {
  if (Array.isArray(schema)) return { type: 'array', items: schema, minItems: 0, maxItems: schema.length };
  return schema;
}

async function validateOptions(settings: Array<{ id: string; options: unknown[]; where: string }>, rules: Record<string, RuleModule>): Promise<void> {
  for (const { id, options, where } of settings) {
    const schema = rules[id]!.meta.schema;
    if (Array.isArray(schema) && schema.length === 0) {
      throw new GovernError('config', `Rule "${id}" in ${where} takes no options`);
    }
  }
  validatorPromise ??= loadValidator();
  const compile = await validatorPromise;
  const compiled = new Map<string, (data: unknown) => string | undefined>();
  for (const { id, options, where } of settings) {
    let validate = compiled.get(id);
    if (!validate) {
      try {
        validate = compile(optionsSchema(rules[id]!.meta.schema));
      } catch (error) {
        throw new GovernError('config', `Rule "${id}" has an invalid options schema (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
      }
      compiled.set(id, validate);
    }
    const problem = validate(options);
    if (problem) throw new GovernError('config', `Invalid options for rule "${id}" in ${where}: ${problem}`);
  }
}

/** Validates options given outside a config (RuleTester cases), with the same messages. */
export async function validateRuleOptions(id: string, rule: RuleModule, options: unknown[]): Promise<void> {
  if (options.length === 0) return;
  await validateOptions([{ id, options, where: 'test case' }], { [id]: rule });
}
