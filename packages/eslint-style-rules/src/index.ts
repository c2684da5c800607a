import { presetsFromRules, type RuleModule, type RuleSetting } from '@govern/core';
import agentsTemplateFilled from './rules/agents-template-filled.js';
import blockedEscalation from './rules/blocked-escalation.js';
import changesOverlap from './rules/changes-overlap.js';
import circuitBreaker from './rules/circuit-breaker.js';
import claudeDuplicatesAgents from './rules/claude-duplicates-agents.js';
import claudeImportsAgents from './rules/claude-imports-agents.js';
import claudeImportsResolve from './rules/claude-imports-resolve.js';
import constitutionAmendment from './rules/constitution-amendment.js';
import constitutionValid from './rules/constitution-valid.js';
import dependencyValid from './rules/dependency-valid.js';
import handoffDiffScope from './rules/handoff-diff-scope.js';
import handoffEvidence from './rules/handoff-evidence.js';
import handoffEvidenceFresh from './rules/handoff-evidence-fresh.js';
import handoffFields from './rules/handoff-fields.js';
import handoffOwner from './rules/handoff-owner.js';
import handoffRollback from './rules/handoff-rollback.js';
import productFeatureComplete from './rules/product-feature-complete.js';
import reviewCycles from './rules/review-cycles.js';
import requirementRefsResolve from './rules/requirement-refs-resolve.js';
import reviewOutputValid from './rules/review-output-valid.js';
import sequenceKnownFeatures from './rules/sequence-known-features.js';
import specClarificationsResolved from './rules/spec-clarifications-resolved.js';
import specNumberUnique from './rules/spec-number-unique.js';
import specApproved from './rules/spec-approved.js';
import specScopeBlock from './rules/spec-scope-block.js';
import statusConsistent from './rules/status-consistent.js';
import tasksPhantomCompletion from './rules/tasks-phantom-completion.js';

/** govern's rules in ESLint's rule shape, by id. */
export const rules: Record<string, RuleModule> = {
  'agents-template-filled': agentsTemplateFilled,
  'blocked-escalation': blockedEscalation,
  'changes-overlap': changesOverlap,
  'circuit-breaker': circuitBreaker,
  'claude-duplicates-agents': claudeDuplicatesAgents,
  'claude-imports-agents': claudeImportsAgents,
  'claude-imports-resolve': claudeImportsResolve,
  'constitution-amendment': constitutionAmendment,
  'constitution-valid': constitutionValid,
  'dependency-valid': dependencyValid,
  'handoff-diff-scope': handoffDiffScope,
  'handoff-evidence': handoffEvidence,
  'handoff-evidence-fresh': handoffEvidenceFresh,
  'handoff-fields': handoffFields,
  'handoff-owner': handoffOwner,
  'handoff-rollback': handoffRollback,
  'product-feature-complete': productFeatureComplete,
  'review-cycles': reviewCycles,
  'requirement-refs-resolve': requirementRefsResolve,
  'review-output-valid': reviewOutputValid,
  'sequence-known-features': sequenceKnownFeatures,
  'spec-clarifications-resolved': specClarificationsResolved,
  'spec-number-unique': specNumberUnique,
  'spec-approved': specApproved,
  'spec-scope-block': specScopeBlock,
  'status-consistent': statusConsistent,
  'tasks-phantom-completion': tasksPhantomCompletion,
};

export interface PresetConfig {
  rules: Record<string, RuleSetting>;
}

/**
 * `govern:recommended`: rules with `docs.recommended: true`, problems as errors and the rest as
 * warnings. `govern:strict` adds the rules marked `'strict'` (core's `presetsFromRules`, in ESLint's shape).
 */
const presets = presetsFromRules(rules);

export const configs: { recommended: PresetConfig; strict: PresetConfig } = {
  recommended: { rules: presets.recommended },
  strict: { rules: presets.strict },
};

export { rulesTable, withRulesTable } from './rules-table.js';
export { createDocumentRule, createProjectRule, ruleDocsUrl } from './utils/create-rule.js';
export { configSchemaWithRules, schemaText } from './config-schema.js';

/** The presets a config's `extends` names: `govern:recommended`, `govern:strict`. */
export const presetNames: readonly string[] = Object.keys(configs).map((name) => `govern:${name}`);
