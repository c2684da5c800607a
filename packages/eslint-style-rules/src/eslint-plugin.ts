import { createRequire } from 'node:module';
import path from 'node:path';
import type { Root, Yaml } from 'mdast';
import {
  adaptLineEndings,
  detectLineEnding,
  kindsForFile,
  loadMarkdownParser,
  readModels,
  type DocumentKind,
  type DocumentModels,
  type DocumentReportDescriptor,
  type DocumentRuleContext,
  type DocumentRuleModule,
  type DocumentVisitors,
  type Fix,
  type FixFunction,
  type GovernConfig,
  type LineEnding,
  type MarkdownDocument,
  type RuleFixer,
  type RuleMeta,
  type RuleModule,
} from '@govern/core';
import { rules as governRules } from './index.js';

/**
 * ESLint's rule context as the wrapper uses it: the part govern's rules read, with ESLint's own
 * `settings` (where `settings.govern.documents` may override which files are which kind).
 */
interface EslintRuleContext {
  id: string;
  options: unknown[];
  filename: string;
  physicalFilename?: string;
  cwd: string;
  sourceCode: DocumentRuleContext['sourceCode'];
  settings?: Record<string, unknown>;
  report(descriptor: DocumentReportDescriptor): void;
}

/** A rule in the form ESLint loads. */
export interface EslintRule {
  meta: RuleMeta;
  create(context: EslintRuleContext): DocumentVisitors;
}

export type EslintRuleLevel = 'off' | 'warn' | 'error';

/** A flat config object, as `eslint.config.js` exports them. */
export interface EslintFlatConfig {
  name: string;
  files: string[];
  plugins: Record<string, EslintPlugin>;
  language: string;
  languageOptions: { frontmatter: 'yaml' };
  rules: Record<string, EslintRuleLevel>;
}

export interface EslintPlugin {
  meta: { name: string; version: string };
  rules: Record<string, EslintRule>;
  configs: { recommended: EslintFlatConfig; strict: EslintFlatConfig };
}

const { name: PACKAGE_NAME, version: PACKAGE_VERSION } = createRequire(import.meta.url)('../package.json') as { name: string; version: string };

/** The namespace the rules live under in an ESLint config: `govern/<rule id>`. */
export const PLUGIN_NAMESPACE = 'govern';

// Front matter is read with govern's own YAML settings, so rules see the same `document.frontmatter` in both tools.
const markdownParser = await loadMarkdownParser();

function isDocumentRule(rule: RuleModule): rule is DocumentRuleModule {
  return (rule.meta.govern?.scope ?? 'document') === 'document';
}

function repositoryPath(cwd: string, filename: string): string {
  return path.relative(cwd, filename).split(path.sep).join('/');
}

function frontmatterOf(tree: Root, text: string, file: string): Pick<MarkdownDocument, 'frontmatter' | 'frontmatterNode'> {
  const first = tree.children[0];
  if (first?.type !== 'yaml') return {};
  const node: Yaml = first;
  const block = text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  const { frontmatter } = markdownParser.parse(file, `${block}\n`).document;
  return frontmatter ? { frontmatter, frontmatterNode: node } : { frontmatterNode: node };
}

/**
 * The models govern reads from a document (its state file, spec, …), which its rules read from their
 * context. govern's run hands over the ones it read; under ESLint they are read here from the source,
 * once per file however many of the rules run on it.
 */
const modelsByTree = new WeakMap<Root, DocumentModels>();
function modelsOf(document: MarkdownDocument, kinds: readonly DocumentKind[]): DocumentModels {
  let models = modelsByTree.get(document.tree);
  if (!models) modelsByTree.set(document.tree, (models = readModels(document, kinds).models));
  return models;
}

/** govern writes `\n` in a fix as the file's line ending; ESLint inserts text as given. */
function eolFix(fix: FixFunction, eol: LineEnding): (fixer: RuleFixer) => Fix[] | null {
  return (fixer) => {
    const result = fix(fixer);
    if (!result) return null;
    const fixes: Fix[] = Symbol.iterator in result ? [...result] : [result];
    return fixes.map((f) => adaptLineEndings(f, eol));
  };
}

/**
 * Runs one of govern's document rules inside ESLint: only on the files govern would give it (its
 * `meta.govern.kinds`, by govern's default document globs or `settings.govern.documents`), with the
 * `document`, `models` and `settings.govern` govern passes, and fixes keeping CRLF line endings. Positions need
 * no translation: @eslint/markdown counts lines and columns from 1, as mdast and govern do.
 */
function toEslintRule(rule: DocumentRuleModule): EslintRule {
  return {
    meta: rule.meta,
    create(context) {
      const file = repositoryPath(context.cwd, context.filename);
      const documents = (context.settings?.[PLUGIN_NAMESPACE] as { documents?: GovernConfig['documents'] } | undefined)?.documents;
      const kinds: DocumentKind[] = kindsForFile(file, documents ? { documents } : {});
      const wanted = rule.meta.govern?.kinds;
      if (wanted && !wanted.some((kind) => kinds.includes(kind))) return {};

      const { sourceCode } = context;
      const eol = detectLineEnding(sourceCode.text);
      const keepsEol = eol === 'crlf' || eol === 'cr';
      const document: MarkdownDocument = { file, text: sourceCode.text, tree: sourceCode.ast, ...frontmatterOf(sourceCode.ast, sourceCode.text, file) };
      const governContext = Object.create(context, {
        physicalFilename: { value: context.physicalFilename ?? context.filename },
        settings: { value: { ...context.settings, govern: { root: context.cwd, file, kinds } } },
        document: { value: document },
        models: { value: modelsOf(document, kinds) },
        report: {
          value(descriptor: DocumentReportDescriptor) {
            context.report(keepsEol && descriptor.fix ? { ...descriptor, fix: eolFix(descriptor.fix, eol) } : descriptor);
          },
        },
      }) as DocumentRuleContext;
      return rule.create(governContext);
    },
  };
}

function levelsFor(rules: Record<string, RuleModule>, includeStrict: boolean): Record<string, EslintRuleLevel> {
  const levels: Record<string, EslintRuleLevel> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const recommended = rule.meta.docs.recommended;
    if (recommended === true || (includeStrict && recommended === 'strict')) {
      levels[`${PLUGIN_NAMESPACE}/${id}`] = rule.meta.type === 'problem' ? 'error' : 'warn';
    }
  }
  return levels;
}

/**
 * The ESLint plugin for a set of govern rules. Project rules (cross-file checks) are left out: they
 * need the whole repository, which ESLint does not give a rule; `govern check` runs them.
 */
export function createEslintPlugin(rules: Record<string, RuleModule>): EslintPlugin {
  const documentRules: Record<string, DocumentRuleModule> = {};
  for (const [id, rule] of Object.entries(rules)) if (isDocumentRule(rule)) documentRules[id] = rule;

  const plugin: EslintPlugin = {
    meta: { name: PACKAGE_NAME, version: PACKAGE_VERSION },
    rules: Object.fromEntries(Object.entries(documentRules).map(([id, rule]) => [id, toEslintRule(rule)])),
    configs: {} as EslintPlugin['configs'],
  };
  const config = (name: string, includeStrict: boolean): EslintFlatConfig => ({
    name: `govern/${name}`,
    files: ['**/*.md'],
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    language: 'markdown/gfm',
    languageOptions: { frontmatter: 'yaml' },
    rules: levelsFor(documentRules, includeStrict),
  });
  plugin.configs.recommended = config('recommended', false);
  plugin.configs.strict = config('strict', true);
  return plugin;
}

const plugin: EslintPlugin = createEslintPlugin(governRules);
export default plugin;
