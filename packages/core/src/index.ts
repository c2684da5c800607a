export type * from './model/types.js';
export type * from './model/project.js';
export type * from './model/config-types.js';
export { GovernError, isGovernError } from './errors.js';
export { REPOSITORY_URL, CONFIG_SCHEMA_URL, andList, clip, closestName, didYouMean, docsUrl } from './text/messages.js';
export { buildProject, loadProject, readProjectFiles, type BuildProjectOptions, type LoadProjectOptions, type ProjectFiles } from './load/project.js';
export { loadConfig, validateConfig, hasConfigFile, CONFIG_FILES, type ImportModule, type LoadConfigOptions, type LoadedConfig } from './load/config.js';
export { discoverDocuments, type DiscoveredFile } from './load/discover.js';
export { DEFAULT_DOCUMENT_GLOBS, DOCUMENT_KINDS, KINDS, kindsForFile, readModels, type DocumentKindDefinition, type ModelName } from './kinds/index.js';
export { absoluteIn, repositoryPathOf } from './load/repo-path.js';
export { decodeDocument, readDocument, readFileBounded, refusalReason, detectLineEnding, MAX_DOCUMENT_BYTES, type DocumentText, type FileBytes, type LineEnding, type ReadLimits, type ReadRefusal } from './load/read.js';
export { positionOf, diagnostic } from './model/positions.js';
export { buildFeatures, productDefinesFeatures } from './model/identity/build-features.js';
export { createFeatureIndex, resolveReference } from './model/identity/feature-index.js';
export { referenceKeys, type ReferenceKeys, type IdToken } from './model/identity/reference-keys.js';
export { parseMarkdown, loadMarkdownParser, type MarkdownDocument, type MarkdownParser } from './parse/markdown.js';
export { plainText, slugify, splitAround } from './text/plain-text.js';
export { compareVersions, parseConstitution } from './parse/constitution.js';
export { parseProduct } from './parse/product.js';
export { parseSequence } from './parse/sequence.js';
export { parseAgents } from './parse/agents.js';
export { parseClaudeImports, followImports } from './parse/claude-imports.js';
export { parseSpecDocument } from './parse/spec.js';
export { parseTasks } from './parse/tasks.js';
export { alternativePaths, pathsInText } from './parse/named-paths.js';
export { classifySpecPath, assembleSpecs } from './parse/spec-paths.js';
export { parseState } from './parse/state.js';
export { parseHandoffs } from './parse/handoff.js';
export { parseReview, parseMarkdownReview, loadReviewValidator, extractReviewJson } from './parse/review.js';
export { normaliseStateWord } from './text/state-words.js';
export { featureStates, specStatusState, specTree, type FeatureStateReport, type StateEvidence, type StateBasis } from './query/states.js';
export { inspectProject, type InspectReport, type SourceRef } from './query/inspect.js';
export {
  nextFeature,
  planFeatures,
  dependencyCycles,
  describeOrder,
  type NextResult,
  type NextOptions,
  type NextStatus,
  type PlannedFeature,
  type PlannedDependency,
  type SkippedFeature,
  type SkipCode,
  type FeatureNote,
  type Escalation,
  type EscalationKind,
} from './query/next.js';
export {
  reviewLinks,
  featureReview,
  verdictClass,
  escalationRecorded,
  reviewCyclesStop,
  reviewNames,
  ordinal,
  REVIEW_CYCLE_LIMIT,
  type ReviewLink,
  type ReviewLinks,
  type ReviewLinkOptions,
  type ReviewTie,
  type UnattachedReview,
  type VerdictClass,
  type FeatureReview,
} from './query/reviews.js';
export { approvalPending, recordsApproval, specsAwaitingApproval, awaitingApprovalByFeature, statusValuePosition, type AwaitingApproval } from './query/spec-approval.js';
export { orderFeatures, sequenceKind, type FeatureOrder, type OrderSource, type OrderedFeature, type FeatureOrdering } from './query/order.js';
export { dependencyGraph, dependsOn } from './query/dependencies.js';
export { attemptsByFeature, breakerState, breakerTripped, CIRCUIT_BREAKER_FAILURES, type FeatureAttempt } from './query/attempts.js';
export {
  toNextJson,
  type NextJson,
  type NextJsonFeature,
  type NextJsonBrief,
  type JsonSource,
  type JsonSkipped,
  type JsonDependency,
  type JsonAttempt,
  type JsonFeatureReview,
  type JsonReviewItem,
  type JsonNote,
  type JsonEscalation,
} from './query/next-json.js';
export { projectStatus, toStatusJson, type StatusResult, type StatusSummary, type StatusJson, type StatusJsonFeature } from './query/status.js';
export type * from './lint/types.js';
export { check, type CheckOptions, type CheckOutcome } from './check.js';
export { serveAnalyses, BYTES_PER_WORKER } from './incremental/pool.js';
export { DEFAULT_CACHE_FILE } from './incremental/cache.js';
export { analyseDocument, isAnalysable, needsAnalysis, type AnalysisInput, type DocumentAnalysis } from './lint/analysis.js';
export { lint, lintFiles, lintText, lintInput, outputFixes, createResult, errorResults, type Analyse, type AnalysisJob, type LintOptions, type LintTextOptions } from './lint/engine.js';
export { defaultRuleSet, normalisePresets, presetsFromRules, resolveRuleSet, type PresetConfigs, type RuleSet } from './lint/rule-set.js';
export { resolveRuleConfig, optionsSchema, type ResolvedRule, type RuleConfig } from './lint/config.js';
export { PARSER_DIAGNOSTICS, isParserDiagnostic, parserDiagnosticsMeta } from './lint/parser-diagnostics.js';
export { collectDirectives, applyDirectives, type Directive, type DirectiveKind } from './lint/directives.js';
export { adaptLineEndings, applyFixes, writeFileAtomic, ruleFixer, MAX_FIX_PASSES, type WriteOutcome } from './lint/fixes.js';
export { matchesGlob, matchesAny, isTameGlob } from './text/glob.js';
export { isReadme, isSpecIndexReadme } from './text/document-names.js';
export { featureBrief, type BriefOptions, type FeatureBrief } from './query/brief.js';
export {
  draftHandoff,
  draftHandoffFromGit,
  evidenceCommand,
  agentCommands,
  changedDirs,
  notableFiles,
  type HandoffDraftInput,
  type ChangedFilesSource,
  type DraftDiff,
  type HandoffDraft,
} from './query/handoff-draft.js';
export { featureGraph, graphToMermaid, graphToDot, renderGraph, GRAPH_FORMATS, STATE_COLOURS, type FeatureGraph, type GraphNode, type GraphEdge, type GraphFormat } from './query/graph.js';
export { initTemplates, planInit, configTemplate, configSchemaRef, CONFIG_FILE, CONFIG_SCHEMA_REF, type InitFile, type InitPlan } from './init/templates.js';
export { checkInitPlan, planInitIn, writeInitPlan } from './init/write.js';
export { assertGitRef, createGitAccess } from './lint/git.js';
export type { FeatureJsonCore } from './query/next-json.js';
