import type { RuleModule, RuleSetting } from '@govern/core';

/** govern's rules in ESLint's rule shape. */
export const rules: Record<string, RuleModule> = {};

export interface PresetConfig {
  rules: Record<string, RuleSetting>;
}

/**
 * `govern:recommended`: rules with `docs.recommended: true`, problems as errors and the rest as
 * warnings. `govern:strict` adds the rules marked `'strict'`.
 */
function preset(includeStrict: boolean): PresetConfig {
  const settings: Record<string, RuleSetting> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const recommended = rule.meta.docs.recommended;
    if (recommended === true || (includeStrict && recommended === 'strict')) {
      settings[id] = rule.meta.type === 'problem' ? 'error' : 'warn';
    }
  }
  return { rules: settings };
}

export const configs: { recommended: PresetConfig; strict: PresetConfig } = {
  recommended: preset(false),
  strict: preset(true),
};
