import { GovernError } from '../errors.js';
import type { RuleSetting } from '../model/config-types.js';
import type { LintPresets, RuleModule } from './types.js';

/** Presets in ESLint's shape, as `@govern/eslint-style-rules` exports them (`configs`). */
export interface PresetConfigs {
  recommended: { rules: Record<string, RuleSetting> };
  strict: { rules: Record<string, RuleSetting> };
}

/** The rules and presets a check runs with, once the defaults are filled in. */
export interface RuleSet {
  rules: Record<string, RuleModule>;
  presets: LintPresets;
}

/**
 * `govern:recommended`: rules with `docs.recommended: true`, problems as errors and the rest as
 * warnings. `govern:strict` adds the rules marked `'strict'`.
 */
export function presetsFromRules(rules: Record<string, RuleModule>): LintPresets {
  const recommended: Record<string, RuleSetting> = {};
  const strict: Record<string, RuleSetting> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const level = rule.meta.type === 'problem' ? 'error' : 'warn';
    const wanted = rule.meta.docs.recommended;
    if (wanted === true) recommended[id] = strict[id] = level;
    else if (wanted === 'strict') strict[id] = level;
  }
  return { recommended, strict };
}

function isPresetConfigs(presets: LintPresets | PresetConfigs): presets is PresetConfigs {
  const recommended: unknown = presets.recommended;
  return typeof recommended === 'object' && recommended !== null && 'rules' in recommended && typeof (recommended as { rules: unknown }).rules === 'object';
}

/** Presets given either as govern's `{ recommended: settings }` or as ESLint's `{ recommended: { rules: settings } }`. */
export function normalisePresets(presets: LintPresets | PresetConfigs): LintPresets {
  return isPresetConfigs(presets) ? { recommended: presets.recommended.rules, strict: presets.strict.rules } : presets;
}

// The rules live in their own package, which depends on this one: it is found by name when a caller
// gives no rules (an optional peer dependency, as ESLint finds plugins), so the packages import each
// other only at run time and only one way at build time.
const RULES_PACKAGE = '@govern/eslint-style-rules';
let defaultRules: Promise<Record<string, RuleModule>> | undefined;

/** govern's own rules, loaded once from `@govern/eslint-style-rules`; a GovernError when that package is not installed. */
export function defaultRuleSet(): Promise<Record<string, RuleModule>> {
  const missing = () => new GovernError('usage', `lint needs rules: install ${RULES_PACKAGE} next to @govern/core, or pass { rules }`);
  defaultRules ??= import(RULES_PACKAGE).then(
    (loaded: { rules?: Record<string, RuleModule> }) => {
      if (!loaded.rules) throw missing();
      return loaded.rules;
    },
    () => {
      defaultRules = undefined;
      throw missing();
    },
  );
  return defaultRules;
}

/** The rule set `options` name, with govern's rules and the presets their docs mark as defaults. */
export async function resolveRuleSet(options: { rules?: Record<string, RuleModule> | undefined; presets?: LintPresets | PresetConfigs | undefined }): Promise<RuleSet> {
  const rules = options.rules ?? (await defaultRuleSet());
  const presets = options.presets ? normalisePresets(options.presets) : presetsFromRules(rules);
  return { rules, presets };
}
