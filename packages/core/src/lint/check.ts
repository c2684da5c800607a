import path from 'node:path';
import { loadProject, type LoadProjectOptions, type ProjectFiles } from '../load/project.js';
import { loadMarkdownParser } from '../parse/markdown.js';
import { analyseDocument, isAnalysable, needsAnalysis, type DocumentAnalysis } from './analysis.js';
import { LintCache, contentHash } from './cache.js';
import { resolveRuleConfig } from './config.js';
import type { ActiveDocumentRule } from './document-runner.js';
import { activeDocumentRules, lint, normaliseFile, type LintOptions } from './engine.js';
import type { LintResult } from './types.js';

export interface CheckProjectOptions extends LintOptions, Pick<LoadProjectOptions, 'home'> {
  /**
   * Keep results and per-document analyses in `file` between runs (`--cache`), for this `version`
   * of govern. Not used with `fix` (which must see every fix) or `diffBase` (git is an input too).
   */
  cache?: { file: string; version: string };
}

/** A document to analyse, with the rules enabled for it. */
interface PendingDocument {
  file: string;
  rules: ActiveDocumentRule[];
  key: string | undefined;
}

/**
 * Checks a repository from its files as `readProjectFiles` read them: each document is parsed once,
 * read into its models and checked by its document rules, then its tree is dropped; project rules
 * run over the model built from those models. With `cache`, a run where nothing changed replays the
 * last results, and otherwise only documents whose text or rules changed are parsed again.
 */
export async function checkProject(files: ProjectFiles, options: CheckProjectOptions): Promise<LintResult[]> {
  const loadOptions: LoadProjectOptions & { files: ProjectFiles } = { files };
  if (options.config) loadOptions.config = options.config;
  if (options.home !== undefined) loadOptions.home = options.home;
  if (options.fix) return lint(await loadProject(files.root, loadOptions), options);

  const cache = options.cache && options.diffBase === undefined ? await LintCache.open(options.cache.file, options.cache.version) : undefined;
  const settings = cache ? settingsKey(files, options, options.cache!.version) : '';
  const replayed = cache?.results(settings, files);
  if (replayed) return replayed;

  const config = options.config ?? files.config;
  const source = files.configFile ? path.relative(files.root, files.configFile) || files.configFile : 'config';
  const ruleConfig = await resolveRuleConfig(config, options.rules, options.presets, source);
  const only = options.files ? new Set(options.files.map(normaliseFile)) : undefined;

  const analyses = new Map<string, DocumentAnalysis>();
  const keyed = new Map<string, { key: string; analysis: DocumentAnalysis }>();
  const pending: PendingDocument[] = [];
  for (const doc of files.documents) {
    const text = files.texts.get(doc.file);
    if (!doc.parsed || !text || !isAnalysable(doc.file, doc.kinds)) continue;
    // A file outside `files` is read for the model only.
    const rules = only && !only.has(doc.file) ? [] : activeDocumentRules(ruleConfig.forFile(doc.file), options.rules, doc.kinds);
    if (!needsAnalysis({ file: doc.file, kinds: doc.kinds, text: text.text }, rules.length)) continue;
    const key = cache?.documentKey(
      files,
      doc.file,
      doc.kinds,
      rules.map((r) => [r.id, r.severity, r.options]),
    );
    const hit = key === undefined ? undefined : cache!.analysis(doc.file, key);
    if (hit) {
      analyses.set(doc.file, hit);
      keyed.set(doc.file, { key: key!, analysis: hit });
    } else pending.push({ file: doc.file, rules, key });
  }

  if (pending.length > 0) {
    const parser = await loadMarkdownParser();
    const documents = new Map(files.documents.map((d) => [d.file, d]));
    for (const { file, rules, key } of pending) {
      const doc = documents.get(file)!;
      const text = files.texts.get(file)!;
      const analysis = analyseDocument(parser, { file, kinds: doc.kinds, text: text.text, eol: doc.eol }, rules, {
        root: files.root,
        absolutePath: doc.absolutePath,
      });
      analyses.set(file, analysis);
      if (key !== undefined) keyed.set(file, { key, analysis });
    }
  }

  const project = await loadProject(files.root, { ...loadOptions, analyses });
  const results = await lint(project, { ...options, analyses });
  if (cache) await cache.save(settings, files, results, keyed);
  return results;
}

/** Everything besides the documents that decides the results; a change to any of it is a miss. */
function settingsKey(files: ProjectFiles, options: CheckProjectOptions, version: string): string {
  return contentHash(
    JSON.stringify({
      version,
      config: options.config ?? files.config,
      configFile: files.configFile ?? null,
      rules: Object.keys(options.rules).sort(),
      presets: options.presets,
      files: options.files ?? null,
      reportUnused: options.reportUnusedDisableDirectives ?? false,
    }),
  );
}
